// Roles: named sets of actions (action.h). Built-in roles are fixed; custom roles are built
// from four permissions. Assignments are additive: a user's actions at a scope are the union
// over every role assigned at that scope or an enclosing one.
//
// Built-in roles (each includes the one before):
//   Reader       read_workspace, query, read_bookmark, read_notebook
//   Responder    + write_bookmark (create and update bookmarks)
//   Contributor  + delete_bookmark, write_notebook, delete_notebook, compute, ingest,
//                  manage_tables, list_secrets, read_secret (so the notebooks a
//                  Contributor runs can fetch TI keys from the vault)
//   Owner        every action: + write_secret, manage_roles, manage_workspace,
//                  create_workspace; at server scope also manage_resource_groups,
//                  read_metrics and manage_users
// Custom-role permissions:
//   read     read_workspace, query, read_bookmark, read_notebook
//   write    write_bookmark, write_notebook, ingest, manage_tables
//   delete   delete_bookmark, delete_notebook
//   compute  compute
// Custom roles never grant secret, role, workspace, resource-group or user management;
// those come only from the built-in roles. Write without read grants writes only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/catalog/action.h"
#include "huntbook/common/status.h"

namespace huntbook::catalog {

// Values are the role ids in the catalog's roles table.
enum class BuiltinRole : int64_t { kReader = 1, kResponder = 2, kContributor = 3, kOwner = 4 };

inline constexpr BuiltinRole kBuiltinRoles[] = {BuiltinRole::kReader, BuiltinRole::kResponder,
                                                BuiltinRole::kContributor, BuiltinRole::kOwner};

// "Reader", "Responder", "Contributor", "Owner".
std::string_view BuiltinRoleName(BuiltinRole role);
ActionSet BuiltinRoleActions(BuiltinRole role);

// Permission bits of a custom role.
enum Permission : uint32_t {
  kPermissionRead = 1,
  kPermissionWrite = 2,
  kPermissionDelete = 4,
  kPermissionCompute = 8,
};
inline constexpr uint32_t kAllPermissions = 15;

ActionSet PermissionActions(uint32_t permissions);

// Parses permission names ("read", "write", "delete", "compute"; case-insensitive).
// Errors: kInvalidArgument naming the unknown permission; an empty list.
Result<uint32_t> ParsePermissions(const std::vector<std::string>& names);
// Names of the set bits, in the order above.
std::vector<std::string> PermissionNames(uint32_t permissions);

struct Role {
  int64_t id = 0;
  std::string name;
  bool builtin = false;
  uint32_t permissions = 0;  // custom roles only
  ActionSet actions;         // what the role grants
};

}  // namespace huntbook::catalog
