// sample: up to N rows picked at random (kept in input order); sample-distinct: up to N
// distinct values of one expression.
// https://learn.microsoft.com/kusto/query/sample-operator
// https://learn.microsoft.com/kusto/query/sample-distinct-operator
#include <algorithm>
#include <numeric>
#include <random>
#include <unordered_set>

#include "huntbook/exec/chunks.h"
#include "huntbook/expression/evaluator.h"
#include "huntbook/planner/operator_spec.h"

namespace huntbook::exec {

Result<Chunks> Runner::Sample(const planner::PlanNode& node, Chunks input) {
  const auto& spec = static_cast<const planner::SampleSpec&>(*node.spec);
  Table table = Concatenate(input, node.children[0]->schema);
  size_t count = static_cast<size_t>(spec.count);
  if (!spec.distinct_of) {
    if (table.rows <= count) return Chunks{std::move(table)};
    std::vector<uint32_t> rows(table.rows);
    std::iota(rows.begin(), rows.end(), 0u);
    std::mt19937_64 random(std::random_device{}());
    for (size_t i = 0; i < count; ++i) {
      std::uniform_int_distribution<size_t> pick(i, rows.size() - 1);
      std::swap(rows[i], rows[pick(random)]);
    }
    rows.resize(count);
    std::sort(rows.begin(), rows.end());
    Table out = TakeRows(table, rows);
    out.schema = node.schema;
    return Chunks{std::move(out)};
  }
  ASSIGN_OR_RETURN(ColumnPtr values,
                   expression::Evaluate(*spec.distinct_of, table, options_.context));
  auto column = std::make_shared<Column>(node.schema[0].type);
  std::unordered_set<std::string> seen;
  for (size_t i = 0; i < table.rows && column->size() < count; ++i) {
    std::string key;
    AppendRowKey({values}, i, &key);
    if (seen.insert(key).second) column->AppendFrom(*values, At(*values, i));
  }
  Table out;
  out.schema = node.schema;
  out.rows = column->size();
  out.columns.push_back(column);
  return Chunks{std::move(out)};
}

}  // namespace huntbook::exec
