// Positions and encoding checks over an ingested source buffer, for error messages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace huntbook::ingest {

struct LineColumn {
  uint32_t line = 1;    // 1-based
  uint32_t column = 1;  // 1-based, in bytes
};

// Line and column of a byte offset (offsets past the end map to the end).
LineColumn LocateOffset(std::string_view bytes, size_t offset);

// Offset of the first byte that is not part of well-formed UTF-8 (overlongs, surrogates
// and code points above U+10FFFF are malformed); npos when the text is valid.
size_t FindInvalidUtf8(std::string_view bytes);

}  // namespace huntbook::ingest
