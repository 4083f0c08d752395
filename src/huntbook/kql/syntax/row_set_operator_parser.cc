// Clauses of make-series, mv-apply, top-nested and partition, read into Operator fields
// next to their raw text (see ast.h).
// https://learn.microsoft.com/kusto/query/make-series-operator
// https://learn.microsoft.com/kusto/query/mv-apply-operator
// https://learn.microsoft.com/kusto/query/top-nested-operator
// https://learn.microsoft.com/kusto/query/partition-operator
#include <utility>

#include "huntbook/kql/syntax/recursive_descent_parser.h"

namespace huntbook::kql {

Status RecursiveDescentParser::ParseRowSetClauses(Operator& op) {
  Status status;
  if (op.name == "make-series") {
    status = ParseMakeSeriesClauses(op);
  } else if (op.name == "mv-apply") {
    status = ParseMvApplyClauses(op);
  } else if (op.name == "top-nested") {
    status = ParseTopNestedClauses(op);
  } else if (op.name == "partition") {
    status = ParsePartitionClauses(op);
  } else {
    return Status::OK();
  }
  op.clauses_parsed = status.ok() && AtOperatorEnd();
  return status;
}

Status RecursiveDescentParser::ParseMakeSeriesClauses(Operator& op) {
  ASSIGN_OR_RETURN(op.params, ParseOperatorParams({"kind"}));
  do {
    ASSIGN_OR_RETURN(NamedExpr aggregate, ParseNamedExpr());
    op.exprs.push_back(std::move(aggregate));
    ExprPtr default_value;
    if (IsWord("default") && IsOp("=", 1)) {
      Advance();
      Advance();
      ASSIGN_OR_RETURN(default_value, ParseExpr());
    }
    op.defaults.push_back(std::move(default_value));
  } while (AcceptOp(","));
  RETURN_IF_ERROR(ExpectWord("on"));
  auto axis = std::make_shared<Operator::SeriesAxis>();
  ASSIGN_OR_RETURN(axis->column, ParsePostfix());
  if (AcceptWord("in")) {
    RETURN_IF_ERROR(ExpectWord("range"));
    RETURN_IF_ERROR(ExpectOp("("));
    ASSIGN_OR_RETURN(axis->from, ParseExpr());
    RETURN_IF_ERROR(ExpectOp(","));
    ASSIGN_OR_RETURN(axis->to, ParseExpr());
    RETURN_IF_ERROR(ExpectOp(","));
    ASSIGN_OR_RETURN(axis->step, ParseExpr());
    RETURN_IF_ERROR(ExpectOp(")"));
    axis->in_range = true;
  } else {
    if (AcceptWord("from")) {
      ASSIGN_OR_RETURN(axis->from, ParseExpr());
    }
    if (AcceptWord("to")) {
      ASSIGN_OR_RETURN(axis->to, ParseExpr());
    }
    RETURN_IF_ERROR(ExpectWord("step"));
    ASSIGN_OR_RETURN(axis->step, ParseExpr());
  }
  op.series_axis = std::move(axis);
  if (AcceptWord("by")) {
    ASSIGN_OR_RETURN(op.by, ParseNamedExprList());
  }
  return Status::OK();
}

Result<ExprPtr> RecursiveDescentParser::ParseImplicitSubquery() {
  ExprPtr pipe = MakeExpr(ExprKind::kPipe, Peek().position);
  RETURN_IF_ERROR(ExpectOp("("));
  do {
    ASSIGN_OR_RETURN(OperatorPtr op, ParseOperator());
    pipe->operators.push_back(std::move(op));
  } while (AcceptOp("|"));
  RETURN_IF_ERROR(ExpectOp(")"));
  return pipe;
}

Status RecursiveDescentParser::ParseMvApplyClauses(Operator& op) {
  ASSIGN_OR_RETURN(op.params, ParseOperatorParams({"with_itemindex"}));
  RETURN_IF_ERROR(ParseExpandColumns(op));
  RETURN_IF_ERROR(ExpectWord("on"));
  ASSIGN_OR_RETURN(op.right, ParseImplicitSubquery());
  return Status::OK();
}

Status RecursiveDescentParser::ParseTopNestedClauses(Operator& op) {
  do {
    auto level = std::make_shared<Operator>();
    level->name = "top-nested";
    level->position = Peek().position;
    if (!IsWord("of")) {
      ASSIGN_OR_RETURN(level->count, ParseExpr());
    }
    RETURN_IF_ERROR(ExpectWord("of"));
    ASSIGN_OR_RETURN(NamedExpr of, ParseNamedExpr());
    level->exprs.push_back(std::move(of));
    ExprPtr others;
    if (AcceptWord("with")) {
      RETURN_IF_ERROR(ExpectWord("others"));
      RETURN_IF_ERROR(ExpectOp("="));
      ASSIGN_OR_RETURN(others, ParseExpr());
    }
    level->defaults.push_back(std::move(others));
    RETURN_IF_ERROR(ExpectWord("by"));
    ASSIGN_OR_RETURN(NamedExpr aggregate, ParseNamedExpr());
    level->by.push_back(std::move(aggregate));
    SortKey order;
    order.expr = level->by[0].expr;
    if (AcceptWord("asc")) {
      order.order = SortOrder::kAsc;
    } else if (AcceptWord("desc")) {
      order.order = SortOrder::kDesc;
    }
    level->sort_keys.push_back(std::move(order));
    op.nested.push_back(std::move(level));
    if (!IsOp(",")) break;
    Advance();
    RETURN_IF_ERROR(ExpectWord("top-nested"));
  } while (true);
  return Status::OK();
}

Status RecursiveDescentParser::ParsePartitionClauses(Operator& op) {
  ASSIGN_OR_RETURN(op.params, ParseOperatorParams({}));
  RETURN_IF_ERROR(ExpectWord("by"));
  if ((IsIdentifier() && (IsOp("(", 1) || IsOp("{", 1))) || AtBracketedName()) {
    // `by Col (subquery)`: a column name, not a call Col(...).
    ExprPtr column = MakeExpr(ExprKind::kName, Peek().position);
    ASSIGN_OR_RETURN(column->name, ParseColumnName("a column name"));
    op.by.push_back(NamedExpr{{}, std::move(column)});
  } else {
    ASSIGN_OR_RETURN(NamedExpr column, ParseNamedExpr());
    op.by.push_back(std::move(column));
  }
  while (AtOperatorParam({})) {
    ASSIGN_OR_RETURN(std::vector<OperatorParam> more, ParseOperatorParams({}));
    for (auto& p : more) op.params.push_back(std::move(p));
  }
  if (AcceptOp("{")) {
    // `by Column { SubQueryWithSource }`: a whole tabular expression with its own source.
    ASSIGN_OR_RETURN(ExprPtr subquery, ParseTabular());
    RETURN_IF_ERROR(ExpectOp("}"));
    op.args.push_back(std::move(subquery));
    return Status::OK();
  }
  ASSIGN_OR_RETURN(op.right, ParseImplicitSubquery());
  return Status::OK();
}

}  // namespace huntbook::kql
