#include "huntbook/catalog/access_control.h"

#include <algorithm>

#include "huntbook/catalog/name_rules.h"

namespace huntbook::catalog {
namespace {

Role ReadRole(const SqlStatement& row) {
  Role role;
  role.id = row.Int(0);
  role.name = row.Text(1);
  role.builtin = row.Int(2) != 0;
  role.permissions = static_cast<uint32_t>(row.Int(3));
  role.actions = role.builtin ? BuiltinRoleActions(static_cast<BuiltinRole>(role.id))
                              : PermissionActions(role.permissions);
  return role;
}

Result<Role> LookupRole(SqlDatabase& database, std::string_view name) {
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database.Prepare("SELECT id, name, builtin, permissions FROM roles "
                                    "WHERE name = ?"));
  statement.BindText(1, name);
  ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) return NotFound("role '" + std::string(name) + "' does not exist");
  return ReadRole(statement);
}

// A scope resolved to row ids; `exists` false when it names nothing.
struct ResolvedScope {
  ScopeKind kind = ScopeKind::kServer;
  bool exists = true;
  int64_t resource_group_id = 0;
  std::string workspace_id;
};

Result<ResolvedScope> Resolve(SqlDatabase& database, const Scope& scope) {
  ResolvedScope resolved;
  resolved.kind = scope.kind;
  if (scope.kind == ScopeKind::kServer) return resolved;
  if (scope.kind == ScopeKind::kResourceGroup) {
    ASSIGN_OR_RETURN(SqlStatement statement,
                     database.Prepare("SELECT id FROM resource_groups WHERE name = ?"));
    statement.BindText(1, scope.name);
    ASSIGN_OR_RETURN(bool row, statement.Step());
    resolved.exists = row;
    if (row) resolved.resource_group_id = statement.Int(0);
    return resolved;
  }
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database.Prepare("SELECT resource_group_id FROM workspaces WHERE id = ?"));
  statement.BindText(1, scope.name);
  ASSIGN_OR_RETURN(bool row, statement.Step());
  resolved.exists = row;
  if (row) {
    resolved.resource_group_id = statement.Int(0);
    resolved.workspace_id = scope.name;
  }
  return resolved;
}

struct Grant {
  ScopeKind kind;
  int64_t resource_group_id;
  std::string workspace_id;
  ActionSet actions;
};

// The grants of an enabled user (none for a disabled or unknown one).
Result<std::vector<Grant>> LoadGrants(SqlDatabase& database, int64_t user_id) {
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database.Prepare("SELECT a.scope_kind, a.resource_group_id, a.workspace_id, "
                                    "r.id, r.name, r.builtin, r.permissions "
                                    "FROM role_assignments a JOIN roles r ON r.id = a.role_id "
                                    "JOIN users u ON u.id = a.user_id "
                                    "WHERE a.user_id = ? AND u.disabled = 0"));
  statement.BindInt(1, user_id);
  std::vector<Grant> grants;
  while (true) {
    ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) return grants;
    bool builtin = statement.Int(5) != 0;
    ActionSet actions = builtin ? BuiltinRoleActions(static_cast<BuiltinRole>(statement.Int(3)))
                                : PermissionActions(static_cast<uint32_t>(statement.Int(6)));
    grants.push_back(Grant{static_cast<ScopeKind>(statement.Int(0)),
                           statement.OptionalInt(1).value_or(0), statement.Text(2), actions});
  }
}

bool GrantApplies(const Grant& grant, const ResolvedScope& target) {
  switch (grant.kind) {
    case ScopeKind::kServer:
      return true;
    case ScopeKind::kResourceGroup:
      return target.kind != ScopeKind::kServer &&
             target.resource_group_id == grant.resource_group_id;
    case ScopeKind::kWorkspace:
      return target.kind == ScopeKind::kWorkspace && target.workspace_id == grant.workspace_id;
  }
  return false;
}

