// mv-apply (https://learn.microsoft.com/kusto/query/mv-apply-operator): each input row is
// expanded into a subtable by the mv-expand binder (over a kApplyInput leaf holding that
// one row), the subquery's operators are bound over the expansion, and the source columns
// that are neither expanded nor produced by the subquery are added back in front.
// partition is parsed but not bound yet.
#include <algorithm>

#include "huntbook/kql/analyzer/query_binder.h"
#include "huntbook/planner/operator_spec.h"

namespace huntbook::analyzer {

Result<PlanPtr> QueryBinder::BindMvApply(const kql::Operator& op, PlanPtr input,
                                         const EnvPtr& env) {
  if (!op.clauses_parsed || !op.right) {
    return NotSupported("this form of operator 'mv-apply'", op.position);
  }
  if (op.exprs.empty()) return SemanticError("mv-apply needs a column to expand", op.position);
  auto leaf = std::make_shared<PlanNode>();
  leaf->kind = planner::PlanKind::kApplyInput;
  leaf->schema = input->schema;
  // The per-row subtable: mv-expand of the row, with mv-apply's own clauses.
  kql::Operator expand;
  expand.name = "mv-expand";
  expand.position = op.position;
  expand.params = op.params;
  expand.exprs = op.exprs;
  expand.type_names = op.type_names;
  expand.count = op.count;
  ASSIGN_OR_RETURN(PlanPtr subquery, BindMvExpand(expand, leaf, env));
  // Names the expansion gives its columns: those source columns are replaced.
  std::vector<std::string> expanded;
  for (const planner::MvExpandSpec& spec : subquery->expansions) {
    expanded.push_back(subquery->schema[spec.column].name);
  }
  for (const kql::OperatorPtr& sub_op : op.right->operators) {
    ASSIGN_OR_RETURN(subquery, BindOperator(*sub_op, subquery, env));
  }
  auto spec = std::make_shared<planner::ApplySpec>();
  spec->mode = planner::ApplySpec::Mode::kMvApply;
  auto node = std::make_shared<PlanNode>();
  node->kind = planner::PlanKind::kApply;
  auto has_name = [](const std::vector<ColumnSchema>& schema, const std::string& name) {
    return std::any_of(schema.begin(), schema.end(),
                       [&](const ColumnSchema& c) { return c.name == name; });
  };
  for (size_t i = 0; i < input->schema.size(); ++i) {
    const std::string& name = input->schema[i].name;
    if (std::find(expanded.begin(), expanded.end(), name) != expanded.end()) continue;
    if (has_name(subquery->schema, name)) continue;
    spec->kept.push_back(static_cast<int>(i));
    node->schema.push_back(input->schema[i]);
  }
  for (const ColumnSchema& column : subquery->schema) node->schema.push_back(column);
  node->spec = spec;
  node->children.push_back(input);
  node->children.push_back(subquery);
  return PlanPtr(node);
}

Result<PlanPtr> QueryBinder::BindPartition(const kql::Operator& op, PlanPtr, const EnvPtr&) {
  return NotSupported("operator 'partition'", op.position);
}

}  // namespace huntbook::analyzer
