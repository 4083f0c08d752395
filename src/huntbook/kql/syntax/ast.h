// The KQL syntax tree: what the parser builds and the binder reads. Trees, never text:
// later stages rewrite nodes and never paste query text.
//
// Shape: a Query is a list of Statements (`let`, `set`, `declare query_parameters`, and the
// tabular query expressions). Expressions are one node type (Expr) whose `kind` says which
// fields are used. A tabular expression `A | op | op` is an Expr of kind kPipe holding a
// source Expr (table name, print, range, datatable, union, parenthesized pipe, call) and a
// list of Operators. Operators are one node type whose `name` is the KQL operator name
// ("where", "summarize", "mv-expand", "join", ...); which fields are used per operator is
// listed on each field below.
//
// Parser conventions beyond the field comments below (added by the parser; the printer in
// tree_printer.h shows each shape):
//  - A kPipe with empty `args` starts with a source operator (search, find, evaluate used
//    as the first thing of a query): operators[0] is that operator.
//  - `externaldata(a:string)[url, ...] with (format="csv")` is a kCall named
//    "externaldata" with `schema`, args = the URL exprs, params = the `with` properties.
//  - A typed literal whose text is not a valid value (`datetime({start})`, Kusto's parser
//    accepts it) is a kCall named after the literal word ("datetime", "guid", ...) with
//    one string-literal arg holding the raw text and the reason in `text`.
//  - Named call arguments (`bag_unpack(d, columnsConflict='x')`) are kBinary op "=" with
//    args[0] a kName; method-style calls `cluster('c').database('d')` are kCall with
//    text "method" and args[0] the receiver; `table("T")`, `database("d")`,
//    `workspace("w")`, `cluster("c")` calls are kTableRef (name = the function, args).
//  - Client parameter references `{name}` are kName spelled with the braces.
//  - A single `=` in expression position is kBinary "==" (Kusto accepts it).
//  - parse/parse-where: type_names is parallel to args (args[0], the source, gets "").
//    parse-kv: args[0] = source; exprs = the declared columns, type_names parallel to
//    exprs; params = the `with (...)` properties. mv-expand: `limit N` is `count`.
//    project-reorder: sort_keys mirrors exprs with asc/desc. take/sample-distinct: count;
//    sample-distinct's column in exprs. render: chart kind in exprs, properties as raw
//    `text`. evaluate `: (schema)` output schema as raw `text`.
//  - scan: params (with_match_id); columns = the `declare` clause; nested = one Operator
//    per step, named "step": args[0] = the step name (kName), params (output), predicate =
//    the condition, exprs = the assignments `Col = expr`.
//  - Operators kept as raw text (op.text holds everything after the keyword):
//    make-series, mv-apply, top-nested, top-hitters, search, find, partition, fork,
//    facet, consume, reduce, project-smart, graph operators.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "huntbook/common/status.h"
#include "huntbook/types/type.h"
#include "huntbook/types/value.h"

