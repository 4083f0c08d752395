// top-nested: at each level, the rows of the parent group are grouped by the level's
// value, aggregated, and the top N groups by the aggregate are kept (the rest folded into
// one `with others` group when asked); the next level refines each kept group.
// https://learn.microsoft.com/kusto/query/top-nested-operator
#include <algorithm>
#include <unordered_map>

#include "huntbook/exec/chunks.h"
#include "huntbook/expression/evaluator.h"
#include "huntbook/planner/operator_spec.h"

namespace huntbook::exec {

namespace {

using planner::TopNestedLevel;

struct LevelData {
  ColumnPtr of;
  std::vector<ColumnPtr> args;
};

// a < b for the aggregate values (nulls lowest).
bool Less(const Column& c, size_t a, size_t b) {
  if (c.IsNull(b)) return false;
  if (c.IsNull(a)) return true;
  TypeKind t = c.type();
  if (IsIntegerStored(t)) return c.GetInt(a) < c.GetInt(b);
  if (IsRealStored(t)) return c.GetReal(a) < c.GetReal(b);
  if (IsStringStored(t)) return c.GetString(a) < c.GetString(b);
  return false;
}

struct Output {
  std::vector<std::shared_ptr<Column>> columns;
};

Status Descend(const std::vector<TopNestedLevel>& levels, const std::vector<LevelData>& data,
               size_t depth, const std::vector<uint32_t>& rows,
               std::vector<std::pair<const Column*, size_t>>& prefix, Output& out) {
  const TopNestedLevel& level = levels[depth];
  const LevelData& d = data[depth];
  // Groups of this level, in order of first appearance.
  std::unordered_map<std::string, uint32_t> ids;
  std::vector<uint32_t> group_of(rows.size());
  std::vector<std::vector<uint32_t>> members;
  for (size_t i = 0; i < rows.size(); ++i) {
    std::string key;
    AppendRowKey({d.of}, rows[i], &key);
    auto [it, inserted] = ids.try_emplace(key, static_cast<uint32_t>(members.size()));
    if (inserted) members.emplace_back();
    members[it->second].push_back(rows[i]);
    group_of[i] = it->second;
  }
  if (members.empty()) return Status::OK();
  std::vector<ColumnPtr> args;
  for (const ColumnPtr& arg : d.args) args.push_back(arg->size() == 1 ? arg : arg->Take(rows));
  auto aggregator = level.aggregate.function->create(level.aggregate.arg_types);
  aggregator->Resize(members.size());
  RETURN_IF_ERROR(aggregator->Update(args, group_of.data(), rows.size()));
  ASSIGN_OR_RETURN(std::vector<ColumnPtr> finals, aggregator->Finalize());
  const Column& values = *finals[0];
  std::vector<size_t> order(members.size());
  for (size_t g = 0; g < order.size(); ++g) order[g] = g;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return level.ascending ? Less(values, a, b) : Less(values, b, a);
  });
  size_t keep =
      level.count < 0 ? order.size() : std::min(order.size(), static_cast<size_t>(level.count));
  auto emit = [&](const Column* of_column, size_t of_row, const Column& aggregate,
                  size_t aggregate_row, const std::vector<uint32_t>& group_rows) -> Status {
    prefix.push_back({of_column, of_row});
    prefix.push_back({&aggregate, aggregate_row});
    if (depth + 1 == levels.size()) {
      for (size_t c = 0; c < prefix.size(); ++c) {
        out.columns[c]->AppendFrom(*prefix[c].first, prefix[c].second);
      }
    } else {
      RETURN_IF_ERROR(Descend(levels, data, depth + 1, group_rows, prefix, out));
    }
    prefix.pop_back();
    prefix.pop_back();
    return Status::OK();
  };
  for (size_t k = 0; k < keep; ++k) {
    size_t g = order[k];
    RETURN_IF_ERROR(emit(d.of.get(), At(*d.of, members[g][0]), values, g, members[g]));
  }
  if (level.has_others && keep < order.size()) {
    // One more row: the aggregate over all rows of the groups not kept.
    std::vector<uint32_t> rest;
    for (size_t k = keep; k < order.size(); ++k) {
      rest.insert(rest.end(), members[order[k]].begin(), members[order[k]].end());
    }
    std::sort(rest.begin(), rest.end());
    std::vector<ColumnPtr> rest_args;
    for (const ColumnPtr& arg : d.args) {
      rest_args.push_back(arg->size() == 1 ? arg : arg->Take(rest));
    }
    auto others = level.aggregate.function->create(level.aggregate.arg_types);
    others->Resize(1);
    std::vector<uint32_t> zeros(rest.size(), 0);
    RETURN_IF_ERROR(others->Update(rest_args, zeros.data(), rest.size()));
    ASSIGN_OR_RETURN(std::vector<ColumnPtr> other_values, others->Finalize());
    ColumnPtr others_of = Column::Constant(level.others);
    RETURN_IF_ERROR(emit(others_of.get(), 0, *other_values[0], 0, rest));
  }
  return Status::OK();
}

}  // namespace

Result<Chunks> Runner::TopNested(const planner::PlanNode& node, Chunks input) {
  const auto& spec = static_cast<const planner::TopNestedSpec&>(*node.spec);
  Table table = Concatenate(input, node.children[0]->schema);
  std::vector<LevelData> data;
  for (const TopNestedLevel& level : spec.levels) {
    LevelData d;
    ASSIGN_OR_RETURN(d.of, expression::Evaluate(*level.of, table, options_.context));
    for (const auto& arg : level.aggregate.args) {
      ASSIGN_OR_RETURN(ColumnPtr column, expression::Evaluate(*arg, table, options_.context));
      d.args.push_back(std::move(column));
    }
    data.push_back(std::move(d));
  }
  Output out;
  for (const ColumnSchema& column : node.schema) {
    out.columns.push_back(std::make_shared<Column>(column.type));
  }
  std::vector<uint32_t> rows(table.rows);
  for (size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<uint32_t>(i);
  std::vector<std::pair<const Column*, size_t>> prefix;
  if (table.rows > 0) RETURN_IF_ERROR(Descend(spec.levels, data, 0, rows, prefix, out));
  Table result;
  result.schema = node.schema;
  result.rows = out.columns.empty() ? 0 : out.columns[0]->size();
  for (auto& column : out.columns) result.columns.push_back(column);
  return Chunks{std::move(result)};
}

}  // namespace huntbook::exec
