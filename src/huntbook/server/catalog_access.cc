#include "huntbook/server/catalog_access.h"

#include <charconv>
#include <string>

#include "huntbook/catalog/authenticator.h"
#include "huntbook/catalog/principal.h"
#include "huntbook/common/ascii.h"

namespace huntbook::server {
namespace {

constexpr char kNoCredentials[] =
    "Authentication failed: the request has no credentials (Authorization: Bearer or "
    "x-api-key header, or a portal session cookie)";
constexpr char kBadCredentials[] =
    "Authentication failed: the credentials are not valid for this server";

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The token text the request presents, "" when none; an error for a malformed header.
Result<std::string> PresentedToken(const HttpRequest& request) {
  std::string_view authorization = TrimSpaces(request.Header("Authorization"));
  std::string_view api_key = TrimSpaces(request.Header("x-api-key"));
  if (!authorization.empty() && !api_key.empty()) {
    return InvalidArgument(
        "Authentication failed: send one credential, either Authorization or x-api-key");
  }
  if (!api_key.empty()) return std::string(api_key);
  if (authorization.empty()) return std::string();
  constexpr std::string_view kBearer = "Bearer ";
  if (!StartsWithIgnoreCase(authorization, kBearer)) {
    return InvalidArgument(
        "Authentication failed: only the Bearer scheme (an API token) is supported");
  }
  std::string_view token = TrimSpaces(authorization.substr(kBearer.size()));
  if (token.empty()) return InvalidArgument(kBadCredentials);
  return std::string(token);
}

}  // namespace

std::optional<catalog::Action> CatalogActionFor(Action action) {
  switch (action) {
    case Action::kPublic:
      return std::nullopt;
    case Action::kQuery:
      return catalog::Action::kQuery;
    case Action::kReadMetadata:
      return catalog::Action::kReadWorkspace;
    case Action::kIngest:
      return catalog::Action::kIngest;
    case Action::kManageTables:
      return catalog::Action::kManageTables;
    case Action::kReadMetrics:
      return catalog::Action::kReadMetrics;
    case Action::kReadBookmark:
      return catalog::Action::kReadBookmark;
    case Action::kWriteBookmark:
      return catalog::Action::kWriteBookmark;
    case Action::kDeleteBookmark:
      return catalog::Action::kDeleteBookmark;
    case Action::kListSecrets:
      return catalog::Action::kListSecrets;
    case Action::kReadSecret:
      return catalog::Action::kReadSecret;
    case Action::kWriteSecret:
      return catalog::Action::kWriteSecret;
    case Action::kManageWorkspace:
      return catalog::Action::kManageWorkspace;
    case Action::kCreateWorkspace:
      return catalog::Action::kCreateWorkspace;
    case Action::kManageResourceGroups:
      return catalog::Action::kManageResourceGroups;
    case Action::kManageRoles:
      return catalog::Action::kManageRoles;
    case Action::kManageUsers:
      return catalog::Action::kManageUsers;
    case Action::kSignedIn:
      return std::nullopt;
  }
  // An action added to the server but not mapped here is denied (as the catalog's
  // most privileged action, which only server Owners hold).
  return catalog::Action::kManageUsers;
}

std::string SessionCookieOf(const HttpRequest& request) {
  std::string_view cookies = request.Header("Cookie");
  while (!cookies.empty()) {
    size_t end = cookies.find(';');
    std::string_view pair = TrimSpaces(cookies.substr(0, end));
    cookies = end == std::string_view::npos ? std::string_view() : cookies.substr(end + 1);
    size_t equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == kSessionCookieName) {
      return std::string(TrimSpaces(pair.substr(equals + 1)));
    }
  }
  return "";
}

Result<Principal> CatalogAuthenticator::Authenticate(const HttpRequest& request) const {
  ASSIGN_OR_RETURN(std::string token, PresentedToken(request));
  catalog::Credentials credentials;
  if (!token.empty()) {
    credentials.bearer_token = std::move(token);
  } else {
    credentials.session_cookie = SessionCookieOf(request);
    if (credentials.session_cookie.empty()) return InvalidArgument(kNoCredentials);
  }
  ASSIGN_OR_RETURN(catalog::Authentication authentication,
                   catalog_.authenticator().Authenticate(credentials));
  if (!authentication.principal.has_value()) return InvalidArgument(kBadCredentials);
  // A browser sends the cookie with any request a page makes, so a change made with it
  // must also carry the session's CSRF token, which only the portal's own pages know.
  const std::string& method = request.method;
  if (authentication.session.has_value() && method != "GET" && method != "HEAD" &&
      method != "OPTIONS" &&
      !catalog::CredentialStore::CsrfTokenMatches(*authentication.session,
                                                  TrimSpaces(request.Header("X-CSRF-Token")))) {
    return InvalidArgument(
        "Authentication failed: a request signed in by the session cookie needs the "
        "session's X-CSRF-Token header for " +
        method);
  }
  const catalog::Principal& who = *authentication.principal;
  return Principal{std::to_string(who.user_id), who.user_name, false};
}

std::optional<catalog::Principal> CatalogPrincipalFor(const Principal& principal) {
  if (principal.anonymous) return catalog::Principal::Anonymous(catalog::BuiltinRole::kOwner);
  int64_t user_id = 0;
  const std::string& id = principal.id;
  auto [end, error] = std::from_chars(id.data(), id.data() + id.size(), user_id);
  if (error != std::errc() || end != id.data() + id.size() || user_id <= 0) return std::nullopt;
  catalog::Principal who;
  who.user_id = user_id;
  who.user_name = principal.display_name;
  who.method = catalog::AuthenticationMethod::kApiToken;
  return who;
}

namespace {

// The catalog action and caller to check; nullopt action = allowed to everyone; nullopt
// caller = denied.
struct CatalogCheck {
  std::optional<catalog::Action> action;
  std::optional<catalog::Principal> caller;
};

CatalogCheck CheckFor(const Principal& principal, Action action) {
  CatalogCheck check{CatalogActionFor(action), std::nullopt};
  if (check.action.has_value() && !principal.anonymous) {
    check.caller = CatalogPrincipalFor(principal);
  }
  return check;
}

}  // namespace

bool CatalogAuthorizer::Allowed(const Principal& principal, Action action,
                                std::string_view workspace) const {
  CatalogCheck check = CheckFor(principal, action);
  if (!check.action.has_value()) return true;
  if (!check.caller.has_value()) return false;
  if (workspace.empty()) {
    return catalog_.access().Authorize(*check.caller, *check.action, catalog::Scope::Server());
  }
  Result<catalog::Workspace> found = catalog_.workspaces().FindWorkspace(workspace);
  if (!found.ok()) return false;
  return catalog_.access().Authorize(*check.caller, *check.action,
                                     catalog::Scope::Workspace(found->id));
}

bool CatalogAuthorizer::AllowedInResourceGroup(const Principal& principal, Action action,
                                               std::string_view resource_group) const {
  CatalogCheck check = CheckFor(principal, action);
  if (!check.action.has_value()) return true;
  if (!check.caller.has_value()) return false;
  Result<catalog::ResourceGroup> group = catalog_.workspaces().GetResourceGroup(resource_group);
  if (!group.ok()) return false;
  return catalog_.access().Authorize(*check.caller, *check.action,
                                     catalog::Scope::ResourceGroup(group->name));
}

}  // namespace huntbook::server
