// Engine: the one entry point every front end uses (CLI, server, Python binding, tests).
// It owns the Store and runs the query pipeline: parse -> bind -> plan -> execute.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/common/status.h"
#include "huntbook/types/value.h"
#include "huntbook/vector/column.h"

namespace huntbook::storage {
class Store;
}

namespace huntbook::engine {

struct QueryOptions {
  std::string workspace = "default";
  // Pins now() for the query (ticks); nullopt = the wall clock at query start.
  std::optional<int64_t> now_ticks;
  int threads = 0;  // 0 = all cores
  // Values for the query's `declare query_parameters(name:type [= default], ...)`, by name.
  // They are typed values bound as constants, never pasted into the text (no injection).
  // A declared parameter missing here takes its default; without one the query fails.
  std::map<std::string, Value, std::less<>> parameters;
  // Tabular parameters: tables passed with the query (a DataFrame, a local file), usable
  // by name like a table of the workspace for this query only. They shadow stored tables.
  std::map<std::string, Table, std::less<>> tables;
  // Log Analytics' `timespan`: rows of every table with a datetime TimeGenerated column are
  // restricted to [start, end) (ticks) on top of the query's own filters.
  struct TimeRange {
    int64_t start = 0;
    int64_t end = 0;
  };
  std::optional<TimeRange> time_range;
  // Set to true (by another thread) to stop the query: it fails with StatusCode::kCancelled
  // soon after. nullptr = not cancellable.
  const std::atomic<bool>* cancel = nullptr;
  // At most this many rows are returned; more sets QueryResult::truncated. 0 = no limit.
  size_t max_rows = 0;
  // Whether the query may read another workspace of the store through `workspace("w").T`
  // (the server asks the caller's roles). A workspace it may not read binds exactly as one
  // that does not exist. Unset = every workspace.
  std::function<bool(std::string_view workspace)> may_read_workspace;
};

// The query's `render` operator, kept as result metadata the way Log Analytics returns it.
struct RenderInfo {
  std::string visualization;  // "timechart", "barchart", "table", ...
  // with(...) properties as written (title, xtitle, ytitle, kind, series, ...), in order;
  // values are the literal's text ("Logons per hour", "stacked", ...).
  std::vector<std::pair<std::string, std::string>> properties;
};

struct QueryResult {
  Table table;  // the PrimaryResult
  std::optional<RenderInfo> render;
  bool truncated = false;  // max_rows cut the result
};

class Engine {
 public:
  // Opens the store in data_dir (created if missing).
  static Result<std::unique_ptr<Engine>> Open(const std::string& data_dir);
  ~Engine();

  // Runs a KQL query. Errors carry the position of the offending construct.
  Result<QueryResult> Query(std::string_view text, const QueryOptions& options) const;

  storage::Store& store() { return *store_; }

 private:
  explicit Engine(std::unique_ptr<storage::Store> store);
  std::unique_ptr<storage::Store> store_;
};

}  // namespace huntbook::engine
