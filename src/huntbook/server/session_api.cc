// Portal sessions: the portal signs in with a user name and password and then uses a cookie.
//   POST   /v1/session  {"user": "...", "password": "..."}   public
//          200 {"user", "csrfToken", "expiresOn"} and
//          Set-Cookie: huntbook_session=<session>; HttpOnly; SameSite=Strict; Path=/
//          A failed login is 401 with one message for an unknown user and a wrong password.
//   DELETE /v1/session                                        signed in with the cookie:
//          ends the session and clears the cookie
// Requests other than GET/HEAD/OPTIONS signed in by the cookie must send the csrfToken as
// the X-CSRF-Token header (catalog_access.cc checks it).
#include "huntbook/server/catalog_access.h"
#include "huntbook/server/catalog_request.h"
#include "huntbook/server/json_body.h"

namespace huntbook::server {
namespace {

constexpr ApiFamily kFamily = ApiFamily::kLogAnalytics;

std::string SessionCookie(const std::string& value, bool clear) {
  std::string cookie =
      std::string(kSessionCookieName) + "=" + value + "; HttpOnly; SameSite=Strict; Path=/";
  if (clear) cookie += "; Max-Age=0";
  return cookie;
}

HttpResponse Login(RouteContext& context) {
  WorkspaceDirectory* workspaces = context.service.workspaces();
  if (workspaces == nullptr) {
    return CatalogError(context, NotSupported("portal sessions: this server runs without a "
                                              "catalog (<data>/catalog.db)"));
  }
  Result<JsonBody> body = JsonBody::Parse(context.request.body);
  if (!body.ok()) return CatalogError(context, body.status());
  if (Status only = body->OnlyFields({"user", "password"}); !only.ok()) {
    return CatalogError(context, only);
  }
  Result<std::optional<std::string>> user = body->String("user");
  if (!user.ok()) return CatalogError(context, user.status());
  Result<std::optional<std::string>> password = body->String("password");
  if (!password.ok()) return CatalogError(context, password.status());
  if (!user->has_value() || !password->has_value()) {
    return CatalogError(context,
                        InvalidArgument("request body: fields 'user' and 'password' are required"));
  }
  catalog::Catalog& catalog = workspaces->catalog();
  Result<std::optional<catalog::IssuedSession>> issued =
      catalog.authenticator().Login(**user, **password);
  if (!issued.ok()) return CatalogError(context, issued.status());
  if (!issued->has_value()) {
    HttpResponse refused = JsonResponse(
        401, R"({"error":{"code":"AuthenticationFailed","message":"Authentication failed: )"
             R"(the user name or the password is wrong"}})");
    return refused;
  }
  const catalog::IssuedSession& session = **issued;
  JsonWriter json;
  json.BeginObject();
  json.Member("user", **user);
  json.Member("csrfToken", session.session.csrf_token);
  MemberTime(&json, "expiresOn", session.session.expires_at);
  json.EndObject();
  HttpResponse response = JsonResponse(200, json.Take());
  response.SetHeader("Set-Cookie", SessionCookie(session.cookie, false));
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

HttpResponse Logout(RouteContext& context) {
  Result<CatalogRequest> request = CatalogRequestFor(context);
  if (!request.ok()) return CatalogError(context, request.status());
  std::string cookie = SessionCookieOf(context.request);
  if (cookie.empty()) {
    return CatalogError(context, InvalidArgument("the request has no portal session cookie "
                                                 "(an API token has no session to end)"));
  }
  Status ended = request->catalog->credentials().EndSession(cookie);
  if (!ended.ok()) return CatalogError(context, ended);
  HttpResponse response = JsonResponse(200, "{}");
  response.SetHeader("Set-Cookie", SessionCookie("", true));
  return response;
}

}  // namespace

void AddSessionRoutes(Router* router) {
  router->Add({{"POST"}, "/v1/session", Action::kPublic, kFamily, "", Login});
  router->Add({{"DELETE"}, "/v1/session", Action::kSignedIn, kFamily, "", Logout});
}

}  // namespace huntbook::server
