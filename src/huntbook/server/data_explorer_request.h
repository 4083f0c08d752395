// A Data Explorer REST request (https://learn.microsoft.com/kusto/api/rest/request):
// POST {"db":..,"csl":..,"properties":..} or GET ?db=&csl=&properties=. `properties` may be
// a JSON string (Python, Kqlmagic), an object (Node) or absent. Its "Options" are request
// properties (https://learn.microsoft.com/kusto/api/rest/request-properties); those that
// change results are implemented or rejected, never silently ignored:
//   servertimeout ("00:04:00", "0:04:00", "4m"), norequesttimeout, notruncation,
//   truncationmaxrecords, truncationmaxsize, deferpartialqueryfailures, query_now,
//   results_progressive_enabled (v2: progressive frames, data_explorer_stream.h),
//   request_readonly, query_language (only "csl"/"kql"; "sql" -> error),
//   query_datetimescope_column/_from/_to (only column TimeGenerated).
// Unknown options are ignored (their names are kept for the log).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "huntbook/common/status.h"
#include "huntbook/engine/engine.h"
#include "huntbook/server/http_message.h"
#include "huntbook/server/query_executor.h"
#include "huntbook/types/dynamic.h"

namespace huntbook::server {

struct DataExplorerRequest {
  std::string database;  // "" when absent
  std::string csl;
  TruncationOptions truncation;
  std::optional<std::chrono::milliseconds> timeout;
  bool defer_partial_failures = false;
  bool progressive = false;  // results_progressive_enabled
  bool read_only = false;
  std::optional<int64_t> query_now_ticks;
  std::optional<engine::QueryOptions::TimeRange> datetime_scope;
  Dynamic parameters;             // the Parameters object (null when absent)
  std::string client_request_id;  // ClientRequestId property, if any
  std::vector<std::string> ignored_options;
};

// InvalidArgument for malformed JSON, a missing `csl`, or a bad option value (naming it);
// NotSupported for query_language=sql and unsupported datetime scope columns.
Result<DataExplorerRequest> ParseDataExplorerRequest(const HttpRequest& request);

// Parses servertimeout forms: "00:04:00", "0:04:00", "1.00:00:00", "4m", "240s".
std::optional<std::chrono::milliseconds> ParseServerTimeout(std::string_view text);

}  // namespace huntbook::server
