#include "huntbook/planner/time_restriction.h"

#include <memory>
#include <utility>

namespace huntbook::planner {
namespace {

using expression::BoundKind;

BoundExprPtr TimeComparison(int column, const char* op, int64_t ticks) {
  auto left = std::make_shared<BoundExpr>();
  left->kind = BoundKind::kColumn;
  left->type = TypeKind::kDateTime;
  left->column = column;
  auto right = std::make_shared<BoundExpr>();
  right->kind = BoundKind::kConstant;
  right->type = TypeKind::kDateTime;
  right->constant = Value::DateTime(ticks);
  auto compare = std::make_shared<BoundExpr>();
  compare->kind = BoundKind::kCompare;
  compare->type = TypeKind::kBool;
  compare->op = op;
  compare->args = {std::move(left), std::move(right)};
  return compare;
}

}  // namespace

PlanPtr RestrictTime(const PlanPtr& root, std::string_view column, int64_t start, int64_t end) {
  if (root->kind == PlanKind::kScan) {
    for (size_t i = 0; i < root->schema.size(); ++i) {
      if (root->schema[i].name != column || root->schema[i].type != TypeKind::kDateTime) continue;
      auto both = std::make_shared<BoundExpr>();
      both->kind = BoundKind::kAnd;
      both->type = TypeKind::kBool;
      both->args = {TimeComparison(static_cast<int>(i), ">=", start),
                    TimeComparison(static_cast<int>(i), "<", end)};
      auto filter = std::make_shared<PlanNode>();
      filter->kind = PlanKind::kFilter;
      filter->schema = root->schema;
      filter->children = {root};
      filter->predicate = std::move(both);
      return filter;
    }
    return root;
  }
  if (root->children.empty()) return root;
  auto copy = std::make_shared<PlanNode>(*root);
  for (PlanPtr& child : copy->children) child = RestrictTime(child, column, start, end);
  return copy;
}

}  // namespace huntbook::planner
