// NotebookRegistry: metadata of the notebooks saved in a workspace (for the portal's list).
// The notebook files themselves live elsewhere; `path` is relative to the workspace's
// notebook folder.
//
// Rules (kInvalidArgument naming the field): name 1..256 bytes, unique per workspace
// (case-insensitive, kAlreadyExists); description up to 4 KiB; at most 100 data types and
// 100 data sources of 1..256 bytes each; path 1..1024 bytes of '/'-separated components,
// relative, with no empty, "." or ".." component, no backslash, control character or NUL.
// Authorization is the caller's job (kReadNotebook, kWriteNotebook, kDeleteNotebook).
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/catalog/clock.h"
#include "huntbook/catalog/sql_database.h"
#include "huntbook/common/status.h"

namespace huntbook::catalog {

struct NotebookSpec {
  std::string name;
  std::string description;
  std::vector<std::string> data_types;    // tables the notebook reads, e.g. "SecurityEvent"
  std::vector<std::string> data_sources;  // connectors / providers it needs
  std::string path;
};

struct Notebook {
  std::string id;  // UUID
  std::string workspace_id;
  NotebookSpec spec;
  std::string owner;  // user name of the creator
  int64_t created_at = 0;
};

class NotebookRegistry {
 public:
  NotebookRegistry(SqlDatabase& database, std::shared_ptr<Clock> clock)
      : database_(database), clock_(std::move(clock)) {}

  Result<Notebook> Create(std::string_view workspace_id, const NotebookSpec& spec,
                          std::string_view owner);
  // Ordered by name.
  Result<std::vector<Notebook>> List(std::string_view workspace_id);
  Result<Notebook> Get(std::string_view workspace_id, std::string_view notebook_id);
  Status Delete(std::string_view workspace_id, std::string_view notebook_id);

 private:
  SqlDatabase& database_;
  std::shared_ptr<Clock> clock_;
};

// Checks a relative notebook path (rules above).
Status ValidateNotebookPath(std::string_view path);

}  // namespace huntbook::catalog
