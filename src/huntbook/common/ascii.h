// ASCII case rules for protocol tokens, names and keywords (HTTP header names, Host names,
// workspace names, `true`/`false`, month names). Not for KQL string data: tolower() and the
// case-insensitive string operators follow Unicode (functions/utf8_text.h).
#pragma once

#include <string_view>

namespace huntbook {

inline char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// a == b with ASCII letters compared without case.
inline bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

// `text` starts with `prefix`, ASCII letters compared without case.
inline bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && EqualsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

}  // namespace huntbook
