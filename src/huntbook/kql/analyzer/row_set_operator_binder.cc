// Dispatch for the operators bound into whole-row-set plan nodes (planner/operator_spec.h)
// and for the operator forms that need a rewrite first (window functions, summarize
// expressions). See query_binder.h for the file of each.
#include "huntbook/functions/aggregate_function.h"
#include "huntbook/kql/analyzer/query_binder.h"

namespace huntbook::analyzer {

bool UsesWindowFunctions(const kql::Operator& op);  // window_binder.cc

namespace {

bool IsAggregateCall(const kql::Expr& expr) {
  return expr.kind == kql::ExprKind::kCall &&
         functions::FindAggregateFunction(expr.name) != nullptr;
}

bool ContainsAggregateCall(const kql::Expr& expr) {
  if (IsAggregateCall(expr)) return true;
  if (expr.kind == kql::ExprKind::kPipe) return false;
  for (const kql::ExprPtr& arg : expr.args) {
    if (arg && ContainsAggregateCall(*arg)) return true;
  }
  return false;
}

}  // namespace

bool QueryBinder::IsRowSetOperator(const kql::Operator& op) {
  const std::string& name = op.name;
  if (name == "make-series" || name == "top-nested" || name == "sample" ||
      name == "sample-distinct" || name == "mv-apply" || name == "partition" || name == "lookup" ||
      name == "serialize" || name == "scan") {
    return true;
  }
  if (name == "extend" || name == "project" || name == "where") return UsesWindowFunctions(op);
  if (name == "summarize") {
    for (const kql::NamedExpr& item : op.exprs) {
      if (!IsAggregateCall(*item.expr) && ContainsAggregateCall(*item.expr)) return true;
    }
  }
  return false;
}

Result<PlanPtr> QueryBinder::BindRowSetOperator(const kql::Operator& op, PlanPtr input,
                                                const EnvPtr& env) {
  const std::string& name = op.name;
  if (name == "make-series") return BindMakeSeries(op, input, env);
  if (name == "top-nested") return BindTopNested(op, input, env);
  if (name == "sample" || name == "sample-distinct") return BindSample(op, input, env);
  if (name == "mv-apply") return BindMvApply(op, input, env);
  if (name == "partition") return BindPartition(op, input, env);
  if (name == "lookup") return BindLookup(op, input, env);
  if (name == "summarize") return BindSummarizeExpressions(op, input, env);
  if (name == "scan") return BindScan(op, input, env);
  return BindWindowOperator(op, input, env);
}

}  // namespace huntbook::analyzer
