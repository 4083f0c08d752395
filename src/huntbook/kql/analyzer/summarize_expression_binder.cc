// summarize items that are expressions over aggregates: `summarize x = count() * 2`,
// `summarize round(avg(x), 2)`, `summarize dcount(a) + dcount(b)`.
// https://learn.microsoft.com/kusto/query/summarize-operator (Aggregation: "a call to an
// aggregation function ... the result can be used in an expression")
//
// Each aggregate call inside such an item becomes a hidden aggregate of the summarize; a
// projection above it computes the item from those columns (and the group keys) and drops
// the hidden ones, keeping the items' order.
#include <algorithm>

#include "huntbook/functions/aggregate_function.h"
#include "huntbook/kql/analyzer/query_binder.h"

namespace huntbook::analyzer {

namespace {

constexpr std::string_view kHiddenPrefix = "__hb_aggregate_";

// Replaces aggregate calls in `expr` by names of hidden aggregates added to `out`.
kql::ExprPtr ExtractAggregates(const kql::ExprPtr& expr, std::vector<kql::NamedExpr>& out) {
  if (!expr || expr->kind == kql::ExprKind::kPipe) return expr;
  if (expr->kind == kql::ExprKind::kCall && functions::FindAggregateFunction(expr->name)) {
    std::string name = std::string(kHiddenPrefix) + std::to_string(out.size());
    out.push_back({{name}, expr});
    auto ref = std::make_shared<kql::Expr>();
    ref->kind = kql::ExprKind::kName;
    ref->name = name;
    ref->position = expr->position;
    return ref;
  }
  auto copy = std::make_shared<kql::Expr>(*expr);
  for (kql::ExprPtr& arg : copy->args) arg = ExtractAggregates(arg, out);
  return copy;
}

}  // namespace

Result<PlanPtr> QueryBinder::BindSummarizeExpressions(const kql::Operator& op, PlanPtr input,
                                                      const EnvPtr& env) {
  kql::Operator summarize = op;
  summarize.exprs.clear();
  std::vector<kql::NamedExpr> hidden;
  struct Computed {
    std::string first_hidden;  // the summarize column where the item goes
    kql::NamedExpr item;       // over the summarize output
  };
  std::vector<Computed> computed;
  for (const kql::NamedExpr& item : op.exprs) {
    bool plain = item.expr->kind == kql::ExprKind::kCall &&
                 functions::FindAggregateFunction(item.expr->name) != nullptr;
    if (plain) {
      summarize.exprs.push_back(item);
      continue;
    }
    size_t before = hidden.size();
    kql::NamedExpr rewritten{item.names, ExtractAggregates(item.expr, hidden)};
    if (hidden.size() == before) {
      return SemanticError("summarize needs an aggregate in each expression", item.expr->position);
    }
    for (size_t h = before; h < hidden.size(); ++h) summarize.exprs.push_back(hidden[h]);
    // Unnamed, the item keeps the name Kusto derives from the whole expression
    // (tostring(make_set(x)) -> set_x).
    if (rewritten.names.empty()) {
      std::string derived = DerivedName(*item.expr);
      if (!derived.empty()) rewritten.names.push_back(std::move(derived));
    }
    computed.push_back({hidden[before].names[0], std::move(rewritten)});
  }
  ASSIGN_OR_RETURN(PlanPtr plan, BindSummarize(summarize, input, env));
  const Scope scope{&plan->schema, env};
  std::vector<ColumnSchema> schema;
  std::vector<BoundExprPtr> outputs;
  for (size_t i = 0; i < plan->schema.size(); ++i) {
    const std::string& column = plan->schema[i].name;
    if (column.rfind(kHiddenPrefix, 0) != 0) {
      schema.push_back(plan->schema[i]);
      outputs.push_back(ColumnRef(static_cast<int>(i), plan->schema[i].type));
      continue;
    }
    auto it = std::find_if(computed.begin(), computed.end(),
                           [&](const Computed& c) { return c.first_hidden == column; });
    if (it == computed.end()) continue;
    ASSIGN_OR_RETURN(BoundExprPtr value, BindScalar(*it->item.expr, scope));
    std::string name = it->item.names.empty() ? "" : it->item.names[0];
    if (name.empty()) name = NextColumnName(schema, "Column");
    if (std::any_of(schema.begin(), schema.end(),
                    [&](const ColumnSchema& c) { return c.name == name; })) {
      name = NextColumnName(schema, name);
    }
    schema.push_back({name, value->type});
    outputs.push_back(value);
  }
  return MakeProject(plan, std::move(schema), std::move(outputs));
}

}  // namespace huntbook::analyzer
