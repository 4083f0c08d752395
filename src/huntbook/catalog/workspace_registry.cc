#include "huntbook/catalog/workspace_registry.h"

#include <string>

#include "huntbook/catalog/catalog_schema.h"
#include "huntbook/catalog/name_rules.h"
#include "huntbook/catalog/random_text.h"

namespace huntbook::catalog {
namespace {

constexpr char kSelectWorkspace[] =
    "SELECT w.id, g.name, w.name, w.location, w.retention_days, w.created_at "
    "FROM workspaces w JOIN resource_groups g ON g.id = w.resource_group_id ";

Workspace ReadWorkspace(const SqlStatement& row) {
  Workspace workspace;
  workspace.id = row.Text(0);
  workspace.resource_group = row.Text(1);
  workspace.name = row.Text(2);
  workspace.location = row.Text(3);
  workspace.retention_days = static_cast<int32_t>(row.Int(4));
  workspace.created_at = row.Int(5);
  return workspace;
}

Result<std::vector<Workspace>> ReadWorkspaces(SqlStatement& statement) {
  std::vector<Workspace> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) return out;
    out.push_back(ReadWorkspace(statement));
  }
}

Result<ResourceGroup> LookupGroup(SqlDatabase& database, std::string_view name) {
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database.Prepare("SELECT id, name, created_at FROM resource_groups "
                                    "WHERE name = ?"));
  statement.BindText(1, name);
  ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) return NotFound("resource group '" + std::string(name) + "' does not exist");
  return ResourceGroup{statement.Int(0), statement.Text(1), statement.Int(2)};
}

}  // namespace

Result<ResourceGroup> WorkspaceRegistry::CreateResourceGroup(std::string_view name) {
  RETURN_IF_ERROR(ValidateResourceName("resource group name", name));
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare("INSERT INTO resource_groups(name, created_at) VALUES(?, ?)"));
  int64_t now = clock_->Now();
  Status status = statement.BindText(1, name).BindInt(2, now).Run();
  if (status.code() == StatusCode::kAlreadyExists) {
    return Status(StatusCode::kAlreadyExists,
                  "resource group '" + std::string(name) + "' already exists");
  }
  RETURN_IF_ERROR(status);
  return ResourceGroup{database_.LastInsertRowId(), std::string(name), now};
}

Result<std::vector<ResourceGroup>> WorkspaceRegistry::ListResourceGroups() {
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare("SELECT id, name, created_at FROM resource_groups "
                                     "ORDER BY name"));
  std::vector<ResourceGroup> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) return out;
    out.push_back(ResourceGroup{statement.Int(0), statement.Text(1), statement.Int(2)});
  }
}

Result<ResourceGroup> WorkspaceRegistry::GetResourceGroup(std::string_view name) {
  auto lock = database_.Lock();
  return LookupGroup(database_, name);
}

Status WorkspaceRegistry::DeleteResourceGroup(std::string_view name) {
  if (NamesEqual(name, kDefaultResourceGroup)) {
    return InvalidArgument("resource group 'default' cannot be deleted");
  }
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(ResourceGroup group, LookupGroup(database_, name));
  ASSIGN_OR_RETURN(
      SqlStatement count,
      database_.Prepare("SELECT count(*) FROM workspaces WHERE resource_group_id = ?"));
  count.BindInt(1, group.id);
  ASSIGN_OR_RETURN(bool row, count.Step());
  int64_t workspaces = row ? count.Int(0) : 0;
  if (workspaces > 0) {
    return InvalidArgument("resource group '" + group.name + "' still holds " +
                           std::to_string(workspaces) + " workspace(s); delete them first");
  }
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare("DELETE FROM resource_groups WHERE id = ?"));
  return statement.BindInt(1, group.id).Run();
}

