#include "huntbook/functions/utf8_text.h"

#include <cstdint>

namespace huntbook::functions {
namespace {

// Decodes the 2-byte sequence at s (REQUIRES: a valid lead byte of length 2).
uint32_t Decode2(const char* s) {
  return ((static_cast<unsigned char>(s[0]) & 0x1F) << 6) |
         (static_cast<unsigned char>(s[1]) & 0x3F);
}

void Encode2(uint32_t cp, std::string* out) {
  out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
  out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
}

uint32_t LowerCodePoint(uint32_t cp) {
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;
  if (cp >= 0x100 && cp <= 0x17F && cp != 0x130 && cp != 0x131 && cp != 0x138 && cp != 0x149 &&
      cp != 0x178 && cp != 0x17F) {
    bool odd_is_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    bool is_upper = odd_is_upper ? (cp % 2 == 1) : (cp % 2 == 0);
    return is_upper ? cp + 1 : cp;
  }
  if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 0x20;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
  return cp;
}

uint32_t UpperCodePoint(uint32_t cp) {
  if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) return cp - 0x20;
  if (cp >= 0x100 && cp <= 0x17F && cp != 0x130 && cp != 0x131 && cp != 0x138 && cp != 0x149 &&
      cp != 0x178 && cp != 0x17F) {
    bool odd_is_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    bool is_upper = odd_is_upper ? (cp % 2 == 1) : (cp % 2 == 0);
    return is_upper ? cp : cp - 1;
  }
  if (cp >= 0x3B1 && cp <= 0x3C9 && cp != 0x3C2) return cp - 0x20;
  if (cp >= 0x430 && cp <= 0x44F) return cp - 0x20;
  if (cp >= 0x450 && cp <= 0x45F) return cp - 0x50;
  return cp;
}

template <typename AsciiMap, typename CodePointMap>
void MapCase(std::string_view text, std::string* out, AsciiMap ascii, CodePointMap map) {
  size_t n = text.size();
  out->reserve(out->size() + n);
  for (size_t i = 0; i < n;) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out->push_back(ascii(static_cast<char>(c)));
      ++i;
      continue;
    }
    size_t length = Utf8SequenceLength(c);
    if (length == 2 && i + 1 < n) {
      uint32_t cp = Decode2(text.data() + i);
      uint32_t mapped = map(cp);
      if (mapped < 0x800) {
        Encode2(mapped, out);
        i += 2;
        continue;
      }
    }
    length = std::min(length, n - i);
    out->append(text.data() + i, length);
    i += length;
  }
}

}  // namespace

size_t Utf8SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

size_t CodePointCount(std::string_view text) {
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++count) {
    i += Utf8SequenceLength(static_cast<unsigned char>(text[i]));
  }
  return count;
}

size_t ByteOffsetOfCodePoint(std::string_view text, size_t index) {
  size_t i = 0;
  for (size_t k = 0; k < index && i < text.size(); ++k) {
    i += Utf8SequenceLength(static_cast<unsigned char>(text[i]));
  }
  return std::min(i, text.size());
}

size_t CodePointIndexOfByte(std::string_view text, size_t offset) {
  return CodePointCount(text.substr(0, std::min(offset, text.size())));
}

void AppendLower(std::string_view text, std::string* out) {
  MapCase(
      text, out, [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; },
      LowerCodePoint);
}

void AppendUpper(std::string_view text, std::string* out) {
  MapCase(
      text, out, [](char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; },
      UpperCodePoint);
}

std::string ReverseCodePoints(std::string_view text) {
  std::string out(text.size(), '\0');
  size_t write = text.size();
  for (size_t i = 0; i < text.size();) {
    size_t length =
        std::min(Utf8SequenceLength(static_cast<unsigned char>(text[i])), text.size() - i);
    write -= length;
    out.replace(write, length, text.substr(i, length));
    i += length;
  }
  return out;
}

}  // namespace huntbook::functions
