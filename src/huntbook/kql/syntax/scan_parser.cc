// The scan operator: `scan [with_match_id=Name] [declare (Col: type [= default], ...)]
// with (step Name [output=all|last|none]: Condition [=> Col = Expr, ...]; ...)`, read
// into Operator fields as ast.h lists them.
// https://learn.microsoft.com/kusto/query/scan-operator
#include <utility>

#include "huntbook/kql/syntax/recursive_descent_parser.h"

namespace huntbook::kql {

Status RecursiveDescentParser::ParseScan(Operator& op) {
  ASSIGN_OR_RETURN(op.params, ParseOperatorParams({"with_match_id"}));
  if (AcceptWord("declare")) {
    RETURN_IF_ERROR(ExpectOp("("));
    do {
      if (IsOp(")")) break;
      ASSIGN_OR_RETURN(ColumnDecl decl, ParseParameterDecl(/*allow_default=*/true));
      op.columns.push_back(std::move(decl));
    } while (AcceptOp(","));
    RETURN_IF_ERROR(ExpectOp(")"));
  }
  RETURN_IF_ERROR(ExpectWord("with"));
  RETURN_IF_ERROR(ExpectOp("("));
  while (!IsOp(")")) {
    auto step = std::make_shared<Operator>();
    step->name = "step";
    step->position = Peek().position;
    RETURN_IF_ERROR(ExpectWord("step"));
    ExprPtr name = MakeExpr(ExprKind::kName, Peek().position);
    ASSIGN_OR_RETURN(name->name, ParseColumnName("a step name"));
    step->args.push_back(std::move(name));
    ASSIGN_OR_RETURN(step->params, ParseOperatorParams({"output"}));
    for (const OperatorParam& param : step->params) {
      const Expr& value = *param.value;
      if (param.name != "output") {
        return SyntaxError("unknown step parameter '" + param.name + "'", param.position);
      }
      if (value.kind != ExprKind::kName ||
          (value.name != "all" && value.name != "last" && value.name != "none")) {
        return SyntaxError("expected one of: all, last, none", value.position);
      }
    }
    RETURN_IF_ERROR(ExpectOp(":"));
    ASSIGN_OR_RETURN(step->predicate, ParseExpr());
    if (AcceptOp("=>")) {
      do {
        NamedExpr assignment;
        ASSIGN_OR_RETURN(std::string column, ParseColumnName("a column name"));
        assignment.names.push_back(std::move(column));
        RETURN_IF_ERROR(ExpectOp("="));
        ASSIGN_OR_RETURN(assignment.expr, ParseExpr());
        step->exprs.push_back(std::move(assignment));
      } while (AcceptOp(","));
    }
    RETURN_IF_ERROR(ExpectOp(";"));
    op.nested.push_back(std::move(step));
  }
  return ExpectOp(")");
}

}  // namespace huntbook::kql
