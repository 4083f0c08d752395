// Serialises SecurityEvent rows as JSON Lines and as CSV with identical values, so both files
// load into the same table: huntbook ingests the JSON Lines file, DuckDB the CSV file.
//
// JSON Lines: one object per line, keys in kSecurityEventColumns order, `LogonType` null when
// absent, `EventData` a nested object. CSV (RFC 4180): a header line, then rows in which every
// string and dynamic value is double-quoted (so an empty string stays distinguishable from
// null), integers are bare and an absent integer is an empty field.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "security_event.h"

namespace huntbook::bench {

// Appends `2024-03-01T00:00:00.000Z` for `time_ms` (Unix epoch milliseconds, UTC).
// REQUIRES: time_ms >= 0.
void AppendIsoTime(int64_t time_ms, std::string* out);

// Appends `text` as a JSON string literal, quotes included.
void AppendJsonString(std::string_view text, std::string* out);

// Appends `text` as a double-quoted CSV field (inner quotes doubled).
void AppendCsvQuoted(std::string_view text, std::string* out);

// Appends one JSON object and a '\n'.
// REQUIRES: row.event_data holds a JSON object.
void AppendJsonLine(const SecurityEvent& row, std::string* out);

// Appends the CSV header line (column names, '\n' terminated).
void AppendCsvHeader(std::string* out);

// Appends one CSV record and a '\n'.
void AppendCsvRow(const SecurityEvent& row, std::string* out);

}  // namespace huntbook::bench
