// The subquery plan (children[1]) runs on a Runner whose kApplyInput leaf yields one group
// of input rows (planner/operator_spec.h, ApplySpec):
//  - mv-apply: each input row is a group; the kept input columns are added back in front
//    of the subquery's rows.
//  - partition: the rows with equal key values are a group (in order of first
//    appearance; nulls together); groups run in parallel and the output is their results
//    in group order. A legacy-strategy partition with more than 64 groups fails before
//    any subquery runs.
#include <string>
#include <unordered_map>

#include "huntbook/exec/chunks.h"
#include "huntbook/planner/operator_spec.h"

namespace huntbook::exec {

Result<Chunks> Runner::RunGroup(const planner::PlanNode& subquery, const Table& group) const {
  Runner runner(options_);
  runner.threads_ = 1;
  runner.set_apply_input(&group);
  return runner.Run(subquery);
}

Result<Chunks> Runner::Apply(const planner::PlanNode& node, Chunks input) {
  const auto& spec = static_cast<const planner::ApplySpec&>(*node.spec);
  if (spec.mode == planner::ApplySpec::Mode::kPartition) return Partition(node, std::move(input));
  const planner::PlanNode& subquery = *node.children[1];
  Chunks output;
  for (const Table& chunk : input) {
    std::vector<std::shared_ptr<Column>> columns;
    for (const ColumnSchema& column : node.schema) {
      columns.push_back(std::make_shared<Column>(column.type));
    }
    size_t rows = 0;
    for (size_t row = 0; row < chunk.rows; ++row) {
      RETURN_IF_ERROR(CheckCancelled());
      Table group = TakeRows(chunk, {static_cast<uint32_t>(row)});
      ASSIGN_OR_RETURN(Chunks results, RunGroup(subquery, group));
      Table result = Concatenate(results, subquery.schema);
      if (result.rows == 0) continue;
      for (size_t k = 0; k < spec.kept.size(); ++k) {
        const Column& source = *chunk.columns[spec.kept[k]];
        for (size_t i = 0; i < result.rows; ++i) {
          columns[k]->AppendFrom(source, At(source, row));
        }
      }
      for (size_t c = 0; c < result.columns.size(); ++c) {
        columns[spec.kept.size() + c]->AppendRange(*result.columns[c], 0, result.rows);
      }
      rows += result.rows;
    }
    if (rows == 0) continue;
    Table out;
    out.schema = node.schema;
    out.rows = rows;
    out.columns.assign(columns.begin(), columns.end());
    output.push_back(std::move(out));
  }
  return output;
}

Result<Chunks> Runner::Partition(const planner::PlanNode& node, Chunks input) {
  const auto& spec = static_cast<const planner::ApplySpec&>(*node.spec);
  const planner::PlanNode& subquery = *node.children[1];
  Table rows = Concatenate(input, node.children[0]->schema);
  input.clear();
  std::vector<ColumnPtr> key_columns = {rows.columns[spec.partition_column]};
  std::unordered_map<std::string, size_t> group_of;
  std::vector<std::vector<uint32_t>> groups;
  std::string key;
  for (size_t row = 0; row < rows.rows; ++row) {
    key.clear();
    AppendRowKey(key_columns, row, &key);
    auto [it, added] = group_of.try_emplace(key, groups.size());
    if (added) {
      if (spec.max_partitions > 0 && static_cast<int64_t>(groups.size()) == spec.max_partitions) {
        return planner::PartitionLimitError(node.children[0]->schema[spec.partition_column].name,
                                            spec.position);
      }
      groups.emplace_back();
    }
    groups[it->second].push_back(static_cast<uint32_t>(row));
  }
  std::vector<Chunks> results(groups.size());
  RETURN_IF_ERROR(ParallelFor(groups.size(), threads_, [&](size_t g) -> Status {
    RETURN_IF_ERROR(CheckCancelled());
    Table group = TakeRows(rows, groups[g]);
    ASSIGN_OR_RETURN(results[g], RunGroup(subquery, group));
    return Status::OK();
  }));
  Chunks output;
  for (Chunks& chunks : results) {
    for (Table& chunk : chunks) {
      if (chunk.rows == 0) continue;
      chunk.schema = node.schema;
      output.push_back(std::move(chunk));
    }
  }
  return output;
}

}  // namespace huntbook::exec
