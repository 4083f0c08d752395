// Data Explorer response bodies (https://learn.microsoft.com/kusto/api/rest/response-v2,
// .../response; PROTOCOLS.md §3.2-3.3; golden samples in shared/protocol-samples/).
#pragma once

#include <string>

#include "huntbook/server/error_response.h"
#include "huntbook/server/query_executor.h"
#include "huntbook/vector/column.h"

namespace huntbook::server {

// v2: a JSON array of frames: DataSetHeader, @ExtendedProperties (QueryProperties),
// PrimaryResult, QueryCompletionInformation, DataSetCompletion. A partial failure adds
// {"OneApiErrors":[...]} as the last element of the primary table's Rows (unless
// `defer_partial_failures`) and sets HasErrors with the same list on DataSetCompletion;
// deferred, the failure is only an Error row of QueryCompletionInformation.
// REQUIRES: outcome.status.ok().
std::string FormatDataExplorerV2(const QueryOutcome& outcome, const RequestIds& ids,
                                 bool defer_partial_failures);

// v1 query response: {"Tables":[primary "Table_0", @ExtendedProperties, QueryStatus,
// TableOfContents (last)]}; columns carry DataType and ColumnType. A partial failure adds
// an error row (Severity 2) to QueryStatus and a top-level "Exceptions" array.
// REQUIRES: outcome.status.ok().
std::string FormatDataExplorerV1(const QueryOutcome& outcome, const RequestIds& ids);

// v1 management command response: {"Tables":[{"TableName":"Table_0",...}]}.
std::string FormatDataExplorerV1Command(const Table& table);

// The QueryResourceConsumption payload (execution time, rows, bytes) as JSON text.
std::string ResourceConsumptionJson(const QueryOutcome& outcome);

}  // namespace huntbook::server
