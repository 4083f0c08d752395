// The recursive-descent parser behind Parse() (parser.h). Internal to kql/syntax: its
// methods are spread over files by concept (statements, expressions, literals, tabular
// sources, operators), all sharing the token cursor and error helpers declared here.
//
// Grammar notes:
//  - Keywords are not reserved; the parser decides by position (see token.h).
//  - Precedence, loosest first: or, and, equality/string/list operators (==, =~, has,
//    in, between, ...), relational (<, <=, >, >=), additive, multiplicative, unary -/+,
//    postfix (.name, [index]), primary.
//  - Everywhere a scalar may be tabular (function arguments, parentheses, `in` lists),
//    ParseTabular() is used: an expression or a tabular source followed by `| op`s.
//  - Nesting is limited to kMaxNestingDepth, twice: while parsing, NestingGuard counts the
//    recursion (parentheses, calls, unary signs, subqueries, dynamic literals); on the
//    finished tree, CheckNestingDepth counts its levels, which includes the left-leaning
//    trees that flat chains build (`1 + 1 + ...`, `d.a.a...`, `x[0][0]...`). Deeper input
//    is a syntax error, so no later recursive pass (binder, printer) sees a deeper tree.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/common/status.h"
#include "huntbook/kql/syntax/ast.h"
#include "huntbook/kql/syntax/token.h"

namespace huntbook::kql {

inline constexpr int kMaxNestingDepth = 256;

// Two's-complement negation without signed overflow (-INT64_MIN stays INT64_MIN).
inline int64_t Negate(int64_t v) { return static_cast<int64_t>(0 - static_cast<uint64_t>(v)); }

// Every Expr and Operator of the tree is one level, statements none; more than
// kMaxNestingDepth levels is a SyntaxError "query is nested more than 256 levels deep" at a
// node past the limit. Iterative, so safe on trees of any depth.
Status CheckNestingDepth(const Query& query);
Status CheckNestingDepth(const Expr& expr);

class RecursiveDescentParser {
 public:
  // REQUIRES: tokens come from Lex(text) and end with kEnd; text outlives the parser.
  RecursiveDescentParser(std::string_view text, std::vector<Token> tokens);

  // statement_parser.cc
  Result<Query> ParseQuery();
  Result<ExprPtr> ParseStandaloneExpression();

 private:
  friend class NestingGuard;

  // --- token cursor (recursive_descent_parser.cc) ---
  const Token& Peek(size_t ahead = 0) const;
  const Token& Advance();
  bool IsOp(std::string_view op, size_t ahead = 0) const;
  bool IsWord(std::string_view word, size_t ahead = 0) const;
  bool IsIdentifier(size_t ahead = 0) const;
  bool AcceptOp(std::string_view op);
  bool AcceptWord(std::string_view word);
  Status ExpectOp(std::string_view op);
  Status ExpectWord(std::string_view word);
  Result<std::string> ExpectIdentifier(std::string_view what);
  // "expected <what> but found <token>" at the current token.
  Status ErrorExpected(std::string_view what) const;
  // Where the token before the current one ends (line, column and offset one past it).
  SourcePosition EndOfPreviousToken() const;
  // Source text from the start of token `first` to the end of the token before the cursor.
  std::string TextFrom(size_t first) const;
  Status EnterNesting();
  void LeaveNesting() { --depth_; }
  ExprPtr MakeExpr(ExprKind kind, const SourcePosition& position) const;

  // --- statements (statement_parser.cc) ---
  Result<std::shared_ptr<Statement>> ParseStatement();
  // Statements up to `}` (lambda body) or the end; separators ';', empty ones allowed.
  Result<std::vector<std::shared_ptr<Statement>>> ParseStatementList(bool in_braces);
  Result<std::shared_ptr<Statement>> ParseLet();
  Result<std::shared_ptr<Statement>> ParseSet();
  Result<std::shared_ptr<Statement>> ParseDeclare();
  bool AtLambda() const;
  Result<ExprPtr> ParseLambda();
  // `name: type [= default]`, types including `(*)` and `(a:long, ...)`.
  Result<ColumnDecl> ParseParameterDecl(bool allow_default);
  Result<std::string> ParseTypeName();

