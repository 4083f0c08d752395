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
  }
  return "unknown";
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
