#include "huntbook/functions/string_matcher.h"

#include <cstring>

#include "huntbook/common/term.h"

namespace huntbook::functions {

bool EqualsFolded(std::string_view a, std::string_view folded_b) {
  if (a.size() != folded_b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (FoldAscii(a[i]) != folded_b[i]) return false;
  }
  return true;
}

StringMatcher::StringMatcher(MatchKind kind, std::string_view needle, bool case_sensitive)
    : kind_(kind), needle_(needle), case_sensitive_(case_sensitive) {
  if (!case_sensitive_) {
    for (char& c : needle_) c = FoldAscii(c);
  }
  if (!needle_.empty()) {
    starts_with_term_char_ = IsTermChar(static_cast<unsigned char>(needle_.front()));
    ends_with_term_char_ = IsTermChar(static_cast<unsigned char>(needle_.back()));
    single_term_ = true;
    for (char c : needle_) {
      if (!IsTermChar(static_cast<unsigned char>(c))) single_term_ = false;
    }
  }
}

bool StringMatcher::MatchesAt(std::string_view haystack, size_t pos) const {
  if (case_sensitive_) return haystack.compare(pos, needle_.size(), needle_) == 0;
  const char* h = haystack.data() + pos;
  for (size_t i = 0; i < needle_.size(); ++i) {
    if (FoldAscii(h[i]) != needle_[i]) return false;
  }
  return true;
}

size_t StringMatcher::Find(std::string_view haystack, size_t from) const {
  if (case_sensitive_) return haystack.find(needle_, from);
  size_t m = needle_.size();
  if (m == 0) return from <= haystack.size() ? from : std::string_view::npos;
  if (haystack.size() < m) return std::string_view::npos;
  char first = needle_[0];
  char upper = (first >= 'a' && first <= 'z') ? static_cast<char>(first - 'a' + 'A') : first;
  size_t last = haystack.size() - m;
  for (size_t pos = from; pos <= last; ++pos) {
    char c = haystack[pos];
    if ((c == first || c == upper) && MatchesAt(haystack, pos)) return pos;
  }
  return std::string_view::npos;
}

bool StringMatcher::MatchesTerm(std::string_view haystack) const {
  if (single_term_) {
    // Walk the haystack's terms: no substring search needed.
    size_t i = 0, n = haystack.size(), m = needle_.size();
    while (i < n) {
      while (i < n && !IsTermChar(static_cast<unsigned char>(haystack[i]))) ++i;
      size_t start = i;
      while (i < n && IsTermChar(static_cast<unsigned char>(haystack[i]))) ++i;
      size_t length = i - start;
      if (length < m) continue;
      if (kind_ == MatchKind::kHas && length != m) continue;
      size_t at = kind_ == MatchKind::kHasSuffix ? i - m : start;
      if (MatchesAt(haystack, at)) return true;
    }
    return false;
  }
  bool check_start = kind_ != MatchKind::kHasSuffix && starts_with_term_char_;
  bool check_end = kind_ != MatchKind::kHasPrefix && ends_with_term_char_;
  for (size_t pos = Find(haystack, 0); pos != std::string_view::npos;
       pos = Find(haystack, pos + 1)) {
    if (check_start && pos > 0 && IsTermChar(static_cast<unsigned char>(haystack[pos - 1]))) {
      continue;
    }
    size_t end = pos + needle_.size();
    if (check_end && end < haystack.size() &&
        IsTermChar(static_cast<unsigned char>(haystack[end]))) {
      continue;
    }
    return true;
  }
  return false;
}

bool StringMatcher::Matches(std::string_view haystack) const {
  size_t m = needle_.size();
  switch (kind_) {
    case MatchKind::kEquals:
      return case_sensitive_ ? haystack == needle_ : EqualsFolded(haystack, needle_);
    case MatchKind::kContains:
      return Find(haystack, 0) != std::string_view::npos;
    case MatchKind::kStartsWith:
      return haystack.size() >= m && MatchesAt(haystack, 0);
    case MatchKind::kEndsWith:
      return haystack.size() >= m && MatchesAt(haystack, haystack.size() - m);
    case MatchKind::kHas:
    case MatchKind::kHasPrefix:
    case MatchKind::kHasSuffix:
      if (m == 0) return true;
      return MatchesTerm(haystack);
  }
  return false;
}

}  // namespace huntbook::functions
