// Terms as Kusto defines them for `has`, `has_any`, `has_all`, `hasprefix`, `hassuffix`
// and the term index: a term is a maximal run of ASCII letters and digits; every other
// byte (space, punctuation, `_`, non-ASCII) separates terms.
// https://learn.microsoft.com/kusto/query/datatypes-string-operators (section "What is a term?")
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace huntbook {

inline bool IsTermChar(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Calls fn(std::string_view term) for each term of text, in order.
template <typename Fn>
void ForEachTerm(std::string_view text, Fn&& fn) {
  size_t i = 0, n = text.size();
  while (i < n) {
    while (i < n && !IsTermChar(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < n && IsTermChar(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) fn(text.substr(start, i - start));
  }
}

// ASCII lower-casing (Kusto's case-insensitive term operators fold ASCII only for terms).
std::string AsciiLower(std::string_view s);

}  // namespace huntbook
