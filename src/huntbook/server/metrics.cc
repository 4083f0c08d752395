#include "huntbook/server/metrics.h"

#include <cstdio>

namespace huntbook::server {
namespace {

std::string LabelValue(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string Number(double value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%g", value);
  return text;
}

}  // namespace

void Metrics::RecordRequest(int status) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++requests_by_status_[status];
}

void Metrics::RecordQuery(const std::string& api, bool failed, int64_t duration_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++queries_by_api_[api];
  if (failed) ++query_errors_by_api_[api];
  double seconds = duration_ms / 1000.0;
  for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    if (seconds <= kLatencyBuckets[i]) ++latency_counts_[i];
  }
  ++latency_count_;
  latency_sum_seconds_ += seconds;
}

void Metrics::RecordIngest(const std::string& workspace, int64_t rows, bool failed) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++ingest_requests_;
  if (failed) {
    ++ingest_failures_;
  } else {
    ingested_rows_[workspace] += rows;
  }
}

std::string Metrics::Render() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string out;
  out += "# HELP huntbook_http_requests_total HTTP requests answered, by status code.\n";
  out += "# TYPE huntbook_http_requests_total counter\n";
  for (const auto& [status, count] : requests_by_status_) {
    out += "huntbook_http_requests_total{code=\"" + std::to_string(status) + "\"} " +
           std::to_string(count) + "\n";
  }
  out += "# HELP huntbook_queries_total Queries run, by API.\n";
  out += "# TYPE huntbook_queries_total counter\n";
  for (const auto& [api, count] : queries_by_api_) {
    out +=
        "huntbook_queries_total{api=\"" + LabelValue(api) + "\"} " + std::to_string(count) + "\n";
  }
  out += "# HELP huntbook_query_errors_total Queries that failed, by API.\n";
  out += "# TYPE huntbook_query_errors_total counter\n";
  for (const auto& [api, count] : query_errors_by_api_) {
    out += "huntbook_query_errors_total{api=\"" + LabelValue(api) + "\"} " + std::to_string(count) +
           "\n";
  }
  out += "# HELP huntbook_query_duration_seconds Query latency.\n";
  out += "# TYPE huntbook_query_duration_seconds histogram\n";
  for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    out += "huntbook_query_duration_seconds_bucket{le=\"" + Number(kLatencyBuckets[i]) + "\"} " +
           std::to_string(latency_counts_[i]) + "\n";
  }
  out += "huntbook_query_duration_seconds_bucket{le=\"+Inf\"} " + std::to_string(latency_count_) +
         "\n";
  out += "huntbook_query_duration_seconds_sum " + Number(latency_sum_seconds_) + "\n";
  out += "huntbook_query_duration_seconds_count " + std::to_string(latency_count_) + "\n";
  out += "# HELP huntbook_ingested_rows_total Rows acknowledged by ingestion, by workspace.\n";
  out += "# TYPE huntbook_ingested_rows_total counter\n";
  for (const auto& [workspace, rows] : ingested_rows_) {
    out += "huntbook_ingested_rows_total{workspace=\"" + LabelValue(workspace) + "\"} " +
           std::to_string(rows) + "\n";
  }
  out += "# HELP huntbook_ingest_requests_total Ingestion requests.\n";
  out += "# TYPE huntbook_ingest_requests_total counter\n";
  out += "huntbook_ingest_requests_total " + std::to_string(ingest_requests_) + "\n";
  out += "# HELP huntbook_ingest_failures_total Ingestion requests rejected.\n";
  out += "# TYPE huntbook_ingest_failures_total counter\n";
  out += "huntbook_ingest_failures_total " + std::to_string(ingest_failures_) + "\n";
  return out;
}

}  // namespace huntbook::server
