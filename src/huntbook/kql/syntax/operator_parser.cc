// Tabular operators after `|`: dispatch, and the projection/aggregation/ordering family.
// https://learn.microsoft.com/kusto/query/queries (list of operators)
#include <algorithm>
#include <utility>

#include "huntbook/kql/syntax/recursive_descent_parser.h"

namespace huntbook::kql {
namespace {

// Operators whose syntax huntbook keeps as raw text (op.text), not parsed into fields.
constexpr std::string_view kRawOperators[] = {"make-series",
                                              "mv-apply",
                                              "top-nested",
                                              "top-hitters",
                                              "search",
                                              "find",
                                              "partition",
                                              "fork",
                                              "facet",
                                              "consume",
                                              "reduce",
                                              "project-smart",
                                              "project-by-names",
                                              "make-graph",
                                              "graph-match",
                                              "graph-merge",
                                              "graph-to-table",
                                              "graph-shortest-paths",
                                              "graph-mark-components",
                                              "execute-and-cache",
                                              "assert-schema",
                                              "macro-expand"};

}  // namespace

bool RecursiveDescentParser::AtOperatorEnd() const {
  return Peek().kind == TokenKind::kEnd || IsOp("|") || IsOp(";") || IsOp(")") || IsOp("]") ||
         IsOp("}");
}

Result<OperatorPtr> RecursiveDescentParser::ParseOperator() {
  NestingGuard guard(*this);
  RETURN_IF_ERROR(guard.status());
  if (!IsIdentifier()) return ErrorExpected("a query operator");
  auto op = std::make_shared<Operator>();
  op->position = Peek().position;
  std::string word = Advance().text;
  op->name = word;
  if (word == "where" || word == "filter") {
    op->name = "where";
    ASSIGN_OR_RETURN(op->predicate, ParseExpr());
  } else if (word == "project" || word == "extend" || word == "project-away" ||
             word == "project-keep" || word == "project-reorder" || word == "project-rename") {
    RETURN_IF_ERROR(ParseProjectionOperator(*op));
  } else if (word == "summarize") {
    RETURN_IF_ERROR(ParseSummarize(*op));
  } else if (word == "count" || word == "getschema") {
  } else if (word == "take" || word == "limit" || word == "sample") {
    if (word == "limit") op->name = "take";
    ASSIGN_OR_RETURN(op->params, ParseOperatorParams({}));
    ASSIGN_OR_RETURN(op->count, ParseExpr());
  } else if (word == "sample-distinct") {
    ASSIGN_OR_RETURN(op->params, ParseOperatorParams({}));
    ASSIGN_OR_RETURN(op->count, ParseExpr());
    RETURN_IF_ERROR(ExpectWord("of"));
    ASSIGN_OR_RETURN(ExprPtr of, ParseExpr());
    op->exprs.push_back(NamedExpr{{}, std::move(of)});
  } else if (word == "sort" || word == "order") {
    op->name = "sort";
    ASSIGN_OR_RETURN(op->params, ParseOperatorParams({}));
    RETURN_IF_ERROR(ExpectWord("by"));
    RETURN_IF_ERROR(ParseSortKeys(*op));
  } else if (word == "top") {
    RETURN_IF_ERROR(ParseTop(*op));
  } else if (word == "distinct") {
    RETURN_IF_ERROR(ParseDistinct(*op));
  } else if (word == "join" || word == "lookup") {
    RETURN_IF_ERROR(ParseJoinOrLookup(*op));
  } else if (word == "union") {
    RETURN_IF_ERROR(ParseUnionOperator(*op));
  } else if (word == "mv-expand" || word == "mvexpand") {
    RETURN_IF_ERROR(ParseMvExpand(*op));
  } else if (word == "parse" || word == "parse-where") {
    RETURN_IF_ERROR(ParseParse(*op));
  } else if (word == "parse-kv") {
    RETURN_IF_ERROR(ParseParseKv(*op));
  } else if (word == "render") {
    RETURN_IF_ERROR(ParseRender(*op));
  } else if (word == "as") {
    RETURN_IF_ERROR(ParseAs(*op));
  } else if (word == "serialize") {
    if (!AtOperatorEnd()) {
      ASSIGN_OR_RETURN(op->exprs, ParseNamedExprList());
    }
  } else if (word == "scan") {
    RETURN_IF_ERROR(ParseScan(*op));
  } else if (word == "evaluate" || word == "invoke") {
    RETURN_IF_ERROR(ParseEvaluateOrInvoke(*op));
  } else if (std::find(std::begin(kRawOperators), std::end(kRawOperators), word) !=
             std::end(kRawOperators)) {
    size_t body = pos_;
    RETURN_IF_ERROR(ParseRawOperatorBody(*op));
    size_t end = pos_;
    pos_ = body;
    if (!ParseRowSetClauses(*op).ok() || pos_ != end) {
      op->clauses_parsed = false;
    }
    pos_ = end;
  } else {
    return SyntaxError("unknown query operator '" + word + "'", op->position);
  }
  return op;
}

Status RecursiveDescentParser::ParseProjectionOperator(Operator& op) {
  if (op.name == "project" || op.name == "extend") {
    ASSIGN_OR_RETURN(op.exprs, ParseNamedExprList());
    return Status::OK();
  }
  if (op.name == "project-rename") {
    do {
      ASSIGN_OR_RETURN(std::string new_name, ParseColumnName("a column name"));
      RETURN_IF_ERROR(ExpectOp("="));
      ASSIGN_OR_RETURN(std::string old_name, ParseColumnName("a column name"));
      op.renames.emplace_back(std::move(new_name), std::move(old_name));
    } while (AcceptOp(","));
    return Status::OK();
  }
  // project-away, project-keep, project-reorder: name patterns.
  do {
    ASSIGN_OR_RETURN(ExprPtr pattern, ParseNamePattern());
    NamedExpr named;
    named.expr = std::move(pattern);
    op.exprs.push_back(std::move(named));
    if (op.name == "project-reorder") {
      SortKey key;
      key.expr = op.exprs.back().expr;
      if (AcceptWord("asc") || AcceptWord("granny-asc"))
        key.order = SortOrder::kAsc;
      else if (AcceptWord("desc") || AcceptWord("granny-desc"))
        key.order = SortOrder::kDesc;
      op.sort_keys.push_back(std::move(key));
    }
  } while (AcceptOp(","));
  return Status::OK();
}

Status RecursiveDescentParser::ParseSummarize(Operator& op) {
  ASSIGN_OR_RETURN(op.params, ParseOperatorParams({}));
  if (!IsWord("by")) {
    ASSIGN_OR_RETURN(op.exprs, ParseNamedExprList());
  }
  if (AcceptWord("by")) {
    ASSIGN_OR_RETURN(op.by, ParseNamedExprList());
  }
  if (op.exprs.empty() && op.by.empty()) return ErrorExpected("an aggregate or 'by'");
  return Status::OK();
}

Status RecursiveDescentParser::ParseSortKeys(Operator& op) {
  do {
    SortKey key;
    ASSIGN_OR_RETURN(key.expr, ParseExpr());
    if (AcceptWord("asc")) {
      key.order = SortOrder::kAsc;
    } else if (AcceptWord("desc")) {
      key.order = SortOrder::kDesc;
    }
    if (IsWord("nulls")) {
      Advance();
      if (AcceptWord("first")) {
        key.nulls = NullsOrder::kFirst;
      } else if (AcceptWord("last")) {
        key.nulls = NullsOrder::kLast;
      } else {
        return ErrorExpected("'first' or 'last'");
      }
    }
    op.sort_keys.push_back(std::move(key));
  } while (AcceptOp(","));
  return Status::OK();
}

Status RecursiveDescentParser::ParseTop(Operator& op) {
  ASSIGN_OR_RETURN(op.params, ParseOperatorParams({}));
  ASSIGN_OR_RETURN(op.count, ParseExpr());
  RETURN_IF_ERROR(ExpectWord("by"));
  return ParseSortKeys(op);
}

Status RecursiveDescentParser::ParseDistinct(Operator& op) {
  ASSIGN_OR_RETURN(op.params, ParseOperatorParams({}));
  ASSIGN_OR_RETURN(op.exprs, ParseNamedExprList());
  return Status::OK();
}

Status RecursiveDescentParser::ParseAs(Operator& op) {
  ASSIGN_OR_RETURN(op.params, ParseOperatorParams({}));
  ExprPtr name = MakeExpr(ExprKind::kName, Peek().position);
  ASSIGN_OR_RETURN(name->name, ParseColumnName("a name after 'as'"));
  op.exprs.push_back(NamedExpr{{}, std::move(name)});
  return Status::OK();
}

Status RecursiveDescentParser::ParseEvaluateOrInvoke(Operator& op) {
  ASSIGN_OR_RETURN(op.params, ParseOperatorParams({}));
  if (!IsIdentifier() || !IsOp("(", 1)) {
    return ErrorExpected(op.name == "evaluate" ? "a plugin call" : "a function call");
  }
  ASSIGN_OR_RETURN(ExprPtr call, ParsePostfix());
  op.exprs.push_back(NamedExpr{{}, std::move(call)});
  if (op.name == "evaluate" && AcceptOp(":")) {
    // Output schema `: (a:long, b:string)`.
    ASSIGN_OR_RETURN(std::string schema, ParseTypeName());
    op.text = schema;
  }
  return Status::OK();
}

Status RecursiveDescentParser::ParseRawOperatorBody(Operator& op) {
  size_t first = pos_;
  while (!AtOperatorEnd()) RETURN_IF_ERROR(SkipBalanced());
  op.text = TextFrom(first);
  return Status::OK();
}

Status RecursiveDescentParser::SkipBalanced() {
  NestingGuard guard(*this);
  RETURN_IF_ERROR(guard.status());
  std::string close;
  if (IsOp("(")) close = ")";
  if (IsOp("[")) close = "]";
  if (IsOp("{")) close = "}";
  Advance();
  if (close.empty()) return Status::OK();
  while (!IsOp(close)) {
    if (Peek().kind == TokenKind::kEnd || IsOp(")") || IsOp("]") || IsOp("}")) {
      return ErrorExpected("'" + close + "'");
    }
    RETURN_IF_ERROR(SkipBalanced());
  }
  Advance();
  return Status::OK();
}

}  // namespace huntbook::kql
