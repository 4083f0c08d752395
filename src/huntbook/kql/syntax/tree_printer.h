// Compact S-expression print of syntax trees, for tests and debugging (not KQL text).
//
// Examples: `a + 1 * 2` -> `(+ a (* 1 2))`; `T | where x > 1` -> `(pipe T (where (> x 1)))`;
// calls print as `f(a, b)`; string literals quoted ("abc"); long literals bare (5); other
// literals as `type:value` (datetime:2024-01-01T00:00:00Z, real:1.5, int:null); names as
// written. Operators print their non-empty fields in a fixed order (see tree_printer.cc).
#pragma once

#include <string>

#include "huntbook/kql/syntax/ast.h"

namespace huntbook::kql {

std::string PrintTree(const Expr& expr);
std::string PrintTree(const Operator& op);
std::string PrintTree(const Statement& statement);
// Statements joined by "; ".
std::string PrintTree(const Query& query);

}  // namespace huntbook::kql