Result<Workspace> WorkspaceRegistry::CreateWorkspace(const WorkspaceSpec& spec) {
  RETURN_IF_ERROR(ValidateResourceName("resource group name", spec.resource_group));
  RETURN_IF_ERROR(ValidateResourceName("workspace name", spec.name));
  RETURN_IF_ERROR(ValidateResourceName("workspace location", spec.location));
  if (spec.retention_days < kMinRetentionDays || spec.retention_days > kMaxRetentionDays) {
    return InvalidArgument("workspace retention_days " + std::to_string(spec.retention_days) +
                           " is outside " + std::to_string(kMinRetentionDays) + ".." +
                           std::to_string(kMaxRetentionDays));
  }
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(ResourceGroup group, LookupGroup(database_, spec.resource_group));
  Workspace workspace;
  workspace.id = RandomUuid();
  workspace.resource_group = group.name;
  workspace.name = spec.name;
  workspace.location = spec.location;
  workspace.retention_days = spec.retention_days;
  workspace.created_at = clock_->Now();
  ASSIGN_OR_RETURN(
      SqlStatement statement,
      database_.Prepare("INSERT INTO workspaces(id, resource_group_id, name, location, "
                        "retention_days, created_at) VALUES(?, ?, ?, ?, ?, ?)"));
  Status status = statement.BindText(1, workspace.id)
                      .BindInt(2, group.id)
                      .BindText(3, workspace.name)
                      .BindText(4, workspace.location)
                      .BindInt(5, workspace.retention_days)
                      .BindInt(6, workspace.created_at)
                      .Run();
  if (status.code() == StatusCode::kAlreadyExists) {
    return Status(
        StatusCode::kAlreadyExists,
        "workspace '" + spec.name + "' already exists in resource group '" + group.name + "'");
  }
  RETURN_IF_ERROR(status);
  return workspace;
}

Result<std::vector<Workspace>> WorkspaceRegistry::ListWorkspaces() {
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare(std::string(kSelectWorkspace) + "ORDER BY g.name, w.name"));
  return ReadWorkspaces(statement);
}

Result<Workspace> WorkspaceRegistry::GetWorkspaceById(std::string_view id) {
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare(std::string(kSelectWorkspace) + "WHERE w.id = ?"));
  statement.BindText(1, id);
  ASSIGN_OR_RETURN(std::vector<Workspace> found, ReadWorkspaces(statement));
  if (found.empty()) return NotFound("workspace '" + std::string(id) + "' does not exist");
  return found.front();
}

Result<Workspace> WorkspaceRegistry::GetWorkspace(std::string_view resource_group,
                                                  std::string_view name) {
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement, database_.Prepare(std::string(kSelectWorkspace) +
                                                             "WHERE g.name = ? AND w.name = ?"));
  statement.BindText(1, resource_group).BindText(2, name);
  ASSIGN_OR_RETURN(std::vector<Workspace> found, ReadWorkspaces(statement));
  if (found.empty()) {
    return NotFound("workspace '" + std::string(name) + "' does not exist in resource group '" +
                    std::string(resource_group) + "'");
  }
  return found.front();
}

Result<Workspace> WorkspaceRegistry::FindWorkspace(std::string_view id_or_name) {
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare(std::string(kSelectWorkspace) +
                                     "WHERE w.id = ?1 OR w.name = ?1 ORDER BY w.id = ?1 DESC"));
  statement.BindText(1, id_or_name);
  ASSIGN_OR_RETURN(std::vector<Workspace> found, ReadWorkspaces(statement));
  if (found.empty()) {
    return NotFound("workspace '" + std::string(id_or_name) + "' does not exist");
  }
  if (found.front().id == id_or_name || found.size() == 1) return found.front();
  return InvalidArgument("workspace name '" + std::string(id_or_name) + "' exists in " +
                         std::to_string(found.size()) + " resource groups; use the workspace id");
}

Status WorkspaceRegistry::DeleteWorkspace(std::string_view id) {
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement lookup,
                   database_.Prepare(std::string(kSelectWorkspace) + "WHERE w.id = ?"));
  lookup.BindText(1, id);
  ASSIGN_OR_RETURN(std::vector<Workspace> found, ReadWorkspaces(lookup));
  if (found.empty()) return NotFound("workspace '" + std::string(id) + "' does not exist");
  if (NamesEqual(found.front().resource_group, kDefaultResourceGroup) &&
      NamesEqual(found.front().name, kDefaultWorkspace)) {
    return InvalidArgument("workspace 'default' cannot be deleted");
  }
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare("DELETE FROM workspaces WHERE id = ?"));
  return statement.BindText(1, id).Run();
}

}  // namespace huntbook::catalog
