// Internal: the matching logic behind Kusto's string predicates (has, contains, startswith,
// endswith, hasprefix, hassuffix, =~ and their _cs forms), prepared once per needle.
// https://learn.microsoft.com/kusto/query/datatypes-string-operators
//
// Case-insensitive matching folds ASCII letters only. Kusto compares with ordinal
// ignore-case over all of Unicode; non-ASCII letters that differ only in case therefore do
// not match here (a known, documented gap).
//
// Term operators (common/term.h): a needle is searched as a substring, and an occurrence
// counts only at term boundaries: where the needle begins with a term character the byte
// before the occurrence must not be one (has, hasprefix), and where it ends with a term
// character the byte after it must not be one (has, hassuffix). So a one-term needle must
// equal (has), begin (hasprefix) or end (hassuffix) a whole term, and a punctuated needle
// such as "cmd.exe" matches a run of terms: "C:\cmd.exe /c" has "cmd.exe" but "mycmd.exe"
// does not. An empty needle matches every haystack.
#pragma once

#include <string>
#include <string_view>

namespace huntbook::functions {

inline char FoldAscii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool EqualsFolded(std::string_view a, std::string_view folded_b);

enum class MatchKind : uint8_t {
  kEquals,
  kContains,
  kStartsWith,
  kEndsWith,
  kHas,
  kHasPrefix,
  kHasSuffix
};

class StringMatcher {
 public:
  StringMatcher(MatchKind kind, std::string_view needle, bool case_sensitive);

  bool Matches(std::string_view haystack) const;

 private:
  // Position of the first occurrence of needle_ at or after `from`, or npos.
  size_t Find(std::string_view haystack, size_t from) const;
  bool MatchesTerm(std::string_view haystack) const;
  bool MatchesAt(std::string_view haystack, size_t pos) const;

  MatchKind kind_;
  std::string needle_;  // folded when !case_sensitive_
  bool case_sensitive_;
  bool starts_with_term_char_ = false;
  bool ends_with_term_char_ = false;
  bool single_term_ = false;
};

}  // namespace huntbook::functions
