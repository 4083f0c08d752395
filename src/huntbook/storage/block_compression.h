// Block compression for extent blocks (docs/formats/extent.md, section "Block").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "huntbook/common/status.h"

namespace huntbook::storage {

enum class Codec : uint8_t { kNone = 0, kZstd = 1, kLz4 = 2 };

// Compresses `raw` with `codec` into *out. Falls back to kNone (and returns it) when
// compression does not make the block smaller. Returns the codec actually used.
Codec Compress(Codec codec, std::string_view raw, std::string* out);

// Decompresses a block of a known uncompressed size. kCorruption on malformed input.
Status Decompress(Codec codec, std::string_view stored, size_t raw_size, std::string* out);

}  // namespace huntbook::storage
