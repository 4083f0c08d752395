// Statements: let, set, declare query_parameters, tabular queries; lambdas.
// https://learn.microsoft.com/kusto/query/let-statement
// https://learn.microsoft.com/kusto/query/set-statement
// https://learn.microsoft.com/kusto/query/query-parameters-statement
#include <utility>

#include "huntbook/kql/syntax/recursive_descent_parser.h"

namespace huntbook::kql {

Result<Query> RecursiveDescentParser::ParseQuery() {
  Query query;
  ASSIGN_OR_RETURN(query.statements, ParseStatementList(/*in_braces=*/false));
  if (Peek().kind != TokenKind::kEnd) return ErrorExpected("';'");
  query.invalid_literals = std::move(invalid_literals_);
  query.uses_ingestion_time = uses_ingestion_time_;
  return query;
}

Result<ExprPtr> RecursiveDescentParser::ParseStandaloneExpression() {
  ASSIGN_OR_RETURN(ExprPtr e, ParseTabular());
  if (Peek().kind != TokenKind::kEnd) return ErrorExpected("end of input");
  return e;
}

Result<std::vector<std::shared_ptr<Statement>>> RecursiveDescentParser::ParseStatementList(
    bool in_braces) {
  std::vector<std::shared_ptr<Statement>> statements;
  // A leading ';' is an error in Kusto; empty statements between and after are not.
  if (IsOp(";")) return ErrorExpected("a statement");
  while (true) {
    while (AcceptOp(";")) {
    }
    if (Peek().kind == TokenKind::kEnd || (in_braces && IsOp("}"))) break;
    ASSIGN_OR_RETURN(std::shared_ptr<Statement> s, ParseStatement());
    statements.push_back(std::move(s));
    if (AcceptOp(";")) continue;
    if (Peek().kind == TokenKind::kEnd || (in_braces && IsOp("}"))) break;
    // Reported where the ';' belongs, right after the statement (as Kusto's parser does),
    // not at the next statement, which may be several comment lines further on.
    return SyntaxError("expected ';' but found " + DescribeToken(Peek()), EndOfPreviousToken());
  }
  return statements;
}

Result<std::shared_ptr<Statement>> RecursiveDescentParser::ParseStatement() {
  if (IsWord("let") && (IsIdentifier(1) || IsOp("[", 1))) return ParseLet();
  if (IsWord("set") && IsIdentifier(1)) return ParseSet();
  if (IsWord("declare") && IsWord("query_parameters", 1)) return ParseDeclare();
  auto s = std::make_shared<Statement>();
  s->kind = StatementKind::kQuery;
  s->position = Peek().position;
  ASSIGN_OR_RETURN(s->expr, ParseTabular());
  return s;
}

Result<std::shared_ptr<Statement>> RecursiveDescentParser::ParseLet() {
  auto s = std::make_shared<Statement>();
  s->kind = StatementKind::kLet;
  s->position = Peek().position;
  Advance();  // let
  ASSIGN_OR_RETURN(s->name, ParseColumnName("a name after 'let'"));
  RETURN_IF_ERROR(ExpectOp("="));
  if (AtLambda()) {
    ASSIGN_OR_RETURN(s->expr, ParseLambda());
  } else if (IsWord("view") && IsOp("(", 1)) {
    Advance();  // view: a lambda whose result may be unioned by wildcard
    ASSIGN_OR_RETURN(s->expr, ParseLambda());
    s->expr->text = "view";
  } else {
    ASSIGN_OR_RETURN(s->expr, ParseTabular());
  }
  return s;
}

Result<std::shared_ptr<Statement>> RecursiveDescentParser::ParseSet() {
  auto s = std::make_shared<Statement>();
  s->kind = StatementKind::kSet;
  s->position = Peek().position;
  Advance();  // set
  ASSIGN_OR_RETURN(s->name, ExpectIdentifier("an option name after 'set'"));
  while (IsOp(".") && IsIdentifier(1)) {  // dotted option names
    Advance();
    s->name += "." + Advance().text;
  }
  if (AcceptOp("=")) {
    ASSIGN_OR_RETURN(s->expr, ParseExpr());
  }
  return s;
}

Result<std::shared_ptr<Statement>> RecursiveDescentParser::ParseDeclare() {
  auto s = std::make_shared<Statement>();
  s->kind = StatementKind::kDeclareParameters;
  s->position = Peek().position;
  Advance();  // declare
  Advance();  // query_parameters
  RETURN_IF_ERROR(ExpectOp("("));
  if (!IsOp(")")) {
    do {
      ASSIGN_OR_RETURN(ColumnDecl decl, ParseParameterDecl(/*allow_default=*/true));
      s->parameters.push_back(std::move(decl));
    } while (AcceptOp(","));
  }
  RETURN_IF_ERROR(ExpectOp(")"));
  return s;
}

bool RecursiveDescentParser::AtLambda() const {
  if (!IsOp("(")) return false;
  if (IsOp(")", 1)) return IsOp("{", 2);
  return (IsIdentifier(1) || IsOp("[", 1)) && IsOp(":", 2);
}

Result<ExprPtr> RecursiveDescentParser::ParseLambda() {
  NestingGuard guard(*this);
  RETURN_IF_ERROR(guard.status());
  ExprPtr lambda = MakeExpr(ExprKind::kLambda, Peek().position);
  RETURN_IF_ERROR(ExpectOp("("));
  if (!IsOp(")")) {
    do {
      ASSIGN_OR_RETURN(ColumnDecl decl, ParseParameterDecl(/*allow_default=*/true));
      lambda->lambda_params.push_back(std::move(decl));
    } while (AcceptOp(","));
  }
  RETURN_IF_ERROR(ExpectOp(")"));
  RETURN_IF_ERROR(ExpectOp("{"));
  ASSIGN_OR_RETURN(lambda->body, ParseStatementList(/*in_braces=*/true));
  RETURN_IF_ERROR(ExpectOp("}"));
  return lambda;
}

Result<ColumnDecl> RecursiveDescentParser::ParseParameterDecl(bool allow_default) {
  ColumnDecl decl;
  decl.position = Peek().position;
  ASSIGN_OR_RETURN(decl.name, ParseColumnName("a parameter name"));
  RETURN_IF_ERROR(ExpectOp(":"));
  ASSIGN_OR_RETURN(decl.type_name, ParseTypeName());
  if (allow_default && AcceptOp("=")) {
    ASSIGN_OR_RETURN(decl.default_value, ParseExpr());
  }
  return decl;
}

Result<std::string> RecursiveDescentParser::ParseTypeName() {
  if (IsIdentifier()) return Advance().text;
  if (!IsOp("(")) return ErrorExpected("a type name");
  // Tabular parameter type: `(*)` or `(a:long, b:string, *)`.
  size_t first = pos_;
  Advance();
  if (!IsOp(")")) {
    do {
      if (AcceptOp("*")) continue;
      ASSIGN_OR_RETURN(std::string name, ParseColumnName("a column name"));
      (void)name;
      RETURN_IF_ERROR(ExpectOp(":"));
      ASSIGN_OR_RETURN(std::string type, ExpectIdentifier("a type name"));
      (void)type;
    } while (AcceptOp(","));
  }
  RETURN_IF_ERROR(ExpectOp(")"));
  return TextFrom(first);
}

}  // namespace huntbook::kql
