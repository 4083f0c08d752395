// AccessControl: role definitions, role assignments and authorization decisions.
//
// An assignment gives a user a role at a scope: the server, a resource group or a workspace.
// It applies to that scope and every scope inside it (server > resource group > its
// workspaces). Assignments are additive; nothing denies. A principal is authorized for an
// action at a scope when some role assigned to it at that scope or an enclosing one grants
// the action (role.h lists what each role grants). Anything else is denied: unknown users,
// disabled users, scopes that do not exist, and catalog errors.
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/catalog/action.h"
#include "huntbook/catalog/clock.h"
#include "huntbook/catalog/principal.h"
#include "huntbook/catalog/role.h"
#include "huntbook/catalog/sql_database.h"
#include "huntbook/catalog/workspace_registry.h"
#include "huntbook/common/status.h"

namespace huntbook::catalog {

enum class ScopeKind : uint8_t { kServer = 0, kResourceGroup = 1, kWorkspace = 2 };

struct Scope {
  ScopeKind kind = ScopeKind::kServer;
  std::string name;  // resource group name, or workspace id; "" for the server

  static Scope Server() { return Scope{}; }
  static Scope ResourceGroup(std::string name) {
    return Scope{ScopeKind::kResourceGroup, std::move(name)};
  }
  static Scope Workspace(std::string id) { return Scope{ScopeKind::kWorkspace, std::move(id)}; }
};

struct RoleAssignment {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string user_name;
  std::string role_name;
  Scope scope;
  int64_t created_at = 0;
};

class AccessControl {
 public:
  AccessControl(SqlDatabase& database, std::shared_ptr<Clock> clock)
      : database_(database), clock_(std::move(clock)) {}

  // Custom roles. Names follow ValidateResourceName and cannot reuse a built-in name.
  // Errors: kInvalidArgument, kAlreadyExists.
  Result<Role> CreateCustomRole(std::string_view name, uint32_t permissions);
  Result<Role> GetRole(std::string_view name);
  // Built-in roles first (Reader, Responder, Contributor, Owner), then custom by name.
  Result<std::vector<Role>> ListRoles();
  // Removes the role and its assignments. Errors: kNotFound; kInvalidArgument (built-in).
  Status DeleteCustomRole(std::string_view name);

  // Errors: kNotFound (user, role, resource group or workspace), kAlreadyExists (the same
  // role at the same scope).
  Result<RoleAssignment> AssignRole(int64_t user_id, std::string_view role_name,
                                    const Scope& scope);
  Status RemoveAssignment(int64_t assignment_id);
  // Every assignment, or those of one user.
  Result<std::vector<RoleAssignment>> ListAssignments(std::optional<int64_t> user_id);

  // The union of actions the principal holds at `scope`.
  Result<ActionSet> EffectiveActions(const Principal& principal, const Scope& scope);
  // Deny by default: false on any error.
  bool Authorize(const Principal& principal, Action action, const Scope& scope);
  bool Authorize(const Principal& principal, Action action, std::string_view workspace_id) {
    return Authorize(principal, action, Scope::Workspace(std::string(workspace_id)));
  }
  // Workspaces where the principal holds kReadWorkspace, ordered by resource group, name.
  Result<std::vector<Workspace>> VisibleWorkspaces(const Principal& principal);

 private:
  SqlDatabase& database_;
  std::shared_ptr<Clock> clock_;
};

}  // namespace huntbook::catalog
