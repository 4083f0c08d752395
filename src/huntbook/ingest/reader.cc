// Format dispatch for the ingest readers (contract in reader.h).
#include "huntbook/ingest/reader.h"

#include <simdjson.h>

#include "huntbook/ingest/csv_reader.h"
#include "huntbook/ingest/format_detection.h"
#include "huntbook/ingest/json_reader.h"

namespace huntbook::ingest {

std::optional<Format> ParseFormat(std::string_view name) {
  if (name == "auto") return Format::kAuto;
  if (name == "csv") return Format::kCsv;
  if (name == "json") return Format::kJson;
  if (name == "jsonl" || name == "multijson") return Format::kJsonLines;
  return std::nullopt;
}

Result<Table> ReadFile(const std::string& path, Format format,
                       const std::vector<ColumnSchema>& existing_schema) {
  simdjson::padded_string contents;
  if (auto error = simdjson::padded_string::load(path).get(contents)) {
    return IoError(path + ": cannot read file (" + simdjson::error_message(error) + ")");
  }
  std::string_view bytes(contents.data(), contents.size());
  std::string_view name = FileBaseName(path);
  if (IsCsvSource(bytes, name, format)) return ReadCsv(bytes, name, existing_schema);
  return ReadJson(bytes, name, existing_schema);
}

Result<Table> ReadBuffer(std::string_view bytes, Format format, std::string_view source_name,
                         const std::vector<ColumnSchema>& existing_schema) {
  if (IsCsvSource(bytes, source_name, format)) return ReadCsv(bytes, source_name, existing_schema);
  simdjson::padded_string padded(bytes);  // the JSON parser reads past the end
  return ReadJson(std::string_view(padded.data(), padded.size()), source_name, existing_schema);
}

}  // namespace huntbook::ingest
