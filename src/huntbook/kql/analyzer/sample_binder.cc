// sample and sample-distinct.
// https://learn.microsoft.com/kusto/query/sample-operator
// https://learn.microsoft.com/kusto/query/sample-distinct-operator
#include <algorithm>

#include "huntbook/kql/analyzer/query_binder.h"
#include "huntbook/planner/operator_spec.h"

namespace huntbook::analyzer {

Result<PlanPtr> QueryBinder::BindSample(const kql::Operator& op, PlanPtr input, const EnvPtr& env) {
  for (const kql::OperatorParam& param : op.params) {
    if (param.name.rfind("hint.", 0) != 0) {
      return NotSupported(op.name + " parameter '" + param.name + "'", param.position);
    }
  }
  if (!op.count) return SemanticError(op.name + " needs a number of rows", op.position);
  ASSIGN_OR_RETURN(Value count, BindConstant(*op.count, env));
  if (!IsIntegerStored(count.type()) || count.type() == TypeKind::kBool || count.is_null()) {
    return SemanticError(op.name + " needs an integer count", op.count->position);
  }
  auto spec = std::make_shared<planner::SampleSpec>();
  spec->count = std::max<int64_t>(0, count.int_value());
  auto node = std::make_shared<PlanNode>();
  node->kind = planner::PlanKind::kSample;
  node->children.push_back(input);
  if (op.name == "sample") {
    node->schema = input->schema;
  } else {
    if (op.exprs.empty()) return SemanticError("sample-distinct needs 'of' a column", op.position);
    const kql::Expr& of = *op.exprs[0].expr;
    ASSIGN_OR_RETURN(spec->distinct_of, BindScalar(of, Scope{&input->schema, env}));
    std::string name = DerivedName(of);
    if (name.empty()) name = "Column1";
    node->schema.push_back({name, spec->distinct_of->type});
  }
  node->spec = spec;
  return PlanPtr(node);
}

}  // namespace huntbook::analyzer
