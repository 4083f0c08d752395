// KQL lexer: query text -> tokens with 1-based line/column positions.
// https://learn.microsoft.com/kusto/query/scalar-data-types/string (string literals)
// https://learn.microsoft.com/kusto/query/scalar-data-types/timespan (timespan literals)
#pragma once

#include <string_view>
#include <vector>

#include "huntbook/common/status.h"
#include "huntbook/kql/syntax/token.h"

namespace huntbook::kql {

// Largest query text accepted (1 MiB); longer text is rejected with kSyntaxError.
inline constexpr size_t kMaxQueryBytes = 1 << 20;

// Splits `text` into tokens; the last token is always kEnd. Comments (`//` to end of
// line) and whitespace are skipped. Handles:
//  - identifiers (`$left`, hyphenated operator names such as `project-away` as one token);
//  - numbers (42, 0x1F, 1.5, 1e5, .5) and timespans (1d, 1.5h, 30m, 10sec, 5microsecond);
//  - strings ('..', "..", with \" \\ \n \t \uXXXX escapes; verbatim @".." / @'..' with
//    doubled quotes; multi-line ```..```; obfuscated h"..", H@'..');
//  - the raw contents of datetime(...), guid(...) and timespan(...) as one kRawText;
//  - operators, including `!has`, `in~`, `!in~`, `!between`, `..`, `=>`.
// Adjacent string literals are NOT merged here (the parser concatenates them).
// Errors: kSyntaxError at the offending character (unterminated string, bad number, stray
// character, text over kMaxQueryBytes, text that is not well-formed UTF-8: the error is at
// the first malformed byte). `\uD83D\uDE00` surrogate pairs decode to one code point; a
// lone surrogate escape becomes U+FFFD, so string tokens are always valid UTF-8.
Result<std::vector<Token>> Lex(std::string_view text);

}  // namespace huntbook::kql
