// Result text: how the logic-test runner prints a query result Table as expected-result
// lines (test/kql/README.md, "Cell text"). Types print as their Kusto names.
#pragma once

#include <string>
#include <vector>

#include "huntbook/vector/column.h"

namespace huntbook::logictest {

// "name:type" per column.
std::vector<std::string> FormatHeader(const Table& table);

// One row of escaped cells per table row.
std::vector<std::vector<std::string>> FormatRows(const Table& table);

// One cell, escaped: null -> "null"; "" -> "(empty)"; bool true/false; integers decimal;
// reals via FormatReal; datetime/timespan in Kusto text form; dynamic as compact JSON;
// guid and string as their text.
std::string FormatCell(const Column& column, size_t row);

// Shortest round-trip text (std::to_chars), "NaN", "Infinity", "-Infinity".
std::string FormatReal(double value);

}  // namespace huntbook::logictest
