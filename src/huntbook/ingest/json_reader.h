// JSON sources -> Table (rules in reader.h; record layouts in json_records.h).
//
// Layout: '[' first -> array of records; otherwise JSON Lines when the first non-blank line
// is a complete JSON value by itself, else concatenated (possibly multi-line) values, which
// includes a single pretty-printed object. Every record must be an object; its keys are
// columns in order of first appearance; a repeated key keeps its last value.
#pragma once

#include <simdjson.h>

#include <optional>
#include <string_view>
#include <vector>

#include "huntbook/common/status.h"
#include "huntbook/ingest/json_records.h"
#include "huntbook/vector/column.h"

namespace huntbook::ingest {

struct JsonReadOptions {
  uint32_t first_line = 1;           // line number of the first line of `bytes` in its file
  std::optional<JsonLayout> layout;  // detected when absent
};

// The layout of a JSON source by the rule above.
// REQUIRES: at least simdjson::SIMDJSON_PADDING readable bytes after `bytes` (also below).
JsonLayout DetectJsonLayout(std::string_view bytes, simdjson::dom::parser* parser);

Result<Table> ReadJson(std::string_view bytes, std::string_view source_name,
                       const std::vector<ColumnSchema>& existing_schema,
                       const JsonReadOptions& options = {});

}  // namespace huntbook::ingest
