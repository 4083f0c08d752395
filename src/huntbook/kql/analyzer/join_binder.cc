// join: kinds, `on` keys, output columns.
// https://learn.microsoft.com/kusto/query/join-operator
#include <algorithm>

#include "huntbook/kql/analyzer/query_binder.h"

namespace huntbook::analyzer {

namespace {

using planner::JoinKind;

std::optional<JoinKind> ParseJoinKind(const std::string& name) {
  static const std::pair<const char*, JoinKind> kKinds[] = {
      {"innerunique", JoinKind::kInnerUnique}, {"inner", JoinKind::kInner},
      {"leftouter", JoinKind::kLeftOuter},     {"rightouter", JoinKind::kRightOuter},
      {"fullouter", JoinKind::kFullOuter},     {"outer", JoinKind::kFullOuter},
      {"leftsemi", JoinKind::kLeftSemi},       {"rightsemi", JoinKind::kRightSemi},
      {"leftanti", JoinKind::kLeftAnti},       {"anti", JoinKind::kLeftAnti},
      {"leftantisemi", JoinKind::kLeftAnti},   {"rightanti", JoinKind::kRightAnti},
      {"rightantisemi", JoinKind::kRightAnti}, {"semi", JoinKind::kLeftSemi},
  };
  for (const auto& [text, kind] : kKinds) {
    if (name == text) return kind;
  }
  return std::nullopt;
}

int FindColumn(const std::vector<ColumnSchema>& schema, const std::string& name) {
  for (size_t i = 0; i < schema.size(); ++i) {
    if (schema[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

// "$left.A" -> ("$left", "A"); a plain name -> ("", name).
std::pair<std::string, std::string> SideAndName(const kql::Expr& e) {
  if (e.kind == kql::ExprKind::kMember && e.args[0]->kind == kql::ExprKind::kName) {
    return {e.args[0]->name, e.name};
  }
  if (e.kind == kql::ExprKind::kName) return {"", e.name};
  return {"?", ""};
}

}  // namespace

Result<PlanPtr> QueryBinder::BindJoin(const kql::Operator& op, PlanPtr left, const EnvPtr& env) {
  auto node = std::make_shared<PlanNode>();
  node->kind = planner::PlanKind::kJoin;
  node->join_kind = JoinKind::kInnerUnique;  // no kind = innerunique
  for (const kql::OperatorParam& param : op.params) {
    if (param.name == "kind") {
      std::string value = param.value ? param.value->name : "";
      std::optional<JoinKind> kind = ParseJoinKind(value);
      if (!kind) return SemanticError("unknown join kind '" + value + "'", param.position);
      node->join_kind = *kind;
    } else if (param.name.rfind("hint.", 0) != 0) {
      return NotSupported("join parameter '" + param.name + "'", param.position);
    }
  }
  if (!op.right) return SemanticError("join needs a right side", op.position);
  ASSIGN_OR_RETURN(PlanPtr right, BindTabular(*op.right, env));
  if (op.on.empty()) return SemanticError("join needs 'on' keys", op.position);
  // `on $left.a == $right.b and $left.c == $right.d` is the comma list written with `and`
  // (join-operator doc: "you can either use the \"and\" keyword or separate them with commas").
  std::vector<kql::ExprPtr> conditions;
  std::vector<kql::ExprPtr> pending(op.on.rbegin(), op.on.rend());
  while (!pending.empty()) {
    kql::ExprPtr condition = pending.back();
    pending.pop_back();
    if (condition->kind == kql::ExprKind::kBinary && condition->op == "and") {
      pending.push_back(condition->args[1]);
      pending.push_back(condition->args[0]);
    } else {
      conditions.push_back(condition);
    }
  }
  for (const kql::ExprPtr& condition : conditions) {
    std::string left_name, right_name;
    if (condition->kind == kql::ExprKind::kName) {
      left_name = right_name = condition->name;
    } else if (condition->kind == kql::ExprKind::kBinary && condition->op == "==") {
      auto a = SideAndName(*condition->args[0]);
      auto b = SideAndName(*condition->args[1]);
      if (a.first == "$right" && b.first == "$left") std::swap(a, b);
      if (a.first != "$left" || b.first != "$right") {
        return NotSupported("join condition other than $left.A == $right.B", condition->position);
      }
      left_name = a.second;
      right_name = b.second;
    } else if (condition->kind == kql::ExprKind::kMember) {
      auto a = SideAndName(*condition);
      left_name = right_name = a.second;
    } else {
      return NotSupported("join condition of this form", condition->position);
    }
    int l = FindColumn(left->schema, left_name), r = FindColumn(right->schema, right_name);
    if (l < 0)
      return SemanticError("unknown column '" + left_name + "' on the left side of join",
                           condition->position);
    if (r < 0)
      return SemanticError("unknown column '" + right_name + "' on the right side of join",
                           condition->position);
    if (left->schema[l].type != right->schema[r].type) {
      return SemanticError("join key '" + left_name + "' has type " +
                               std::string(TypeName(left->schema[l].type)) + " on the left and " +
                               std::string(TypeName(right->schema[r].type)) + " on the right",
                           condition->position);
    }
    node->left_keys.push_back(l);
    node->right_keys.push_back(r);
  }
  switch (node->join_kind) {
    case JoinKind::kLeftSemi:
    case JoinKind::kLeftAnti:
      node->schema = left->schema;
      break;
    case JoinKind::kRightSemi:
    case JoinKind::kRightAnti:
      node->schema = right->schema;
      break;
    default: {
      node->schema = left->schema;
      for (const ColumnSchema& column : right->schema) {
        std::string name = column.name;
        if (FindColumn(node->schema, name) >= 0) name = NextColumnName(node->schema, name);
        node->schema.push_back({name, column.type});
      }
    }
  }
  node->children = {left, right};
  return PlanPtr(node);
}

}  // namespace huntbook::analyzer