namespace huntbook::kql {

struct Expr;
struct Operator;
struct Statement;
using ExprPtr = std::shared_ptr<Expr>;
using OperatorPtr = std::shared_ptr<Operator>;

enum class ExprKind : uint8_t {
  kLiteral,    // literal: a typed Value (long, real, string, bool, datetime, timespan,
               //   guid, dynamic; `int(null)` etc. give typed nulls; `dynamic(null)`)
  kName,       // name: column, let name, table name, `$left`, `$right`; `['a b']` too
  kStar,       // `*` as in arg_max(x, *), count(*)? and project-away wildcards
  kMember,     // args[0] '.' name          (d.a, $left.K, T.Col)
  kIndex,      // args[0] '[' args[1] ']'   (d["a"], d[0])
  kCall,       // name '(' args ')'         (functions, aggregates, `materialize(x)`,
               //   `toscalar(T | ...)`, `datetime(...)` literals are kLiteral not calls)
  kUnary,      // op args[0]: op is "-", "+", "not"? (`not(x)` is a kCall "not")
  kBinary,     // args[0] op args[1]: op is the operator's text, lower-case, e.g. "+",
               //   "==", "=~", "!~", "and", "or", "has", "!has", "has_cs", "contains",
               //   "!contains_cs", "startswith", "matches regex", "like"? ...
  kList,       // args[0] op (args[1..]): op is "in", "!in", "in~", "!in~", "has_any",
               //   "has_all", "between" (args[1]=lo, args[2]=hi), "!between".
               //   For `x in (T | project a)` args[1] is a kPipe / tabular expression.
  kPipe,       // source ('|' operators)*: source = args[0]; ops = operators
  kPrint,      // `print a=1, b`: columns = named exprs
  kRange,      // `range name from args[0] to args[1] step args[2]`
  kDatatable,  // `datatable(a:long, b:string) [1, "x", ...]`: schema + args (row-major)
  kUnion,      // `union [params] T1, (T2 | ...), T*`: legs = args; params
  kLambda,     // `(a:long, b:string = "x") { body }`: lambda_params + body
  kTableRef,   // `table("name")` / `database("d").T`/`workspace("w").T`: name, args
};

// `name = expr` in project/extend/summarize/print; name empty when not given.
// names has several entries for `(a, b) = expr` tuples.
struct NamedExpr {
  std::vector<std::string> names;
  ExprPtr expr;
};

// A column declaration `name: type` (datatable, lambda parameters).
struct ColumnDecl {
  std::string name;
  std::string type_name;    // as written: "long", "string", "dynamic", "(*)" for tabular
  ExprPtr default_value;    // lambda parameter default, may be null
  SourcePosition position;  // of the name
};

// An operator parameter `name = value` (kind=inner, withsource=T, isfuzzy=true,
// hint.strategy=shuffle, with_itemindex=i, bagexpansion=array, decodeblocks=true, ...).
struct OperatorParam {
  std::string name;  // lower-case as written: "kind", "withsource", "hint.strategy"
  ExprPtr value;     // kName for identifier values (kind=inner -> kName "inner")
  SourcePosition position;
};

enum class SortOrder : uint8_t { kDefault, kAsc, kDesc };
enum class NullsOrder : uint8_t { kDefault, kFirst, kLast };

struct SortKey {
  ExprPtr expr;
  SortOrder order = SortOrder::kDefault;  // default: desc
  NullsOrder nulls = NullsOrder::kDefault;
};

struct Expr {
  Expr() = default;
  Expr(const Expr&) = default;
  Expr(Expr&&) = default;
  Expr& operator=(const Expr&) = default;
  Expr& operator=(Expr&&) = default;
  // Releases `args` chains it solely owns iteratively: a long `1 + 1 + ...` or `d.a.a...`
  // chain is a left-leaning tree that would otherwise be destroyed one stack frame per level.
  ~Expr();

