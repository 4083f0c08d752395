#include "huntbook/storage/block_compression.h"

#include <lz4.h>
#include <zstd.h>

#include <limits>

namespace huntbook::storage {
namespace {
// zstd level: 3 is its default, a good ratio at >100 MB/s on log data.
constexpr int kZstdLevel = 3;
}  // namespace

Codec Compress(Codec codec, std::string_view raw, std::string* out) {
  out->clear();
  if (codec == Codec::kZstd) {
    out->resize(ZSTD_compressBound(raw.size()));
    size_t n = ZSTD_compress(out->data(), out->size(), raw.data(), raw.size(), kZstdLevel);
    if (!ZSTD_isError(n) && n < raw.size()) {
      out->resize(n);
      return Codec::kZstd;
    }
  } else if (codec == Codec::kLz4 && raw.size() < static_cast<size_t>(LZ4_MAX_INPUT_SIZE)) {
    out->resize(static_cast<size_t>(LZ4_compressBound(static_cast<int>(raw.size()))));
    int n = LZ4_compress_default(raw.data(), out->data(), static_cast<int>(raw.size()),
                                 static_cast<int>(out->size()));
    if (n > 0 && static_cast<size_t>(n) < raw.size()) {
      out->resize(static_cast<size_t>(n));
      return Codec::kLz4;
    }
  }
  out->assign(raw.data(), raw.size());
  return Codec::kNone;
}

Status Decompress(Codec codec, std::string_view stored, size_t raw_size, std::string* out) {
  switch (codec) {
    case Codec::kNone:
      if (stored.size() != raw_size) return Corruption("stored block size mismatch");
      out->assign(stored.data(), stored.size());
      return Status::OK();
    case Codec::kZstd: {
      out->resize(raw_size);
      size_t n = ZSTD_decompress(out->data(), raw_size, stored.data(), stored.size());
      if (ZSTD_isError(n) || n != raw_size) return Corruption("zstd block does not decompress");
      return Status::OK();
    }
    case Codec::kLz4: {
      if (raw_size > static_cast<size_t>(std::numeric_limits<int>::max()) ||
          stored.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
        return Corruption("lz4 block too large");
      }
      out->resize(raw_size);
      int n = LZ4_decompress_safe(stored.data(), out->data(), static_cast<int>(stored.size()),
                                  static_cast<int>(raw_size));
      if (n < 0 || static_cast<size_t>(n) != raw_size) {
        return Corruption("lz4 block does not decompress");
      }
      return Status::OK();
    }
  }
  return Corruption("unknown block codec");
}

}  // namespace huntbook::storage
