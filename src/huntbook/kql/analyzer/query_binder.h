// Internal to the analyzer: the state of binding one query. Expression binding lives in
// expression_binder.cc, sources and statements in tabular_binder.cc, pipe operators in
// operator_binder.cc and summarize/join in their own files.
#pragma once

#include <algorithm>
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

// The longest path a bound plan may have (operators stacked by a pipe, by tabular lets and
// by subqueries); deeper is a SemanticError. The plan rewrites and the executor walk plans
// recursively; 1,000 levels fit the default 8 MB thread stack under ASan (docs/limits.md).
inline constexpr size_t kMaxPlanDepth = 1000;

struct PluginCall;  // evaluate_plugins.h
struct Environment;
using EnvPtr = std::shared_ptr<const Environment>;

// What a `let` name stands for.
struct LetValue {
  enum class Kind { kScalar, kTabular, kLambda };
  Kind kind = Kind::kScalar;
  BoundExprPtr scalar;  // kScalar: bound over the scope it was defined in
  kql::ExprPtr syntax;  // kTabular / kLambda: the definition, bound at each use
  EnvPtr env;           // names visible where it was defined
  // kTabular bound already (a tabular parameter value, the input of `invoke`): used instead
  // of `syntax`; each use binds a copy (CopyPlan), since rewrites annotate nodes in place.
  PlanPtr plan;
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
// The column names one operator's items give explicitly (`c = ...` in extend or summarize, a
// plain column as a summarize key): each at most once, as Microsoft's front end requires ("A
// column with the name 'c' is already declared"). Generated names take suffixes instead.
class DeclaredNames {
 public:
  Status Declare(const std::string& name, SourcePosition position) {
    if (std::find(names_.begin(), names_.end(), name) != names_.end()) {
      return SemanticError("a column with the name '" + name + "' is already declared", position);
    }
    names_.push_back(name);
    return Status::OK();
  }

 private:
  std::vector<std::string> names_;
};

struct Scope {
  const std::vector<ColumnSchema>* columns = nullptr;
  EnvPtr env;
};

class QueryBinder {
 public:
  QueryBinder(const Catalog& catalog, const functions::EvalContext& context, SubqueryRunner runner,
              const QueryInputs* inputs = nullptr)
      : catalog_(catalog), context_(context), runner_(std::move(runner)), inputs_(inputs) {}

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
  // A call of a multi-output scalar function (ScalarFunction::tuple_outputs, e.g.
  // `(a, b) = series_fit_line(y)`) expanded into its output columns: named by the tuple
  // (only as many as it names) or <function>_<argument>_<suffix>. Empty when `item` is
  // not such a call (tuple_call_binder.cc).
  Result<std::vector<std::pair<ColumnSchema, BoundExprPtr>>> BindTupleCall(
      const kql::NamedExpr& item, const Scope& scope);
  // Binds and requires a constant result (datatable cells, print, range bounds).
  Result<Value> BindConstant(const kql::Expr& expr, const EnvPtr& env);
  // Wraps e in a kCast to `type` (no-op when it already has it); folds constants.
  Result<BoundExprPtr> Cast(BoundExprPtr e, TypeKind type);
  // Folds an expression with constant arguments into a kConstant.
  Result<BoundExprPtr> Fold(std::shared_ptr<BoundExpr> e);

  // True when `expr` is a call of a tabular-valued let/lambda or a table (for `in` lists).
  bool IsTabular(const kql::Expr& expr, const EnvPtr& env) const;

  const functions::EvalContext& context() const { return context_; }

  // Scans also produce the hidden ingestion-time column (kql::Query::uses_ingestion_time).
  void set_ingestion_time(bool on) { ingestion_time_ = on; }
  void set_mode(BindMode mode) { mode_ = mode; }
  // A kScan of all of the snapshot's columns (plus the hidden ingestion-time column when
  // set_ingestion_time(true)).
  PlanPtr ScanNode(std::shared_ptr<const storage::TableSnapshot> snapshot, std::string name) const;

