// The aggregate function catalogue (summarize): count, countif, sum, sumif, avg, min, max,
// dcount, make_set, make_list, arg_max, arg_min, take_any, ...
//
// Aggregates keep mergeable partial states, as Kusto does: the plan runs an Aggregator per
// extent (per thread) and merges the partial states, so the same plan can later run shard
// by shard. An Aggregator holds the state of one aggregate call for all groups of one
// summarize; group ids are dense 0..groups-1.
//
// Null rules (https://learn.microsoft.com/kusto/query/aggregation-functions): aggregates skip
// null inputs; count() counts rows; with no groups at all (empty input, no `by`) the caller
// asks for Finalize over 1 group that received no rows, which must give Kusto's defaults
// (count 0, sum 0, dcount 0, min/max null, avg NaN? -> see each function, make_set []).
// Verified (https://learn.microsoft.com/kusto/query/summarize-operator, "Default values of
// aggregations"): count, countif, dcount(if), count_distinct, sum(if), stdev, variance -> 0;
// make_set/make_list/make_bag(_if) -> []/{}; avg -> NaN (the page's example: "dividing by
// 0"); all others (min, max, arg_max, take_any, ...) -> null. A group whose values are all
// null gives the same results as one without rows.
//
// Constant arguments (dcount accuracy, make_set maxSize) are read from the argument column
// at Update (size-1 constant columns); a bad value is an InvalidArgument from Update.
// Aggregators are not thread-safe; use one per thread and Merge them.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/common/status.h"
#include "huntbook/types/type.h"
#include "huntbook/vector/column.h"

namespace huntbook::functions {

class Aggregator {
 public:
  virtual ~Aggregator() = default;
  // Makes room for `groups` groups (new groups start empty). Groups only grow.
  virtual void Resize(size_t groups) = 0;
  // Folds `rows` rows into their groups: row i goes to group group_ids[i]. `args` are the
  // evaluated argument columns (size `rows`, or size 1 = constant).
  virtual Status Update(std::span<const ColumnPtr> args, const uint32_t* group_ids,
                        size_t rows) = 0;
  // Merges another partial state of the same function and argument types: other's group g
  // folds into this group group_map[g]. REQUIRES: Resize covers all targets.
  virtual Status Merge(const Aggregator& other, const uint32_t* group_map) = 0;
  // One value per group, for each output column (most aggregates have one; arg_max(x, *)
  // has one per column).
  virtual Result<std::vector<ColumnPtr>> Finalize() = 0;
};

struct AggregateSignature {
  // Output columns: types, and name suffixes appended to the default column name where
  // the function produces several (arg_max(x, a, b) -> "max_x", "a", "b").
  std::vector<TypeKind> output_types;
};

struct AggregateFunction {
  std::string name;  // "count", "dcount", "arg_max", ...
  std::string doc_url;
  int min_args = 0;
  int max_args = 0;  // -1 = variadic
  // Result type(s) for the argument types, or a SemanticError naming the problem.
  std::function<Result<AggregateSignature>(std::span<const TypeKind> arg_types)> bind;
  // A fresh, empty state for these argument types (after bind succeeded).
  std::function<std::unique_ptr<Aggregator>(std::span<const TypeKind> arg_types)> create;
  // Kusto's default output column name prefix: "count_" for count(), "sum_" + column for
  // sum(Col), "dcount_" + column, "set_" for make_set, "list_" for make_list, "max_" for
  // arg_max, "any_" for take_any, "countif_", "sumif_"... (see each function's page).
  // The engine appends the first argument's name when it is a plain column. An empty
  // prefix (arg_max, arg_min, take_any, take_anyif) means the output columns are named
  // after the argument columns themselves, as in the docs' example
  // arg_max(BeginLat, BeginLocation) -> BeginLat, BeginLocation; the deprecated aliases
  // (argmax "max_", argmin "min_", any "any_") keep a prefix. arg_max/arg_min outputs are
  // [maximized expression, returned arguments...]; the analyzer expands `*` to columns.
  std::string default_name_prefix;
  // Optional: the default names of all outputs, for functions whose names depend on their
  // constant arguments (percentiles(x, 5, 99.9) -> percentile_x_5, percentile_x_99_9).
  // arg_names[i] is argument i's derived name (a column's name, else ""); fragments[i] is
  // a literal argument's value as a name fragment ("5", "99_9"), else "". Explicit names in
  // the query still win.
  std::function<std::vector<std::string>(std::span<const std::string> arg_names,
                                         std::span<const std::string> fragments)>
      default_names = {};
};

// nullptr when unknown. Names are KQL's (case-sensitive), incl. legacy aliases
// ("makeset", "makelist", "any", "argmax"?) where they exist.
const AggregateFunction* FindAggregateFunction(std::string_view name);
std::vector<std::string> AggregateFunctionNames();
void RegisterAllAggregateFunctions();  // idempotent, thread-safe

}  // namespace huntbook::functions
