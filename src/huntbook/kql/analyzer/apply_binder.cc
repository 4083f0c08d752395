// mv-apply and partition: parsed (op.clauses_parsed, op.right = the subquery) but not
// bound yet; planner/operator_spec.h (ApplySpec) and the kApply/kApplyInput plan kinds
// are the intended shape.
#include "huntbook/kql/analyzer/query_binder.h"

namespace huntbook::analyzer {

Result<PlanPtr> QueryBinder::BindMvApply(const kql::Operator& op, PlanPtr, const EnvPtr&) {
  return NotSupported("operator 'mv-apply'", op.position);
}

Result<PlanPtr> QueryBinder::BindPartition(const kql::Operator& op, PlanPtr, const EnvPtr&) {
  return NotSupported("operator 'partition'", op.position);
}

Result<PlanPtr> QueryBinder::BindApplySubquery(const kql::Expr& subquery, std::vector<ColumnSchema>,
                                               const EnvPtr&) {
  return NotSupported("a per-group subquery", subquery.position);
}

}  // namespace huntbook::analyzer
