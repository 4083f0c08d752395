// Extent file structure shared by the writer and the reader: docs/formats/extent.md.
//
//   magic | block* | footer | fixed32 footer length | fixed64 footer XXH3 | magic
//
// A block is its stored (possibly compressed) bytes followed by a 9-byte trailer: the
// codec byte and the XXH3 of (stored bytes + codec byte).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/common/status.h"
#include "huntbook/storage/block_compression.h"
#include "huntbook/storage/store.h"

namespace huntbook::storage {

inline constexpr std::string_view kExtentMagic = "HBEXTNT1";
inline constexpr uint8_t kExtentVersion = 1;
inline constexpr size_t kBlockTrailerSize = 9;
// Bytes after the footer: length, checksum, magic.
inline constexpr size_t kExtentTailSize = 4 + 8 + 8;

struct BlockHandle {
  uint64_t offset = 0;       // of the stored bytes, from the start of the file
  uint64_t stored_size = 0;  // without the trailer
  uint64_t raw_size = 0;     // after decompression
};

struct ColumnFooter {
  ColumnSchema schema;
  std::optional<IntRange> range;  // integer-stored columns with a non-null value
  std::vector<BlockHandle> blocks;
  std::optional<BlockHandle> term_index;
};

struct ExtentFooter {
  uint64_t rows = 0;
  uint64_t block_rows = 0;  // rows per block; the last block of a column may hold fewer
  std::vector<ColumnFooter> columns;
};

void EncodeFooter(const ExtentFooter& footer, std::string* out);
// kCorruption (without the file name; callers add it) when malformed.
Result<ExtentFooter> DecodeFooter(std::string_view data);

}  // namespace huntbook::storage