  // declare query_parameters(...): the parameters as let values (parameter_binder.cc).
  Result<EnvPtr> BindDeclareParameters(const kql::Statement& statement, EnvPtr env);
  // A table passed with the query, a name given by `as`, or nullptr (parameter_binder.cc).
  PlanPtr FindQueryTable(std::string_view name) const;
  // externaldata(...) [...] with (...) (externaldata_binder.cc).
  Result<PlanPtr> BindExternalData(const kql::Expr& expr, const EnvPtr& env);
  // evaluate plugins (evaluate_binder.cc); input is nullptr for a plugin used as a source.
  Result<PlanPtr> BindEvaluate(const kql::Operator& op, PlanPtr input, const EnvPtr& env);
  Result<std::shared_ptr<Table>> ConformToOutputSchema(const Table& table, const PluginCall& call,
                                                       const Value& empty_cell);
  Result<PlanPtr> BindPivot(const PluginCall& call, PlanPtr input, const EnvPtr& env);
  Result<std::shared_ptr<Table>> BagUnpack(const PluginCall& call, const Table& input,
                                           const EnvPtr& env);
  Result<std::shared_ptr<Table>> Narrow(const Table& input);
  // ipv4_lookup / ipv6_lookup (ip_lookup_binder.cc) and basket (basket_binder.cc): plan
  // nodes, since their output schema does not depend on the data.
  Result<PlanPtr> BindIpLookup(const PluginCall& call, const std::string& plugin, PlanPtr input,
                               const EnvPtr& env);
  Result<PlanPtr> BindBasket(const PluginCall& call, PlanPtr input, const EnvPtr& env);
  // invoke f(args) and as Name (invoke_binder.cc).
  Result<PlanPtr> BindInvoke(const kql::Operator& op, PlanPtr input, const EnvPtr& env);
  Result<PlanPtr> BindAs(const kql::Operator& op, PlanPtr input);
  // The name `as` gave to `plan`, or `fallback`.
  std::string AsName(const PlanPtr& plan, std::string fallback) const;
  // workspace("w").T, table("T"), database("d").T (invoke_binder.cc).
  Result<PlanPtr> BindTableReference(const kql::Expr& expr, const EnvPtr& env);
  // search and find (search_binder.cc); input is nullptr when they start the query.
  Result<PlanPtr> BindSearch(const kql::Operator& op, PlanPtr input, const EnvPtr& env);
  Result<PlanPtr> BindFind(const kql::Operator& op, PlanPtr input, const EnvPtr& env);
  // The tables of `in (names)` (wildcards expanded), all tables when `names` is empty.
  Result<std::vector<std::string>> SearchTables(const std::vector<std::string>& names,
                                                SourcePosition position) const;
  // Tables whose names match a wildcard pattern (`Security*`, `*`), in name order.
  std::vector<std::string> MatchTableNames(std::string_view pattern) const;

  // Operators over a whole row set and window functions (row_set_operator_binder.cc
  // dispatches): serialize and window functions in extend/project/where (window_binder.cc),
  // make-series (make_series_binder.cc), top-nested (top_nested_binder.cc), scan
  // (scan_binder.cc),
  // sample(-distinct) (sample_binder.cc), mv-apply and partition (apply_binder.cc), lookup
  // (lookup_binder.cc), summarize items that are expressions over aggregates
  // (summarize_expression_binder.cc).
  static bool IsRowSetOperator(const kql::Operator& op);
  Result<PlanPtr> BindRowSetOperator(const kql::Operator& op, PlanPtr input, const EnvPtr& env);
  Result<PlanPtr> BindWindowOperator(const kql::Operator& op, PlanPtr input, const EnvPtr& env);
  Result<PlanPtr> BindMakeSeries(const kql::Operator& op, PlanPtr input, const EnvPtr& env);
  Result<PlanPtr> BindTopNested(const kql::Operator& op, PlanPtr input, const EnvPtr& env);
  Result<PlanPtr> BindSample(const kql::Operator& op, PlanPtr input, const EnvPtr& env);
  Result<PlanPtr> BindMvApply(const kql::Operator& op, PlanPtr input, const EnvPtr& env);
  Result<PlanPtr> BindPartition(const kql::Operator& op, PlanPtr input, const EnvPtr& env);
  Result<PlanPtr> BindLookup(const kql::Operator& op, PlanPtr input, const EnvPtr& env);
  Result<PlanPtr> BindSummarizeExpressions(const kql::Operator& op, PlanPtr input,
                                           const EnvPtr& env);
  // scan (scan_binder.cc). REQUIRES: op.name == "scan".
  Result<PlanPtr> BindScan(const kql::Operator& op, PlanPtr input, const EnvPtr& env);

