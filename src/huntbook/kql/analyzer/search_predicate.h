// Internal to the analyzer: the search/find predicate language.
// https://learn.microsoft.com/kusto/query/search-operator (search predicate syntax)
//
// The parser keeps search and find as raw text (ast.h); this file reads that text into a
// small tree: `and`/`or`/`not`/parentheses over atoms. An atom is a bare string term
// ("err", "err*", "*err*": has / hasprefix / hassuffix / contains, other `*` patterns: a
// regex), a column-qualified term (Col:"err"), or any KQL boolean expression (Level ==
// "Error"), which is parsed with kql::ParseExpression. SearchToExpr() then turns the tree
// into a KQL expression over one table's columns.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "huntbook/common/status.h"
#include "huntbook/kql/syntax/ast.h"
#include "huntbook/vector/column.h"

namespace huntbook::analyzer {

struct SearchNode {
  enum class Kind { kAnd, kOr, kNot, kTerm, kExpr };
  Kind kind = Kind::kTerm;
  std::vector<std::shared_ptr<SearchNode>> children;  // kAnd, kOr, kNot
  std::string column;                                 // kTerm: "" = every column
  std::string term;                                   // kTerm: the text, `*` wildcards kept
  kql::ExprPtr expr;                                  // kExpr
  std::vector<std::string> referenced;                // kExpr: the column names it mentions
};
using SearchNodePtr = std::shared_ptr<SearchNode>;

// Parses a predicate; errors are SyntaxErrors positioned at `position` (the operator).
Result<SearchNodePtr> ParseSearchPredicate(std::string_view text, SourcePosition position);

// The predicate over a table with `columns`, as a KQL expression: terms become has /
// hasprefix / hassuffix / contains / matches regex (the _cs forms when case_sensitive),
// every-column terms an `or` over all columns (non-string ones through tostring()); atoms
// naming a column the table lacks are false.
kql::ExprPtr SearchToExpr(const SearchNode& node, const std::vector<ColumnSchema>& columns,
                          bool case_sensitive);

// `one(c1) or one(c2) or ...` over every column, built as a balanced tree (so a wide table
// nests log2(columns) levels); the literal false when there are no columns.
kql::ExprPtr AnyColumn(const std::vector<ColumnSchema>& columns,
                       const std::function<kql::ExprPtr(const ColumnSchema&)>& one);

// The column as a string operand: its name, wrapped in tostring() unless it is a string.
kql::ExprPtr ColumnAsString(const ColumnSchema& column);

// Splits "kind=case_sensitive in (T1, T2*) rest" into its parts; `tables` empty when no
// `in (...)` was given.
struct SearchPrefix {
  bool case_sensitive = false;
  std::vector<std::string> tables;
  std::string withsource;  // find withsource=Name
  std::string rest;
};
Result<SearchPrefix> SplitSearchPrefix(std::string_view text, SourcePosition position);

}  // namespace huntbook::analyzer
