// Who is calling and what they may do. The server asks an Authenticator to turn a request's
// credentials into a Principal, and an Authorizer whether that principal may perform an
// Action on a workspace. The identity catalog (users, tokens, roles; src/huntbook/catalog)
// plugs in by implementing these two interfaces; until then `--anonymous` on a loopback
// listener is the only way in.
//
// Thread safety: implementations are called concurrently from the server's workers and
// must be safe for that.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "huntbook/common/status.h"
#include "huntbook/server/http_message.h"

namespace huntbook::server {

// What a route does, for authorization. Every route declares exactly one.
enum class Action {
  kPublic,        // no credentials needed (auth metadata discovery)
  kQuery,         // run KQL against a workspace (read)
  kReadMetadata,  // list workspaces, tables and schemas
  kIngest,        // append rows to a workspace's tables (write)
  kManageTables,  // create, alter, drop tables (write + delete)
  kReadMetrics,   // server-wide operational metrics
  // Catalog APIs (workspace_api.cc, bookmark_api.cc, secret_api.cc, access_api.cc):
  kReadBookmark,          // list/get bookmarks (workspace)
  kWriteBookmark,         // create/update bookmarks (workspace)
  kDeleteBookmark,        // soft-delete bookmarks (workspace)
  kListSecrets,           // secret names, never values (workspace)
  kReadSecret,            // a secret's value (workspace)
  kWriteSecret,           // set/delete secrets (workspace)
  kManageWorkspace,       // delete a workspace (workspace)
  kCreateWorkspace,       // create workspaces (resource group)
  kManageResourceGroups,  // create/delete resource groups (server)
  kManageRoles,           // assign/remove roles (the scope of the assignment)
  kManageUsers,           // custom role definitions (server)
  kSignedIn,              // any signed-in caller, acting on itself (its API tokens) or
                          // reading public definitions (the role list)
};

// Whether the action is checked at server scope when its route names no workspace or
// resource group (metrics, resource groups, users/roles).
bool IsServerScoped(Action action);

std::string_view ActionName(Action action);

struct Principal {
  std::string id;            // stable identifier ("anonymous", a user id)
  std::string display_name;  // shown in audit records (LAQueryLogs.AADEmail)
  bool anonymous = false;
};

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // The caller of `request`, or an error when the credentials are missing or invalid: the
  // server answers 401 with the status message.
  virtual Result<Principal> Authenticate(const HttpRequest& request) const = 0;
};

class Authorizer {
 public:
  virtual ~Authorizer() = default;
  // Whether `principal` may perform `action` on `workspace` ("" for server-wide actions).
  // A denial must not reveal whether the workspace exists.
  virtual bool Allowed(const Principal& principal, Action action,
                       std::string_view workspace) const = 0;
  // Whether `principal` may perform `action` at the scope of a resource group (creating a
  // workspace in it, assigning roles there). Unknown groups are denied. The default asks
  // at server scope.
  virtual bool AllowedInResourceGroup(const Principal& principal, Action action,
                                      std::string_view resource_group) const {
    (void)resource_group;
    return Allowed(principal, action, "");
  }
};

// Everyone is the anonymous principal (the `--anonymous` loopback mode).
class AnonymousAuthenticator : public Authenticator {
 public:
  Result<Principal> Authenticate(const HttpRequest& request) const override;
};

// No identity store configured: every request is refused (missing or unknown credentials).
class RejectingAuthenticator : public Authenticator {
 public:
  Result<Principal> Authenticate(const HttpRequest& request) const override;
};

// Grants every action (anonymous mode: the local user owns the server).
class AllowAllAuthorizer : public Authorizer {
 public:
  bool Allowed(const Principal&, Action, std::string_view) const override { return true; }
};

}  // namespace huntbook::server
