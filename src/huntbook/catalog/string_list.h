// Lists of strings (bookmark labels, notebook data types) stored as JSON array text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "huntbook/common/status.h"

namespace huntbook::catalog {

// ["a","b"] with JSON escaping.
std::string FormatStringList(const std::vector<std::string>& items);

// Parses a JSON array of strings. Errors: kCorruption naming `field` (the text comes from
// the catalog file, so a bad one means the file was damaged).
Result<std::vector<std::string>> ParseStringList(std::string_view field, std::string_view json);

}  // namespace huntbook::catalog
