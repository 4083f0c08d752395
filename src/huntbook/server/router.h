// Router: the table of every HTTP route the server answers. Each route declares the Action
// it needs (the authorization matrix test enumerates this table) and the protocol family
// whose error shapes it speaks.
//
// Patterns are literal segments and `{name}` captures of one segment each:
//   "/v1/workspaces/{workspace}/query". Matching is exact on segments and case-sensitive
// for literals, except that a segment captured as `{...}` matches any non-empty text.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/server/access_control.h"
#include "huntbook/server/http_message.h"

namespace huntbook::server {

// Which error/response conventions a route follows (PROTOCOLS.md §2 vs §3).
enum class ApiFamily { kLogAnalytics, kDataExplorer, kPlain };

struct RouteContext;
using RouteHandler = std::function<HttpResponse(RouteContext&)>;

struct Route {
  std::vector<std::string> methods;  // e.g. {"GET", "POST"}
  std::string pattern;
  Action action = Action::kPublic;
  ApiFamily family = ApiFamily::kPlain;
  // Name of the capture holding the workspace the action applies to ("" = the handler
  // authorizes per workspace itself, e.g. the `db` of a Data Explorer request body).
  std::string workspace_capture;
  RouteHandler handler;
  // Name of the capture holding the resource group the action applies to, for routes that
  // act on a group rather than a workspace (creating a workspace, assigning roles there).
  // With neither capture, server-scoped actions (IsServerScoped) are checked at server
  // scope and the others are left to the handler.
  std::string resource_group_capture = {};
};

struct RouteMatch {
  const Route* route = nullptr;     // nullptr = no route
  bool method_not_allowed = false;  // the path matched a route with other methods
  std::map<std::string, std::string> captures;
};

class Router {
 public:
  void Add(Route route);
  RouteMatch Match(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace huntbook::server
