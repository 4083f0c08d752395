// top-nested: hierarchical aggregation, one (value, aggregate) column pair per level.
// https://learn.microsoft.com/kusto/query/top-nested-operator
#include "huntbook/functions/aggregate_function.h"
#include "huntbook/kql/analyzer/query_binder.h"
#include "huntbook/planner/operator_spec.h"

namespace huntbook::analyzer {

Result<PlanPtr> QueryBinder::BindTopNested(const kql::Operator& op, PlanPtr input,
                                           const EnvPtr& env) {
  if (!op.clauses_parsed || op.nested.empty()) {
    return NotSupported("this form of operator 'top-nested'", op.position);
  }
  const Scope scope{&input->schema, env};
  auto spec = std::make_shared<planner::TopNestedSpec>();
  auto node = std::make_shared<PlanNode>();
  node->kind = planner::PlanKind::kTopNested;
  auto add_column = [&](std::string name, TypeKind type) {
    for (const ColumnSchema& c : node->schema) {
      if (c.name == name) name = NextColumnName(node->schema, name);
    }
    node->schema.push_back({name, type});
  };
  for (const kql::OperatorPtr& level_op : op.nested) {
    planner::TopNestedLevel level;
    if (level_op->count) {
      ASSIGN_OR_RETURN(Value count, BindConstant(*level_op->count, env));
      if (!IsIntegerStored(count.type()) || count.type() == TypeKind::kBool || count.is_null()) {
        return SemanticError("top-nested needs an integer count", level_op->count->position);
      }
      level.count = std::max<int64_t>(0, count.int_value());
    }
    const kql::NamedExpr& of = level_op->exprs[0];
    ASSIGN_OR_RETURN(level.of, BindScalar(*of.expr, scope));
    std::string of_name = of.names.empty() ? DerivedName(*of.expr) : of.names[0];
    if (of_name.empty()) of_name = NextColumnName(node->schema, "Column");
    if (level_op->defaults[0]) {
      ASSIGN_OR_RETURN(BoundExprPtr others, BindScalar(*level_op->defaults[0], scope));
      if (!others->is_constant()) {
        return SemanticError("top-nested 'with others' needs a constant",
                             level_op->defaults[0]->position);
      }
      ASSIGN_OR_RETURN(others, Cast(others, level.of->type));
      level.has_others = true;
      level.others = others->constant;
    }
    const kql::NamedExpr& aggregation = level_op->by[0];
    const kql::Expr& call = *aggregation.expr;
    const functions::AggregateFunction* function =
        call.kind == kql::ExprKind::kCall ? functions::FindAggregateFunction(call.name) : nullptr;
    if (function == nullptr) {
      return NotSupported("top-nested aggregation that is not a single aggregate call",
                          call.position);
    }
    level.aggregate.function = function;
    for (const kql::ExprPtr& arg : call.args) {
      ASSIGN_OR_RETURN(BoundExprPtr bound, BindScalar(*arg, scope));
      level.aggregate.args.push_back(bound);
      level.aggregate.arg_types.push_back(bound->type);
    }
    Result<functions::AggregateSignature> signature = function->bind(level.aggregate.arg_types);
    if (!signature.ok()) {
      return Status(signature.status().code(), signature.status().message(), call.position);
    }
    if (signature->output_types.size() != 1) {
      return NotSupported("top-nested aggregation with several outputs", call.position);
    }
    level.ascending = level_op->sort_keys[0].order == kql::SortOrder::kAsc;
    add_column(of_name, level.of->type);
    // The aggregate column is named "aggregated_" + the level's column unless named.
    add_column(aggregation.names.empty() ? "aggregated_" + of_name : aggregation.names[0],
               signature->output_types[0]);
    spec->levels.push_back(std::move(level));
  }
  node->spec = spec;
  node->children.push_back(input);
  return PlanPtr(node);
}

}  // namespace huntbook::analyzer
