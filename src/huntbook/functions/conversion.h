// Kusto's value conversions (the to* functions), shared by tostring()/tolong()/... and by
// the binder for implicit promotions (int -> long -> real).
// https://learn.microsoft.com/kusto/query/tostring-function
// https://learn.microsoft.com/kusto/query/tolong-function (toint, todouble, tobool, ...)
//
// Rules: a value that does not convert gives null (never an error). real -> int/long
// truncates toward zero; NaN, infinities and out-of-range values give null. Strings parse
// with surrounding whitespace allowed: "12" -> 12, "12.7" -> 12 (tolong), "12a" -> null.
// bool converts from "true"/"false" (any case) and from numbers (non-zero = true).
// datetime/timespan -> long gives ticks. tostring never gives null: null -> "".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "huntbook/types/dynamic.h"
#include "huntbook/types/type.h"
#include "huntbook/vector/column.h"

namespace huntbook::functions {

// Converts every row of `input` to `target` (a size-1 input gives a size-1 result).
ColumnPtr CastColumn(const Column& input, TypeKind target);
// As above, but returns `input` itself when it already has the target type.
ColumnPtr CastColumn(const ColumnPtr& input, TypeKind target);

// tostring() of one row, appended to *out. Datetimes print as "2024-01-01T00:00:00Z",
// timespans as "01:30:00", reals as .NET does ("1.5", "1E+20"), dynamic strings raw,
// other dynamic values as compact JSON; null appends nothing.
void AppendText(const Column& column, size_t row, std::string* out);

// tostring() of a dynamic value: strings raw, datetimes/timespans in their text forms,
// null as nothing, arrays and objects as compact JSON.
void AppendDynamicText(const Dynamic& value, std::string* out);

// tostring() of one row as a view: the column's own bytes for string/guid columns, else
// text written into *scratch (which is overwritten).
std::string_view TextOf(const Column& column, size_t row, std::string* scratch);

// Real formatting as Kusto's tostring(real): shortest round-trip digits, scientific form
// "1E+20" / "1E-05" outside [1e-4, 1e15), "NaN", "Infinity", "-Infinity".
std::string FormatReal(double value);

// Parsers behind the string conversions (nullopt = conversion failed).
std::optional<int64_t> ParseLong(std::string_view text);  // "12", " -3 ", "12.9" -> 12
std::optional<double> ParseReal(std::string_view text);   // "1.5", "1e3", "NaN", "-Infinity"
std::optional<bool> ParseBool(std::string_view text);     // "true"/"false" any case, "1"/"0"
// Canonical lower-case "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" from 32 hex digits with
// optional dashes/braces.
std::optional<std::string> ParseGuid(std::string_view text);

// The row as a dynamic value (todynamic of a scalar; a null scalar gives JSON null, a string
// stays a dynamic string).
Dynamic ToDynamic(const Column& column, size_t row);

// Scalar views of a row with to* semantics (nullopt for null or failed conversion).
std::optional<int64_t> ToLongValue(const Column& column, size_t row);
std::optional<double> ToRealValue(const Column& column, size_t row);
std::optional<bool> ToBoolValue(const Column& column, size_t row);

// All functions above and below read row `row` through At(), so a size-1 (constant) column
// works for any row. True when the row is null. Dynamic JSON
// null counts as null; strings are never null.
bool IsNullAt(const Column& column, size_t row);

}  // namespace huntbook::functions
