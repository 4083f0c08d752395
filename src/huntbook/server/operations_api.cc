// Operational routes: Prometheus metrics and a liveness probe.
#include "huntbook/server/service.h"

namespace huntbook::server {
namespace {

HttpResponse HandleMetrics(RouteContext& context) {
  HttpResponse response;
  response.content_type = "text/plain; version=0.0.4; charset=utf-8";
  response.body = context.service.metrics().Render();
  return response;
}

HttpResponse HandleHealth(RouteContext&) {
  HttpResponse response;
  response.body = R"({"status":"ok"})";
  return response;
}

}  // namespace

void AddOperationsRoutes(Router* router) {
  router->Add({{"GET"}, "/metrics", Action::kReadMetrics, ApiFamily::kPlain, "", HandleMetrics});
  router->Add({{"GET"}, "/healthz", Action::kPublic, ApiFamily::kPlain, "", HandleHealth});
}

}  // namespace huntbook::server
