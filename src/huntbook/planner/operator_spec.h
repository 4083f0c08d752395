// Specifications of the plan operators that need a whole row set at once: window
// functions (serialize, row_number, prev, ...), make-series, top-nested, sample, scan and
// the per-group subqueries of mv-apply and partition. PlanNode::spec points at one of these
// (by PlanKind: kWindow -> WindowSpec, kMakeSeries -> MakeSeriesSpec, kTopNested ->
// TopNestedSpec, kSample -> SampleSpec, kApply -> ApplySpec, kIpLookup -> IpLookupSpec,
// kBasket -> BasketSpec, kScanOperator -> ScanOperatorSpec). Specs are immutable once
// bound; expressions in them are bound over children[0]'s schema unless noted.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "huntbook/common/status.h"
#include "huntbook/planner/logical_plan.h"

namespace huntbook::planner {

struct OperatorSpec {
  virtual ~OperatorSpec() = default;
};

// https://learn.microsoft.com/kusto/query/window-functions
enum class WindowFunction : uint8_t {
  kRowNumber,         // row_number([start [, restart]])
  kPrev,              // prev(column [, offset [, default]])
  kNext,              // next(column [, offset [, default]])
  kRowCumsum,         // row_cumsum(term [, restart])
  kRowWindowSession,  // row_window_session(expr, max_from_first, max_between [, restart])
  kRowRankDense,      // row_rank_dense(term [, restart])
  kRowRankMin,        // row_rank_min(term [, restart])
};

struct WindowCall {
  WindowFunction function = WindowFunction::kRowNumber;
  // Bound over children[0]'s schema followed by the columns of the earlier calls.
  std::vector<BoundExprPtr> args;
  TypeKind type = TypeKind::kLong;
};

// Output: children[0]'s columns, then one column per call. No calls = `serialize`.
struct WindowSpec : OperatorSpec {
  std::vector<WindowCall> calls;
};

// https://learn.microsoft.com/kusto/query/make-series-operator
// children[0] is a summarize whose output is: key_count group keys, the bin start of the
// axis value, then one column per aggregate. Output: the keys, one dynamic array per
// aggregate, then the axis array.
struct MakeSeriesSpec : OperatorSpec {
  size_t key_count = 0;
  int bin_column = -1;
  std::vector<int> aggregate_columns;
  std::vector<Value> defaults;  // per aggregate, the value of bins without rows
  Value from, to, step;         // from/to null: taken from the data (all series share it)
  bool to_inclusive = false;    // legacy `in range(start, stop, step)`
  TypeKind axis_type = TypeKind::kDateTime;
  bool nonempty = false;  // kind=nonempty: empty input still gives one row
};

// https://learn.microsoft.com/kusto/query/top-nested-operator
struct TopNestedLevel {
  int64_t count = -1;  // -1: all values
  BoundExprPtr of;
  AggregateSpec aggregate;  // one output, over children[0]'s schema
  bool ascending = false;
  bool has_others = false;
  Value others;  // `with others = value`: the `of` value of the row for the rest
};

// Output: per level, the `of` column and the aggregate column.
struct TopNestedSpec : OperatorSpec {
  std::vector<TopNestedLevel> levels;
};

// https://learn.microsoft.com/kusto/query/sample-operator
// https://learn.microsoft.com/kusto/query/sample-distinct-operator
struct SampleSpec : OperatorSpec {
  int64_t count = 0;
  BoundExprPtr distinct_of;  // sample-distinct: output is this one column
};

// mv-apply (https://learn.microsoft.com/kusto/query/mv-apply-operator) and partition
// (https://learn.microsoft.com/kusto/query/partition-operator): children[1] is a plan
// whose kApplyInput leaf yields each group's rows.
struct ApplySpec : OperatorSpec {
  enum class Mode : uint8_t { kMvApply, kPartition } mode = Mode::kMvApply;
  // kMvApply: each input row is a group; children[1] (whose kApplyInput leaf yields that
  // one row) starts with the mv-expand of the row's arrays (zipped, typed, item index,
  // limit) and ends with the subquery. Output: for every subquery row, the input columns
  // listed in `kept` (from the group's row), then the subquery's columns.
  std::vector<int> kept;
  // kPartition: groups are the input rows with equal values in column `partition_column`
  // (nulls form one group); children[1] runs once per group and the output is the union
  // of its results (its schema, no input column added back). More than `max_partitions`
  // groups (0 = no limit; 64 for the legacy strategy) fail the query.
  int partition_column = -1;
  int64_t max_partitions = 0;
  SourcePosition position;  // the partition operator's, for the limit error
};

// "the legacy approach is limited to 64 partitions" (partition-operator, Legacy strategy):
// a key column with more distinct values fails the query.
inline constexpr int64_t kLegacyPartitionLimit = 64;

// The error for a legacy-strategy partition whose key column `column` has more than
// kLegacyPartitionLimit distinct values (raised by the binder or exec, whichever counts).
inline Status PartitionLimitError(const std::string& column, SourcePosition position) {
  return Status(StatusCode::kResourceExhausted,
                "partition: column '" + column +
                    "' has more than 64 distinct values, the limit of the legacy strategy (the "
                    "default); use hint.strategy=native or hint.strategy=shuffle",
                position);
}

// evaluate ipv4_lookup / ipv6_lookup
// (https://learn.microsoft.com/kusto/query/ipv4-lookup-plugin,
// https://learn.microsoft.com/kusto/query/ipv6-lookup-plugin): children[1] is the lookup
// table. An input row matches every lookup row whose range (CIDR text in `lookup_key`)
// holds the address in `source_key` (masked by its own prefix, if written with one) and
// whose `extra_keys` equal the input's. Output: children[0]'s columns, then children[1]'s
// columns listed in `lookup_columns`; one row per match, plus (return_unmatched) one row
// with null lookup columns per input row without a match.
struct IpLookupSpec : OperatorSpec {
  bool ipv6 = false;
  int source_key = -1;                          // string column of children[0]
  int lookup_key = -1;                          // string column of children[1]
  std::vector<std::pair<int, int>> extra_keys;  // (children[0] column, children[1] column)
  std::vector<int> lookup_columns;
  bool return_unmatched = false;
};

// evaluate basket (https://learn.microsoft.com/kusto/query/basket-plugin): the closed
// frequent patterns of children[0]'s rows. A pattern fixes the values of 1..max_dimensions
// attribute columns; its Count is the total weight of the rows holding those values, and it
// is reported when Count / total weight >= threshold and no pattern with one more fixed
// column has the same Count. Output: SegmentId, Count, Percent, then children[0]'s columns
// (each a fixed value or its type's wildcard).
struct BasketSpec : OperatorSpec {
  double threshold = 0.05;
  int weight_column = -1;  // -1: every row weighs 1
  int64_t max_dimensions = 5;
  std::vector<bool> attributes;  // per children[0] column: may be fixed by a pattern
  std::vector<Value> wildcards;  // per children[0] column: the value of "any"
};

// https://learn.microsoft.com/kusto/query/scan-operator ("Scan logic").
// A step's state row is one input record extended by the declared columns (the "record
// schema": children[0]'s columns, then the declared ones). Step expressions are bound over
// the evaluation schema: the record schema of the record being matched (its declared
// columns hold their defaults, as before the step's assignments), then one column per
// entry of state_refs.
struct ScanStateRef {
  int step = 0;    // the step whose row of the state is read (`StepName.Column`)
  int column = 0;  // index into the record schema
};

struct ScanStep {
  enum class Output : uint8_t { kAll, kLast, kNone };
  Output output = Output::kAll;
  BoundExprPtr condition;  // bool
  // (declared column index, value of the declared column's type), in the written order.
  std::vector<std::pair<int, BoundExprPtr>> assignments;
};

// Output: children[0]'s columns, the declared columns, then the long match id column when
// with_match_id is set.
struct ScanOperatorSpec : OperatorSpec {
  std::vector<Value> defaults;  // per declared column, typed
  std::vector<ScanStateRef> state_refs;
  std::vector<ScanStep> steps;
  bool with_match_id = false;
};

}  // namespace huntbook::planner
