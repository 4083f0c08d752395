// QueryExecutor: runs one KQL query for an HTTP request under Kusto's limits:
//  - admission: the per-user concurrency limit (query_admission.h) -> throttled;
//  - timeout: a deadline cancels the query through QueryOptions::cancel -> timed_out;
//  - result truncation (https://learn.microsoft.com/azure/kusto/concepts/querylimits):
//    at most 500,000 records and 64 MB, else the first rows plus a partial failure
//    E_QUERY_RESULT_SET_TOO_LARGE. `set notruncation;`, `set truncationmaxrecords = N;`,
//    `set truncationmaxsize = N;` in the query and the same request options override it;
//    several limits -> the lowest wins; notruncation with a maximum -> the maximum wins.
//
// Thread safety: Run may be called concurrently (Engine::Query is const and thread-safe).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "huntbook/common/status.h"
#include "huntbook/engine/engine.h"
#include "huntbook/server/query_admission.h"

namespace huntbook::server {

// Truncation overrides from one source (request options or `set` statements).
struct TruncationOptions {
  bool notruncation = false;
  std::optional<int64_t> max_records;
  std::optional<int64_t> max_bytes;
};

struct QueryLimits {
  int64_t default_max_records = 500'000;
  int64_t default_max_bytes = 67'108'864;
  std::chrono::milliseconds default_timeout{180'000};
  std::chrono::milliseconds max_timeout{3'600'000};
};

struct QueryRequest {
  std::string text;
  engine::QueryOptions options;                      // workspace, parameters, time_range, now_ticks
  TruncationOptions truncation;                      // from the request's properties
  std::optional<std::chrono::milliseconds> timeout;  // nullopt = default
  std::string user;                                  // admission key
};

// A failure after rows were produced (Kusto "partial query failure").
struct PartialFailure {
  std::string code;     // "LimitsExceeded"
  std::string message;  // names the limit and E_QUERY_RESULT_SET_TOO_LARGE
};

struct QueryOutcome {
  Status status;  // non-OK: the query failed (no rows)
  engine::QueryResult result;
  std::optional<PartialFailure> partial;
  bool timed_out = false;  // status is kCancelled because the deadline passed
  bool throttled = false;  // status is kResourceExhausted from admission
  int64_t duration_ms = 0;
  size_t result_bytes = 0;  // approximate size of the returned rows
  // When the request's timeout ends; it also bounds sending a streamed result.
  std::chrono::steady_clock::time_point deadline;
};

class QueryExecutor {
 public:
  QueryExecutor(const engine::Engine& engine, QueryLimits limits, AdmissionLimits admission)
      : engine_(engine), limits_(limits), admission_(admission) {}

  QueryOutcome Run(const QueryRequest& request);

  const QueryLimits& limits() const { return limits_; }

 private:
  const engine::Engine& engine_;
  QueryLimits limits_;
  QueryAdmission admission_;
};

// Reads `set notruncation;` / `set truncationmaxrecords = N;` / `set truncationmaxsize = N;`
// from the query's statements (nothing when the text does not parse: the engine reports
// that error).
TruncationOptions TruncationFromQueryText(std::string_view text);

// Effective record and byte limits (0 = unlimited) from defaults and overrides, applying
// Kusto's precedence rules.
struct EffectiveTruncation {
  int64_t max_records = 0;
  int64_t max_bytes = 0;
};
EffectiveTruncation ResolveTruncation(const QueryLimits& limits, const TruncationOptions& a,
                                      const TruncationOptions& b);

}  // namespace huntbook::server
