// lookup: a join of kind leftouter (default) or inner whose result does not repeat the
// right side's key columns.
// https://learn.microsoft.com/kusto/query/lookup-operator
#include "huntbook/kql/analyzer/query_binder.h"

namespace huntbook::analyzer {

Result<PlanPtr> QueryBinder::BindLookup(const kql::Operator& op, PlanPtr input, const EnvPtr& env) {
  kql::Operator join = op;
  join.name = "join";
  join.params.clear();
  std::string kind = "leftouter";
  for (const kql::OperatorParam& param : op.params) {
    if (param.name == "kind") {
      kind = param.value ? param.value->name : "";
      if (kind != "leftouter" && kind != "inner") {
        return SemanticError("lookup kind must be leftouter or inner, got '" + kind + "'",
                             param.position);
      }
    } else if (param.name.rfind("hint.", 0) != 0) {
      return NotSupported("lookup parameter '" + param.name + "'", param.position);
    }
  }
  kql::OperatorParam kind_param;
  kind_param.name = "kind";
  kind_param.position = op.position;
  kind_param.value = std::make_shared<kql::Expr>();
  kind_param.value->kind = kql::ExprKind::kName;
  kind_param.value->name = kind;
  join.params.push_back(kind_param);
  ASSIGN_OR_RETURN(PlanPtr plan, BindJoin(join, input, env));
  size_t left_width = plan->children[0]->schema.size();
  std::vector<bool> drop(plan->schema.size(), false);
  for (int key : plan->right_keys) drop[left_width + key] = true;
  std::vector<ColumnSchema> schema;
  std::vector<BoundExprPtr> outputs;
  for (size_t i = 0; i < plan->schema.size(); ++i) {
    if (drop[i]) continue;
    schema.push_back(plan->schema[i]);
    outputs.push_back(ColumnRef(static_cast<int>(i), plan->schema[i].type));
  }
  return MakeProject(plan, std::move(schema), std::move(outputs));
}

}  // namespace huntbook::analyzer
