// The depth limit on finished trees (kMaxNestingDepth), checked without recursion.
#include <algorithm>
#include <cstddef>
#include <vector>

#include "huntbook/kql/syntax/recursive_descent_parser.h"

namespace huntbook::kql {
namespace {

// One node to visit: exactly one of the pointers is set.
struct Pending {
  const Expr* expr = nullptr;
  const Operator* op = nullptr;
  const Statement* statement = nullptr;
  int depth = 0;
};

class NestingCheck {
 public:
  Status Run(Pending root) {
    stack_.push_back(root);
    while (!stack_.empty()) {
      Pending next = stack_.back();
      stack_.pop_back();
      size_t children = stack_.size();
      if (next.expr != nullptr) {
        RETURN_IF_ERROR(Visit(*next.expr, next.depth));
      } else if (next.op != nullptr) {
        RETURN_IF_ERROR(Visit(*next.op, next.depth));
      } else if (next.statement != nullptr) {
        Visit(*next.statement, next.depth);
      }
      // Visit children first to last, so the error names the first too-deep node in text
      // order (the operator of a left-leaning `1 + 1 + ...` chain).
      std::reverse(stack_.begin() + static_cast<std::ptrdiff_t>(children), stack_.end());
    }
    return Status::OK();
  }

 private:
  static Status TooDeep(const SourcePosition& position) {
    return SyntaxError(
        "query is nested more than " + std::to_string(kMaxNestingDepth) + " levels deep", position);
  }

  void Push(const ExprPtr& e, int depth) {
    if (e) stack_.push_back(Pending{e.get(), nullptr, nullptr, depth});
  }
  void Push(const OperatorPtr& op, int depth) {
    if (op) stack_.push_back(Pending{nullptr, op.get(), nullptr, depth});
  }
  void Push(const std::shared_ptr<Statement>& s, int depth) {
    if (s) stack_.push_back(Pending{nullptr, nullptr, s.get(), depth});
  }

  // Expressions and operators are one level each; a statement adds none.
  Status Visit(const Expr& e, int depth) {
    if (++depth > kMaxNestingDepth) return TooDeep(e.position);
    for (const ExprPtr& arg : e.args) Push(arg, depth);
    for (const OperatorPtr& op : e.operators) Push(op, depth);
    for (const NamedExpr& column : e.columns) Push(column.expr, depth);
    for (const ColumnDecl& decl : e.schema) Push(decl.default_value, depth);
    for (const OperatorParam& param : e.params) Push(param.value, depth);
    for (const ColumnDecl& decl : e.lambda_params) Push(decl.default_value, depth);
    for (const std::shared_ptr<Statement>& s : e.body) Push(s, depth);
    return Status::OK();
  }

  Status Visit(const Operator& op, int depth) {
    if (++depth > kMaxNestingDepth) return TooDeep(op.position);
    for (const OperatorParam& param : op.params) Push(param.value, depth);
    Push(op.predicate, depth);
    Push(op.count, depth);
    for (const NamedExpr& named : op.exprs) Push(named.expr, depth);
    for (const NamedExpr& named : op.by) Push(named.expr, depth);
    for (const SortKey& key : op.sort_keys) Push(key.expr, depth);
    Push(op.right, depth);
    for (const ExprPtr& e : op.on) Push(e, depth);
    for (const ExprPtr& e : op.args) Push(e, depth);
    for (const ExprPtr& e : op.defaults) Push(e, depth);
    for (const ColumnDecl& decl : op.columns) Push(decl.default_value, depth);
    if (op.series_axis) {
      Push(op.series_axis->column, depth);
      Push(op.series_axis->from, depth);
      Push(op.series_axis->to, depth);
      Push(op.series_axis->step, depth);
    }
    for (const OperatorPtr& nested : op.nested) Push(nested, depth);
    return Status::OK();
  }

  void Visit(const Statement& s, int depth) {
    Push(s.expr, depth);
    for (const ColumnDecl& decl : s.parameters) Push(decl.default_value, depth);
  }

  std::vector<Pending> stack_;
};

}  // namespace

Status CheckNestingDepth(const Query& query) {
  NestingCheck check;
  for (const std::shared_ptr<Statement>& s : query.statements) {
    if (s) RETURN_IF_ERROR(check.Run(Pending{nullptr, nullptr, s.get(), 0}));
  }
  return Status::OK();
}

Status CheckNestingDepth(const Expr& expr) {
  return NestingCheck().Run(Pending{&expr, nullptr, nullptr, 0});
}

}  // namespace huntbook::kql
