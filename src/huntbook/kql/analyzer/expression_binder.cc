// Scalar expression binding: names, calls, operators, Kusto's type rules.
#include <algorithm>
#include <set>

#include "huntbook/expression/evaluator.h"
#include "huntbook/functions/aggregate_function.h"
#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/conversion.h"
#include "huntbook/kql/analyzer/query_binder.h"
#include "huntbook/kql/analyzer/search_predicate.h"
#include "huntbook/storage/store.h"

namespace huntbook::analyzer {

namespace {

// The type of a typed literal word (datetime(...), timespan(...), guid(...)); nullopt for
// other names.
std::optional<TypeKind> InvalidLiteralType(std::string_view word) {
  if (word == "datetime" || word == "date") return TypeKind::kDateTime;
  if (word == "timespan" || word == "time") return TypeKind::kTimespan;
  if (word == "guid" || word == "uuid" || word == "uniqueid") return TypeKind::kGuid;
  return std::nullopt;
}

std::shared_ptr<BoundExpr> Node(BoundKind kind, TypeKind type, SourcePosition position) {
  auto e = std::make_shared<BoundExpr>();
  e->kind = kind;
  e->type = type;
  e->position = position;
  return e;
}

BoundExprPtr ConstantNode(Value v, SourcePosition position) {
  if (v.type() == TypeKind::kNull) v = Value::Null(TypeKind::kDynamic);
  auto e = Node(BoundKind::kConstant, v.type(), position);
  e->constant = std::move(v);
  return e;
}

bool IsIntLike(TypeKind t) { return t == TypeKind::kInt || t == TypeKind::kLong; }
bool IsNum(TypeKind t) { return IsNumeric(t); }

std::string TypeText(TypeKind t) { return std::string(TypeName(t)); }

// Result type of an arithmetic operator, or nullopt when Kusto rejects the operands.
// https://learn.microsoft.com/kusto/query/numerical-operators
// https://learn.microsoft.com/kusto/query/datetime-timespan-arithmetic
std::optional<TypeKind> ArithType(const std::string& op, TypeKind a, TypeKind b) {
  using T = TypeKind;
  if (IsNum(a) && IsNum(b)) {
    if (a == T::kDecimal || b == T::kDecimal) return T::kDecimal;
    if (a == T::kReal || b == T::kReal) return T::kReal;
    return T::kLong;  // int op int included: "both integer types -> long" (numoperators doc)
  }
  if (op == "-" && a == T::kDateTime && b == T::kDateTime) return T::kTimespan;
  if ((op == "+" || op == "-") && a == T::kDateTime && b == T::kTimespan) return T::kDateTime;
  if (op == "+" && a == T::kTimespan && b == T::kDateTime) return T::kDateTime;
  if (a == T::kTimespan && b == T::kTimespan) {
    if (op == "/") return T::kReal;
    if (op == "*") return std::nullopt;
    return T::kTimespan;
  }
  if (op == "*" && ((a == T::kTimespan && IsNum(b)) || (IsNum(a) && b == T::kTimespan))) {
    return T::kTimespan;
  }
  if (op == "/" && a == T::kTimespan && IsNum(b)) return T::kTimespan;
  return std::nullopt;
}

bool IsComparison(const std::string& op) {
  return op == "==" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=" ||
         op == "<>";
}

}  // namespace

BoundExprPtr ColumnRef(int index, TypeKind type) {
  auto e = Node(BoundKind::kColumn, type, {});
  e->column = index;
  return e;
}

Result<BoundExprPtr> QueryBinder::Fold(std::shared_ptr<BoundExpr> e) {
  for (const BoundExprPtr& arg : e->args) {
    if (!arg->is_constant()) return BoundExprPtr(e);
  }
  if (e->kind == BoundKind::kColumn) return BoundExprPtr(e);
  if (e->function != nullptr && !e->function->deterministic) return BoundExprPtr(e);  // rand()
  ASSIGN_OR_RETURN(Value v, expression::EvaluateConstant(*e, context_));
  if (v.type() == TypeKind::kNull) v = Value::Null(e->type);
  auto folded = Node(BoundKind::kConstant, e->type, e->position);
  folded->constant = std::move(v);
  return BoundExprPtr(folded);
}

Result<BoundExprPtr> QueryBinder::Cast(BoundExprPtr e, TypeKind type) {
  if (e->type == type) return e;
  auto cast = Node(BoundKind::kCast, type, e->position);
  cast->args.push_back(std::move(e));
  return Fold(cast);
}

Result<Value> QueryBinder::BindConstant(const kql::Expr& expr, const EnvPtr& env) {
  static const std::vector<ColumnSchema> kNoColumns;
  ASSIGN_OR_RETURN(BoundExprPtr e, BindScalar(expr, Scope{&kNoColumns, env}));
  if (!e->is_constant()) {
    return SemanticError("expected a constant expression", expr.position);
  }
  return e->constant;
}

Result<BoundExprPtr> QueryBinder::BindScalar(const kql::Expr& expr, const Scope& scope) {
  if (++depth_ > 256) {
    --depth_;
    return SemanticError("expression nested too deeply", expr.position);
  }
  struct DepthGuard {
    int& depth;
    ~DepthGuard() { --depth; }
  } guard{depth_};
  using K = kql::ExprKind;
  switch (expr.kind) {
    case K::kLiteral:
      return ConstantNode(expr.literal, expr.position);
    case K::kName: {
      const auto& columns = *scope.columns;
      for (size_t i = 0; i < columns.size(); ++i) {
        if (columns[i].name == expr.name) {
          auto e = Node(BoundKind::kColumn, columns[i].type, expr.position);
          e->column = static_cast<int>(i);
          return BoundExprPtr(e);
        }
      }
      if (const LetValue* let = Lookup(scope.env, expr.name)) {
        if (let->kind == LetValue::Kind::kScalar) return let->scalar;
        if (let->kind == LetValue::Kind::kLambda) {
          kql::Expr call;
          call.kind = K::kCall;
          call.name = expr.name;
          call.position = expr.position;
          return BindLambdaCall(call, *let, scope);
        }
        return NotSupported("tabular expression '" + expr.name + "' used as a scalar",
                            expr.position);
      }
      if (IsOpenSchema(*scope.columns))
        return ConstantNode(Value::Null(TypeKind::kDynamic), expr.position);
      return SemanticError("unknown column or name '" + expr.name + "'", expr.position);
    }
    case K::kMember: {
      ASSIGN_OR_RETURN(BoundExprPtr base, BindScalar(*expr.args[0], scope));
      if (base->type != TypeKind::kDynamic) {
        return SemanticError(
            "member access '." + expr.name + "' needs a dynamic value, got " + TypeText(base->type),
            expr.position);
      }
      auto e = Node(BoundKind::kMember, TypeKind::kDynamic, expr.position);
      e->member = expr.name;
      e->args.push_back(base);
      return Fold(e);
    }
    case K::kIndex: {
      ASSIGN_OR_RETURN(BoundExprPtr base, BindScalar(*expr.args[0], scope));
      ASSIGN_OR_RETURN(BoundExprPtr key, BindScalar(*expr.args[1], scope));
      if (base->type != TypeKind::kDynamic) {
        return SemanticError("indexing needs a dynamic value, got " + TypeText(base->type),
                             expr.position);
      }
      if (!IsStringStored(key->type) && !IsIntLike(key->type)) {
        return SemanticError("index must be a string or an integer", expr.args[1]->position);
      }
      auto e = Node(BoundKind::kIndex, TypeKind::kDynamic, expr.position);
      e->args = {base, key};
      return Fold(e);
    }
    case K::kCall:
      return BindCall(expr, scope);
    case K::kUnary: {
      ASSIGN_OR_RETURN(BoundExprPtr arg, BindScalar(*expr.args[0], scope));
      if (expr.op == "+") return arg;
      if (expr.op == "not" || expr.op == "!") return BindNot(arg, expr.position);
      if (!IsNum(arg->type) && arg->type != TypeKind::kTimespan) {
        return SemanticError("unary '-' cannot be applied to " + TypeText(arg->type),
                             expr.position);
      }
      auto e = Node(BoundKind::kNegate, arg->type, expr.position);
      e->args.push_back(arg);
      return Fold(e);
    }
    case K::kBinary:
      return BindBinary(expr, scope);
    case K::kList:
      return BindList(expr, scope);
    case K::kStar:
      return SemanticError("'*' is not allowed here", expr.position);
    default:
      return NotSupported("tabular expression in a scalar context", expr.position);
  }
}

// `* has "x"`: true when some column of the row satisfies the string operator
// (https://learn.microsoft.com/kusto/query/where-operator: `Traces | where * has "Kusto"`
// finds "the rows in which the word Kusto appears in any column"; search's every-column
// terms read alike). Non-string columns are compared through tostring(). The negated
// operators would have to choose between "no column" and "some column does not"; the docs
// do not say, so they fail by name.
// https://learn.microsoft.com/kusto/query/not-function: "expr: bool"; Microsoft's front end
// rejects a number, a string or a dynamic there ("A value of type bool expected").
Result<BoundExprPtr> QueryBinder::BindNot(BoundExprPtr arg, SourcePosition position) {
  if (arg->type != TypeKind::kBool && arg->type != TypeKind::kNull) {
    return SemanticError("not() needs a bool argument, got " + TypeText(arg->type), position);
  }
  ASSIGN_OR_RETURN(arg, Cast(arg, TypeKind::kBool));
  auto e = Node(BoundKind::kNot, TypeKind::kBool, position);
  e->args.push_back(arg);
  return Fold(e);
}

Result<BoundExprPtr> QueryBinder::BindAnyColumn(const kql::Expr& expr, const Scope& scope) {
  static const std::set<std::string> kPositive = {
      "has",          "has_cs",      "contains",     "contains_cs", "hasprefix",
      "hasprefix_cs", "hassuffix",   "hassuffix_cs", "startswith",  "startswith_cs",
      "endswith",     "endswith_cs", "==",           "=~",          "matches regex"};
  if (kPositive.count(expr.op) == 0) {
    return NotSupported("'*' as the left side of '" + expr.op + "'", expr.position);
  }
  kql::ExprPtr any = AnyColumn(*scope.columns, [&](const ColumnSchema& column) {
    auto one = std::make_shared<kql::Expr>(expr);
    one->args = {ColumnAsString(column), expr.args[1]};
    return kql::ExprPtr(one);
  });
  return BindScalar(*any, scope);
}

Result<BoundExprPtr> QueryBinder::BindBinary(const kql::Expr& expr, const Scope& scope) {
  const std::string& op = expr.op;
  if (expr.args[0]->kind == kql::ExprKind::kStar) return BindAnyColumn(expr, scope);
  ASSIGN_OR_RETURN(BoundExprPtr left, BindScalar(*expr.args[0], scope));
  ASSIGN_OR_RETURN(BoundExprPtr right, BindScalar(*expr.args[1], scope));
  if (op == "and" || op == "or") {
    for (BoundExprPtr* side : {&left, &right}) {
      if ((*side)->type != TypeKind::kBool) {
        if ((*side)->type != TypeKind::kDynamic && (*side)->type != TypeKind::kNull) {
          return SemanticError("'" + op + "' needs bool operands, got " + TypeText((*side)->type),
                               expr.position);
        }
        ASSIGN_OR_RETURN(*side, Cast(*side, TypeKind::kBool));
      }
    }
    auto e = Node(op == "and" ? BoundKind::kAnd : BoundKind::kOr, TypeKind::kBool, expr.position);
    e->args = {left, right};
    return Fold(e);
  }
  if (op == "+" || op == "-" || op == "*" || op == "/" || op == "%") {
    if ((op == "/" || op == "%") &&
        ((left->type == TypeKind::kTimespan && right->type == TypeKind::kDynamic) ||
         (left->type == TypeKind::kDynamic && right->type == TypeKind::kTimespan))) {
      // Microsoft's front end does not define / or % between a timespan and a dynamic.
      return SemanticError("operator '" + op + "' cannot combine " + TypeText(left->type) +
                               " and " + TypeText(right->type),
                           expr.position);
    }
    // A dynamic operand takes the other side's type (Kusto converts implicitly).
    if (left->type == TypeKind::kDynamic && right->type != TypeKind::kDynamic) {
      ASSIGN_OR_RETURN(left, Cast(left, IsNum(right->type) ? TypeKind::kReal : right->type));
    } else if (right->type == TypeKind::kDynamic && left->type != TypeKind::kDynamic) {
      ASSIGN_OR_RETURN(right, Cast(right, IsNum(left->type) ? TypeKind::kReal : left->type));
    } else if (left->type == TypeKind::kDynamic && right->type == TypeKind::kDynamic) {
      ASSIGN_OR_RETURN(left, Cast(left, TypeKind::kReal));
      ASSIGN_OR_RETURN(right, Cast(right, TypeKind::kReal));
    }
    std::optional<TypeKind> type = ArithType(op, left->type, right->type);
    if (!type) {
      return SemanticError("operator '" + op + "' cannot combine " + TypeText(left->type) +
                               " and " + TypeText(right->type),
                           expr.position);
    }
    auto e = Node(BoundKind::kArith, *type, expr.position);
    e->op = op;
    e->args = {left, right};
    return Fold(e);
  }
  if (IsComparison(op)) {
    TypeKind a = left->type, b = right->type;
    if (op != "==" && op != "!=" && op != "<>") {
      // Ordering is defined on numbers, bools, datetimes and timespans (numoperators,
      // datetime-timespan-arithmetic); Microsoft's front end rejects `<` with a string or
      // a guid on either side, and a dynamic against anything but a number or a dynamic.
      auto unordered = [](TypeKind t) { return t == TypeKind::kString || t == TypeKind::kGuid; };
      auto dynamic_mismatch = [](TypeKind d, TypeKind other) {
        return d == TypeKind::kDynamic && other != TypeKind::kDynamic && other != TypeKind::kNull &&
               !IsNum(other);
      };
      if (unordered(a) || unordered(b) || dynamic_mismatch(a, b) || dynamic_mismatch(b, a)) {
        return SemanticError(
            "cannot compare " + TypeText(a) + " with " + TypeText(b) + " using '" + op + "'",
            expr.position);
      }
    }
    if (a == TypeKind::kDynamic && b != TypeKind::kDynamic) {
      ASSIGN_OR_RETURN(left, Cast(left, IsNum(b) ? TypeKind::kReal : b));
    } else if (b == TypeKind::kDynamic && a != TypeKind::kDynamic) {
      ASSIGN_OR_RETURN(right, Cast(right, IsNum(a) ? TypeKind::kReal : a));
    } else if (a == TypeKind::kGuid && b == TypeKind::kString) {
      ASSIGN_OR_RETURN(left, Cast(left, TypeKind::kString));
    } else if (a == TypeKind::kString && b == TypeKind::kGuid) {
      ASSIGN_OR_RETURN(right, Cast(right, TypeKind::kString));
    } else if (a == TypeKind::kString &&
               (IsNum(b) || b == TypeKind::kDateTime || b == TypeKind::kTimespan)) {
      // `EventID == "4624"`: Kusto accepts a string against a number, datetime or timespan
      // and converts the string (a string that does not convert compares as null).
      ASSIGN_OR_RETURN(left, Cast(left, IsIntLike(b) ? TypeKind::kLong : b));
    } else if (b == TypeKind::kString &&
               (IsNum(a) || a == TypeKind::kDateTime || a == TypeKind::kTimespan)) {
      ASSIGN_OR_RETURN(right, Cast(right, IsIntLike(a) ? TypeKind::kLong : a));
    } else if (a == TypeKind::kString && b == TypeKind::kBool && (op == "==" || op == "!=")) {
      // `IsLocalAdmin == "True"`: the string converts as tobool() does ("true"/"false" in
      // any case; anything else is null, so the comparison is null, not true). Only
      // equality: Microsoft's binder rejects `<` between a bool and a string.
      ASSIGN_OR_RETURN(left, Cast(left, TypeKind::kBool));
    } else if (b == TypeKind::kString && a == TypeKind::kBool && (op == "==" || op == "!=")) {
      ASSIGN_OR_RETURN(right, Cast(right, TypeKind::kBool));
    } else if (a == TypeKind::kBool && IsNum(b)) {
      // `IsCompliant == 1`: a bool compares with a number as 0/1 (Microsoft's binder accepts
      // it; 30 corpus queries rely on it).
      ASSIGN_OR_RETURN(left, Cast(left, TypeKind::kLong));
    } else if (b == TypeKind::kBool && IsNum(a)) {
      ASSIGN_OR_RETURN(right, Cast(right, TypeKind::kLong));
    }
    a = left->type;
    b = right->type;
    bool ok = (IsNum(a) && IsNum(b)) || a == b;
    if (!ok) {
      return SemanticError(
          "cannot compare " + TypeText(a) + " with " + TypeText(b) + " using '" + op + "'",
          expr.position);
    }
    auto e = Node(BoundKind::kCompare, TypeKind::kBool, expr.position);
    e->op = op == "<>" ? "!=" : op;
    e->args = {left, right};
    return Fold(e);
  }
  // String operators and other named binary operators are catalogue functions. Legacy
  // spellings Kusto's front end still accepts (corpus #1370) name today's operators.
  static constexpr std::pair<std::string_view, std::string_view> kLegacyOperators[] = {
      {"notcontains", "!contains"},
      {"containscs", "contains_cs"},
      {"notcontainscs", "!contains_cs"}};
  std::string_view function_name = op;
  for (const auto& [legacy, current] : kLegacyOperators) {
    if (op == legacy) function_name = current;
  }
  const functions::ScalarFunction* function = functions::FindScalarFunction(function_name);
  if (function == nullptr) return NotSupported("operator '" + op + "'", expr.position);
  // The operators' right side is a string; a dynamic value converts as tostring() does
  // (`Url contains d.host`).
  if (right->type == TypeKind::kDynamic) {
    ASSIGN_OR_RETURN(right, Cast(right, TypeKind::kString));
  }
  TypeKind types[2] = {left->type, right->type};
  Result<TypeKind> type = function->bind(types);
  if (!type.ok()) return Status(type.status().code(), type.status().message(), expr.position);
  auto e = Node(BoundKind::kCall, *type, expr.position);
  e->function = function;
  e->args = {left, right};
  return Fold(e);
}

Result<BoundExprPtr> QueryBinder::BindList(const kql::Expr& expr, const Scope& scope) {
  const std::string& op = expr.op;
  ASSIGN_OR_RETURN(BoundExprPtr subject, BindScalar(*expr.args[0], scope));
  if (op == "between" || op == "!between") {
    if (expr.args.size() != 3) return SemanticError("between needs (lo .. hi)", expr.position);
    ASSIGN_OR_RETURN(BoundExprPtr lo, BindScalar(*expr.args[1], scope));
    ASSIGN_OR_RETURN(BoundExprPtr hi, BindScalar(*expr.args[2], scope));
    if (subject->type == TypeKind::kDateTime && hi->type == TypeKind::kTimespan) {
      // datetime between (start .. duration):
      // https://learn.microsoft.com/kusto/query/between-operator
      auto sum = Node(BoundKind::kArith, TypeKind::kDateTime, expr.position);
      sum->op = "+";
      sum->args = {lo, hi};
      ASSIGN_OR_RETURN(hi, Fold(sum));
    }
    for (BoundExprPtr* side : {&subject, &lo, &hi}) {
      if ((*side)->type == TypeKind::kDynamic) {
        ASSIGN_OR_RETURN(*side, Cast(*side, TypeKind::kReal));
      }
    }
    // between ranges over numbers, datetimes and timespans (between-operator); Microsoft's
    // front end rejects strings ("not defined for the operand types string, string and
    // string").
    if (!IsNum(subject->type) && subject->type != TypeKind::kDateTime &&
        subject->type != TypeKind::kTimespan && subject->type != TypeKind::kNull) {
      return SemanticError(
          "'" + op + "' needs a number, datetime or timespan, got " + TypeText(subject->type),
          expr.position);
    }
    auto ok = [&](TypeKind t) { return (IsNum(subject->type) && IsNum(t)) || t == subject->type; };
    if (!ok(lo->type) || !ok(hi->type)) {
      return SemanticError(
          "between bounds must have the type of the value (" + TypeText(subject->type) + ")",
          expr.position);
    }
    auto e = Node(BoundKind::kBetween, TypeKind::kBool, expr.position);
    e->op = op;
    e->args = {subject, lo, hi};
    return Fold(e);
  }
  // Gather list items; dynamic array constants expand to their elements.
  std::vector<BoundExprPtr> items;
  for (size_t i = 1; i < expr.args.size(); ++i) {
    const kql::Expr& item = *expr.args[i];
    if (item.kind == kql::ExprKind::kPipe || IsTabular(item, scope.env)) {
      // `x in (T | project c)`: the first column of the subquery's result.
      ASSIGN_OR_RETURN(Table table, RunSubquery(item, scope.env));
      if (table.columns.empty()) {
        return SemanticError("the tabular expression in '" + op + "' has no columns",
                             item.position);
      }
      auto list = std::make_shared<BoundExpr>();
      list->kind = BoundKind::kConstant;
      const Column& first = *table.columns[0];
      Dynamic::Array values;
      for (size_t r = 0; r < table.rows; ++r) {
        if (!functions::IsNullAt(first, At(first, r))) {
          values.push_back(functions::ToDynamic(first, At(first, r)));
        }
      }
      list->type = TypeKind::kDynamic;
      list->constant = Value::Dyn(Dynamic::MakeArray(std::move(values)));
      items.push_back(list);
      continue;
    }
    ASSIGN_OR_RETURN(BoundExprPtr bound, BindScalar(item, scope));
    items.push_back(bound);
  }
  if (op == "has_any" || op == "has_all" || op == "has_any_cs" || op == "has_all_cs") {
    const functions::ScalarFunction* function = functions::FindScalarFunction(op);
    if (function == nullptr) return NotSupported("operator '" + op + "'", expr.position);
    std::vector<TypeKind> types{subject->type};
    for (const auto& item : items) types.push_back(item->type);
    Result<TypeKind> type = function->bind(types);
    if (!type.ok()) return Status(type.status().code(), type.status().message(), expr.position);
    auto e = Node(BoundKind::kCall, *type, expr.position);
    e->function = function;
    e->args.push_back(subject);
    for (auto& item : items) e->args.push_back(item);
    return Fold(e);
  }
  if (op != "in" && op != "!in" && op != "in~" && op != "!in~") {
    return NotSupported("operator '" + op + "'", expr.position);
  }
  if ((op == "in~" || op == "!in~") &&
      !functions::ArgRuleAccepts(functions::ArgRule::kStringOrDynamic, subject->type)) {
    // https://learn.microsoft.com/kusto/query/in-operator: in~ compares strings ignoring case.
    return SemanticError(
        "'" + op + "' needs a string or dynamic value, got " + TypeText(subject->type),
        expr.args[0]->position);
  }
  auto e = Node(BoundKind::kInList, TypeKind::kBool, expr.position);
  e->op = op;
  for (const BoundExprPtr& item : items) {
    if (!item->is_constant()) {
      return NotSupported("'" + op + "' with a non-constant list item", item->position);
    }
    const Value& v = item->constant;
    if (v.type() == TypeKind::kDynamic && !v.is_null() && v.dynamic_value().is_array()) {
      for (const Dynamic& element : v.dynamic_value().array()) {
        switch (element.kind()) {
          case Dynamic::Kind::kLong:
            e->list.push_back(Value::Long(element.long_value()));
            break;
          case Dynamic::Kind::kReal:
            e->list.push_back(Value::Real(element.real_value()));
            break;
          case Dynamic::Kind::kBool:
            e->list.push_back(Value::Bool(element.bool_value()));
            break;
          case Dynamic::Kind::kNull:
            break;
          case Dynamic::Kind::kDateTime:
            e->list.push_back(Value::DateTime(element.long_value()));
            break;
          case Dynamic::Kind::kTimespan:
            e->list.push_back(Value::Timespan(element.long_value()));
            break;
          default:
            e->list.push_back(Value::String(element.kind() == Dynamic::Kind::kString ||
                                                    element.kind() == Dynamic::Kind::kGuid
                                                ? element.string_value()
                                                : element.ToJson()));
        }
      }
      continue;
    }
    e->list.push_back(v);
  }
  // Compare strings with strings, numbers with numbers: convert list items to the subject's
  // family so that `EventID in ("4624")` and `x in (1, 2.0)` behave as Kusto's.
  for (Value& v : e->list) {
    if (v.is_null()) continue;
    bool subject_text = IsStringStored(subject->type) || subject->type == TypeKind::kDynamic;
    if (subject_text && !IsStringStored(v.type())) {
      v = Value::String(v.ToString());
    } else if (!subject_text && IsStringStored(v.type())) {
      auto cast = std::make_shared<BoundExpr>();
      cast->kind = BoundKind::kCast;
      cast->type = IsIntegerStored(subject->type) ? subject->type : TypeKind::kReal;
      cast->args.push_back(ConstantNode(v, {}));
      ASSIGN_OR_RETURN(v, expression::EvaluateConstant(*cast, context_));
    }
  }
  e->args.push_back(subject);
  return Fold(e);
}

Result<BoundExprPtr> QueryBinder::BindCall(const kql::Expr& expr, const Scope& scope) {
  const std::string& name = expr.name;
  if (const LetValue* let = Lookup(scope.env, name)) {
    if (let->kind == LetValue::Kind::kLambda) return BindLambdaCall(expr, *let, scope);
  }
  if (name == "toscalar") {
    // https://learn.microsoft.com/kusto/query/toscalar-function: the first column of the
    // first row, evaluated once.
    if (expr.args.size() != 1) return SemanticError("toscalar() takes one argument", expr.position);
    if (!IsTabular(*expr.args[0], scope.env)) {
      // toscalar(2), toscalar(Key) in a partition subquery: a scalar expression, evaluated
      // once, so it sees no row's columns.
      const std::vector<ColumnSchema> no_columns;
      ASSIGN_OR_RETURN(BoundExprPtr value,
                       BindScalar(*expr.args[0], Scope{&no_columns, scope.env}));
      if (!value->is_constant()) {
        return NotSupported("toscalar() of a scalar expression that is not constant",
                            expr.position);
      }
      return value;
    }
    ASSIGN_OR_RETURN(Table table, RunSubquery(*expr.args[0], scope.env));
    if (table.columns.empty())
      return SemanticError("toscalar() of a table with no columns", expr.position);
    const Column& first = *table.columns[0];
    Value v = table.rows == 0 ? Value::Null(first.type()) : first.Get(At(first, 0));
    return ConstantNode(v, expr.position);
  }
  if (name == "pack_all") {
    // https://learn.microsoft.com/kusto/query/pack-all-function: a bag of every column of
    // the row, bound as bag_pack("c1", c1, ...) (merged in groups of 64 columns, bag_pack's
    // limit). pack_all(true), which drops null and empty values, is not implemented yet.
    if (expr.args.size() > 1)
      return SemanticError("pack_all() takes at most one argument", expr.position);
    if (expr.args.size() == 1) {
      ASSIGN_OR_RETURN(Value ignore, BindConstant(*expr.args[0], scope.env));
      if (ignore.type() != TypeKind::kBool) {
        return SemanticError("pack_all(): argument 1 must be bool", expr.args[0]->position);
      }
      if (!ignore.is_null() && ignore.bool_value()) {
        return NotSupported("function 'pack_all' with ignore_null_empty=true", expr.position);
      }
    }
    auto merge = std::make_shared<kql::Expr>();
    merge->kind = kql::ExprKind::kCall;
    merge->name = "bag_merge";
    merge->position = expr.position;
    for (const ColumnSchema& column : *scope.columns) {
      if (column.name == storage::kIngestionTimeColumn) continue;
      if (merge->args.empty() || merge->args.back()->args.size() >= 128) {
        auto pack = std::make_shared<kql::Expr>();
        pack->kind = kql::ExprKind::kCall;
        pack->name = "bag_pack";
        pack->position = expr.position;
        merge->args.push_back(pack);
      }
      auto key = std::make_shared<kql::Expr>();
      key->kind = kql::ExprKind::kLiteral;
      key->literal = Value::String(column.name);
      key->position = expr.position;
      auto value = std::make_shared<kql::Expr>();
      value->kind = kql::ExprKind::kName;
      value->name = column.name;
      value->position = expr.position;
      merge->args.back()->args.push_back(key);
      merge->args.back()->args.push_back(value);
    }
    if (merge->args.size() == 1) return BindScalar(*merge->args[0], scope);
    if (merge->args.empty()) merge->name = "bag_pack";
    return BindScalar(*merge, scope);
  }
  if (name == "ingestion_time") {
    // https://learn.microsoft.com/kusto/query/ingestion-time-function: the row's hidden
    // $IngestionTime (scans add it when the query calls ingestion_time()); null for rows
    // without one (datatable, print, or after an operator that dropped the column).
    if (!expr.args.empty()) {
      return SemanticError("ingestion_time() takes no arguments", expr.position);
    }
    const auto& columns = *scope.columns;
    for (size_t i = 0; i < columns.size(); ++i) {
      if (columns[i].name == storage::kIngestionTimeColumn) {
        auto e = Node(BoundKind::kColumn, TypeKind::kDateTime, expr.position);
        e->column = static_cast<int>(i);
        return BoundExprPtr(e);
      }
    }
    return ConstantNode(Value::Null(TypeKind::kDateTime), expr.position);
  }
  if (name == "column_ifexists") {
    // https://learn.microsoft.com/kusto/query/column-ifexists-function: the column when the
    // input has it, else the default value.
    if (expr.args.size() != 2) {
      return SemanticError("column_ifexists() takes two arguments", expr.position);
    }
    ASSIGN_OR_RETURN(Value column_name, BindConstant(*expr.args[0], scope.env));
    if (column_name.type() != TypeKind::kString) {
      return SemanticError("column_ifexists() needs a column name string", expr.args[0]->position);
    }
    const auto& columns = *scope.columns;
    for (size_t i = 0; i < columns.size(); ++i) {
      if (columns[i].name == column_name.string_value()) {
        auto e = Node(BoundKind::kColumn, columns[i].type, expr.position);
        e->column = static_cast<int>(i);
        return BoundExprPtr(e);
      }
    }
    return BindScalar(*expr.args[1], scope);
  }
  if (name == "not") {
    if (expr.args.size() != 1) return SemanticError("not() takes one argument", expr.position);
    ASSIGN_OR_RETURN(BoundExprPtr arg, BindScalar(*expr.args[0], scope));
    return BindNot(arg, expr.position);
  }
  const functions::ScalarFunction* function = functions::FindScalarFunction(name);
  if (function == nullptr) {
    if (!expr.text.empty() && expr.text != "method") {
      // A typed literal whose text the parser could not read, e.g. datetime({start}):
      // Kusto's front end types it and binds on; the engine refuses to run the query
      // (Query::invalid_literals), so the null placeholder here is never evaluated.
      std::optional<TypeKind> type = InvalidLiteralType(name);
      if (!type) return SemanticError(expr.text, expr.position);
      return ConstantNode(Value::Null(*type), expr.position);
    }
    if (functions::FindAggregateFunction(name) != nullptr) {
      return SemanticError(
          "aggregate function '" + name + "' is only allowed in summarize (or make-series)",
          expr.position);
    }
    return NotSupported("function '" + name + "'", expr.position);
  }
  int count = static_cast<int>(expr.args.size());
  if (count < function->min_args || (function->max_args >= 0 && count > function->max_args)) {
    std::string expected =
        function->max_args < 0 ? "at least " + std::to_string(function->min_args)
        : function->min_args == function->max_args
            ? std::to_string(function->min_args)
            : std::to_string(function->min_args) + " to " + std::to_string(function->max_args);
    return SemanticError(
        name + "() takes " + expected + " argument(s), got " + std::to_string(count),
        expr.position);
  }
  auto e = Node(BoundKind::kCall, TypeKind::kNull, expr.position);
  e->function = function;
  std::vector<TypeKind> types;
  for (const kql::ExprPtr& arg : expr.args) {
    // typeof(long) as an argument (extract's 4th) is passed as the type's name.
    if (arg->kind == kql::ExprKind::kCall && arg->name == "typeof" && arg->args.size() == 1) {
      // typeof(T) is passed as a typed null of T (scalar_function.h convention).
      std::optional<TypeKind> type = ParseTypeName(arg->args[0]->name);
      if (!type) {
        return SemanticError("unknown type '" + arg->args[0]->name + "'", arg->position);
      }
      auto typed_null = Node(BoundKind::kConstant, *type, arg->position);
      typed_null->constant = Value::Null(*type);
      e->args.push_back(typed_null);
      types.push_back(*type);
      continue;
    }
    // A named argument `f(Name = value)` passes its value; the name only names the
    // result column (DerivedName).
    const bool named = arg->kind == kql::ExprKind::kBinary && arg->op == "=" &&
                       arg->args[0]->kind == kql::ExprKind::kName;
    ASSIGN_OR_RETURN(BoundExprPtr bound, BindScalar(named ? *arg->args[1] : *arg, scope));
    types.push_back(bound->type);
    e->args.push_back(std::move(bound));
  }
  Result<TypeKind> type = function->bind(types);
  if (!type.ok()) return Status(type.status().code(), type.status().message(), expr.position);
  e->type = *type;
  return Fold(e);
}

Result<BoundExprPtr> QueryBinder::BindLambdaCall(const kql::Expr& call, const LetValue& lambda,
                                                 const Scope& scope) {
  const kql::Expr& def = *lambda.syntax;
  if (call.args.size() > def.lambda_params.size()) {
    return SemanticError("function '" + call.name + "' takes " +
                             std::to_string(def.lambda_params.size()) + " argument(s)",
                         call.position);
  }
  EnvPtr env = lambda.env;
  for (size_t i = 0; i < def.lambda_params.size(); ++i) {
    const kql::ColumnDecl& param = def.lambda_params[i];
    BoundExprPtr value;
    if (i < call.args.size()) {
      ASSIGN_OR_RETURN(value, BindScalar(*call.args[i], scope));
    } else if (param.default_value) {
      ASSIGN_OR_RETURN(value, BindScalar(*param.default_value, Scope{scope.columns, lambda.env}));
    } else {
      return SemanticError("missing argument '" + param.name + "' of '" + call.name + "'",
                           call.position);
    }
    if (std::optional<TypeKind> t = ParseTypeName(param.type_name);
        t && *t != value->type && value->type != TypeKind::kNull) {
      ASSIGN_OR_RETURN(value, Cast(value, *t));
    }
    LetValue let;
    let.kind = LetValue::Kind::kScalar;
    let.scalar = value;
    env = Extend(env, param.name, std::move(let));
  }
  // The body: let statements then one scalar expression, bound over the caller's columns.
  for (size_t i = 0; i < def.body.size(); ++i) {
    const kql::Statement& statement = *def.body[i];
    bool last = i + 1 == def.body.size();
    if (statement.kind == kql::StatementKind::kLet && !last) {
      LetValue let;
      if (statement.expr->kind == kql::ExprKind::kLambda) {
        let.kind = LetValue::Kind::kLambda;
        let.syntax = statement.expr;
        let.env = env;
      } else {
        let.kind = LetValue::Kind::kScalar;
        ASSIGN_OR_RETURN(let.scalar, BindScalar(*statement.expr, Scope{scope.columns, env}));
      }
      env = Extend(env, statement.name, std::move(let));
      continue;
    }
    if (last && statement.kind == kql::StatementKind::kQuery) {
      return BindScalar(*statement.expr, Scope{scope.columns, env});
    }
  }
  return SemanticError("function '" + call.name + "' has no result expression", call.position);
}

}  // namespace huntbook::analyzer
