// Scalar expressions with Kusto's precedence.
// https://learn.microsoft.com/kusto/query/datatypes-string-operators
// https://learn.microsoft.com/kusto/query/between-operator
#include <algorithm>
#include <utility>

#include "huntbook/kql/syntax/recursive_descent_parser.h"

namespace huntbook::kql {
namespace {

// Binary word operators at the equality level (their '!' forms are kOperator tokens).
constexpr std::string_view kStringOperators[] = {
    "has",
    "has_cs",
    "hasprefix",
    "hasprefix_cs",
    "hassuffix",
    "hassuffix_cs",
    "contains",
    "contains_cs",
    "startswith",
    "startswith_cs",
    "endswith",
    "endswith_cs",
    "!has",
    "!has_cs",
    "!hasprefix",
    "!hasprefix_cs",
    "!hassuffix",
    "!hassuffix_cs",
    "!contains",
    "!contains_cs",
    "!startswith",
    "!startswith_cs",
    "!endswith",
    "!endswith_cs",
    // Legacy spellings still accepted by Kusto.
    "notcontains",
    "containscs",
    "notcontainscs",
    "like",
    "notlike",
    "likecs",
    "notlikecs",
};
// A single '=' in expression position is accepted by Kusto as '=='.
constexpr std::string_view kEqualityOperators[] = {"==", "!=", "=~", "!~", "<>", "="};
constexpr std::string_view kListWords[] = {"in", "has_any", "has_all", "between"};
constexpr std::string_view kListOperators[] = {"in~", "!in", "!in~", "!between"};

template <size_t N>
bool Contains(const std::string_view (&list)[N], std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

// Keywords that Kusto refuses as bare names in expressions.
bool IsReservedWord(std::string_view w) {
  static constexpr std::string_view kReserved[] = {"and",     "or",      "by",      "on",
                                                   "with",    "asc",     "desc",    "matches",
                                                   "between", "has_any", "has_all", "in"};
  return Contains(kStringOperators, w) || Contains(kReserved, w);
}

}  // namespace

Result<ExprPtr> RecursiveDescentParser::ParseExpr() { return ParseOr(); }

Result<ExprPtr> RecursiveDescentParser::ParseOr() {
  return ParseLogicalChain("or", &RecursiveDescentParser::ParseAnd);
}

Result<ExprPtr> RecursiveDescentParser::ParseAnd() {
  return ParseLogicalChain("and", &RecursiveDescentParser::ParseEquality);
}

Result<ExprPtr> RecursiveDescentParser::ParseLogicalChain(
    std::string_view word, Result<ExprPtr> (RecursiveDescentParser::*parse_operand)()) {
  ASSIGN_OR_RETURN(ExprPtr first, (this->*parse_operand)());
  if (!IsWord(word)) return first;
  std::vector<ExprPtr> operands;
  std::vector<SourcePosition> positions;  // positions[i]: the word after operands[i]
  operands.push_back(std::move(first));
  while (IsWord(word)) {
    positions.push_back(Advance().position);
    ASSIGN_OR_RETURN(ExprPtr next, (this->*parse_operand)());
    operands.push_back(std::move(next));
  }
  return BalancedChain(word, operands, positions, 0, operands.size());
}

ExprPtr RecursiveDescentParser::BalancedChain(std::string_view word, std::vector<ExprPtr>& operands,
                                              const std::vector<SourcePosition>& positions,
                                              size_t begin, size_t end) const {
  if (end - begin == 1) return std::move(operands[begin]);
  // The right half is never larger, so two and three operands nest as Kusto reads them:
  // `a or b or c` is ((a or b) or c).
  size_t middle = end - (end - begin) / 2;
  ExprPtr e = MakeExpr(ExprKind::kBinary, positions[middle - 1]);
  e->op = std::string(word);
  ExprPtr left = BalancedChain(word, operands, positions, begin, middle);
  ExprPtr right = BalancedChain(word, operands, positions, middle, end);
  e->args = {std::move(left), std::move(right)};
  return e;
}

Result<ExprPtr> RecursiveDescentParser::ParseEquality() {
  ASSIGN_OR_RETURN(ExprPtr left, ParseRelational());
  while (true) {
    const Token& t = Peek();
    std::string op;
    if (t.kind == TokenKind::kOperator &&
        (Contains(kEqualityOperators, t.text) || Contains(kStringOperators, t.text))) {
      op = t.text;
    } else if (t.kind == TokenKind::kIdentifier && Contains(kStringOperators, t.text)) {
      op = t.text;
    } else if (IsWord("matches") && IsWord("regex", 1)) {
      SourcePosition p = Advance().position;
      Advance();
      ASSIGN_OR_RETURN(ExprPtr right, ParseRelational());
      ExprPtr e = MakeExpr(ExprKind::kBinary, p);
      e->op = "matches regex";
      e->args = {std::move(left), std::move(right)};
      left = std::move(e);
      continue;
    } else if ((t.kind == TokenKind::kIdentifier && Contains(kListWords, t.text)) ||
               (t.kind == TokenKind::kOperator && Contains(kListOperators, t.text))) {
      std::string list_op = t.text;
      SourcePosition p = Advance().position;
      ASSIGN_OR_RETURN(left, ParseListOperator(std::move(left), std::move(list_op), p));
      continue;
    } else {
      break;
    }
    SourcePosition p = Advance().position;
    ASSIGN_OR_RETURN(ExprPtr right, ParseRelational());
    ExprPtr e = MakeExpr(ExprKind::kBinary, p);
    e->op = op == "=" ? "==" : std::move(op);
    e->args = {std::move(left), std::move(right)};
    left = std::move(e);
  }
  return left;
}

Result<ExprPtr> RecursiveDescentParser::ParseListOperator(ExprPtr left, std::string op,
                                                          SourcePosition position) {
  ExprPtr e = MakeExpr(ExprKind::kList, position);
  e->op = std::move(op);
  e->args.push_back(std::move(left));
  RETURN_IF_ERROR(ExpectOp("("));
  if (e->op == "between" || e->op == "!between") {
    ASSIGN_OR_RETURN(ExprPtr lo, ParseExpr());
    RETURN_IF_ERROR(ExpectOp(".."));
    ASSIGN_OR_RETURN(ExprPtr hi, ParseExpr());
    e->args.push_back(std::move(lo));
    e->args.push_back(std::move(hi));
  } else if (!IsOp(")")) {
    do {
      ASSIGN_OR_RETURN(ExprPtr item, ParseTabular());
      e->args.push_back(std::move(item));
    } while (AcceptOp(","));
  }
  RETURN_IF_ERROR(ExpectOp(")"));
  return e;
}

Result<ExprPtr> RecursiveDescentParser::ParseRelational() {
  ASSIGN_OR_RETURN(ExprPtr left, ParseAdditive());
  while (IsOp("<") || IsOp(">") || IsOp("<=") || IsOp(">=")) {
    const Token& t = Advance();
    ExprPtr e = MakeExpr(ExprKind::kBinary, t.position);
    e->op = t.text;
    ASSIGN_OR_RETURN(ExprPtr right, ParseAdditive());
    e->args = {std::move(left), std::move(right)};
    left = std::move(e);
  }
  return left;
}

Result<ExprPtr> RecursiveDescentParser::ParseAdditive() {
  ASSIGN_OR_RETURN(ExprPtr left, ParseMultiplicative());
  while (IsOp("+") || IsOp("-")) {
    const Token& t = Advance();
    ExprPtr e = MakeExpr(ExprKind::kBinary, t.position);
    e->op = t.text;
    ASSIGN_OR_RETURN(ExprPtr right, ParseMultiplicative());
    e->args = {std::move(left), std::move(right)};
    left = std::move(e);
  }
  return left;
}

Result<ExprPtr> RecursiveDescentParser::ParseMultiplicative() {
  ASSIGN_OR_RETURN(ExprPtr left, ParseUnary());
  while (IsOp("*") || IsOp("/") || IsOp("%")) {
    const Token& t = Advance();
    ExprPtr e = MakeExpr(ExprKind::kBinary, t.position);
    e->op = t.text;
    ASSIGN_OR_RETURN(ExprPtr right, ParseUnary());
    e->args = {std::move(left), std::move(right)};
    left = std::move(e);
  }
  return left;
}

Result<ExprPtr> RecursiveDescentParser::ParseUnary() {
  if (IsOp("-") || IsOp("+")) {
    NestingGuard guard(*this);
    RETURN_IF_ERROR(guard.status());
    const Token& sign = Advance();
    bool negative = sign.text == "-";
    SourcePosition p = sign.position;
    const Token& next = Peek();
    // Fold the sign into a number literal: `-1` is the literal -1.
    if (next.kind == TokenKind::kLong || next.kind == TokenKind::kReal ||
        next.kind == TokenKind::kTimespan) {
      if (!IsOp(".", 1) && !IsOp("[", 1)) {
        const Token& n = Advance();
        ExprPtr lit = MakeExpr(ExprKind::kLiteral, p);
        lit->text = sign.text + n.text;
        if (n.kind == TokenKind::kLong) {
          lit->literal = Value::Long(negative ? Negate(n.long_value) : n.long_value);
        } else if (n.kind == TokenKind::kReal) {
          lit->literal = Value::Real(negative ? -n.real_value : n.real_value);
        } else {
          lit->literal = Value::Timespan(negative ? Negate(n.long_value) : n.long_value);
        }
        return lit;
      }
    }
    ASSIGN_OR_RETURN(ExprPtr operand, ParseUnary());
    ExprPtr e = MakeExpr(ExprKind::kUnary, p);
    e->op = negative ? "-" : "+";
    e->args = {std::move(operand)};
    return e;
  }
  return ParsePostfix();
}

Result<ExprPtr> RecursiveDescentParser::ParsePostfix() {
  ASSIGN_OR_RETURN(ExprPtr e, ParsePrimary());
  while (true) {
    if (IsOp(".") && IsOp("[", 1) && !(Peek(2).kind == TokenKind::kString && IsOp("]", 3))) {
      Advance();  // `d.[0]` is d[0]
      continue;
    }
    if (IsOp(".") && (IsIdentifier(1) || IsOp("[", 1))) {
      SourcePosition p = Advance().position;
      std::string name;
      if (IsIdentifier()) {
        name = Advance().text;
      } else {
        ASSIGN_OR_RETURN(name, ParseColumnName("a member name"));
      }
      if (IsOp("(")) {
        // Method-style call: database("d").table("t"), cluster("c").database("d").
        ExprPtr call = MakeExpr(ExprKind::kCall, p);
        call->name = std::move(name);
        call->text = "method";
        call->args.push_back(std::move(e));
        ASSIGN_OR_RETURN(e, ParseCallArguments(std::move(call)));
        continue;
      }
      ExprPtr m = MakeExpr(ExprKind::kMember, p);
      m->name = std::move(name);
      m->args = {std::move(e)};
      e = std::move(m);
    } else if (IsOp("[")) {
      SourcePosition p = Advance().position;
      ASSIGN_OR_RETURN(ExprPtr index, ParseExpr());
      RETURN_IF_ERROR(ExpectOp("]"));
      ExprPtr ix = MakeExpr(ExprKind::kIndex, p);
      ix->args = {std::move(e), std::move(index)};
      e = std::move(ix);
    } else {
      return e;
    }
  }
}

Result<ExprPtr> RecursiveDescentParser::ParsePrimary() {
  const Token& t = Peek();
  switch (t.kind) {
    case TokenKind::kString:
      return ParseStringLiteral();
    case TokenKind::kLong: {
      ExprPtr e = MakeExpr(ExprKind::kLiteral, t.position);
      e->literal = Value::Long(t.long_value);
      e->text = Advance().text;
      return e;
    }
    case TokenKind::kReal: {
      ExprPtr e = MakeExpr(ExprKind::kLiteral, t.position);
      e->literal = Value::Real(t.real_value);
      e->text = Advance().text;
      return e;
    }
    case TokenKind::kTimespan: {
      ExprPtr e = MakeExpr(ExprKind::kLiteral, t.position);
      e->literal = Value::Timespan(t.long_value);
      e->text = Advance().text;
      return e;
    }
    case TokenKind::kIdentifier:
      break;
    case TokenKind::kOperator:
      if (t.text == "(") {
        Advance();
        ASSIGN_OR_RETURN(ExprPtr inner, ParseTabular());
        RETURN_IF_ERROR(ExpectOp(")"));
        return inner;
      }
      if (t.text == "*") {
        return MakeExpr(ExprKind::kStar, Advance().position);
      }
      if (AtBracketedName()) {
        ExprPtr e = MakeExpr(ExprKind::kName, t.position);
        ASSIGN_OR_RETURN(e->name, ParseColumnName("a name"));
        return e;
      }
      if (t.text == "{" && IsIdentifier(1)) {
        // Client parameter reference `{name}` (Kusto Explorer / msticpy templates): kept
        // as a kName spelled with its braces; the binder reports it as unknown.
        ExprPtr e = MakeExpr(ExprKind::kName, t.position);
        size_t first = pos_;
        Advance();
        Advance();
        while (IsOp(".") && IsIdentifier(1)) {
          Advance();
          Advance();
        }
        RETURN_IF_ERROR(ExpectOp("}"));
        e->name = TextFrom(first);
        return e;
      }
      return ErrorExpected("an expression");
    case TokenKind::kEnd:
    case TokenKind::kRawText:
      return ErrorExpected("an expression");
  }
  // Identifier.
  if (t.text == "true" || t.text == "false" || t.text == "True" || t.text == "False" ||
      t.text == "TRUE" || t.text == "FALSE") {
    ExprPtr e = MakeExpr(ExprKind::kLiteral, t.position);
    e->literal = Value::Bool(t.text[0] == 't' || t.text[0] == 'T');
    e->text = Advance().text;
    return e;
  }
  if (AtTypedLiteral()) return ParseTypedLiteral();
  if (AtSourceKeyword()) return ParseSourceKeyword();
  if (IsReservedWord(t.text) && !IsOp("(", 1)) {
    if (!ReservedWordInNamePosition()) return ErrorExpected("an expression");
    return SyntaxError("the name '" + t.text + "' needs to be bracketed as ['" + t.text +
                           "'] to be used in this context",
                       t.position);
  }
  const Token& name = Advance();
  if (IsOp("(")) {
    static constexpr std::string_view kTableRefs[] = {
        "table", "database", "workspace", "cluster", "app", "external_table", "materialized_view"};
    bool table_ref =
        std::find(std::begin(kTableRefs), std::end(kTableRefs), name.text) != std::end(kTableRefs);
    ExprPtr call = MakeExpr(table_ref ? ExprKind::kTableRef : ExprKind::kCall, name.position);
    call->name = name.text;
    if (name.text == "ingestion_time") uses_ingestion_time_ = true;
    return ParseCallArguments(std::move(call));
  }
  ExprPtr e = MakeExpr(ExprKind::kName, name.position);
  e->name = name.text;
  return e;
}

Result<ExprPtr> RecursiveDescentParser::ParseCallArguments(ExprPtr call) {
  NestingGuard guard(*this);
  RETURN_IF_ERROR(guard.status());
  RETURN_IF_ERROR(ExpectOp("("));
  if (IsIdentifier() && IsReservedWord(Peek().text) && !IsOp("(", 1) &&
      !ReservedWordInNamePosition()) {
    return ErrorExpected("')'");  // `count( by x`
  }
  if (!IsOp(")")) {
    do {
      if (IsIdentifier() && IsOp("=", 1)) {
        // Named argument (plugins: bag_unpack(d, columnsConflict='keep_source')).
        ExprPtr named = MakeExpr(ExprKind::kBinary, Peek().position);
        named->op = "=";
        ExprPtr key = MakeExpr(ExprKind::kName, Peek().position);
        key->name = Advance().text;
        Advance();  // =
        ASSIGN_OR_RETURN(ExprPtr value, ParseTabular());
        named->args = {std::move(key), std::move(value)};
        call->args.push_back(std::move(named));
        continue;
      }
      ASSIGN_OR_RETURN(ExprPtr arg, ParseTabular());
      call->args.push_back(std::move(arg));
    } while (AcceptOp(","));
  }
  RETURN_IF_ERROR(ExpectOp(")"));
  return call;
}

bool RecursiveDescentParser::ReservedWordInNamePosition() const {
  // A keyword is taken as a misused name when what follows could only follow a name.
  const Token& next = Peek(1);
  if (next.kind == TokenKind::kEnd) return true;
  if (next.kind != TokenKind::kOperator) {
    return next.kind == TokenKind::kIdentifier && IsReservedWord(next.text);
  }
  return next.text != "(" && next.text != "[" && next.text != "-" && next.text != "+";
}

bool RecursiveDescentParser::AtBracketedName() const {
  return IsOp("[") && Peek(1).kind == TokenKind::kString && IsOp("]", 2);
}

Result<std::string> RecursiveDescentParser::ParseColumnName(std::string_view what) {
  if (IsIdentifier()) return Advance().text;
  if (AtBracketedName()) {
    Advance();
    std::string name = Advance().text;
    Advance();
    return name;
  }
  return ErrorExpected(what);
}

Result<NamedExpr> RecursiveDescentParser::ParseNamedExpr() {
  NamedExpr named;
  if (IsIdentifier() && IsOp("=", 1)) {
    named.names.push_back(Advance().text);
    Advance();
  } else if (AtBracketedName() && IsOp("=", 3)) {
    ASSIGN_OR_RETURN(std::string name, ParseColumnName("a name"));
    named.names.push_back(std::move(name));
    Advance();
  } else if (IsOp("(")) {
    // `(a, b) = expr`: look ahead for names, commas, ')' then '='.
    size_t i = 1;
    bool tuple = false;
    while (true) {
      if (IsIdentifier(i)) {
        ++i;
      } else if (IsOp("[", i) && Peek(i + 1).kind == TokenKind::kString && IsOp("]", i + 2)) {
        i += 3;
      } else {
        break;
      }
      if (IsOp(",", i)) {
        ++i;
        continue;
      }
      tuple = IsOp(")", i) && IsOp("=", i + 1);
      break;
    }
    if (tuple) {
      Advance();
      do {
        ASSIGN_OR_RETURN(std::string name, ParseColumnName("a name"));
        named.names.push_back(std::move(name));
      } while (AcceptOp(","));
      RETURN_IF_ERROR(ExpectOp(")"));
      RETURN_IF_ERROR(ExpectOp("="));
    }
  }
  ASSIGN_OR_RETURN(named.expr, ParseExpr());
  return named;
}

Result<std::vector<NamedExpr>> RecursiveDescentParser::ParseNamedExprList() {
  std::vector<NamedExpr> list;
  do {
    ASSIGN_OR_RETURN(NamedExpr named, ParseNamedExpr());
    list.push_back(std::move(named));
  } while (AcceptOp(","));
  return list;
}

Result<ExprPtr> RecursiveDescentParser::ParseNamePattern() {
  ExprPtr e = MakeExpr(ExprKind::kName, Peek().position);
  if (AtBracketedName()) {
    ASSIGN_OR_RETURN(e->name, ParseColumnName("a column name"));
    return e;
  }
  if (!IsIdentifier() && !IsOp("*")) return ErrorExpected("a column name");
  e->name = Advance().text;
  // Continue while the next piece touches the previous one: `Event*`, `*Id`, `a*b`.
  while ((IsIdentifier() || IsOp("*") || Peek().kind == TokenKind::kLong) &&
         Peek().position.offset == tokens_[pos_ - 1].end_offset) {
    e->name += Advance().text;
  }
  if (e->name == "*") e->kind = ExprKind::kStar;
  return e;
}

}  // namespace huntbook::kql
