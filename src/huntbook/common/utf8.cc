#include "huntbook/common/utf8.h"

namespace huntbook {

size_t WellFormedUtf8Length(std::string_view text, size_t offset) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data()) + offset;
  size_t available = text.size() - offset;
  unsigned char lead = s[0];
  if (lead < 0x80) return 1;
  size_t length;
  unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (available < length || s[1] < low || s[1] > high) return 0;
  for (size_t k = 2; k < length; ++k) {
    if ((s[k] & 0xC0) != 0x80) return 0;
  }
  return length;
}

size_t FindInvalidUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t length = WellFormedUtf8Length(text, i);
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

void AppendUtf8(uint32_t code_point, std::string* out) {
  uint32_t p = code_point;
  if ((p >= 0xD800 && p <= 0xDFFF) || p > 0x10FFFF) p = 0xFFFD;
  if (p < 0x80) {
    out->push_back(static_cast<char>(p));
  } else if (p < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (p >> 6)));
    out->push_back(static_cast<char>(0x80 | (p & 0x3F)));
  } else if (p < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (p >> 12)));
    out->push_back(static_cast<char>(0x80 | ((p >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (p & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (p >> 18)));
    out->push_back(static_cast<char>(0x80 | ((p >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((p >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (p & 0x3F)));
  }
}

void AppendJsonString(std::string_view text, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  // Bytes that need no escape are copied a run at a time.
  size_t run = 0;
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const size_t length = WellFormedUtf8Length(text, i);
      if (length != 0) {
        i += length;
        continue;
      }
    } else if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out->append(text.data() + run, i - run);
    run = ++i;
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      default:
        if (c >= 0x80) {
          out->append("\xEF\xBF\xBD");  // a malformed byte: U+FFFD REPLACEMENT CHARACTER
        } else {
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
        }
    }
  }
  out->append(text.data() + run, text.size() - run);
  out->push_back('"');
}

}  // namespace huntbook
