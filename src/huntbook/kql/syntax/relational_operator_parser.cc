// Operators that combine or reshape tables: join, lookup, union, mv-expand, parse,
// parse-where, parse-kv, render.
// https://learn.microsoft.com/kusto/query/join-operator
// https://learn.microsoft.com/kusto/query/mv-expand-operator
// https://learn.microsoft.com/kusto/query/parse-operator
#include <utility>

#include "huntbook/kql/syntax/recursive_descent_parser.h"

namespace huntbook::kql {

Status RecursiveDescentParser::ParseJoinOrLookup(Operator& op) {
  ASSIGN_OR_RETURN(op.params, ParseOperatorParams({"kind", "withsource"}));
  if (IsOp("(")) {
    Advance();
    ASSIGN_OR_RETURN(op.right, ParseTabular());
    RETURN_IF_ERROR(ExpectOp(")"));
  } else if (IsIdentifier() || AtBracketedName()) {
    ASSIGN_OR_RETURN(op.right, ParsePostfix());
  } else {
    return ErrorExpected("the right side of '" + op.name + "'");
  }
  RETURN_IF_ERROR(ExpectWord("on"));
  do {
    ASSIGN_OR_RETURN(ExprPtr condition, ParseExpr());
    op.on.push_back(std::move(condition));
  } while (AcceptOp(","));
  return Status::OK();
}

Status RecursiveDescentParser::ParseUnionOperator(Operator& op) {
  ASSIGN_OR_RETURN(op.params, ParseOperatorParams({"kind", "withsource", "isfuzzy"}));
  ASSIGN_OR_RETURN(op.args, ParseUnionLegs());
  return Status::OK();
}

Status RecursiveDescentParser::ParseMvExpand(Operator& op) {
  ASSIGN_OR_RETURN(op.params, ParseOperatorParams({"bagexpansion", "with_itemindex", "kind"}));
  return ParseExpandColumns(op);
}

Status RecursiveDescentParser::ParseExpandColumns(Operator& op) {
  do {
    ASSIGN_OR_RETURN(NamedExpr column, ParseNamedExpr());
    op.exprs.push_back(std::move(column));
    std::string type;
    if (AcceptWord("to")) {
      RETURN_IF_ERROR(ExpectWord("typeof"));
      RETURN_IF_ERROR(ExpectOp("("));
      ASSIGN_OR_RETURN(type, ExpectIdentifier("a type name"));
      RETURN_IF_ERROR(ExpectOp(")"));
    }
    op.type_names.push_back(std::move(type));
  } while (AcceptOp(","));
  if (AcceptWord("limit")) {
    ASSIGN_OR_RETURN(op.count, ParseExpr());
  }
  return Status::OK();
}

Status RecursiveDescentParser::ParseParse(Operator& op) {
  ASSIGN_OR_RETURN(op.params, ParseOperatorParams({"kind", "flags"}));
  ASSIGN_OR_RETURN(ExprPtr source, ParseExpr());
  op.args.push_back(std::move(source));
  op.type_names.push_back("");
  RETURN_IF_ERROR(ExpectWord("with"));
  bool any = false;
  while (true) {
    std::string type;
    if (IsOp("*")) {
      op.args.push_back(MakeExpr(ExprKind::kStar, Advance().position));
    } else if (Peek().kind == TokenKind::kString) {
      ASSIGN_OR_RETURN(ExprPtr literal, ParseStringLiteral());
      op.args.push_back(std::move(literal));
    } else if (IsIdentifier() || AtBracketedName()) {
      ExprPtr capture = MakeExpr(ExprKind::kName, Peek().position);
      ASSIGN_OR_RETURN(capture->name, ParseColumnName("a column name"));
      if (AcceptOp(":")) {
        ASSIGN_OR_RETURN(type, ExpectIdentifier("a type name"));
      }
      op.args.push_back(std::move(capture));
    } else {
      break;
    }
    op.type_names.push_back(std::move(type));
    any = true;
  }
  if (!any) return ErrorExpected("a parse pattern");
  return Status::OK();
}

Status RecursiveDescentParser::ParseParseKv(Operator& op) {
  ASSIGN_OR_RETURN(ExprPtr source, ParseExpr());
  op.args.push_back(std::move(source));
  RETURN_IF_ERROR(ExpectWord("as"));
  RETURN_IF_ERROR(ExpectOp("("));
  do {
    ExprPtr name = MakeExpr(ExprKind::kName, Peek().position);
    ASSIGN_OR_RETURN(name->name, ParseColumnName("a column name"));
    std::string type;
    if (AcceptOp(":")) {
      ASSIGN_OR_RETURN(type, ExpectIdentifier("a type name"));
    }
    op.exprs.push_back(NamedExpr{{}, std::move(name)});
    op.type_names.push_back(std::move(type));
  } while (AcceptOp(","));
  RETURN_IF_ERROR(ExpectOp(")"));
  if (AcceptWord("with")) {
    RETURN_IF_ERROR(ExpectOp("("));
    while (!IsOp(")")) {
      OperatorParam param;
      param.position = Peek().position;
      ASSIGN_OR_RETURN(param.name, ExpectIdentifier("a property name"));
      RETURN_IF_ERROR(ExpectOp("="));
      ASSIGN_OR_RETURN(param.value, ParseExpr());
      op.params.push_back(std::move(param));
      if (!AcceptOp(",")) break;
    }
    RETURN_IF_ERROR(ExpectOp(")"));
  }
  return Status::OK();
}

Status RecursiveDescentParser::ParseRender(Operator& op) {
  ExprPtr kind = MakeExpr(ExprKind::kName, Peek().position);
  ASSIGN_OR_RETURN(kind->name, ExpectIdentifier("a chart kind"));
  op.exprs.push_back(NamedExpr{{}, std::move(kind)});
  // Properties `with (title="x", ycolumns=a, b)` and legacy `kind=stacked` are kept as
  // text: render changes no data.
  size_t first = pos_;
  if (AcceptWord("with")) {
    if (!IsOp("(")) return ErrorExpected("'('");
    RETURN_IF_ERROR(SkipBalanced());
  }
  while (IsIdentifier() && IsOp("=", 1)) {
    Advance();
    Advance();
    RETURN_IF_ERROR(SkipBalanced());
  }
  op.text = TextFrom(first);
  return Status::OK();
}

}  // namespace huntbook::kql
