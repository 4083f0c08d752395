// Engine: the one entry point every front end uses (CLI, server, Python binding, tests).
// It owns the Store and runs the query pipeline: parse -> bind -> plan -> execute.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/common/status.h"
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
};

struct QueryResult {
  Table table;  // the PrimaryResult
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
