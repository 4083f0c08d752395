// QueryAudit: one row per query in the workspace's `LAQueryLogs` table, the way Log
// Analytics audits queries
// (https://learn.microsoft.com/azure/azure-monitor/reference/tables/laquerylogs). Columns written:
// TimeGenerated, CorrelationId, AADEmail, AADObjectId, QueryText, QueryTimeRangeStart,
// QueryTimeRangeEnd, RequestClientApp, RequestTarget, ResponseCode, ResponseDurationMs,
// ResponseRowCount.
//
// Records are queued and appended by a background thread in batches (about every 200 ms),
// so auditing does not add an fsync to each query. Stop() (and the destructor) writes
// what is queued. Thread safety: Record may be called concurrently.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace huntbook::storage {
class Store;
}

namespace huntbook::server {

struct QueryAuditRecord {
  std::string workspace;
  int64_t time_ticks = 0;
  std::string correlation_id;
  std::string user;     // AADEmail
  std::string user_id;  // AADObjectId
  std::string query_text;
  std::optional<int64_t> range_start, range_end;
  std::string client_app;  // x-ms-app or User-Agent
  std::string target;      // request path
  int response_code = 200;
  double duration_ms = 0;
  int64_t row_count = 0;
};

inline constexpr const char* kQueryAuditTable = "LAQueryLogs";

class QueryAudit {
 public:
  explicit QueryAudit(storage::Store& store);
  ~QueryAudit();
  QueryAudit(const QueryAudit&) = delete;
  QueryAudit& operator=(const QueryAudit&) = delete;

  void Record(QueryAuditRecord record);
  // Writes everything queued and stops the writer thread. Idempotent.
  void Stop();
  // Writes everything queued now (tests).
  void Flush();

 private:
  void Run();
  void WriteBatch(std::vector<QueryAuditRecord> batch);
  storage::Store& store_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<QueryAuditRecord> pending_;  // GUARDED_BY(mutex_)
  bool stopping_ = false;                  // GUARDED_BY(mutex_)
  std::mutex write_mutex_;                 // serializes WriteBatch
  std::thread writer_;
};

}  // namespace huntbook::server
