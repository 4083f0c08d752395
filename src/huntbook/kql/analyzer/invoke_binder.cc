// invoke, as, and table references: table("T"), workspace("w").T, database("d").T.
#include "huntbook/kql/analyzer/query_binder.h"
#include "huntbook/storage/store.h"

namespace huntbook::analyzer {

namespace {

// The let name under which `invoke` passes its input to the function (not a valid KQL
// identifier, so it shadows nothing).
constexpr char kInvokeInput[] = "$invoke_input";

Result<std::string> NameArgument(QueryBinder& binder, const kql::Expr& ref, const EnvPtr& env) {
  if (ref.args.empty()) {
    return SemanticError(ref.name + "() needs a name argument", ref.position);
  }
  ASSIGN_OR_RETURN(Value value, binder.BindConstant(*ref.args[0], env));
  if (value.type() != TypeKind::kString) {
    return SemanticError(ref.name + "() needs a string name", ref.args[0]->position);
  }
  return value.string_value();
}

}  // namespace

// https://learn.microsoft.com/kusto/query/invoke-operator: `T | invoke f(a, b)` is
// `f(T, a, b)`: the input is the function's first (tabular) argument.
Result<PlanPtr> QueryBinder::BindInvoke(const kql::Operator& op, PlanPtr input, const EnvPtr& env) {
  if (op.exprs.empty() || !op.exprs[0].expr || op.exprs[0].expr->kind != kql::ExprKind::kCall) {
    return SemanticError("invoke needs a function call", op.position);
  }
  const kql::Expr& call = *op.exprs[0].expr;
  const LetValue* function = Lookup(env, call.name);
  if (function == nullptr || function->kind != LetValue::Kind::kLambda) {
    if (functions::FindScalarFunction(call.name) != nullptr) {
      return SemanticError(
          "invoke needs a user-defined function, '" + call.name + "' is a scalar function",
          call.position);
    }
    return SemanticError("unknown function '" + call.name + "'", call.position);
  }
  if (function->syntax->lambda_params.empty()) {
    return SemanticError("function '" + call.name + "' takes no tabular argument for invoke",
                         call.position);
  }
  LetValue value;
  value.kind = LetValue::Kind::kTabular;
  value.plan = input;
  EnvPtr inner = Extend(env, kInvokeInput, std::move(value));
  kql::Expr with_input = call;
  auto input_name = std::make_shared<kql::Expr>();
  input_name->kind = kql::ExprKind::kName;
  input_name->name = kInvokeInput;
  input_name->position = call.position;
  with_input.args.insert(with_input.args.begin(), input_name);
  return BindSource(with_input, inner);
}

// https://learn.microsoft.com/kusto/query/as-operator: names the input for later use in
// the query (table("Name"), the Name itself, union withsource) and changes no data.
Result<PlanPtr> QueryBinder::BindAs(const kql::Operator& op, PlanPtr input) {
  if (op.exprs.empty() || !op.exprs[0].expr || op.exprs[0].expr->name.empty()) {
    return SemanticError("as needs a name", op.position);
  }
  as_tables_[op.exprs[0].expr->name] = input;
  return input;
}

std::string QueryBinder::AsName(const PlanPtr& plan, std::string fallback) const {
  for (const auto& [name, named] : as_tables_) {
    if (named == plan) return name;
  }
  return fallback;
}

Result<PlanPtr> QueryBinder::BindTableReference(const kql::Expr& expr, const EnvPtr& env) {
  if (expr.kind == kql::ExprKind::kTableRef) {
    if (expr.name != "table") {
      return NotSupported("'" + expr.name + "()' used as a table", expr.position);
    }
    // https://learn.microsoft.com/kusto/query/table-function
    ASSIGN_OR_RETURN(std::string name, NameArgument(*this, expr, env));
    kql::Expr ref;
    ref.kind = kql::ExprKind::kName;
    ref.name = name;
    ref.position = expr.position;
    return BindSource(ref, env);
  }
  // kMember: workspace("w").T / database("d").T, a table of another workspace of this store
  // (https://learn.microsoft.com/azure/azure-monitor/logs/cross-workspace-query).
  const kql::Expr& scope = *expr.args[0];
  if (scope.name != "workspace" && scope.name != "database") {
    return NotSupported("cross-source reference '" + scope.name + "()'", expr.position);
  }
  ASSIGN_OR_RETURN(std::string workspace, NameArgument(*this, scope, env));
  auto snapshot = catalog_.FindWorkspaceTable(workspace, expr.name);
  if (!snapshot) {
    return SemanticError(
        "unknown table '" + expr.name + "' in " + scope.name + " '" + workspace + "'",
        expr.position);
  }
  return ScanNode(std::move(snapshot), expr.name);
}

}  // namespace huntbook::analyzer
