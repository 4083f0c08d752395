// The logical plan: a tree of PlanNodes, each with its output schema. The binder builds it;
// rewrites (time pruning, term-index pushdown) annotate it; exec/ runs it.
//
// Execution model (see exec/executor.h): a node's result is a list of chunks (one per
// extent for scans). Streaming nodes (kFilter, kProject, kMvExpand) run per chunk on all
// cores — the per-extent part of the plan; blocking nodes (kSummarize, kSort, kTop, kTake,
// kJoin, kUnion) merge chunks — the merge part. kSummarize splits into per-chunk partial
// aggregation and a merge of partial states, as Kusto does.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "huntbook/expression/bound_expr.h"
#include "huntbook/functions/aggregate_function.h"
#include "huntbook/vector/column.h"

namespace huntbook::storage {
struct TableSnapshot;
}

namespace re2 {
class RE2;
}

namespace huntbook::planner {

struct OperatorSpec;  // operator_spec.h

using expression::BoundExpr;
using expression::BoundExprPtr;

struct PlanNode;
using PlanPtr = std::shared_ptr<PlanNode>;

enum class PlanKind : uint8_t {
  kScan,          // a stored table: snapshot
  kValues,        // a constant table: values (print, datatable)
  kRange,         // range column from start to stop step step (constants)
  kFilter,        // children[0] where predicate
  kProject,       // children[0] -> outputs (name = expr over the child's schema)
  kSummarize,     // group by keys, aggregates
  kSort,          // sort keys (all rows)
  kTop,           // first `limit` rows by sort keys
  kTake,          // any `limit` rows
  kJoin,          // children[0] (left) join children[1] (right) on key pairs
  kUnion,         // children..., column sets merged by name (outer)
  kMvExpand,      // expand dynamic arrays/bags in columns
  kParse,         // parse / parse-where: regex captures of a string appended as columns
  kExternalData,  // externaldata: rows read from local files at execution (external_*)
  // Operators of operator_spec.h (serialize, window functions, make-series, top-nested,
  // sample, mv-apply, partition, the ipv4_lookup/ipv6_lookup and basket plugins, scan):
  kWindow,      // children[0] + one column per window function, over the serialized rows
  kMakeSeries,  // children[0] = summarize by keys + bin: one dynamic array per aggregate
  kTopNested,   // top-nested levels over children[0]
  kSample,      // sample N rows / sample-distinct N values
  kApply,       // children[1] runs once per row group of children[0] (mv-apply, partition)
  kApplyInput,  // the leaf of kApply's children[1]: the rows of the current group
  kIpLookup,    // children[0] rows matched to children[1]'s IP ranges (evaluate ipv4_lookup)
  kBasket,      // frequent patterns of children[0]'s columns (evaluate basket)
  // The KQL `scan` operator: steps matched over the serialized rows of children[0] (a
  // stored table's rows come from kScan).
  kScanOperator,
};

struct SortSpec {
  BoundExprPtr expr;
  bool ascending = false;    // KQL default: descending
  bool nulls_first = false;  // KQL default: asc -> nulls first, desc -> nulls last
};

struct AggregateSpec {
  const functions::AggregateFunction* function = nullptr;
  std::vector<BoundExprPtr> args;
  std::vector<TypeKind> arg_types;
  size_t first_output = 0;  // index of its first output column in the node's schema
  size_t output_count = 1;
  // Legacy aliases such as makeset cap their size; already folded into args.
};

enum class JoinKind : uint8_t {
  kInnerUnique,
  kInner,
  kLeftOuter,
  kRightOuter,
  kFullOuter,
  kLeftSemi,
  kRightSemi,
  kLeftAnti,
  kRightAnti,
};

struct MvExpandSpec {
  int column = -1;                        // input column to expand
  TypeKind to_type = TypeKind::kDynamic;  // `to typeof(T)`: cast of each element
};

// parse / parse-where (https://learn.microsoft.com/kusto/query/parse-operator): the
// pattern compiled once, at bind time, to one RE2 regex whose group named
// ParseGroupName(i) fills parse_captures[i] (named, so groups written inside regex pieces
// do not shift it).
enum class ParseKind : uint8_t { kSimple, kRegex, kRelaxed };

// The regex group name of capture i ("hb_capture0", ...).
inline std::string ParseGroupName(size_t index) { return "hb_capture" + std::to_string(index); }

struct ParseCapture {
  std::string name;
  TypeKind type = TypeKind::kString;
  int group = 0;  // its group number in parse_regex
};

struct PlanNode {
  PlanKind kind;
  // kWindow, kMakeSeries, kTopNested, kSample, kApply, kIpLookup, kBasket, kScanOperator:
  // see operator_spec.h.
  std::shared_ptr<const OperatorSpec> spec;
  std::vector<ColumnSchema> schema;  // output
  std::vector<PlanPtr> children;

