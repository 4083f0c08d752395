// JsonRecords: finds the byte range of each record of a JSON source without parsing it.
//
// Layouts: kArray = one top-level array, each element a record; kLines = JSON Lines, one
// record per non-blank line; kConcatenated = whitespace-separated top-level values, each
// possibly spanning lines (a single pretty-printed object is the one-record case).
// Scanning only tracks brackets and strings; the records are validated by the JSON parser.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "huntbook/common/status.h"
#include "huntbook/ingest/source_text.h"

namespace huntbook::ingest {

enum class JsonLayout { kArray, kLines, kConcatenated };

struct JsonRecord {
  std::string_view text;
  size_t offset = 0;  // of text in the source
};

// Offset in `object_text` (one JSON object) of the value of top-level member `key`, matched
// against the raw key text (keys written with escapes do not match); npos when absent.
size_t FindMemberValue(std::string_view object_text, std::string_view key);

class JsonRecords {
 public:
  JsonRecords(std::string_view bytes, JsonLayout layout);

  // Next record; false at the end. Errors (InvalidArgument with line and column, message
  // without the source name) for a malformed array frame or an unterminated value.
  Result<bool> Next(JsonRecord* record);

 private:
  size_t SkipSpace(size_t i) const;
  // End (exclusive) of the value starting at i; npos when unterminated.
  size_t ValueEnd(size_t i) const;
  Status ErrorAt(size_t offset, const std::string& what) const;

  std::string_view bytes_;
  JsonLayout layout_;
  size_t pos_ = 0;
  bool started_ = false;
  bool finished_ = false;
};

}  // namespace huntbook::ingest