ActionSet Combine(const Principal& principal, const std::vector<Grant>& grants,
                  const ResolvedScope& target) {
  ActionSet actions;
  if (!target.exists) return actions;
  if (principal.is_anonymous()) {
    if (principal.anonymous_role) actions.Add(BuiltinRoleActions(*principal.anonymous_role));
    return actions;
  }
  for (const Grant& grant : grants) {
    if (GrantApplies(grant, target)) actions.Add(grant.actions);
  }
  return actions;
}

}  // namespace

Result<Role> AccessControl::CreateCustomRole(std::string_view name, uint32_t permissions) {
  RETURN_IF_ERROR(ValidateResourceName("role name", name));
  if (permissions == 0 || (permissions & ~kAllPermissions) != 0) {
    return InvalidArgument(
        "role permissions must be a non-empty set of read, write, delete, "
        "compute");
  }
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare("INSERT INTO roles(name, builtin, permissions) "
                                     "VALUES(?, 0, ?)"));
  Status status = statement.BindText(1, name).BindInt(2, permissions).Run();
  if (status.code() == StatusCode::kAlreadyExists) {
    return Status(StatusCode::kAlreadyExists, "role '" + std::string(name) + "' already exists");
  }
  RETURN_IF_ERROR(status);
  Role role;
  role.id = database_.LastInsertRowId();
  role.name = std::string(name);
  role.permissions = permissions;
  role.actions = PermissionActions(permissions);
  return role;
}

Result<Role> AccessControl::GetRole(std::string_view name) {
  auto lock = database_.Lock();
  return LookupRole(database_, name);
}

Result<std::vector<Role>> AccessControl::ListRoles() {
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare("SELECT id, name, builtin, permissions FROM roles "
                                     "ORDER BY builtin DESC, CASE WHEN builtin THEN id END, name"));
  std::vector<Role> roles;
  while (true) {
    ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) return roles;
    roles.push_back(ReadRole(statement));
  }
}

Status AccessControl::DeleteCustomRole(std::string_view name) {
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(Role role, LookupRole(database_, name));
  if (role.builtin) return InvalidArgument("built-in role '" + role.name + "' cannot be deleted");
  ASSIGN_OR_RETURN(SqlStatement statement, database_.Prepare("DELETE FROM roles WHERE id = ?"));
  return statement.BindInt(1, role.id).Run();
}

Result<RoleAssignment> AccessControl::AssignRole(int64_t user_id, std::string_view role_name,
                                                 const Scope& scope) {
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement user, database_.Prepare("SELECT name FROM users WHERE id = ?"));
  user.BindInt(1, user_id);
  ASSIGN_OR_RETURN(bool user_found, user.Step());
  if (!user_found) return NotFound("user id " + std::to_string(user_id) + " does not exist");
  RoleAssignment assignment;
  assignment.user_id = user_id;
  assignment.user_name = user.Text(0);
  ASSIGN_OR_RETURN(Role role, LookupRole(database_, role_name));
  assignment.role_name = role.name;
  ASSIGN_OR_RETURN(ResolvedScope resolved, Resolve(database_, scope));
  if (!resolved.exists) {
    return NotFound(
        std::string(scope.kind == ScopeKind::kWorkspace ? "workspace '" : "resource group '") +
        scope.name + "' does not exist");
  }
  assignment.scope = scope;
  assignment.created_at = clock_->Now();
  std::string scope_key;
  if (scope.kind == ScopeKind::kResourceGroup)
    scope_key = std::to_string(resolved.resource_group_id);
  if (scope.kind == ScopeKind::kWorkspace) scope_key = resolved.workspace_id;
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare("INSERT INTO role_assignments(user_id, role_id, scope_kind, "
                                     "scope_key, resource_group_id, workspace_id, created_at) "
                                     "VALUES(?, ?, ?, ?, ?, ?, ?)"));
  statement.BindInt(1, user_id).BindInt(2, role.id).BindInt(3, static_cast<int>(scope.kind));
  statement.BindText(4, scope_key);
  if (scope.kind == ScopeKind::kResourceGroup) {
    statement.BindInt(5, resolved.resource_group_id);
  } else {
    statement.BindNull(5);
  }
  if (scope.kind == ScopeKind::kWorkspace) {
    statement.BindText(6, resolved.workspace_id);
  } else {
    statement.BindNull(6);
  }
  statement.BindInt(7, assignment.created_at);
  Status status = statement.Run();
  if (status.code() == StatusCode::kAlreadyExists) {
    return Status(
        StatusCode::kAlreadyExists,
        "user '" + assignment.user_name + "' already has role '" + role.name + "' at that scope");
  }
  RETURN_IF_ERROR(status);
  assignment.id = database_.LastInsertRowId();
  return assignment;
}

