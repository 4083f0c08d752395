#include "huntbook/server/service.h"

#include <algorithm>

#include "huntbook/common/ascii.h"
#include "huntbook/server/request_ids.h"
#include "huntbook/storage/store.h"

namespace huntbook::server {
namespace {

ApiFamily FamilyForPath(std::string_view path) {
  if (path.substr(0, 8) == "/v1/rest" || path.substr(0, 8) == "/v2/rest") {
    return ApiFamily::kDataExplorer;
  }
  if (path.substr(0, 3) == "/v1") return ApiFamily::kLogAnalytics;
  return ApiFamily::kPlain;
}

HttpResponse ErrorFor(ApiFamily family, int http_status, const Status& status,
                      const RequestIds& ids, std::string_view la_code = "") {
  switch (family) {
    case ApiFamily::kLogAnalytics:
      return LogAnalyticsError(http_status, status, ids, la_code);
    case ApiFamily::kDataExplorer:
      return DataExplorerError(http_status, status, ids);
    case ApiFamily::kPlain:
      break;
  }
  return PlainError(http_status, la_code.empty() ? StatusCodeName(status.code()) : la_code,
                    status.message());
}

}  // namespace

const std::string& RouteContext::Capture(const std::string& name) const {
  static const std::string kEmpty;
  auto it = captures.find(name);
  return it == captures.end() ? kEmpty : it->second;
}

Service::Service(engine::Engine& engine, ServiceOptions options,
                 std::unique_ptr<Authenticator> authenticator,
                 std::unique_ptr<Authorizer> authorizer, catalog::Catalog* catalog)
    : engine_(engine),
      options_(std::move(options)),
      authenticator_(std::move(authenticator)),
      authorizer_(std::move(authorizer)),
      executor_(engine, options_.query_limits, options_.admission) {
  AddAllRoutes(&router_);
  if (options_.audit_queries) audit_ = std::make_unique<QueryAudit>(engine_.store());
  if (catalog != nullptr) {
    workspaces_ = std::make_unique<WorkspaceDirectory>(*catalog, engine_.store());
  }
}

void AddAllRoutes(Router* router) {
  AddLogAnalyticsRoutes(router);
  AddDataExplorerRoutes(router);
  AddIngestionRoutes(router);
  AddOperationsRoutes(router);
  AddWorkspaceRoutes(router);
  AddBookmarkRoutes(router);
  AddSecretRoutes(router);
  AddAccessRoutes(router);
  AddSessionRoutes(router);
}

Service::~Service() { Stop(); }

void Service::Stop() {
  if (audit_) audit_->Stop();
}

bool Service::Authorize(const Principal& principal, Action action,
                        std::string_view workspace) const {
  return authorizer_->Allowed(principal, action, workspace);
}

std::function<bool(std::string_view)> Service::WorkspaceReadCheck(
    const Principal& principal) const {
  return [this, principal](std::string_view workspace) {
    return Authorize(principal, Action::kQuery, workspace);
  };
}

bool Service::AuthorizeInResourceGroup(const Principal& principal, Action action,
                                       std::string_view resource_group) const {
  return authorizer_->AllowedInResourceGroup(principal, action, resource_group);
}

std::vector<std::string> Service::VisibleWorkspaces(const Principal& principal) const {
  std::vector<std::string> visible;
  for (std::string& name : engine_.store().ListWorkspaces()) {
    if (Authorize(principal, Action::kReadMetadata, name)) visible.push_back(std::move(name));
  }
  return visible;
}

std::string Service::CanonicalWorkspace(std::string_view workspace) const {
  for (std::string& name : engine_.store().ListWorkspaces()) {
    if (EqualsIgnoreCase(name, workspace)) return std::move(name);
  }
  return std::string(workspace);
}

bool Service::WorkspaceExists(std::string_view workspace) const {
  for (const std::string& name : engine_.store().ListWorkspaces()) {
    if (EqualsIgnoreCase(name, workspace)) return true;
  }
  return false;
}

std::string Service::WorkspaceForDatabase(std::string_view database) const {
  if (database.empty() || database == "NetDefaultDB") {
    return CanonicalWorkspace(options_.default_workspace);
  }
  return CanonicalWorkspace(database);
}

bool Service::IsOperationsRequest(const HttpRequest& request) {
  return request.method == "GET" && (request.path == "/healthz" || request.path == "/metrics");
}

bool Service::HostAllowed(std::string_view host) const {
  if (options_.allowed_hosts.empty() || host.empty()) return true;
  // "name:port", "[v6]:port", "[v6]" or "name": the name without the port.
  if (!host.empty() && host.front() == '[') {
    host = host.substr(0, host.find(']') + 1);
  } else if (size_t colon = host.rfind(':'); colon != std::string_view::npos) {
    host = host.substr(0, colon);
  }
  return std::any_of(
      options_.allowed_hosts.begin(), options_.allowed_hosts.end(),
      [host](const std::string& allowed) { return EqualsIgnoreCase(host, allowed); });
}

size_t Service::BodyLimitFor(std::string_view path) const {
  bool ingestion = path.find("/ingest") != std::string_view::npos ||
                   path.substr(0, 21) == "/dataCollectionRules/";
  return ingestion ? options_.max_ingest_body_bytes : options_.max_request_body_bytes;
}

HttpResponse Service::Handle(const HttpRequest& request) {
  RequestIds ids;
  ids.client_request_id = std::string(request.Header("x-ms-client-request-id"));
  if (ids.client_request_id.empty()) ids.client_request_id = NewGuid();
  ids.activity_id = NewGuid();

  HttpResponse response;
  if (!HostAllowed(request.Header("Host"))) {
    std::string host(request.Header("Host"));
    return ErrorFor(FamilyForPath(request.path), 403,
                    InvalidArgument("the Host '" + host +
                                    "' is not one this server answers to (start huntbook "
                                    "serve with --allowed-host " +
                                    host.substr(0, host.rfind(':')) + " to allow it)"),
                    ids);
  }
  RouteMatch match = router_.Match(request.method, request.path);
  ApiFamily family = match.route ? match.route->family : FamilyForPath(request.path);
  if (match.route == nullptr) {
    if (match.method_not_allowed) {
      response = ErrorFor(
          family, 405,
          InvalidArgument("method " + request.method + " is not allowed on " + request.path), ids);
    } else {
      response = ErrorFor(family, 404, NotFound("no API at path '" + request.path + "'"), ids,
                          family == ApiFamily::kLogAnalytics ? "PathNotFoundError" : "");
    }
  } else {
    const Route& route = *match.route;
    Principal principal{"anonymous", "anonymous", true};
    bool allowed = true;
    if (route.action != Action::kPublic) {
      Result<Principal> who = authenticator_->Authenticate(request);
      if (!who.ok()) {
        response = ErrorFor(family, 401, who.status(), ids);
        response.SetHeader("WWW-Authenticate", "Bearer");
        allowed = false;
      } else {
        principal = *who;
        // Denials name only what the URL named, so "forbidden" and "does not exist" read
        // the same.
        std::string denied;
        if (!route.workspace_capture.empty()) {
          std::string& workspace = match.captures[route.workspace_capture];
          std::string as_named = workspace;
          workspace = CanonicalWorkspace(as_named);
          if (!Authorize(principal, route.action, workspace)) {
            denied = " on workspace '" + as_named + "'";
          }
        } else if (!route.resource_group_capture.empty()) {
          const std::string& group = match.captures[route.resource_group_capture];
          if (!AuthorizeInResourceGroup(principal, route.action, group)) {
            denied = " in resource group '" + group + "'";
          }
        } else if (IsServerScoped(route.action) && !Authorize(principal, route.action, "")) {
          denied = " on this server";
        }
        if (!denied.empty()) {
          response = ErrorFor(family, 403,
                              InvalidArgument("the caller may not " +
                                              std::string(ActionName(route.action)) + denied),
                              ids);
          allowed = false;
        }
      }
    }
    if (allowed) {
      RouteContext context{request, route, std::move(match.captures), std::move(principal),
                           ids,     *this};
      response = route.handler(context);
    }
  }
  response.SetHeader("x-ms-client-request-id", ids.client_request_id);
  response.SetHeader("x-ms-activity-id", ids.activity_id);
  metrics_.RecordRequest(response.status);
  return response;
}

void AccountQuery(RouteContext& context, const QueryAccounting& accounting) {
  Service& service = context.service;
  service.metrics().RecordQuery(accounting.api, accounting.http_status >= 400,
                                accounting.duration_ms);
  QueryAudit* audit = service.audit();
  if (audit == nullptr || !service.WorkspaceExists(accounting.workspace)) return;
  QueryAuditRecord record;
  record.workspace = accounting.workspace;
  record.time_ticks = NowTicks();
  record.correlation_id = context.ids.client_request_id;
  record.user = context.principal.display_name;
  record.user_id = context.principal.id;
  record.query_text = accounting.text;
  if (accounting.time_range) {
    record.range_start = accounting.time_range->start;
    record.range_end = accounting.time_range->end;
  }
  std::string_view app = context.request.Header("x-ms-app");
  if (app.empty()) app = context.request.Header("User-Agent");
  record.client_app = std::string(app);
  record.target = context.request.path;
  record.response_code = accounting.http_status;
  record.duration_ms = static_cast<double>(accounting.duration_ms);
  record.row_count = accounting.rows;
  audit->Record(std::move(record));
}

}  // namespace huntbook::server
