// Text -> typed cell conversion shared by the CSV and JSON readers: the single definition of
// which texts count as a bool, long, real, datetime, timespan, guid or dynamic on ingestion.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "huntbook/types/dynamic.h"
#include "huntbook/vector/column.h"

namespace huntbook::ingest {

// "true"/"false" in any letter case.
std::optional<bool> ParseBoolText(std::string_view text);
// Optional sign and decimal digits only; nullopt when it does not fit int64.
std::optional<int64_t> ParseLongText(std::string_view text);
// Decimal or exponent notation (no "inf"/"nan", no hex); nullopt otherwise.
std::optional<double> ParseRealText(std::string_view text);
// 8-4-4-4-12 hex digits (optionally in braces); returns the lower-case canonical form.
std::optional<std::string> ParseGuidText(std::string_view text);

// True when `text` (after leading whitespace) is a JSON object or array.
bool IsJsonContainerText(std::string_view text);
// The value of JSON object/array text; the text as a dynamic string otherwise (strings that
// merely look like numbers or literals stay strings).
Dynamic DynamicFromText(std::string_view text);

// Appends `text` converted to column->type(). Empty text appends null ("" for strings).
// Dynamic columns take DynamicFromText(text). Returns false, appending nothing, when not
// convertible.
bool AppendText(std::string_view text, Column* column);

// "file: line L, column C (Name): 'text' is not a long", with the position in the Status.
Status ConversionError(std::string_view source, uint32_t line, uint32_t column,
                       std::string_view column_name, std::string_view text, TypeKind type);

}  // namespace huntbook::ingest
