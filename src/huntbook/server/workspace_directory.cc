#include "huntbook/server/workspace_directory.h"

#include <set>

#include "huntbook/catalog/name_rules.h"

namespace huntbook::server {

Status WorkspaceDirectory::Reconcile() {
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(std::vector<catalog::Workspace> listed, catalog_.workspaces().ListWorkspaces());
  std::set<std::string> known;
  for (const catalog::Workspace& workspace : listed) {
    known.insert(workspace.name);
    RETURN_IF_ERROR(store_.CreateWorkspace(workspace.name));
  }
  for (const std::string& name : store_.ListWorkspaces()) {
    if (known.count(name) > 0) continue;
    if (!catalog::ValidateResourceName("workspace name", name).ok()) continue;
    catalog::WorkspaceSpec spec;
    spec.name = name;
    Result<catalog::Workspace> adopted = catalog_.workspaces().CreateWorkspace(spec);
    // A name differing only in case from a catalog workspace stays unlisted.
    if (!adopted.ok() && adopted.status().code() != StatusCode::kAlreadyExists) {
      return adopted.status();
    }
  }
  return Status::OK();
}

Result<catalog::Workspace> WorkspaceDirectory::Create(const catalog::WorkspaceSpec& spec) {
  std::lock_guard<std::mutex> lock(mu_);
  RETURN_IF_ERROR(catalog::ValidateResourceName("workspace name", spec.name));
  Result<catalog::Workspace> existing = catalog_.workspaces().FindWorkspace(spec.name);
  if (existing.ok() || existing.status().code() == StatusCode::kInvalidArgument) {
    std::string group = existing.ok() ? existing->resource_group : "another group";
    return Status(StatusCode::kAlreadyExists,
                  "workspace name '" + spec.name + "' is already used in resource group '" + group +
                      "' (workspaces are Data Explorer databases: names are unique per "
                      "server)");
  }
  ASSIGN_OR_RETURN(catalog::Workspace created, catalog_.workspaces().CreateWorkspace(spec));
  Status stored = store_.CreateWorkspace(created.name);
  if (!stored.ok()) {
    (void)catalog_.workspaces().DeleteWorkspace(created.id);
    return stored;
  }
  return created;
}

Result<catalog::Workspace> WorkspaceDirectory::Find(std::string_view id_or_name) {
  Result<catalog::Workspace> found = catalog_.workspaces().FindWorkspace(id_or_name);
  if (!found.ok() && found.status().code() == StatusCode::kInvalidArgument) {
    return NotFound("workspace '" + std::string(id_or_name) + "' not found");
  }
  return found;
}

Status WorkspaceDirectory::Delete(const catalog::Workspace& workspace) {
  std::lock_guard<std::mutex> lock(mu_);
  if (catalog::NamesEqual(workspace.name, "default") &&
      catalog::NamesEqual(workspace.resource_group, "default")) {
    return InvalidArgument("workspace 'default' cannot be deleted");
  }
  Status dropped = store_.DropWorkspace(workspace.name);
  if (!dropped.ok() && dropped.code() != StatusCode::kNotFound) return dropped;
  return catalog_.workspaces().DeleteWorkspace(workspace.id);
}

}  // namespace huntbook::server
