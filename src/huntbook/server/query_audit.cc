#include "huntbook/server/query_audit.h"

#include <chrono>
#include <cstdio>
#include <map>

#include "huntbook/storage/store.h"
#include "huntbook/vector/column.h"

namespace huntbook::server {

QueryAudit::QueryAudit(storage::Store& store) : store_(store) {
  writer_ = std::thread([this] { Run(); });
}

QueryAudit::~QueryAudit() { Stop(); }

void QueryAudit::Record(QueryAuditRecord record) {
  std::lock_guard<std::mutex> lock(mutex_);
  pending_.push_back(std::move(record));
}

void QueryAudit::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  if (writer_.joinable()) writer_.join();
}

void QueryAudit::Flush() {
  std::vector<QueryAuditRecord> batch;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    batch.swap(pending_);
  }
  WriteBatch(std::move(batch));
}

void QueryAudit::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    wake_.wait_for(lock, std::chrono::milliseconds(200), [&] { return stopping_; });
    std::vector<QueryAuditRecord> batch;
    batch.swap(pending_);
    bool stop = stopping_;
    lock.unlock();
    WriteBatch(std::move(batch));
    lock.lock();
    if (stop && pending_.empty()) return;
  }
}

void QueryAudit::WriteBatch(std::vector<QueryAuditRecord> batch) {
  if (batch.empty()) return;
  std::lock_guard<std::mutex> write_lock(write_mutex_);
  std::map<std::string, std::vector<const QueryAuditRecord*>> by_workspace;
  for (const QueryAuditRecord& record : batch) by_workspace[record.workspace].push_back(&record);
  for (const auto& [workspace, records] : by_workspace) {
    auto time = std::make_shared<Column>(TypeKind::kDateTime);
    auto correlation = std::make_shared<Column>(TypeKind::kString);
    auto email = std::make_shared<Column>(TypeKind::kString);
    auto object_id = std::make_shared<Column>(TypeKind::kString);
    auto text = std::make_shared<Column>(TypeKind::kString);
    auto range_start = std::make_shared<Column>(TypeKind::kDateTime);
    auto range_end = std::make_shared<Column>(TypeKind::kDateTime);
    auto app = std::make_shared<Column>(TypeKind::kString);
    auto target = std::make_shared<Column>(TypeKind::kString);
    auto code = std::make_shared<Column>(TypeKind::kInt);
    auto duration = std::make_shared<Column>(TypeKind::kReal);
    auto rows = std::make_shared<Column>(TypeKind::kLong);
    for (const QueryAuditRecord* record : records) {
      time->AppendInt(record->time_ticks);
      correlation->AppendString(record->correlation_id);
      email->AppendString(record->user);
      object_id->AppendString(record->user_id);
      text->AppendString(record->query_text);
      if (record->range_start) {
        range_start->AppendInt(*record->range_start);
      } else {
        range_start->AppendNull();
      }
      if (record->range_end) {
        range_end->AppendInt(*record->range_end);
      } else {
        range_end->AppendNull();
      }
      app->AppendString(record->client_app);
      target->AppendString(record->target);
      code->AppendInt(record->response_code);
      duration->AppendReal(record->duration_ms);
      rows->AppendInt(record->row_count);
    }
    Table table;
    table.rows = records.size();
    table.schema = {{"TimeGenerated", TypeKind::kDateTime},
                    {"CorrelationId", TypeKind::kString},
                    {"AADEmail", TypeKind::kString},
                    {"AADObjectId", TypeKind::kString},
                    {"QueryText", TypeKind::kString},
                    {"QueryTimeRangeStart", TypeKind::kDateTime},
                    {"QueryTimeRangeEnd", TypeKind::kDateTime},
                    {"RequestClientApp", TypeKind::kString},
                    {"RequestTarget", TypeKind::kString},
                    {"ResponseCode", TypeKind::kInt},
                    {"ResponseDurationMs", TypeKind::kReal},
                    {"ResponseRowCount", TypeKind::kLong}};
    table.columns = {time,      correlation, email,  object_id, text,     range_start,
                     range_end, app,         target, code,      duration, rows};
    Status status = store_.Append(workspace, kQueryAuditTable, table);
    if (!status.ok()) {
      std::fprintf(stderr, "huntbook serve: audit write to %s.%s failed: %s\n", workspace.c_str(),
                   kQueryAuditTable, status.ToString().c_str());
    }
  }
}

}  // namespace huntbook::server