  ExprKind kind = ExprKind::kLiteral;
  SourcePosition position;                // of the node's first token (operators: of the operator)
  Value literal;                          // kLiteral
  std::string name;                       // kName, kMember, kCall, kRange (column), kTableRef
  std::string op;                         // kUnary, kBinary, kList
  std::vector<ExprPtr> args;              // children, see ExprKind
  std::vector<OperatorPtr> operators;     // kPipe
  std::vector<NamedExpr> columns;         // kPrint
  std::vector<ColumnDecl> schema;         // kDatatable
  std::vector<OperatorParam> params;      // kUnion
  std::vector<ColumnDecl> lambda_params;  // kLambda
  std::vector<std::shared_ptr<Statement>> body;  // kLambda: let statements + final expr
  std::string text;  // original spelling where useful (literals), for messages
};

struct Operator {
  std::string name;                   // KQL name, lower-case: "where" ("filter" normalized to
                                      //   "where"), "project", "project-away", "project-keep",
                                      //   "project-rename", "project-reorder", "extend",
                                      //   "summarize", "count", "take" ("limit" -> "take"),
                                      //   "sort" ("order" -> "sort"), "top", "distinct", "join",
                                      //   "lookup", "union", "mv-expand" (also "mvexpand" kept as
                                      //   written for its 128 cap), "parse", "render", "as",
                                      //   "getschema", "serialize", "evaluate", "invoke",
                                      //   "make-series", "mv-apply", "top-nested", "sample", ...
  SourcePosition position;            // of the operator keyword
  std::vector<OperatorParam> params;  // before the operator's main arguments
  ExprPtr predicate;                  // where; count (none); take/sample N: count
  ExprPtr count;                      // take, top, sample, top-nested: N
  std::vector<NamedExpr> exprs;       // project, extend, summarize (aggregates), distinct,
                                      // project-away/keep/reorder (names or wildcard kNames
                                      // like "Event*"), mv-expand (columns; each may carry
                                      // `to typeof(T)` in type_names), evaluate (the plugin
                                      // call as one kCall), render (chart kind as kName),
                                      // invoke (the call), as (the name)
  std::vector<NamedExpr> by;          // summarize/make-series `by`, top-nested
  std::vector<SortKey> sort_keys;     // sort, top (`by` clause)
  std::vector<std::pair<std::string, std::string>> renames;  // project-rename new=old
  std::vector<std::string> type_names;  // mv-expand `to typeof(t)` per expr ("" if none)
  ExprPtr right;                        // join/lookup: right side (a tabular Expr);
                                        //   union (operator form): unused, legs in args
  std::vector<ExprPtr> on;              // join/lookup `on` conditions: kName K, or kBinary "=="
                                        //   of $left.A / $right.B
  std::vector<ExprPtr> args;            // union legs (operator form); parse: args[0] = source
                                        //   column expr, args[1..] = pattern pieces (string
                                        //   literals and kName captures with optional type in
                                        //   type_names); other operators: extra positional args
  std::string text;                     // render/parse/other: the raw text after the keyword,
                                        //   kept for operators huntbook does not execute yet
  // make-series, mv-apply, top-nested, partition keep `text` (the printer shows it) and,
  // when their clauses parse (row_set_operator_parser.cc), also fill the fields below;
  // clauses_parsed false = a form huntbook does not read yet.
  //  - make-series: params; exprs = aggregations with defaults[i] (`default = v`, or
  //    nullptr); series_axis; by.
  //  - mv-apply: params (with_itemindex); exprs + type_names as in mv-expand; count =
  //    `limit`; right = the subquery: a kPipe with no args (operators over each row's
  //    items).
  //  - top-nested: nested = one Operator per level: count (nullptr = all), exprs[0] = `of`,
  //    defaults[0] = `with others` value or nullptr, by[0] = the aggregation,
  //    sort_keys[0].order = asc/desc.
  //  - partition: params; by[0] = the column; `( subquery )`: right = the subquery as for
  //    mv-apply; `{ subquery }`: args[0] = the tabular expression (with its own source).
  bool clauses_parsed = false;
  std::vector<ExprPtr> defaults;
  std::vector<ColumnDecl> columns;  // scan: `declare (...)`
  struct SeriesAxis {
    ExprPtr column, from, to, step;  // from/to nullptr when absent
    bool in_range = false;           // legacy `in range(from, to, step)`
  };
  std::shared_ptr<SeriesAxis> series_axis;
  std::vector<OperatorPtr> nested;
};

enum class StatementKind : uint8_t { kLet, kSet, kDeclareParameters, kQuery };

struct Statement {
  StatementKind kind = StatementKind::kQuery;
  SourcePosition position;
  std::string name;                    // let name; set option name
  ExprPtr expr;                        // let value (scalar, tabular or kLambda); set value; query
  std::vector<ColumnDecl> parameters;  // declare query_parameters(name:type = default, ...)
};

struct Query {
  std::vector<std::shared_ptr<Statement>> statements;
  // Typed literals whose text is no value (`datetime("Insert date")`, `datetime({start})`),
  // in text order. Kusto's front end binds such a query (the literal has its word's type);
  // running it fails with the first of these errors.
  std::vector<Status> invalid_literals;
  // The query calls ingestion_time() somewhere: scans then also read each row's ingestion
  // time (storage's hidden `$IngestionTime` column), which ingestion_time() returns.
  bool uses_ingestion_time = false;
};

}  // namespace huntbook::kql
