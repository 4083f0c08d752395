// Data Explorer response bodies (https://learn.microsoft.com/kusto/api/rest/response-v2,
// .../response; PROTOCOLS.md §3.2-3.3; golden samples in shared/protocol-samples/).
#pragma once

#include <string>
#include <vector>

#include "huntbook/server/error_response.h"
#include "huntbook/server/json_writer.h"
#include "huntbook/server/query_executor.h"
#include "huntbook/vector/column.h"

namespace huntbook::server {

// The v2 body is data_explorer_stream.h's.

// v1 query response: {"Tables":[primary "Table_0", @ExtendedProperties, QueryStatus,
// TableOfContents (last)]}; columns carry DataType and ColumnType. A partial failure adds
// an error row (Severity 2) to QueryStatus and a top-level "Exceptions" array.
// REQUIRES: outcome.status.ok().
std::string FormatDataExplorerV1(const QueryOutcome& outcome, const RequestIds& ids);

// v1 management command response: {"Tables":[{"TableName":"Table_0",...}]}.
std::string FormatDataExplorerV1Command(const Table& table);

// One result row as a JSON array appended to `out`: dynamic cells as native JSON, or (v1)
// as JSON text. REQUIRES: row < table.rows.
void AppendJsonRow(const Table& table, size_t row, bool dynamic_as_text, std::string* out);

// Key "Rows" and rows of pre-encoded JSON cells (the fixed-schema metadata tables).
void WriteLiteralRows(const std::vector<std::vector<std::string>>& rows, JsonWriter* json);

// The QueryResourceConsumption payload (execution time, rows, bytes) as JSON text.
std::string ResourceConsumptionJson(const QueryOutcome& outcome);

}  // namespace huntbook::server
