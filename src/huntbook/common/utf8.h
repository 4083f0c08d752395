// Well-formed UTF-8 (RFC 3629): the one validity rule for query text, ingested text and the
// JSON huntbook writes. Overlong forms, surrogates (U+D800..U+DFFF) and code points above
// U+10FFFF are malformed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace huntbook {

// Length (1-4) of the well-formed sequence starting at text[offset]; 0 when the bytes there
// are malformed or truncated. REQUIRES: offset < text.size().
size_t WellFormedUtf8Length(std::string_view text, size_t offset);

// Offset of the first byte that is not part of well-formed UTF-8; npos when all of it is.
size_t FindInvalidUtf8(std::string_view text);

// Appends code point `code_point` encoded as UTF-8; surrogates and values above U+10FFFF
// (which have no UTF-8 form) append U+FFFD instead.
void AppendUtf8(uint32_t code_point, std::string* out);

// Appends `text` as a JSON string literal (quotes, RFC 8259 escapes for '"', '\\' and
// control characters). Each malformed byte becomes U+FFFD, so the output is always valid
// JSON and valid UTF-8 whatever the input bytes.
void AppendJsonString(std::string_view text, std::string* out);

}  // namespace huntbook
