#include "huntbook/server/router.h"

#include <gtest/gtest.h>

#include <set>

#include "huntbook/server/service.h"

namespace huntbook::server {
namespace {

HttpResponse Ok(RouteContext&) { return HttpResponse(); }

TEST(RouterTest, MatchesCapturesAndMethods) {
  Router router;
  router.Add({{"GET", "POST"},
              "/v1/workspaces/{workspace}/query",
              Action::kQuery,
              ApiFamily::kLogAnalytics,
              "workspace",
              Ok});
  router.Add({{"GET"}, "/metrics", Action::kReadMetrics, ApiFamily::kPlain, "", Ok});
  RouteMatch match = router.Match("POST", "/v1/workspaces/sec/query");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.captures["workspace"], "sec");
  EXPECT_EQ(router.Match("GET", "/v1/workspaces/sec/query/").route, match.route);
  EXPECT_EQ(router.Match("GET", "/v1/workspaces//query").route, nullptr);
  EXPECT_EQ(router.Match("GET", "/v1/workspaces/a/b/query").route, nullptr);
  RouteMatch wrong_method = router.Match("DELETE", "/metrics");
  EXPECT_EQ(wrong_method.route, nullptr);
  EXPECT_TRUE(wrong_method.method_not_allowed);
  EXPECT_FALSE(router.Match("GET", "/nothing").method_not_allowed);
}

// The full route table: every route declares an action, and only discovery/health routes
// and the portal login are public (the authorization matrix test is generated from this
// table).
TEST(RouterTest, EveryRouteDeclaresItsAction) {
  Router router;
  AddAllRoutes(&router);
  std::set<std::string> public_routes;
  for (const Route& route : router.routes()) {
    EXPECT_FALSE(route.methods.empty()) << route.pattern;
    EXPECT_TRUE(route.handler) << route.pattern;
    if (route.action == Action::kPublic) public_routes.insert(route.pattern);
    if (!route.workspace_capture.empty()) {
      EXPECT_NE(route.pattern.find("{" + route.workspace_capture + "}"), std::string::npos)
          << route.pattern;
    }
    if (!route.resource_group_capture.empty()) {
      EXPECT_NE(route.pattern.find("{" + route.resource_group_capture + "}"), std::string::npos)
          << route.pattern;
      EXPECT_TRUE(route.workspace_capture.empty()) << route.pattern;
    }
  }
  EXPECT_EQ(public_routes,
            (std::set<std::string>{"/v1/rest/auth/metadata", "/healthz", "/v1/session"}));
  EXPECT_GE(router.routes().size(), 38u);
}

}  // namespace
}  // namespace huntbook::server
