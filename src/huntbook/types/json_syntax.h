// JSON text helpers around the simdjson parser: locating syntax errors for messages, and
// rewriting integers simdjson cannot hold. Used by Dynamic::Parse and by ingestion.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace huntbook {

// Byte offset of the first RFC 8259 syntax error in `json` (including malformed UTF-8 in
// strings); json.size() when the error is at the end or the text is valid.
size_t FindJsonSyntaxError(std::string_view json);

// `json` with ".0" appended to integer literals of 19 or more characters outside strings, so
// that a parser limited to 64-bit integers reads the large ones (valid JSON) as reals.
std::string WidenBigIntegers(std::string_view json);

}  // namespace huntbook
