// Internal to the analyzer: the state of binding one query. Expression binding lives in
// expression_binder.cc, sources and statements in tabular_binder.cc, pipe operators in
// operator_binder.cc and summarize/join in their own files.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "huntbook/expression/bound_expr.h"
#include "huntbook/kql/analyzer/binder.h"

namespace huntbook::analyzer {

using expression::BoundExpr;
using expression::BoundExprPtr;
using expression::BoundKind;
using planner::PlanNode;
using planner::PlanPtr;

struct Environment;
using EnvPtr = std::shared_ptr<const Environment>;

// What a `let` name stands for.
struct LetValue {
  enum class Kind { kScalar, kTabular, kLambda };
  Kind kind = Kind::kScalar;
  BoundExprPtr scalar;     // kScalar: bound over the scope it was defined in
  kql::ExprPtr syntax;     // kTabular / kLambda: the definition, bound at each use
  EnvPtr env;              // names visible where it was defined
};

// An immutable chain of let bindings (innermost first).
struct Environment {
  EnvPtr parent;
  std::string name;
  std::shared_ptr<const LetValue> value;
};

const LetValue* Lookup(const EnvPtr& env, std::string_view name);
EnvPtr Extend(EnvPtr env, std::string name, LetValue value);

// The columns an expression sees.
struct Scope {
  const std::vector<ColumnSchema>* columns = nullptr;
  EnvPtr env;
};

class QueryBinder {
 public:
  QueryBinder(const Catalog& catalog, const functions::EvalContext& context,
              SubqueryRunner runner)
      : catalog_(catalog), context_(context), runner_(std::move(runner)) {}

  // Binds and runs a tabular expression now (toscalar, `in (T)`).
  Result<Table> RunSubquery(const kql::Expr& expr, const EnvPtr& env);

  // Statements (let, set, query) then the final tabular expression.
  Result<PlanPtr> BindStatements(const std::vector<std::shared_ptr<kql::Statement>>& statements,
                                 EnvPtr env);

  // Tabular expressions and operators.
  Result<PlanPtr> BindTabular(const kql::Expr& expr, const EnvPtr& env);
  Result<PlanPtr> BindOperator(const kql::Operator& op, PlanPtr input, const EnvPtr& env);
  Result<PlanPtr> BindSummarize(const kql::Operator& op, PlanPtr input, const EnvPtr& env);
  Result<PlanPtr> BindJoin(const kql::Operator& op, PlanPtr input, const EnvPtr& env);
  // parse / parse-where (parse_binder.cc).
  Result<PlanPtr> BindParse(const kql::Operator& op, PlanPtr input, const EnvPtr& env);

  // Scalar expressions.
  Result<BoundExprPtr> BindScalar(const kql::Expr& expr, const Scope& scope);
  // Binds and requires a constant result (datatable cells, print, range bounds).
  Result<Value> BindConstant(const kql::Expr& expr, const EnvPtr& env);
  // Wraps e in a kCast to `type` (no-op when it already has it); folds constants.
  Result<BoundExprPtr> Cast(BoundExprPtr e, TypeKind type);
  // Folds an expression with constant arguments into a kConstant.
  Result<BoundExprPtr> Fold(std::shared_ptr<BoundExpr> e);

  // True when `expr` is a call of a tabular-valued let/lambda or a table (for `in` lists).
  bool IsTabular(const kql::Expr& expr, const EnvPtr& env) const;

  const functions::EvalContext& context() const { return context_; }

 private:
  Result<BoundExprPtr> BindCall(const kql::Expr& expr, const Scope& scope);
  Result<BoundExprPtr> BindBinary(const kql::Expr& expr, const Scope& scope);
  Result<BoundExprPtr> BindList(const kql::Expr& expr, const Scope& scope);
  Result<BoundExprPtr> BindLambdaCall(const kql::Expr& call, const LetValue& lambda,
                                      const Scope& scope);
  Result<PlanPtr> BindSource(const kql::Expr& expr, const EnvPtr& env);
  Result<PlanPtr> BindUnion(const std::vector<kql::ExprPtr>& legs,
                            const std::vector<kql::OperatorParam>& params, PlanPtr first,
                            const EnvPtr& env, SourcePosition position);
  Result<PlanPtr> BindMvExpand(const kql::Operator& op, PlanPtr input, const EnvPtr& env);

  const Catalog& catalog_;
  functions::EvalContext context_;
  SubqueryRunner runner_;
  int depth_ = 0;
};

// Default column name of an unnamed expression, as Kusto derives it: the column name for
// a column reference (or for bin(Col, ...)/a member access rooted at one), else "".
std::string DerivedName(const kql::Expr& expr);

// "Column1", "Column2", ... not yet in `taken`.
std::string NextColumnName(const std::vector<ColumnSchema>& taken, const std::string& base);

// A kProject node keeping `input` and computing `outputs` (schema names/types given).
PlanPtr MakeProject(PlanPtr input, std::vector<ColumnSchema> schema,
                    std::vector<BoundExprPtr> outputs);
BoundExprPtr ColumnRef(int index, TypeKind type);

}  // namespace huntbook::analyzer
