#include "huntbook/ingest/json_records.h"

#include <cstring>
#include <string>

namespace huntbook::ingest {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

size_t FindMemberValue(std::string_view text, std::string_view key) {
  const size_t n = text.size();
  int depth = 0;
  bool expect_key = false;
  for (size_t i = 0; i < n; ++i) {
    char c = text[i];
    if (c == '"') {
      size_t start = i + 1;
      ++i;
      while (i < n && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
      if (i >= n) return std::string_view::npos;
      if (depth == 1 && expect_key) {
        expect_key = false;
        size_t k = i + 1;
        while (k < n && IsSpace(text[k])) ++k;
        if (k < n && text[k] == ':' && text.substr(start, i - start) == key) {
          ++k;
          while (k < n && IsSpace(text[k])) ++k;
          return k;
        }
      }
    } else if (c == '{' || c == '[') {
      ++depth;
      expect_key = depth == 1 && c == '{';
    } else if (c == '}' || c == ']') {
      --depth;
    } else if (c == ',' && depth == 1) {
      expect_key = true;
    }
  }
  return std::string_view::npos;
}

JsonRecords::JsonRecords(std::string_view bytes, JsonLayout layout)
    : bytes_(bytes), layout_(layout) {
  if (bytes_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // UTF-8 byte order mark
}

size_t JsonRecords::SkipSpace(size_t i) const {
  while (i < bytes_.size() && IsSpace(bytes_[i])) ++i;
  return i;
}

size_t JsonRecords::ValueEnd(size_t i) const {
  const size_t n = bytes_.size();
  char c = bytes_[i];
  if (c != '{' && c != '[' && c != '"') {
    while (i < n && !IsSpace(bytes_[i]) && bytes_[i] != ',' && bytes_[i] != ']' &&
           bytes_[i] != '}' && bytes_[i] != '{' && bytes_[i] != '[') {
      ++i;
    }
    return i;
  }
  int depth = 0;
  while (i < n) {
    c = bytes_[i];
    if (c == '"') {
      ++i;
      while (i < n && bytes_[i] != '"') i += bytes_[i] == '\\' ? 2 : 1;
      if (i >= n) return std::string_view::npos;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    }
    ++i;
    if (depth <= 0) return i;
  }
  return std::string_view::npos;
}

Status JsonRecords::ErrorAt(size_t offset, const std::string& what) const {
  LineColumn lc = LocateOffset(bytes_, offset);
  return InvalidArgument(
      "line " + std::to_string(lc.line) + ", column " + std::to_string(lc.column) + ": " + what,
      SourcePosition{lc.line, lc.column, static_cast<uint32_t>(offset)});
}

Result<bool> JsonRecords::Next(JsonRecord* record) {
  const size_t n = bytes_.size();
  if (finished_) return false;
  if (layout_ == JsonLayout::kLines) {
    while (pos_ < n) {
      const char* nl = static_cast<const char*>(std::memchr(bytes_.data() + pos_, '\n', n - pos_));
      size_t end = nl ? static_cast<size_t>(nl - bytes_.data()) : n;
      size_t start = pos_;
      pos_ = nl ? end + 1 : n;
      std::string_view line = bytes_.substr(start, end - start);
      size_t first = 0;
      while (first < line.size() && IsSpace(line[first])) ++first;
      if (first == line.size()) continue;  // blank line
      record->text = line;
      record->offset = start;
      return true;
    }
    finished_ = true;
    return false;
  }
  size_t i = SkipSpace(pos_);
  if (layout_ == JsonLayout::kArray) {
    if (!started_) {
      if (i >= n || bytes_[i] != '[') return ErrorAt(i, "expected '['");
      started_ = true;
      i = SkipSpace(i + 1);
      if (i < n && bytes_[i] == ']') {
        finished_ = true;
        i = SkipSpace(i + 1);
        if (i < n) return ErrorAt(i, "unexpected text after the array");
        return false;
      }
    }
    if (i >= n) return ErrorAt(i, "unterminated array");
  } else if (i >= n) {
    finished_ = true;
    return false;
  }
  size_t end = ValueEnd(i);
  if (end == std::string_view::npos) return ErrorAt(i, "unterminated JSON value");
  if (end == i) return ErrorAt(i, "unexpected character");
  record->text = bytes_.substr(i, end - i);
  record->offset = i;
  pos_ = end;
  if (layout_ == JsonLayout::kArray) {
    size_t k = SkipSpace(end);
    if (k < n && bytes_[k] == ',') {
      pos_ = k + 1;
      if (SkipSpace(pos_) < n && bytes_[SkipSpace(pos_)] == ']') {
        return ErrorAt(SkipSpace(pos_), "trailing ',' before ']'");
      }
    } else if (k < n && bytes_[k] == ']') {
      finished_ = true;
      k = SkipSpace(k + 1);
      if (k < n) return ErrorAt(k, "unexpected text after the array");
    } else {
      return ErrorAt(k, "expected ',' or ']' after an array element");
    }
  }
  return true;
}

}  // namespace huntbook::ingest
