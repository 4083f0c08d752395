// Service: the HTTP API of one huntbook process, independent of sockets. It routes a
// request, authenticates and authorizes it against the route's declared Action, runs the
// handler and stamps the protocol headers (x-ms-client-request-id, x-ms-activity-id).
//
// Routes (registered by the *_api.cc files; each declares its Action):
//   Log Analytics   GET/POST /v1/workspaces/{workspace}/query, GET .../metadata,
//                   POST /v1/$batch
//   Data Explorer   GET/POST /v1/rest/query, /v2/rest/query, POST /v1/rest/mgmt,
//                   GET /v1/rest/auth/metadata
//   Ingestion       POST /v1/workspaces/{workspace}/tables/{table}/ingest,
//                   POST /dataCollectionRules/{dcr}/streams/{stream},
//                   POST /v1/rest/ingest/{database}/{table}
//   Operations      GET /metrics, GET /healthz
//   Catalog         workspaces and resource groups (workspace_api.cc), bookmarks
//                   (bookmark_api.cc), secrets (secret_api.cc), roles, role assignments and
//                   the caller's API tokens (access_api.cc); README.md lists them
//
// Thread safety: Handle may be called concurrently from any number of threads.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "huntbook/catalog/catalog.h"
#include "huntbook/engine/engine.h"
#include "huntbook/server/access_control.h"
#include "huntbook/server/error_response.h"
#include "huntbook/server/http_message.h"
#include "huntbook/server/metrics.h"
#include "huntbook/server/query_audit.h"
#include "huntbook/server/query_executor.h"
#include "huntbook/server/router.h"
#include "huntbook/server/workspace_directory.h"

namespace huntbook::server {

struct ServiceOptions {
  size_t max_ingest_body_bytes = 1 << 20;   // Logs Ingestion API: 1 MB per call
  size_t max_request_body_bytes = 4 << 20;  // queries, commands, $batch
  QueryLimits query_limits;
  AdmissionLimits admission;
  bool audit_queries = true;
  std::string default_workspace = "default";
  // Host names (without port, compared case-insensitively) a request's Host header may
  // name; empty = any. A loopback server allows only its own names, so that a web page
  // under another name (DNS rebinding) cannot reach it through the browser.
  std::vector<std::string> allowed_hosts;
};

class Service;

struct RouteContext {
  const HttpRequest& request;
  const Route& route;
  std::map<std::string, std::string> captures;
  Principal principal;
  RequestIds ids;
  Service& service;

  const std::string& Capture(const std::string& name) const;
};

class Service {
 public:
  // `catalog` (may be null; it must outlive the Service) backs the catalog routes; without
  // it they answer 501 naming the missing catalog.
  Service(engine::Engine& engine, ServiceOptions options,
          std::unique_ptr<Authenticator> authenticator, std::unique_ptr<Authorizer> authorizer,
          catalog::Catalog* catalog = nullptr);
  ~Service();

  HttpResponse Handle(const HttpRequest& request);

  // The body limit for a request to `path` (ingestion paths get the ingestion limit); the
  // socket layer answers 413 above it before reading the body.
  size_t BodyLimitFor(std::string_view path) const;
  // For QueryOptions::may_read_workspace: whether `principal` may query a workspace that a
  // query names through workspace("w") (tables are authorized from the parsed query).
  std::function<bool(std::string_view)> WorkspaceReadCheck(const Principal& principal) const;
  // True when the Host header names this server (ServiceOptions::allowed_hosts).
  bool HostAllowed(std::string_view host) const;

  const Router& router() const { return router_; }
  engine::Engine& engine() { return engine_; }
  QueryExecutor& executor() { return executor_; }
  Metrics& metrics() { return metrics_; }
  QueryAudit* audit() { return audit_.get(); }
  const ServiceOptions& options() const { return options_; }
  bool Authorize(const Principal& principal, Action action, std::string_view workspace) const;
  bool AuthorizeInResourceGroup(const Principal& principal, Action action,
                                std::string_view resource_group) const;
  // The workspace list shared by catalog and store; null without a catalog.
  WorkspaceDirectory* workspaces() { return workspaces_.get(); }
  // Store workspaces the principal may see (kReadMetadata), in store order.
  std::vector<std::string> VisibleWorkspaces(const Principal& principal) const;
  // Workspace names are case-insensitive everywhere (Log Analytics workspaces, Kusto
  // databases: https://learn.microsoft.com/kusto/query/schema-entities/entity-names), as in
  // the catalog. The store's spelling of `workspace` when a store workspace has that name
  // ignoring case, else `workspace` as given. Handle applies it to a route's workspace
  // capture before authorization and the handler see it.
  std::string CanonicalWorkspace(std::string_view workspace) const;
  // Whether the workspace exists in the store (ignoring case).
  bool WorkspaceExists(std::string_view workspace) const;
  // Maps a Data Explorer database name to a workspace ("" / NetDefaultDB -> default), in
  // the store's spelling.
  std::string WorkspaceForDatabase(std::string_view database) const;
  // Requests answered from memory without the engine (GET /healthz, GET /metrics): the
  // socket layer runs them on a thread of their own (HttpServerOptions::priority), so
  // probes are answered while every worker runs a long query.
  static bool IsOperationsRequest(const HttpRequest& request);

  // Writes queued audit records and stops background work (idempotent).
  void Stop();

 private:
  engine::Engine& engine_;
  ServiceOptions options_;
  std::unique_ptr<Authenticator> authenticator_;
  std::unique_ptr<Authorizer> authorizer_;
  Router router_;
  QueryExecutor executor_;
  Metrics metrics_;
  std::unique_ptr<QueryAudit> audit_;
  std::unique_ptr<WorkspaceDirectory> workspaces_;
};

// Route registration, one function per API family (log_analytics_api.cc, ...).
void AddLogAnalyticsRoutes(Router* router);
void AddDataExplorerRoutes(Router* router);
void AddIngestionRoutes(Router* router);
void AddOperationsRoutes(Router* router);
void AddWorkspaceRoutes(Router* router);
void AddBookmarkRoutes(Router* router);
void AddSecretRoutes(Router* router);
void AddAccessRoutes(Router* router);
void AddSessionRoutes(Router* router);
// Every route family above, in registration order (what the Service serves).
void AddAllRoutes(Router* router);

// Audits one query and records its metrics (shared by the query APIs).
struct QueryAccounting {
  std::string api;  // metrics label
  std::string workspace;
  std::string text;
  std::optional<engine::QueryOptions::TimeRange> time_range;
  int http_status = 200;
  int64_t duration_ms = 0;
  int64_t rows = 0;
};
void AccountQuery(RouteContext& context, const QueryAccounting& accounting);

}  // namespace huntbook::server
