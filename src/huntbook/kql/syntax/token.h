// KQL tokens: what the lexer produces and the parser consumes.
//
// KQL keywords are not reserved (a column may be named `count` or `kind`), so the lexer
// emits every word as kIdentifier and the parser decides by context. The exceptions are
// the few spellings that only make sense as one unit: hyphenated operator names
// (`project-away`, `mv-expand`, ...) become one kIdentifier, and negated / tilde word
// operators (`!has`, `!contains_cs`, `in~`, `!in~`, `!between`, ...) become one
// kOperator token.
#pragma once

#include <cstdint>
#include <string>

#include "huntbook/common/status.h"

namespace huntbook::kql {

enum class TokenKind : uint8_t {
  kEnd,         // end of input (always the last token)
  kIdentifier,  // `abc`, `$left`, `project-away` (`['a b']` is `[` string `]`: the
                // parser tells a bracketed name from an index by position)
  kLong,        // integer literal: 42, 0x2A; value in long_value
  kReal,        // real literal: 1.5, 1e5; value in real_value
  kTimespan,    // 1d, 1.5h, 30m, 10ms; ticks in long_value
  kString,      // string literal, decoded (escapes resolved) in text
  kRawText,     // the raw text between the parentheses of datetime(...), guid(...),
                // timespan(...) literals (the parentheses are separate kOperator tokens)
  kOperator,    // punctuation and word operators, in text: "==", "|", "(", "!has", "in~"
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;           // identifier name, decoded string, operator spelling
  int64_t long_value = 0;     // kLong, kTimespan
  double real_value = 0;      // kReal
  bool obfuscated = false;    // kString written as h"..." (kept for redaction)
  SourcePosition position;    // of the first character
  uint32_t end_offset = 0;    // one past the last character
  bool space_before = false;  // whitespace or a comment precedes the token
};

// Spelling of a token for messages: "'by'", "end of input", "string \"abc\"".
std::string DescribeToken(const Token& token);

}  // namespace huntbook::kql