Status AccessControl::RemoveAssignment(int64_t assignment_id) {
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare("DELETE FROM role_assignments WHERE id = ?"));
  RETURN_IF_ERROR(statement.BindInt(1, assignment_id).Run());
  if (database_.Changes() == 0) {
    return NotFound("role assignment " + std::to_string(assignment_id) + " does not exist");
  }
  return Status::OK();
}

Result<std::vector<RoleAssignment>> AccessControl::ListAssignments(std::optional<int64_t> user_id) {
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare("SELECT a.id, a.user_id, u.name, r.name, a.scope_kind, "
                                     "g.name, a.workspace_id, a.created_at "
                                     "FROM role_assignments a JOIN users u ON u.id = a.user_id "
                                     "JOIN roles r ON r.id = a.role_id "
                                     "LEFT JOIN resource_groups g ON g.id = a.resource_group_id "
                                     "WHERE ?1 IS NULL OR a.user_id = ?1 ORDER BY a.id"));
  statement.BindOptionalInt(1, user_id);
  std::vector<RoleAssignment> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) return out;
    RoleAssignment assignment;
    assignment.id = statement.Int(0);
    assignment.user_id = statement.Int(1);
    assignment.user_name = statement.Text(2);
    assignment.role_name = statement.Text(3);
    assignment.scope.kind = static_cast<ScopeKind>(statement.Int(4));
    if (assignment.scope.kind == ScopeKind::kResourceGroup)
      assignment.scope.name = statement.Text(5);
    if (assignment.scope.kind == ScopeKind::kWorkspace) assignment.scope.name = statement.Text(6);
    assignment.created_at = statement.Int(7);
    out.push_back(std::move(assignment));
  }
}

Result<ActionSet> AccessControl::EffectiveActions(const Principal& principal, const Scope& scope) {
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(ResolvedScope target, Resolve(database_, scope));
  std::vector<Grant> grants;
  if (!principal.is_anonymous()) {
    ASSIGN_OR_RETURN(grants, LoadGrants(database_, principal.user_id));
  }
  return Combine(principal, grants, target);
}

bool AccessControl::Authorize(const Principal& principal, Action action, const Scope& scope) {
  Result<ActionSet> actions = EffectiveActions(principal, scope);
  return actions.ok() && actions->Contains(action);
}

Result<std::vector<Workspace>> AccessControl::VisibleWorkspaces(const Principal& principal) {
  auto lock = database_.Lock();
  std::vector<Grant> grants;
  if (!principal.is_anonymous()) {
    ASSIGN_OR_RETURN(grants, LoadGrants(database_, principal.user_id));
  }
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare("SELECT w.id, g.name, w.name, w.location, w.retention_days, "
                                     "w.created_at, w.resource_group_id FROM workspaces w "
                                     "JOIN resource_groups g ON g.id = w.resource_group_id "
                                     "ORDER BY g.name, w.name"));
  std::vector<Workspace> visible;
  while (true) {
    ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) return visible;
    ResolvedScope target;
    target.kind = ScopeKind::kWorkspace;
    target.workspace_id = statement.Text(0);
    target.resource_group_id = statement.Int(6);
    if (!Combine(principal, grants, target).Contains(Action::kReadWorkspace)) continue;
    visible.push_back(Workspace{statement.Text(0), statement.Text(1), statement.Text(2),
                                statement.Text(3), static_cast<int32_t>(statement.Int(4)),
                                statement.Int(5)});
  }
}

}  // namespace huntbook::catalog