 private:
  Result<BoundExprPtr> BindCall(const kql::Expr& expr, const Scope& scope);
  Result<BoundExprPtr> BindNot(BoundExprPtr arg, SourcePosition position);
  Result<BoundExprPtr> BindAnyColumn(const kql::Expr& expr, const Scope& scope);
  Result<BoundExprPtr> BindBinary(const kql::Expr& expr, const Scope& scope);
  Result<BoundExprPtr> BindList(const kql::Expr& expr, const Scope& scope);
  Result<BoundExprPtr> BindLambdaCall(const kql::Expr& call, const LetValue& lambda,
                                      const Scope& scope);
  Result<PlanPtr> BindSource(const kql::Expr& expr, const EnvPtr& env);
  Result<PlanPtr> BindUnion(const std::vector<kql::ExprPtr>& legs,
                            const std::vector<kql::OperatorParam>& params, PlanPtr first,
                            const EnvPtr& env, SourcePosition position);
  Result<PlanPtr> BindMvExpand(const kql::Operator& op, PlanPtr input, const EnvPtr& env);
  // partition whose subquery depends on the key value (apply_binder.cc): runs `input`
  // now and binds the subquery once per distinct value of column `key`.
  Result<PlanPtr> BindPartitionPerKey(const kql::Operator& op, const PlanPtr& input, int key,
                                      const EnvPtr& env);

  const Catalog& catalog_;
  functions::EvalContext context_;
  SubqueryRunner runner_;
  const QueryInputs* inputs_ = nullptr;
  std::map<std::string, PlanPtr, std::less<>> as_tables_;  // `| as Name` results
  int depth_ = 0;
  bool ingestion_time_ = false;
  BindMode mode_ = BindMode::kWithData;
};

// A deep copy of a plan tree (nodes are annotated in place by the rewrites, so a bound plan
// used twice must not share nodes).
PlanPtr CopyPlan(const PlanPtr& plan);

// A kValues node over `table`.
PlanPtr ValuesNode(std::shared_ptr<const Table> table);

// `*` wildcard match of a whole name (case-sensitive).
bool NameMatchesPattern(std::string_view pattern, std::string_view text);

// Default column name of an unnamed expression, as Kusto derives it: the column name for
// a column reference, a member access rooted at one (d.a -> d_a), a call that keeps its
// argument's name (tostring(Col), bin(Col, 1h), startofday(Col) -> Col; strlen(Col) ->
// strlen_Col), an aggregate (make_set(Col) -> set_Col) or a named argument
// (bin(N = Col, 1h) -> N); else "" (column_naming.cc).
std::string DerivedName(const kql::Expr& expr);

// "Column1", "Column2", ... not yet in `taken`.
std::string NextColumnName(const std::vector<ColumnSchema>& taken, const std::string& base);

// Whether `node`'s rows are serialized, as window functions and scan need
// (window_binder.cc).
bool IsSerialized(const PlanNode& node);

// A kProject node keeping `input` and computing `outputs` (schema names/types given).
PlanPtr MakeProject(PlanPtr input, std::vector<ColumnSchema> schema,
                    std::vector<BoundExprPtr> outputs);
BoundExprPtr ColumnRef(int index, TypeKind type);

}  // namespace huntbook::analyzer
