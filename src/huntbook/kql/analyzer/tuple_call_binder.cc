// Multi-output scalar functions in extend/project: `extend (a, b, c) = series_stats(x)`.
// https://learn.microsoft.com/kusto/query/series-stats-function ("If you provide a limited
// number of names, the table will show only those columns"; default names such as
// series_stats_x_min).
#include <memory>

#include "huntbook/functions/scalar_function.h"
#include "huntbook/kql/analyzer/query_binder.h"

namespace huntbook::analyzer {

Result<std::vector<std::pair<ColumnSchema, BoundExprPtr>>> QueryBinder::BindTupleCall(
    const kql::NamedExpr& item, const Scope& scope) {
  std::vector<std::pair<ColumnSchema, BoundExprPtr>> columns;
  const kql::Expr& call = *item.expr;
  if (call.kind != kql::ExprKind::kCall) return columns;
  const functions::ScalarFunction* function = functions::FindScalarFunction(call.name);
  if (function == nullptr || function->tuple_outputs.empty()) return columns;
  ASSIGN_OR_RETURN(BoundExprPtr bag, BindScalar(call, scope));
  const auto& outputs = function->tuple_outputs;
  const size_t count =
      item.names.empty() ? outputs.size() : std::min(item.names.size(), outputs.size());
  const std::string argument = call.args.empty() ? "" : DerivedName(*call.args[0]);
  for (size_t k = 0; k < count; ++k) {
    const auto& [suffix, type] = outputs[k];
    std::string name = k < item.names.size() && !item.names[k].empty()
                           ? item.names[k]
                           : call.name + "_" + argument + "_" + suffix;
    auto member = std::make_shared<BoundExpr>();
    member->kind = BoundKind::kMember;
    member->type = TypeKind::kDynamic;
    member->position = call.position;
    member->member = suffix;
    member->args.push_back(bag);
    ASSIGN_OR_RETURN(BoundExprPtr value, Cast(member, type));
    columns.emplace_back(ColumnSchema{name, type}, value);
  }
  return columns;
}

}  // namespace huntbook::analyzer
