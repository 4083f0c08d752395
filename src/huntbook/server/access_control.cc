#include "huntbook/server/access_control.h"

namespace huntbook::server {

std::string_view ActionName(Action action) {
  switch (action) {
    case Action::kPublic:
      return "public";
    case Action::kQuery:
      return "query";
    case Action::kReadMetadata:
      return "read-metadata";
    case Action::kIngest:
      return "ingest";
    case Action::kManageTables:
      return "manage-tables";
    case Action::kReadMetrics:
      return "read-metrics";
    case Action::kReadBookmark:
      return "read-bookmark";
    case Action::kWriteBookmark:
      return "write-bookmark";
    case Action::kDeleteBookmark:
      return "delete-bookmark";
    case Action::kListSecrets:
      return "list-secrets";
    case Action::kReadSecret:
      return "read-secret";
    case Action::kWriteSecret:
      return "write-secret";
    case Action::kManageWorkspace:
      return "manage-workspace";
    case Action::kCreateWorkspace:
      return "create-workspace";
    case Action::kManageResourceGroups:
      return "manage-resource-groups";
    case Action::kManageRoles:
      return "manage-roles";
    case Action::kManageUsers:
      return "manage-users";
    case Action::kSignedIn:
      return "signed-in";
  }
  return "unknown";
}

bool IsServerScoped(Action action) {
  return action == Action::kReadMetrics || action == Action::kManageResourceGroups ||
         action == Action::kManageUsers || action == Action::kManageRoles;
}

Result<Principal> AnonymousAuthenticator::Authenticate(const HttpRequest&) const {
  return Principal{"anonymous", "anonymous", true};
}

Result<Principal> RejectingAuthenticator::Authenticate(const HttpRequest& request) const {
  if (request.Header("Authorization").empty() && request.Header("x-api-key").empty()) {
    return InvalidArgument(
        "Authentication failed: the request has no credentials (Authorization header)");
  }
  return InvalidArgument("Authentication failed: the credentials are not valid for this server");
}

}  // namespace huntbook::server