  // kScan
  std::shared_ptr<const storage::TableSnapshot> snapshot;
  std::string table_name;
  std::vector<int> scan_columns;  // snapshot schema indexes to read, in output order
  // Filled by column pruning: scan_read[i] false = column i is never used above the scan
  // and is produced as a constant null instead of being decoded. Empty = read all.
  std::vector<bool> scan_read;
  // kScan pushdowns filled by planner rewrites: rows must satisfy these to be candidates.
  std::vector<std::pair<std::string, std::string>> required_terms;  // column, term
  struct TimeBound {
    std::string column;
    int64_t min;
    int64_t max;
  };
  std::vector<TimeBound> time_bounds;

  // kValues
  std::shared_ptr<const Table> values;
  // kRange
  Value range_start, range_stop, range_step;

  // kFilter
  BoundExprPtr predicate;
  // kProject: outputs[i] computes schema[i]
  std::vector<BoundExprPtr> outputs;
  // kSummarize: schema = keys then aggregate outputs
  std::vector<BoundExprPtr> keys;
  std::vector<AggregateSpec> aggregates;
  // kSort / kTop
  std::vector<SortSpec> sort_keys;
  // kTop / kTake
  int64_t limit = 0;
  // kJoin: left_keys[i] == right_keys[i] (column indexes into each child's schema)
  JoinKind join_kind = JoinKind::kInnerUnique;
  std::vector<int> left_keys, right_keys;
  // kUnion: per child, for each output column, the child column index or -1 (null)
  std::vector<std::vector<int>> union_mapping;
  std::string union_source_column;  // withsource=; empty when none
  std::vector<std::string> union_source_names;
  // kMvExpand
  std::vector<MvExpandSpec> expansions;
  int64_t expand_limit = -1;  // rows per input row; -1 = none
  bool bag_as_array = false;  // kind=array: a bag expands to [key, value] arrays
  // with_itemindex=Name: a long column (the element index) is appended as the last column.
  bool with_item_index = false;
  // kParse: schema = the child's columns that no capture replaces (in order), then the
  // captures; parse_keep[i] is the child column of schema[i] for those kept columns.
  BoundExprPtr parse_source;
  std::shared_ptr<const re2::RE2> parse_regex;  // flags folded in as (?flags); thread-safe
  ParseKind parse_kind = ParseKind::kSimple;
  bool parse_drop_failed = false;  // parse-where
  std::vector<ParseCapture> parse_captures;
  std::vector<int> parse_keep;
  // kExternalData (https://learn.microsoft.com/kusto/query/externaldata-operator): the
  // declared schema read from each path in turn; format "csv", "tsv", "json",
  // "multijson", "txt"/"raw", or "" = by file extension (csv by default).
  std::vector<std::string> external_paths;
  std::string external_format;
  bool external_ignore_first_record = false;
};

// Indented one-line-per-node description for EXPLAIN-style tests and debugging.
std::string DescribePlan(const PlanNode& root);

}  // namespace huntbook::planner
