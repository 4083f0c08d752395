#include "huntbook/server/query_executor.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "huntbook/kql/syntax/parser.h"

namespace huntbook::server {
namespace {

std::optional<int64_t> LiteralInteger(const kql::Expr* expr) {
  if (expr == nullptr || expr->kind != kql::ExprKind::kLiteral || expr->literal.is_null()) {
    return std::nullopt;
  }
  TypeKind type = expr->literal.type();
  if (type == TypeKind::kInt || type == TypeKind::kLong) return expr->literal.int_value();
  if (type == TypeKind::kReal) return static_cast<int64_t>(expr->literal.real_value());
  return std::nullopt;
}

// Approximate wire size of one row (what Kusto's 64 MB limit measures).
size_t CellBytes(const Column& column, size_t row) {
  if (column.IsNull(row)) return 4;
  switch (column.type()) {
    case TypeKind::kString:
    case TypeKind::kGuid:
      return column.GetString(row).size() + 2;
    case TypeKind::kDynamic:
      return column.GetDynamic(row).ToJson().size();
    default:
      return 8;
  }
}

Table SliceRows(const Table& table, size_t rows) {
  Table out;
  out.schema = table.schema;
  out.rows = rows;
  for (const ColumnPtr& column : table.columns) {
    if (column->size() == 1 && table.rows != 1) {
      out.columns.push_back(column);  // a broadcast constant stays one
    } else {
      out.columns.push_back(column->Slice(0, rows));
    }
  }
  return out;
}

std::string RecordLimitMessage(int64_t limit) {
  return "Query result set has exceeded the internal record count limit " + std::to_string(limit) +
         " (E_QUERY_RESULT_SET_TOO_LARGE).";
}

std::string ByteLimitMessage(int64_t limit) {
  return "Query result set has exceeded the internal data size limit " + std::to_string(limit) +
         " (E_QUERY_RESULT_SET_TOO_LARGE).";
}

}  // namespace

TruncationOptions TruncationFromQueryText(std::string_view text) {
  TruncationOptions options;
  Result<kql::Query> query = kql::Parse(text);
  if (!query.ok()) return options;
  for (const auto& statement : query->statements) {
    if (statement->kind != kql::StatementKind::kSet) continue;
    const kql::Expr* value = statement->expr.get();
    if (statement->name == "notruncation") {
      bool on = true;
      if (value != nullptr && value->kind == kql::ExprKind::kLiteral &&
          value->literal.type() == TypeKind::kBool && !value->literal.is_null()) {
        on = value->literal.bool_value();
      }
      options.notruncation = on;
    } else if (statement->name == "truncationmaxrecords") {
      if (auto n = LiteralInteger(value)) {
        options.max_records = options.max_records ? std::min(*options.max_records, *n) : *n;
      }
    } else if (statement->name == "truncationmaxsize") {
      if (auto n = LiteralInteger(value)) {
        options.max_bytes = options.max_bytes ? std::min(*options.max_bytes, *n) : *n;
      }
    }
  }
  return options;
}

EffectiveTruncation ResolveTruncation(const QueryLimits& limits, const TruncationOptions& a,
                                      const TruncationOptions& b) {
  std::optional<int64_t> records;
  std::optional<int64_t> bytes;
  for (const TruncationOptions* options : {&a, &b}) {
    if (options->max_records) {
      records = records ? std::min(*records, *options->max_records) : *options->max_records;
    }
    if (options->max_bytes) {
      bytes = bytes ? std::min(*bytes, *options->max_bytes) : *options->max_bytes;
    }
  }
  bool notruncation = a.notruncation || b.notruncation;
  EffectiveTruncation out;
  // notruncation lifts the defaults; an explicit maximum still applies ("max wins").
  out.max_records = records ? *records : (notruncation ? 0 : limits.default_max_records);
  out.max_bytes = bytes ? *bytes : (notruncation ? 0 : limits.default_max_bytes);
  return out;
}

QueryOutcome QueryExecutor::Run(const QueryRequest& request) {
  QueryOutcome outcome;
  auto started = std::chrono::steady_clock::now();
  std::chrono::milliseconds timeout = request.timeout.value_or(limits_.default_timeout);
  if (timeout > limits_.max_timeout) timeout = limits_.max_timeout;
  if (timeout.count() <= 0) timeout = limits_.default_timeout;

  Result<QueryAdmission::Ticket> ticket = admission_.Admit(request.user, timeout);
  if (!ticket.ok()) {
    outcome.status = ticket.status();
    outcome.throttled = true;
    return outcome;
  }

  EffectiveTruncation truncation =
      ResolveTruncation(limits_, request.truncation, TruncationFromQueryText(request.text));
  engine::QueryOptions options = request.options;
  // One row more than the limit tells us whether the limit was exceeded.
  if (truncation.max_records > 0)
    options.max_rows = static_cast<size_t>(truncation.max_records) + 1;

  std::atomic<bool> cancel{false};
  options.cancel = &cancel;
  std::mutex mutex;
  std::condition_variable finished;
  bool done = false;
  auto deadline = started + timeout;
  outcome.deadline = deadline;
  std::thread watchdog([&] {
    std::unique_lock<std::mutex> lock(mutex);
    if (!finished.wait_until(lock, deadline, [&] { return done; })) cancel.store(true);
  });
  Result<engine::QueryResult> result = engine_.Query(request.text, options);
  {
    std::lock_guard<std::mutex> lock(mutex);
    done = true;
  }
  finished.notify_all();
  watchdog.join();
  outcome.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
  if (!result.ok()) {
    outcome.status = result.status();
    outcome.timed_out = cancel.load() && result.status().code() == StatusCode::kCancelled;
    return outcome;
  }
  outcome.result = std::move(result).value();
  Table& table = outcome.result.table;
  if (truncation.max_records > 0 &&
      (table.rows > static_cast<size_t>(truncation.max_records) ||
       (outcome.result.truncated && table.rows >= static_cast<size_t>(truncation.max_records)))) {
    table = SliceRows(table, std::min(table.rows, static_cast<size_t>(truncation.max_records)));
    outcome.partial = PartialFailure{"LimitsExceeded", RecordLimitMessage(truncation.max_records)};
  }
  size_t bytes = 0;
  size_t keep = table.rows;
  for (size_t r = 0; r < table.rows; ++r) {
    size_t row_bytes = 0;
    for (const ColumnPtr& column : table.columns) row_bytes += CellBytes(*column, At(*column, r));
    if (truncation.max_bytes > 0 && bytes + row_bytes > static_cast<size_t>(truncation.max_bytes)) {
      keep = r;
      break;
    }
    bytes += row_bytes;
  }
  if (keep < table.rows) {
    table = SliceRows(table, keep);
    outcome.partial = PartialFailure{"LimitsExceeded", ByteLimitMessage(truncation.max_bytes)};
  }
  outcome.result_bytes = bytes;
  outcome.result.truncated = outcome.partial.has_value();
  return outcome;
}

}  // namespace huntbook::server
