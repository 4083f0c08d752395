// Data Explorer REST routes (https://learn.microsoft.com/kusto/api/rest/request,
// PROTOCOLS.md §3-5). Workspaces appear as databases.
#include "huntbook/server/data_explorer_format.h"
#include "huntbook/server/data_explorer_request.h"
#include "huntbook/server/data_explorer_stream.h"
#include "huntbook/server/management_commands.h"
#include "huntbook/server/query_parameters.h"
#include "huntbook/server/service.h"

namespace huntbook::server {
namespace {

std::string_view TrimLeft(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r' ||
                           text.front() == '\n')) {
    text.remove_prefix(1);
  }
  return text;
}

bool ReadOnlyHeader(const HttpRequest& request) {
  std::string_view value = request.Header("x-ms-readonly");
  return !value.empty() && !EqualsIgnoreCase(value, "false");
}

HttpResponse RunQuery(RouteContext& context, bool v2) {
  const RequestIds& ids = context.ids;
  Result<DataExplorerRequest> parsed = ParseDataExplorerRequest(context.request);
  if (!parsed.ok()) return DataExplorerError(HttpStatusFor(parsed.status()), parsed.status(), ids);
  DataExplorerRequest& request = *parsed;
  if (TrimLeft(request.csl).substr(0, 1) == ".") {
    return DataExplorerError(
        400, InvalidArgument("management commands go to /v1/rest/mgmt, not the query endpoint"),
        ids);
  }
  Service& service = context.service;
  std::string workspace = service.WorkspaceForDatabase(request.database);
  if (!service.Authorize(context.principal, Action::kQuery, workspace)) {
    return DataExplorerError(
        403, InvalidArgument("the caller may not query database '" + workspace + "'"), ids);
  }
  if (!service.WorkspaceExists(workspace)) {
    return DataExplorerError(404, NotFound("database '" + workspace + "' not found"), ids);
  }
  QueryRequest query;
  query.text = request.csl;
  query.options.workspace = workspace;
  query.options.may_read_workspace = service.WorkspaceReadCheck(context.principal);
  query.options.now_ticks = request.query_now_ticks;
  query.options.time_range = request.datetime_scope;
  query.truncation = request.truncation;
  query.timeout = request.timeout;
  query.user = context.principal.id;
  Result<std::map<std::string, Value, std::less<>>> parameters =
      BindQueryParameters(request.csl, request.parameters);
  if (!parameters.ok()) return DataExplorerError(400, parameters.status(), ids);
  query.options.parameters = std::move(parameters).value();

  QueryOutcome outcome = service.executor().Run(query);
  QueryAccounting accounting;
  accounting.api = v2 ? "data_explorer_v2" : "data_explorer_v1";
  accounting.workspace = workspace;
  accounting.text = request.csl;
  accounting.time_range = query.options.time_range;
  accounting.duration_ms = outcome.duration_ms;
  HttpResponse response;
  if (!outcome.status.ok()) {
    int status = outcome.throttled ? 429 : HttpStatusFor(outcome.status);
    if (outcome.timed_out) status = 504;
    response = DataExplorerError(status, outcome.status, ids);
    if (status == 429) response.SetHeader("Retry-After", "10");
  } else if (v2) {
    // Streamed after the status line; a deadline passing meanwhile ends the rows there.
    accounting.rows = static_cast<int64_t>(outcome.result.table.rows);
    DataExplorerV2Options options;
    options.defer_partial_failures = request.defer_partial_failures;
    options.progressive = request.progressive;
    options.deadline = outcome.deadline;
    response.stream = std::make_shared<DataExplorerV2Stream>(
        std::make_shared<const QueryOutcome>(std::move(outcome)), ids, options);
  } else {
    response.body = FormatDataExplorerV1(outcome, ids);
    accounting.rows = static_cast<int64_t>(outcome.result.table.rows);
  }
  accounting.http_status = response.status;
  AccountQuery(context, accounting);
  return response;
}

HttpResponse HandleQueryV1(RouteContext& context) { return RunQuery(context, /*v2=*/false); }
HttpResponse HandleQueryV2(RouteContext& context) { return RunQuery(context, /*v2=*/true); }

HttpResponse HandleManagement(RouteContext& context) {
  const RequestIds& ids = context.ids;
  Result<DataExplorerRequest> parsed = ParseDataExplorerRequest(context.request);
  if (!parsed.ok()) return DataExplorerError(HttpStatusFor(parsed.status()), parsed.status(), ids);
  std::string_view command = TrimLeft(parsed->csl);
  if (command.substr(0, 1) != ".") {
    return DataExplorerError(
        400, InvalidArgument("queries go to /v2/rest/query; /v1/rest/mgmt runs '.' commands"), ids);
  }
  Service& service = context.service;
  std::string workspace = service.WorkspaceForDatabase(parsed->database);
  Action action = ManagementCommandAction(command);
  if (!service.Authorize(context.principal, action, workspace)) {
    return DataExplorerError(
        403, InvalidArgument("the caller may not run this command on database '" + workspace + "'"),
        ids);
  }
  if (IsWriteCommand(command) && (parsed->read_only || ReadOnlyHeader(context.request))) {
    return DataExplorerError(
        403, InvalidArgument("the request is read-only (request_readonly / x-ms-readonly)"), ids);
  }
  if (action != Action::kReadMetadata && !service.WorkspaceExists(workspace)) {
    return DataExplorerError(404, NotFound("database '" + workspace + "' not found"), ids);
  }
  CommandScope scope{&service.engine().store(), workspace,
                     service.VisibleWorkspaces(context.principal)};
  Result<Table> result = ExecuteManagementCommand(command, scope);
  if (!result.ok()) return DataExplorerError(HttpStatusFor(result.status()), result.status(), ids);
  if (action == Action::kIngest) {
    service.metrics().RecordIngest(workspace, static_cast<int64_t>(result->rows), false);
  }
  HttpResponse response;
  response.body = FormatDataExplorerV1Command(*result);
  return response;
}

// No identity provider is configured: {"AzureAD":null} tells SDKs to use their defaults
// (PROTOCOLS.md §4; the Node SDK requires 200 or 404 here before its first request).
HttpResponse HandleAuthMetadata(RouteContext&) {
  HttpResponse response;
  response.body = R"({"AzureAD":null})";
  return response;
}

}  // namespace

void AddDataExplorerRoutes(Router* router) {
  // The database comes from the body; handlers authorize against it.
  router->Add({{"GET", "POST"},
               "/v1/rest/query",
               Action::kQuery,
               ApiFamily::kDataExplorer,
               "",
               HandleQueryV1});
  router->Add({{"GET", "POST"},
               "/v2/rest/query",
               Action::kQuery,
               ApiFamily::kDataExplorer,
               "",
               HandleQueryV2});
  router->Add({{"GET", "POST"},
               "/v1/rest/mgmt",
               Action::kManageTables,
               ApiFamily::kDataExplorer,
               "",
               HandleManagement});
  router->Add({{"GET"},
               "/v1/rest/auth/metadata",
               Action::kPublic,
               ApiFamily::kDataExplorer,
               "",
               HandleAuthMetadata});
}

}  // namespace huntbook::server
