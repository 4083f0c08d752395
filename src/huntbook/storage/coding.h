// Little-endian fixed-width and varint encodings, and the XXH3-64 checksum used by every
// on-disk structure (docs/formats/wal.md, extent.md, term_index.md).
//
// Decoding reads through a ByteReader that tracks the remaining input: every Get* returns
// false instead of reading past the end, so malformed files give kCorruption, not a crash.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace huntbook::storage {

inline void PutFixed32(std::string* out, uint32_t v) {
  char b[4];
  for (int i = 0; i < 4; ++i) b[i] = static_cast<char>(v >> (8 * i));
  out->append(b, 4);
}
inline void PutFixed64(std::string* out, uint64_t v) {
  char b[8];
  for (int i = 0; i < 8; ++i) b[i] = static_cast<char>(v >> (8 * i));
  out->append(b, 8);
}
inline void PutVarint64(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}
// Varint length followed by the bytes.
inline void PutLengthPrefixed(std::string* out, std::string_view s) {
  PutVarint64(out, s.size());
  out->append(s.data(), s.size());
}

inline uint32_t DecodeFixed32(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(static_cast<uint8_t>(p[i])) << (8 * i);
  return v;
}
inline uint64_t DecodeFixed64(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(static_cast<uint8_t>(p[i])) << (8 * i);
  return v;
}

// 64-bit XXH3 of data (seed 0).
uint64_t Checksum(std::string_view data);
// XXH3 of the concatenation a + b, without copying.
uint64_t Checksum2(std::string_view a, std::string_view b);

// Sequential, bounds-checked decoding of a byte range. Does not own the bytes.
class ByteReader {
 public:
  explicit ByteReader(std::string_view data) : data_(data) {}

  size_t remaining() const { return data_.size(); }
  bool empty() const { return data_.empty(); }
  std::string_view rest() const { return data_; }

  bool GetU8(uint8_t* v) {
    if (data_.empty()) return false;
    *v = static_cast<uint8_t>(data_[0]);
    data_.remove_prefix(1);
    return true;
  }
  bool GetFixed32(uint32_t* v) {
    if (data_.size() < 4) return false;
    *v = DecodeFixed32(data_.data());
    data_.remove_prefix(4);
    return true;
  }
  bool GetFixed64(uint64_t* v) {
    if (data_.size() < 8) return false;
    *v = DecodeFixed64(data_.data());
    data_.remove_prefix(8);
    return true;
  }
  bool GetVarint64(uint64_t* v) {
    uint64_t result = 0;
    for (int shift = 0; shift <= 63 && !data_.empty(); shift += 7) {
      uint8_t byte = static_cast<uint8_t>(data_[0]);
      data_.remove_prefix(1);
      result |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80)) {
        *v = result;
        return true;
      }
    }
    return false;
  }
  bool GetBytes(size_t n, std::string_view* v) {
    if (data_.size() < n) return false;
    *v = data_.substr(0, n);
    data_.remove_prefix(n);
    return true;
  }
  bool GetLengthPrefixed(std::string_view* v) {
    uint64_t n;
    return GetVarint64(&n) && n <= data_.size() && GetBytes(static_cast<size_t>(n), v);
  }

 private:
  std::string_view data_;
};

}  // namespace huntbook::storage
