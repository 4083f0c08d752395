// Tabular expressions: sources (print, range, datatable, union, externaldata, search,
// find, evaluate) and the `| operator` chain.
// https://learn.microsoft.com/kusto/query/tabular-expression-statements
#include <algorithm>
#include <cctype>
#include <utility>

#include "huntbook/kql/syntax/recursive_descent_parser.h"

namespace huntbook::kql {

Result<ExprPtr> RecursiveDescentParser::ParseTabular() {
  NestingGuard guard(*this);
  RETURN_IF_ERROR(guard.status());
  ASSIGN_OR_RETURN(ExprPtr source, ParseExpr());
  return ParsePipeTail(std::move(source));
}

Result<ExprPtr> RecursiveDescentParser::ParsePipeTail(ExprPtr source) {
  if (!IsOp("|")) return source;
  ExprPtr pipe;
  if (source->kind == ExprKind::kPipe && source->args.empty()) {
    pipe = std::move(source);  // a source operator (search, find, evaluate) continues
  } else {
    pipe = MakeExpr(ExprKind::kPipe, source->position);
    pipe->args.push_back(std::move(source));
  }
  while (AcceptOp("|")) {
    ASSIGN_OR_RETURN(OperatorPtr op, ParseOperator());
    pipe->operators.push_back(std::move(op));
  }
  return pipe;
}

bool RecursiveDescentParser::AtSourceKeyword() const {
  if (!IsIdentifier()) return false;
  const std::string& w = Peek().text;
  if (w == "print") return !IsOp("=", 1) && !IsOp(",", 1) && !IsOp(")", 1);
  if (w == "range") return IsIdentifier(1) && IsWord("from", 2);
  if (w == "datatable" || w == "externaldata" || w == "external_data") {
    return IsOp("(", 1) || AtOperatorParamAhead(1);
  }
  if (w == "union") return !IsOp("=", 1) && !IsOp(",", 1) && !IsOp(")", 1);
  if (w == "search" || w == "find") {
    return !IsOp("=", 1) && !IsOp(",", 1) && !IsOp(")", 1) && !IsOp("(", 1) && !IsOp("|", 1) &&
           Peek(1).kind != TokenKind::kEnd && !IsOp(";", 1);
  }
  if (w == "evaluate") return IsIdentifier(1);
  return false;
}

bool RecursiveDescentParser::AtOperatorParamAhead(size_t ahead) const {
  return IsIdentifier(ahead) && IsOp("=", ahead + 1);
}

Result<ExprPtr> RecursiveDescentParser::ParseSourceKeyword() {
  const std::string w = Peek().text;
  if (w == "print") return ParsePrint();
  if (w == "range") return ParseRange();
  if (w == "datatable") return ParseDatatable();
  if (w == "union") return ParseUnionSource();
  if (w == "externaldata" || w == "external_data") return ParseExternalData();
  // search / find / evaluate as the first operator of a pipe without a source.
  ExprPtr pipe = MakeExpr(ExprKind::kPipe, Peek().position);
  ASSIGN_OR_RETURN(OperatorPtr op, ParseOperator());
  pipe->operators.push_back(std::move(op));
  return pipe;
}

Result<ExprPtr> RecursiveDescentParser::ParsePrint() {
  ExprPtr e = MakeExpr(ExprKind::kPrint, Advance().position);
  ASSIGN_OR_RETURN(e->columns, ParseNamedExprList());
  return e;
}

Result<ExprPtr> RecursiveDescentParser::ParseRange() {
  ExprPtr e = MakeExpr(ExprKind::kRange, Advance().position);
  ASSIGN_OR_RETURN(e->name, ParseColumnName("a column name after 'range'"));
  RETURN_IF_ERROR(ExpectWord("from"));
  ASSIGN_OR_RETURN(ExprPtr from, ParseExpr());
  RETURN_IF_ERROR(ExpectWord("to"));
  ASSIGN_OR_RETURN(ExprPtr to, ParseExpr());
  RETURN_IF_ERROR(ExpectWord("step"));
  ASSIGN_OR_RETURN(ExprPtr step, ParseExpr());
  e->args = {std::move(from), std::move(to), std::move(step)};
  return e;
}

Result<ExprPtr> RecursiveDescentParser::ParseDatatable() {
  ExprPtr e = MakeExpr(ExprKind::kDatatable, Advance().position);
  ASSIGN_OR_RETURN(e->params, ParseOperatorParams({}));
  RETURN_IF_ERROR(ExpectOp("("));
  do {
    if (IsOp(")")) break;  // trailing comma, accepted by Kusto
    ASSIGN_OR_RETURN(ColumnDecl decl, ParseParameterDecl(/*allow_default=*/false));
    e->schema.push_back(std::move(decl));
  } while (AcceptOp(","));
  RETURN_IF_ERROR(ExpectOp(")"));
  RETURN_IF_ERROR(ExpectOp("["));
  while (!IsOp("]")) {
    ASSIGN_OR_RETURN(ExprPtr value, ParseExpr());
    e->args.push_back(std::move(value));
    if (!AcceptOp(",")) break;
  }
  RETURN_IF_ERROR(ExpectOp("]"));
  return e;
}

Result<ExprPtr> RecursiveDescentParser::ParseUnionSource() {
  ExprPtr e = MakeExpr(ExprKind::kUnion, Advance().position);
  ASSIGN_OR_RETURN(e->params, ParseOperatorParams({"kind", "withsource", "isfuzzy"}));
  ASSIGN_OR_RETURN(e->args, ParseUnionLegs());
  return e;
}

Result<std::vector<ExprPtr>> RecursiveDescentParser::ParseUnionLegs() {
  std::vector<ExprPtr> legs;
  do {
    if (IsOp("(")) {
      Advance();
      ASSIGN_OR_RETURN(ExprPtr leg, ParseTabular());
      RETURN_IF_ERROR(ExpectOp(")"));
      legs.push_back(std::move(leg));
    } else if (IsIdentifier() && (IsOp("(", 1) || IsOp(".", 1))) {
      ASSIGN_OR_RETURN(ExprPtr leg, ParsePostfix());
      legs.push_back(std::move(leg));
    } else {
      ASSIGN_OR_RETURN(ExprPtr leg, ParseNamePattern());
      legs.push_back(std::move(leg));
    }
  } while (AcceptOp(","));
  return legs;
}

Result<ExprPtr> RecursiveDescentParser::ParseExternalData() {
  ExprPtr e = MakeExpr(ExprKind::kCall, Peek().position);
  e->name = Advance().text;
  ASSIGN_OR_RETURN(e->params, ParseOperatorParams({"kind"}));
  RETURN_IF_ERROR(ExpectOp("("));
  do {
    if (IsOp(")")) break;  // trailing comma, accepted by Kusto
    ASSIGN_OR_RETURN(ColumnDecl decl, ParseParameterDecl(/*allow_default=*/false));
    e->schema.push_back(std::move(decl));
  } while (AcceptOp(","));
  RETURN_IF_ERROR(ExpectOp(")"));
  RETURN_IF_ERROR(ExpectOp("["));
  while (!IsOp("]")) {
    ASSIGN_OR_RETURN(ExprPtr url, ParseExpr());
    e->args.push_back(std::move(url));
    if (!AcceptOp(",")) break;
  }
  RETURN_IF_ERROR(ExpectOp("]"));
  if (AcceptWord("with")) {
    RETURN_IF_ERROR(ExpectOp("("));
    while (!IsOp(")")) {
      OperatorParam param;
      param.position = Peek().position;
      ASSIGN_OR_RETURN(param.name, ExpectIdentifier("a property name"));
      RETURN_IF_ERROR(ExpectOp("="));
      ASSIGN_OR_RETURN(param.value, ParseExpr());
      e->params.push_back(std::move(param));
      if (!AcceptOp(",")) break;
    }
    RETURN_IF_ERROR(ExpectOp(")"));
  }
  return e;
}

bool RecursiveDescentParser::AtOperatorParam(std::initializer_list<std::string_view> names) const {
  if (!IsIdentifier()) return false;
  const std::string& w = Peek().text;
  if (w == "hint" || w == "decodeblocks") {
    size_t i = 1;
    while (IsOp(".", i) && IsIdentifier(i + 1)) i += 2;
    return i > 1 && IsOp("=", i);
  }
  return IsOp("=", 1) && std::find(names.begin(), names.end(), w) != names.end();
}

Result<std::vector<OperatorParam>> RecursiveDescentParser::ParseOperatorParams(
    std::initializer_list<std::string_view> names) {
  std::vector<OperatorParam> params;
  while (AtOperatorParam(names)) {
    OperatorParam param;
    param.position = Peek().position;
    param.name = Advance().text;
    while (AcceptOp(".")) param.name += "." + Advance().text;
    for (char& c : param.name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    RETURN_IF_ERROR(ExpectOp("="));
    ASSIGN_OR_RETURN(param.value, ParseParamValue());
    params.push_back(std::move(param));
  }
  return params;
}

Result<ExprPtr> RecursiveDescentParser::ParseParamValue() {
  const Token& t = Peek();
  if (t.kind == TokenKind::kIdentifier) {
    if (t.text == "true" || t.text == "false") return ParsePrimary();
    ExprPtr e = MakeExpr(ExprKind::kName, t.position);
    e->name = Advance().text;
    return e;
  }
  if (AtBracketedName()) {
    ExprPtr e = MakeExpr(ExprKind::kName, t.position);
    ASSIGN_OR_RETURN(e->name, ParseColumnName("a name"));
    return e;
  }
  if (t.kind == TokenKind::kString || t.kind == TokenKind::kLong || t.kind == TokenKind::kReal ||
      t.kind == TokenKind::kTimespan || IsOp("-")) {
    return ParseUnary();
  }
  return ErrorExpected("a parameter value");
}

}  // namespace huntbook::kql
