#include "huntbook/kql/syntax/ast.h"

#include <utility>
#include <vector>

namespace huntbook::kql {

Expr::~Expr() {
  if (args.empty()) return;
  std::vector<ExprPtr> pending = std::move(args);
  while (!pending.empty()) {
    ExprPtr child = std::move(pending.back());
    pending.pop_back();
    // Only a child this tree alone owns is dismantled here; a shared one is left to its
    // other owners (releasing our reference does not destroy it).
    if (child && child.use_count() == 1) {
      for (ExprPtr& grandchild : child->args) pending.push_back(std::move(grandchild));
      child->args.clear();
    }
  }
}

}  // namespace huntbook::kql
