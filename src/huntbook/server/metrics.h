// Server metrics in the Prometheus text exposition format
// (https://prometheus.io/docs/instrumenting/exposition_formats/), served at /metrics.
// Thread safety: all methods may be called concurrently.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace huntbook::server {

class Metrics {
 public:
  // One finished HTTP request (any route).
  void RecordRequest(int status);
  // One query: its API ("log_analytics", "data_explorer_v1", ...), whether it failed, and
  // its duration.
  void RecordQuery(const std::string& api, bool failed, int64_t duration_ms);
  void RecordIngest(const std::string& workspace, int64_t rows, bool failed);

  std::string Render() const;

  // Upper bounds (seconds) of the query latency histogram buckets.
  static constexpr std::array<double, 10> kLatencyBuckets = {0.005, 0.01, 0.025, 0.05, 0.1,
                                                             0.25,  0.5,  1.0,   5.0,  30.0};

 private:
  mutable std::mutex mutex_;
  std::map<int, int64_t> requests_by_status_;
  std::map<std::string, int64_t> queries_by_api_;
  std::map<std::string, int64_t> query_errors_by_api_;
  std::array<int64_t, kLatencyBuckets.size()> latency_counts_{};
  int64_t latency_count_ = 0;
  double latency_sum_seconds_ = 0;
  std::map<std::string, int64_t> ingested_rows_;
  int64_t ingest_requests_ = 0;
  int64_t ingest_failures_ = 0;
};

}  // namespace huntbook::server
