// make-series: a summarize by the group keys and the axis bin, then a kMakeSeries node
// that lays each group's bins out as dynamic arrays.
// https://learn.microsoft.com/kusto/query/make-series-operator
#include "huntbook/functions/aggregate_function.h"
#include "huntbook/kql/analyzer/query_binder.h"
#include "huntbook/planner/operator_spec.h"

namespace huntbook::analyzer {

namespace {

kql::ExprPtr Literal(const Value& value, SourcePosition position) {
  auto e = std::make_shared<kql::Expr>();
  e->kind = kql::ExprKind::kLiteral;
  e->literal = value;
  e->position = position;
  return e;
}

kql::ExprPtr Binary(std::string op, kql::ExprPtr a, kql::ExprPtr b) {
  auto e = std::make_shared<kql::Expr>();
  e->kind = kql::ExprKind::kBinary;
  e->op = std::move(op);
  e->position = a->position;
  e->args = {std::move(a), std::move(b)};
  return e;
}

kql::ExprPtr Call(std::string name, std::vector<kql::ExprPtr> args, SourcePosition position) {
  auto e = std::make_shared<kql::Expr>();
  e->kind = kql::ExprKind::kCall;
  e->name = std::move(name);
  e->position = position;
  e->args = std::move(args);
  return e;
}

}  // namespace

Result<PlanPtr> QueryBinder::BindMakeSeries(const kql::Operator& op, PlanPtr input,
                                            const EnvPtr& env) {
  if (!op.clauses_parsed || !op.series_axis) {
    return NotSupported("this form of operator 'make-series'", op.position);
  }
  auto spec = std::make_shared<planner::MakeSeriesSpec>();
  for (const kql::OperatorParam& param : op.params) {
    std::string value = param.value ? param.value->name : "";
    if (param.name == "kind") {
      if (value != "nonempty") {
        return SemanticError("make-series kind must be nonempty", param.position);
      }
      spec->nonempty = true;
    } else if (param.name.rfind("hint.", 0) != 0) {
      return NotSupported("make-series parameter '" + param.name + "'", param.position);
    }
  }
  const kql::Operator::SeriesAxis& axis = *op.series_axis;
  ASSIGN_OR_RETURN(BoundExprPtr axis_value, BindScalar(*axis.column, Scope{&input->schema, env}));
  spec->axis_type = axis_value->type;
  if (!IsNumeric(spec->axis_type) && spec->axis_type != TypeKind::kDateTime &&
      spec->axis_type != TypeKind::kTimespan) {
    return SemanticError("make-series axis must be datetime, timespan or numeric, got " +
                             std::string(TypeName(spec->axis_type)),
                         axis.column->position);
  }
  ASSIGN_OR_RETURN(spec->step, BindConstant(*axis.step, env));
  TypeKind step_type =
      spec->axis_type == TypeKind::kDateTime ? TypeKind::kTimespan : spec->axis_type;
  bool step_ok =
      spec->step.type() == step_type || (IsNumeric(step_type) && IsNumeric(spec->step.type()));
  if (!step_ok || spec->step.is_null() || spec->step.AsDouble() <= 0) {
    return SemanticError("make-series step must be a positive " + std::string(TypeName(step_type)),
                         axis.step->position);
  }
  auto axis_bound = [&](const kql::ExprPtr& e, Value* out) -> Status {
    if (!e) return Status::OK();
    ASSIGN_OR_RETURN(*out, BindConstant(*e, env));
    if (out->type() != spec->axis_type && !(IsNumeric(out->type()) && IsNumeric(spec->axis_type))) {
      return SemanticError(
          "make-series bound must have the axis type " + std::string(TypeName(spec->axis_type)),
          e->position);
    }
    return Status::OK();
  };
  RETURN_IF_ERROR(axis_bound(axis.from, &spec->from));
  RETURN_IF_ERROR(axis_bound(axis.to, &spec->to));
  spec->to_inclusive = axis.in_range;
  // Rows outside [from, to) take no part (to is inclusive in the legacy range form).
  PlanPtr plan = input;
  kql::ExprPtr predicate;
  if (axis.from) predicate = Binary(">=", axis.column, Literal(spec->from, axis.from->position));
  if (axis.to) {
    kql::ExprPtr upper =
        Binary(axis.in_range ? "<=" : "<", axis.column, Literal(spec->to, axis.to->position));
    predicate = predicate ? Binary("and", predicate, upper) : upper;
  }
  if (predicate) {
    kql::Operator where;
    where.name = "where";
    where.position = op.position;
    where.predicate = predicate;
    ASSIGN_OR_RETURN(plan, BindOperator(where, plan, env));
  }
  // The main form bins with bin_at(axis, step, from); the legacy form with bin().
  kql::ExprPtr bin = axis.from && !axis.in_range
                         ? Call("bin_at",
                                {axis.column, Literal(spec->step, axis.step->position),
                                 Literal(spec->from, axis.from->position)},
                                axis.column->position)
                         : Call("bin", {axis.column, Literal(spec->step, axis.step->position)},
                                axis.column->position);
  kql::Operator summarize;
  summarize.name = "summarize";
  summarize.position = op.position;
  summarize.by = op.by;
  summarize.by.push_back({{"__hb_series_bin"}, bin});
  for (const kql::NamedExpr& item : op.exprs) {
    if (item.expr->kind != kql::ExprKind::kCall ||
        functions::FindAggregateFunction(item.expr->name) == nullptr) {
      return SemanticError("make-series needs an aggregation function call", item.expr->position);
    }
    summarize.exprs.push_back(item);
  }
  ASSIGN_OR_RETURN(plan, BindSummarize(summarize, plan, env));
  spec->key_count = op.by.size();
  spec->bin_column = static_cast<int>(spec->key_count);
  if (plan->schema.size() != spec->key_count + 1 + op.exprs.size()) {
    return NotSupported("make-series with an aggregation of several columns", op.position);
  }
  auto node = std::make_shared<PlanNode>();
  node->kind = planner::PlanKind::kMakeSeries;
  for (size_t k = 0; k < spec->key_count; ++k) node->schema.push_back(plan->schema[k]);
  for (size_t a = 0; a < op.exprs.size(); ++a) {
    int column = static_cast<int>(spec->key_count + 1 + a);
    const ColumnSchema& output = plan->schema[column];
    if (!IsNumeric(output.type)) {
      return SemanticError("make-series aggregations must be numeric, " + op.exprs[a].expr->name +
                               "() gives " + std::string(TypeName(output.type)),
                           op.exprs[a].expr->position);
    }
    spec->aggregate_columns.push_back(column);
    Value default_value = Value::Long(0);  // the documented default
    if (a < op.defaults.size() && op.defaults[a]) {
      ASSIGN_OR_RETURN(default_value, BindConstant(*op.defaults[a], env));
    }
    spec->defaults.push_back(default_value);
    node->schema.push_back({output.name, TypeKind::kDynamic});
  }
  std::string axis_name = DerivedName(*axis.column);
  if (axis_name.empty()) axis_name = NextColumnName(node->schema, "Column");
  node->schema.push_back({axis_name, TypeKind::kDynamic});
  node->spec = spec;
  node->children.push_back(plan);
  return PlanPtr(node);
}

}  // namespace huntbook::analyzer
