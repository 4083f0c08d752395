// Ingest readers: CSV (with header), JSON array, JSON Lines -> Table with inferred types.
// https://learn.microsoft.com/azure/data-explorer/ingestion-supported-formats
//
// Type inference (per column, over all non-empty values of the file): JSON booleans ->
// bool; integral numbers -> long; other numbers -> real; objects/arrays -> dynamic;
// strings that all parse as ISO 8601 datetimes (or the other forms datetime.h accepts for
// columns named like *Time*/*Date*/Timestamp) -> datetime; other strings -> string; a
// column whose values disagree (e.g. long and string) -> the wider of them (long+real ->
// real; anything+string -> string, anything+dynamic -> dynamic). CSV cells are inferred the
// same way from their text (empty cell = null). A column of an existing table keeps that
// table's type and values are converted to it.
//
// Errors: InvalidArgument naming file, line and column ("file.csv: line 12, column 3
// (LogonType): 'abc' is not a long"), or IoError when the file cannot be read. On error no
// Table is returned (the batch leaves nothing behind).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/common/status.h"
#include "huntbook/vector/column.h"

namespace huntbook::ingest {

enum class Format { kAuto, kCsv, kJson, kJsonLines };

// "auto", "csv", "json", "jsonl" (also "multijson"); nullopt otherwise.
std::optional<Format> ParseFormat(std::string_view name);

// Auto: by extension (.csv -> CSV; .json/.jsonl/.log/.ndjson -> JSON array when the first
// non-space byte is '[', JSON Lines otherwise; a single JSON object is one row).
Result<Table> ReadFile(const std::string& path, Format format,
                       const std::vector<ColumnSchema>& existing_schema);

// Same, from bytes in memory; `source_name` is used in error messages.
Result<Table> ReadBuffer(std::string_view bytes, Format format, std::string_view source_name,
                         const std::vector<ColumnSchema>& existing_schema);

// Like ReadFile, but hands the rows to `consume` in batches of about `batch_bytes` of input,
// in file order, so that files larger than memory can be ingested. JSON Lines files are split
// at line boundaries; every later batch converts values to the types chosen before it (its
// existing schema grows with each batch), so a column inferred as long from an early batch
// rejects "abc" further on where ReadFile would have made the column a string. Other formats
// (CSV, JSON arrays, single objects) and files up to batch_bytes are one batch with exactly
// ReadFile's result. Stops at the first error, from reading or from `consume`.
Status ReadFileInBatches(const std::string& path, Format format,
                         const std::vector<ColumnSchema>& existing_schema, size_t batch_bytes,
                         const std::function<Status(Table)>& consume);

}  // namespace huntbook::ingest
