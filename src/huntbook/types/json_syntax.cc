#include "huntbook/types/json_syntax.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace huntbook {
namespace {

// Finds the byte offset of the first JSON syntax error (used only to report errors; the
// parse itself is simdjson's). Returns json.size() when the error is at the end.
class SyntaxLocator {
 public:
  explicit SyntaxLocator(std::string_view s) : s_(s) {}

  size_t Locate() {
    SkipSpace();
    if (!Value(0)) return i_;
    SkipSpace();
    return i_;  // trailing content, or (if valid) the point where simdjson disagreed
  }

 private:
  void SkipSpace() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r'))
      ++i_;
  }
  // On mismatch the error points at the start of the word.
  bool Literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }
  bool Digits() {
    size_t start = i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    return i_ > start;
  }
  bool Number() {
    if (i_ < s_.size() && s_[i_] == '-') ++i_;
    if (i_ < s_.size() && s_[i_] == '0') {
      ++i_;
    } else if (!Digits()) {
      return false;
    }
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
      if (!Digits()) return false;
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (!Digits()) return false;
    }
    return true;
  }
  bool String() {
    ++i_;  // opening quote
    while (i_ < s_.size()) {
      unsigned char c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        ++i_;
        return true;
      }
      if (c < 0x20) return false;
      if (c >= 0x80) {
        // UTF-8 sequence: lead byte range fixes the length; continuation bytes 10xxxxxx
        // (overlong/surrogate checks are left to simdjson; this only locates errors).
        size_t len = c >= 0xC2 && c <= 0xDF   ? 2
                     : c >= 0xE0 && c <= 0xEF ? 3
                     : c >= 0xF0 && c <= 0xF4 ? 4
                                              : 0;
        if (len == 0 || i_ + len > s_.size()) return false;
        for (size_t k = 1; k < len; ++k) {
          if ((static_cast<unsigned char>(s_[i_ + k]) & 0xC0) != 0x80) return false;
        }
        i_ += len;
        continue;
      }
      if (c == '\\') {
        ++i_;
        if (i_ >= s_.size()) return false;
        char e = s_[i_];
        if (e == 'u') {
          for (int k = 0; k < 4; ++k) {
            ++i_;
            if (i_ >= s_.size() || !std::isxdigit(static_cast<unsigned char>(s_[i_]))) return false;
          }
        } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
          return false;
        }
      }
      ++i_;
    }
    return false;
  }
  bool Value(int depth) {
    if (depth > 1000 || i_ >= s_.size()) return false;
    char c = s_[i_];
    if (c == '"') return String();
    if (c == '{' || c == '[') {
      char close = c == '{' ? '}' : ']';
      ++i_;
      SkipSpace();
      if (i_ < s_.size() && s_[i_] == close) {
        ++i_;
        return true;
      }
      while (true) {
        if (c == '{') {
          if (i_ >= s_.size() || s_[i_] != '"' || !String()) return false;
          SkipSpace();
          if (i_ >= s_.size() || s_[i_] != ':') return false;
          ++i_;
          SkipSpace();
        }
        if (!Value(depth + 1)) return false;
        SkipSpace();
        if (i_ >= s_.size()) return false;
        if (s_[i_] == close) {
          ++i_;
          return true;
        }
        if (s_[i_] != ',') return false;
        ++i_;
        SkipSpace();
      }
    }
    if (c == 't') return Literal("true");
    if (c == 'f') return Literal("false");
    if (c == 'n') return Literal("null");
    return Number();
  }

  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace

size_t FindJsonSyntaxError(std::string_view json) { return SyntaxLocator(json).Locate(); }

std::string WidenBigIntegers(std::string_view json) {
  std::string out;
  out.reserve(json.size() + 16);
  for (size_t i = 0; i < json.size();) {
    char c = json[i];
    if (c == '"') {
      size_t start = i++;
      while (i < json.size() && json[i] != '"') i += json[i] == '\\' ? 2 : 1;
      i = std::min(i + 1, json.size());
      out.append(json.substr(start, i - start));
    } else if ((c >= '0' && c <= '9') || c == '-') {
      size_t start = i++;
      while (i < json.size() && std::strchr("0123456789.eE+-", json[i]) && json[i] != '\0') ++i;
      std::string_view number = json.substr(start, i - start);
      out.append(number);
      if (number.size() >= 19 && number.find_first_of(".eE") == std::string_view::npos) {
        out.append(".0");
      }
    } else {
      out.push_back(c);
      ++i;
    }
  }
  return out;
}

}  // namespace huntbook
