// mv-apply: the subquery plan runs once per input row, on a Runner whose kApplyInput leaf
// yields that row (planner/operator_spec.h, ApplySpec). partition is not bound yet, so no
// kPartition plan reaches this.
#include "huntbook/exec/chunks.h"
#include "huntbook/planner/operator_spec.h"

namespace huntbook::exec {

Result<Chunks> Runner::Apply(const planner::PlanNode& node, Chunks input) {
  const auto& spec = static_cast<const planner::ApplySpec&>(*node.spec);
  if (spec.mode != planner::ApplySpec::Mode::kMvApply) {
    return NotSupported("operator 'partition'");
  }
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
      Runner runner(options_);
      runner.threads_ = 1;
      runner.set_apply_input(&group);
      ASSIGN_OR_RETURN(Chunks results, runner.Run(subquery));
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

}  // namespace huntbook::exec
