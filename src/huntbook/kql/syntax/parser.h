// KQL parser: text -> Query tree, with 1-based line/column diagnostics.
// https://learn.microsoft.com/kusto/query/ (syntax of each statement and operator)
#pragma once

#include <string_view>

#include "huntbook/common/status.h"
#include "huntbook/kql/syntax/ast.h"

namespace huntbook::kql {

// Parses a whole query (statements separated by ';', comments `//` to end of line).
// Errors: kSyntaxError with the position of the offending token and a message naming what
// was expected, e.g. "expected ')' but found 'by'". Hostile input is a syntax error too, never
// a stack overflow or a hang (docs/limits.md): text larger than 1 MiB, text that is not
// well-formed UTF-8, and trees more than 256 levels deep ("query is nested more than 256
// levels deep"), counting the levels that flat chains of binary operators build (`and`/`or`
// chains nest only log2(n) deep, so long `or` lists parse).
Result<Query> Parse(std::string_view text);

// Parses a single expression (used for tests and for `declare query_parameters` values).
Result<ExprPtr> ParseExpression(std::string_view text);

}  // namespace huntbook::kql
