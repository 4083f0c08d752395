// BoundExpr: a type-checked scalar expression over the columns of one input schema. The
// binder builds it from syntax (kql/syntax/ast.h); the evaluator (exec/) runs it over a
// batch. Column references are resolved to indexes; implicit conversions are explicit
// kCast nodes; constant sub-expressions are folded by the binder.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "huntbook/common/status.h"
#include "huntbook/functions/scalar_function.h"
#include "huntbook/types/type.h"
#include "huntbook/types/value.h"

namespace huntbook::expression {

struct BoundExpr;
using BoundExprPtr = std::shared_ptr<const BoundExpr>;

enum class BoundKind : uint8_t {
  kColumn,    // input column `column`
  kConstant,  // `constant`
  kCall,      // scalar `function` over args
  kArith,     // args[0] op args[1], op in + - * / %
  kNegate,    // -args[0]
  kCompare,   // args[0] op args[1], op in == != < <= > >= (typed: both sides same family)
  kAnd,       // args[0] and args[1] (Kusto's three-valued logic)
  kOr,
  kNot,
  kInList,    // args[0] op list: op in "in" "!in" "in~" "!in~"; list = constant values
  kBetween,   // args[0] between (args[1] .. args[2]); negated when op == "!between"
  kCast,      // args[0] converted to `type` with Kusto's to*() rules
  kMember,    // dynamic args[0] . member
  kIndex,     // dynamic args[0] [args[1]] (string key or integer index)
};

struct BoundExpr {
  BoundKind kind = BoundKind::kConstant;
  TypeKind type = TypeKind::kNull;
  SourcePosition position;
  int column = -1;
  Value constant;
  const functions::ScalarFunction* function = nullptr;
  std::string op;
  std::string member;
  std::vector<BoundExprPtr> args;
  std::vector<Value> list;

  bool is_constant() const { return kind == BoundKind::kConstant; }
};

}  // namespace huntbook::expression
