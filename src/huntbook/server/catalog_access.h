// The server's Authenticator and Authorizer (access_control.h) over the SQLite catalog
// (src/huntbook/catalog).
//
// CatalogAuthenticator accepts exactly one API token ("hbk_..."), presented either as
// `Authorization: Bearer <token>` or as `x-api-key: <token>`. A request without either, with
// another Authorization scheme, with both headers, or with a token that is unknown, revoked,
// expired or whose user is disabled fails (the server answers 401). The failure message is
// the same for every kind of bad token, so a client cannot probe which tokens exist.
// The resulting Principal's id is the catalog user id in decimal.
//
// CatalogAuthorizer maps each server Action to a catalog Action (query -> query,
// read-metadata -> read_workspace, ingest -> ingest, manage-tables -> manage_tables,
// read-metrics -> read_metrics) and asks AccessControl::Authorize at the workspace's scope
// (resolved by id or unique name through WorkspaceRegistry::FindWorkspace), or at server
// scope when the workspace is "". Unknown workspaces, anonymous principals and catalog
// errors are denied, so a denial does not reveal whether the workspace exists.
//
// Thread-safe (the catalog is); the catalog must outlive both objects.
#pragma once

#include <optional>
#include <string_view>

#include "huntbook/catalog/action.h"
#include "huntbook/catalog/catalog.h"
#include "huntbook/catalog/principal.h"
#include "huntbook/server/access_control.h"

namespace huntbook::server {

// The catalog action a server action is checked as; nullopt for kPublic and kSignedIn
// (allowed to every caller / every authenticated caller).
std::optional<catalog::Action> CatalogActionFor(Action action);

// The catalog principal a server principal acts as: the anonymous principal (local
// `--anonymous` mode) acts as an Owner at server scope; a token user as that user id;
// nullopt when the id is not a catalog user id.
std::optional<catalog::Principal> CatalogPrincipalFor(const Principal& principal);

// The portal session cookie (session_api.cc sets it at login).
inline constexpr char kSessionCookieName[] = "huntbook_session";

// The value of the request's session cookie, "" when it has none.
std::string SessionCookieOf(const HttpRequest& request);

// Authenticates an API token (Authorization: Bearer / x-api-key) or, without one, the portal
// session cookie; a cookie-authenticated request other than GET/HEAD/OPTIONS must carry the
// session's X-CSRF-Token header.
class CatalogAuthenticator : public Authenticator {
 public:
  explicit CatalogAuthenticator(catalog::Catalog& catalog) : catalog_(catalog) {}
  Result<Principal> Authenticate(const HttpRequest& request) const override;

 private:
  catalog::Catalog& catalog_;
};

class CatalogAuthorizer : public Authorizer {
 public:
  explicit CatalogAuthorizer(catalog::Catalog& catalog) : catalog_(catalog) {}
  bool Allowed(const Principal& principal, Action action,
               std::string_view workspace) const override;
  bool AllowedInResourceGroup(const Principal& principal, Action action,
                              std::string_view resource_group) const override;

 private:
  catalog::Catalog& catalog_;
};

}  // namespace huntbook::server
