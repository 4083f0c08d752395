// Which reader a source goes to (rules in reader.h).
#pragma once

#include <string_view>

#include "huntbook/ingest/reader.h"

namespace huntbook::ingest {

// True when the source is read as CSV: format kCsv, or kAuto with a .csv name, or kAuto with
// an unknown extension and text not starting with '{' or '['.
bool IsCsvSource(std::string_view bytes, std::string_view source_name, Format format);

// The file name after the last '/', used as the source name in messages.
std::string_view FileBaseName(std::string_view path);

}  // namespace huntbook::ingest
