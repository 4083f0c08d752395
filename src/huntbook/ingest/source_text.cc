#include "huntbook/ingest/source_text.h"

#include <simdjson.h>

#include <algorithm>

#include "huntbook/common/utf8.h"

namespace huntbook::ingest {

LineColumn LocateOffset(std::string_view bytes, size_t offset) {
  offset = std::min(offset, bytes.size());
  LineColumn lc;
  size_t line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (bytes[i] == '\n') {
      ++lc.line;
      line_start = i + 1;
    }
  }
  lc.column = static_cast<uint32_t>(offset - line_start + 1);
  return lc;
}

size_t FindInvalidUtf8(std::string_view bytes) {
  if (simdjson::validate_utf8(bytes.data(), bytes.size())) return std::string_view::npos;
  return huntbook::FindInvalidUtf8(bytes);
}

}  // namespace huntbook::ingest
