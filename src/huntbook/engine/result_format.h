// Result serialization shared by the CLI and the server.
#pragma once

#include <string>

#include "huntbook/common/status.h"
#include "huntbook/vector/column.h"

namespace huntbook::engine {

// A Log Analytics query response body:
// {"tables":[{"name":"PrimaryResult","columns":[{"name":..,"type":..}],"rows":[[..],..]}]}
// Types use Log Analytics names; datetimes are ISO 8601 UTC ending in Z; timespans
// [-][d.]hh:mm:ss[.fffffff]; NaN and infinities as "NaN"/"Infinity"/"-Infinity"; guid and
// decimal as strings; dynamic values as JSON text (as Log Analytics' v1-style API does).
std::string FormatLogAnalyticsJson(const Table& table);

// {"error":{"code":..,"message":..,"line":..,"column":..}} for a failed query.
std::string FormatErrorJson(const Status& status);

// CSV with a header row (RFC 4180 quoting); null cells are empty.
std::string FormatCsv(const Table& table);

// An aligned text table for terminals (values truncated at `max_width` characters).
std::string FormatTextTable(const Table& table, size_t max_width = 60);

// Appends row `row` of `column` as one JSON value in the wire conventions of
// FormatLogAnalyticsJson. Dynamic cells are JSON text (a JSON string) when
// `dynamic_as_text`, else the JSON value itself (Data Explorer v2 frames).
void AppendJsonCell(const Column& column, size_t row, bool dynamic_as_text, std::string* out);

// JSON string literal of s (quotes included), escaping as RFC 8259 requires; malformed
// UTF-8 bytes become U+FFFD (AppendJsonString), so the result is always valid JSON.
std::string JsonQuote(std::string_view s);

}  // namespace huntbook::engine
