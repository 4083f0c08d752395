// Internal: UTF-8 code point arithmetic for the character-based string functions (strlen,
// substring, indexof, reverse) and simple case mapping for tolower/toupper.
//
// Kusto counts characters (strlen("é") == 1). Invalid UTF-8 bytes count as one character
// each. Case mapping covers ASCII, Latin-1, Latin Extended-A pairs, Greek and Cyrillic basic
// letters; other scripts pass through unchanged (Kusto uses .NET invariant culture mapping).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "huntbook/common/utf8.h"  // AppendUtf8

namespace huntbook::functions {

// Length in bytes of the UTF-8 sequence starting with byte `lead` (1 for invalid bytes).
size_t Utf8SequenceLength(unsigned char lead);

size_t CodePointCount(std::string_view text);

// Byte offset of code point `index` (clamped to text.size()).
size_t ByteOffsetOfCodePoint(std::string_view text, size_t index);

// Code point index of byte offset `offset` (which must be at a sequence start).
size_t CodePointIndexOfByte(std::string_view text, size_t offset);

void AppendLower(std::string_view text, std::string* out);
void AppendUpper(std::string_view text, std::string* out);

// Reverses the code points of text.
std::string ReverseCodePoints(std::string_view text);

}  // namespace huntbook::functions