  // --- expressions (expression_parser.cc) ---
  Result<ExprPtr> ParseExpr();
  Result<ExprPtr> ParseOr();
  Result<ExprPtr> ParseAnd();
  // `a or b or ...` (`and` alike) as a balanced tree, so that a chain of n terms nests
  // log2(n) levels deep rather than n (`and`/`or` are associative): long `or` lists of
  // real queries stay far below kMaxNestingDepth.
  Result<ExprPtr> ParseLogicalChain(std::string_view word,
                                    Result<ExprPtr> (RecursiveDescentParser::*parse_operand)());
  ExprPtr BalancedChain(std::string_view word, std::vector<ExprPtr>& operands,
                        const std::vector<SourcePosition>& positions, size_t begin,
                        size_t end) const;
  Result<ExprPtr> ParseEquality();
  Result<ExprPtr> ParseRelational();
  Result<ExprPtr> ParseAdditive();
  Result<ExprPtr> ParseMultiplicative();
  Result<ExprPtr> ParseUnary();
  Result<ExprPtr> ParsePostfix();
  Result<ExprPtr> ParsePrimary();
  Result<ExprPtr> ParseCallArguments(ExprPtr call);
  Result<ExprPtr> ParseListOperator(ExprPtr left, std::string op, SourcePosition position);
  // `['a b']` / `["a"]` when the cursor is at '['; also plain identifiers.
  bool AtBracketedName() const;
  // At a keyword (has, by, asc, ...) followed by what could only follow a name.
  bool ReservedWordInNamePosition() const;
  Result<std::string> ParseColumnName(std::string_view what);
  // `name = expr`, `(a, b) = expr`, or expr.
  Result<NamedExpr> ParseNamedExpr();
  Result<std::vector<NamedExpr>> ParseNamedExprList();
  // Column name pattern for project-away/keep/reorder: `Col`, `Event*`, `*Id`, `['x']`.
  Result<ExprPtr> ParseNamePattern();

  // --- literals (literal_parser.cc) ---
  bool AtTypedLiteral() const;
  Result<ExprPtr> ParseTypedLiteral();
  Result<ExprPtr> ParseStringLiteral();
  Result<Dynamic> ParseDynamicValue();

  // --- tabular sources (tabular_parser.cc) ---
  Result<ExprPtr> ParseTabular();
  Result<ExprPtr> ParsePipeTail(ExprPtr source);
  bool AtSourceKeyword() const;
  // At a token that ends an operator: `|`, `;`, a closing bracket or the end.
  bool AtOperatorEnd() const;
  Result<ExprPtr> ParseSourceKeyword();
  Result<ExprPtr> ParsePrint();
  Result<ExprPtr> ParseRange();
  Result<ExprPtr> ParseDatatable();
  Result<ExprPtr> ParseUnionSource();
  Result<ExprPtr> ParseExternalData();
  // Union legs: names (with wildcards), parenthesized tabular expressions.
  Result<std::vector<ExprPtr>> ParseUnionLegs();
  // `name=value` parameters (kind=inner, hint.strategy=shuffle) while they follow; only
  // the given names and `hint.*` count as parameters (else `Total=count()` would).
  Result<std::vector<OperatorParam>> ParseOperatorParams(
      std::initializer_list<std::string_view> names);
  bool AtOperatorParam(std::initializer_list<std::string_view> names) const;
  bool AtOperatorParamAhead(size_t ahead) const;
  // A parameter value: identifier (kName), bool, number or string literal.
  Result<ExprPtr> ParseParamValue();

  // --- operators (operator_parser.cc, relational_operator_parser.cc,
  //     generic_operator_parser.cc) ---
  Result<OperatorPtr> ParseOperator();
  Status ParseProjectionOperator(Operator& op);
  Status ParseSummarize(Operator& op);
  Status ParseSortKeys(Operator& op);
  Status ParseTop(Operator& op);
  Status ParseDistinct(Operator& op);
  Status ParseJoinOrLookup(Operator& op);
  Status ParseUnionOperator(Operator& op);
  Status ParseMvExpand(Operator& op);
  // mv-expand / mv-apply columns: `Name = expr [to typeof(T)], ...` then `[limit N]`.
  Status ParseExpandColumns(Operator& op);
  Status ParseParse(Operator& op);
  Status ParseParseKv(Operator& op);
  Status ParseRender(Operator& op);
  Status ParseAs(Operator& op);
  Status ParseEvaluateOrInvoke(Operator& op);
  Status ParseScan(Operator& op);  // scan_parser.cc
  // Operators kept as raw text: consumes balanced tokens up to the next top-level
  // `|`, `;`, closing bracket or the end; stores the text in op.text.
  Status ParseRawOperatorBody(Operator& op);
  // make-series, mv-apply, top-nested, partition clauses (row_set_operator_parser.cc):
  // called after ParseRawOperatorBody from the operator's first body token; on error the
  // operator keeps only its text.
  Status ParseRowSetClauses(Operator& op);
  Status ParseMakeSeriesClauses(Operator& op);
  Status ParseMvApplyClauses(Operator& op);
  Status ParseTopNestedClauses(Operator& op);
  Status ParsePartitionClauses(Operator& op);
  // `( op | op ... )`: a subquery over implicit input rows.
  Result<ExprPtr> ParseImplicitSubquery();
  Status SkipBalanced();

  std::string_view text_;
  std::vector<Token> tokens_;
  std::vector<Status> invalid_literals_;  // see Query::invalid_literals
  bool uses_ingestion_time_ = false;      // see Query::uses_ingestion_time
  size_t pos_ = 0;
  int depth_ = 0;
};

// RAII nesting counter; check status() after construction.
class NestingGuard {
 public:
  explicit NestingGuard(RecursiveDescentParser& parser)
      : parser_(parser), status_(parser.EnterNesting()) {}
  ~NestingGuard() { parser_.LeaveNesting(); }
  const Status& status() const { return status_; }

 private:
  RecursiveDescentParser& parser_;
  Status status_;
};

}  // namespace huntbook::kql
