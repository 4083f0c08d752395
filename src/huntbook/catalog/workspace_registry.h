// WorkspaceRegistry: resource groups and the workspaces inside them.
//
// A workspace name is unique within its resource group (case-insensitive); its id is a UUID
// fixed at creation (Log Analytics' "workspace id" / customer id). Resource group `default`
// holding workspace `default` exists from the start and cannot be deleted. Deleting a
// workspace also deletes its bookmarks, secrets, notebooks and role assignments; deleting a
// resource group requires it to be empty. Authorization is the caller's job (access_control.h).
//
// Thread-safe: every method takes the database lock for its duration.
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

struct ResourceGroup {
  int64_t id = 0;
  std::string name;
  int64_t created_at = 0;  // datetime ticks
};

struct Workspace {
  std::string id;  // UUID
  std::string resource_group;
  std::string name;
  std::string location;
  int32_t retention_days = 30;
  int64_t created_at = 0;  // datetime ticks
};

// What a caller may set when creating a workspace.
struct WorkspaceSpec {
  std::string resource_group = "default";
  std::string name;
  std::string location = "local";  // 1..64 characters of [A-Za-z0-9_-]
  int32_t retention_days = 30;     // Log Analytics' range: 4..730
};

inline constexpr int32_t kMinRetentionDays = 4;
inline constexpr int32_t kMaxRetentionDays = 730;

class WorkspaceRegistry {
 public:
  WorkspaceRegistry(SqlDatabase& database, std::shared_ptr<Clock> clock)
      : database_(database), clock_(std::move(clock)) {}

  // Errors: kInvalidArgument (name rules), kAlreadyExists.
  Result<ResourceGroup> CreateResourceGroup(std::string_view name);
  Result<std::vector<ResourceGroup>> ListResourceGroups();
  Result<ResourceGroup> GetResourceGroup(std::string_view name);
  // Errors: kNotFound; kInvalidArgument when it still holds workspaces or is `default`.
  Status DeleteResourceGroup(std::string_view name);

  // Errors: kInvalidArgument (name, location, retention), kNotFound (resource group),
  // kAlreadyExists (name taken in that group).
  Result<Workspace> CreateWorkspace(const WorkspaceSpec& spec);
  // All workspaces, ordered by resource group then name.
  Result<std::vector<Workspace>> ListWorkspaces();
  Result<Workspace> GetWorkspaceById(std::string_view id);
  Result<Workspace> GetWorkspace(std::string_view resource_group, std::string_view name);
  // Resolves what a URL names: a workspace id, or a workspace name that is unique across
  // resource groups. Errors: kNotFound; kInvalidArgument when the name is ambiguous.
  Result<Workspace> FindWorkspace(std::string_view id_or_name);
  // Errors: kNotFound; kInvalidArgument for the default workspace.
  Status DeleteWorkspace(std::string_view id);

 private:
  SqlDatabase& database_;
  std::shared_ptr<Clock> clock_;
};

}  // namespace huntbook::catalog
