// Log Analytics query API routes
// (https://learn.microsoft.com/rest/api/loganalytics/dataaccess/query/execute,
//  https://learn.microsoft.com/azure/azure-monitor/logs/api/batch-queries).
#include <chrono>

#include "huntbook/server/data_explorer_format.h"
#include "huntbook/server/iso8601_timespan.h"
#include "huntbook/server/json_writer.h"
#include "huntbook/server/log_analytics_format.h"
#include "huntbook/server/prefer_header.h"
#include "huntbook/server/request_ids.h"
#include "huntbook/server/service.h"
#include "huntbook/storage/store.h"

namespace huntbook::server {
namespace {

struct LogAnalyticsQuery {
  std::string workspace;
  std::string text;
  std::string timespan;
  std::vector<std::string> workspaces;  // the body's "workspaces"
  PreferOptions prefer;
};

HttpResponse RunQuery(RouteContext& context, const LogAnalyticsQuery& query) {
  const RequestIds& ids = context.ids;
  Service& service = context.service;
  if (!service.WorkspaceExists(query.workspace)) {
    return LogAnalyticsError(404, NotFound("workspace '" + query.workspace + "' not found"), ids,
                             "WorkspaceNotFoundError");
  }
  for (const std::string& other : query.workspaces) {
    if (!EqualsIgnoreCase(other, query.workspace)) {
      return LogAnalyticsError(
          400, NotSupported("cross-workspace query (workspaces: '" + other + "')"), ids);
    }
  }
  if (query.text.empty()) {
    return LogAnalyticsError(400, InvalidArgument("the request has no 'query'"), ids);
  }
  QueryRequest request;
  request.text = query.text;
  request.options.workspace = query.workspace;
  request.options.may_read_workspace = service.WorkspaceReadCheck(context.principal);
  request.user = context.principal.id;
  if (query.prefer.wait_seconds) {
    request.timeout = std::chrono::seconds(*query.prefer.wait_seconds);
  }
  if (!query.timespan.empty()) {
    Result<engine::QueryOptions::TimeRange> range =
        ParseTimespanParameter(query.timespan, NowTicks());
    if (!range.ok()) return LogAnalyticsError(400, range.status(), ids);
    request.options.time_range = *range;
  }
  QueryOutcome outcome = service.executor().Run(request);
  QueryAccounting accounting;
  accounting.api = "log_analytics";
  accounting.workspace = query.workspace;
  accounting.text = query.text;
  accounting.time_range = request.options.time_range;
  accounting.duration_ms = outcome.duration_ms;
  HttpResponse response;
  if (!outcome.status.ok()) {
    int status = outcome.throttled ? 429 : HttpStatusFor(outcome.status);
    if (outcome.timed_out) status = 504;
    response = LogAnalyticsError(status, outcome.status, ids);
    if (status == 429) response.SetHeader("Retry-After", "10");
  } else {
    response.body = query.prefer.response_thinning
                        ? FormatLogAnalyticsQuery(outcome, query.prefer, ids)
                        : FormatDataExplorerV1(outcome, ids);
    accounting.rows = static_cast<int64_t>(outcome.result.table.rows);
  }
  accounting.http_status = response.status;
  AccountQuery(context, accounting);
  return response;
}

// Fills query/timespan/workspaces from a JSON body; InvalidArgument when malformed.
Status ReadQueryBody(std::string_view body, LogAnalyticsQuery* query) {
  Result<Dynamic> json = Dynamic::Parse(body);
  if (!json.ok())
    return InvalidArgument("request body is not valid JSON: " + json.status().message());
  if (!json->is_object()) return InvalidArgument("request body must be a JSON object");
  Dynamic text = json->Get("query");
  if (text.kind() == Dynamic::Kind::kString) query->text = text.string_value();
  Dynamic timespan = json->Get("timespan");
  if (timespan.kind() == Dynamic::Kind::kString) query->timespan = timespan.string_value();
  Dynamic workspaces = json->Get("workspaces");
  if (workspaces.is_array()) {
    for (const Dynamic& item : workspaces.array()) {
      if (item.kind() == Dynamic::Kind::kString) query->workspaces.push_back(item.string_value());
    }
  }
  return Status::OK();
}

HttpResponse HandleQuery(RouteContext& context) {
  const HttpRequest& request = context.request;
  LogAnalyticsQuery query;
  query.workspace = context.Capture("workspace");
  query.prefer = ParsePreferHeader(request.Header("Prefer"));
  if (request.method == "GET") {
    query.text = std::string(request.QueryParameter("query"));
    query.timespan = std::string(request.QueryParameter("timespan"));
  } else {
    Status status = ReadQueryBody(request.body, &query);
    if (!status.ok()) return LogAnalyticsError(400, status, context.ids);
    if (query.timespan.empty()) query.timespan = std::string(request.QueryParameter("timespan"));
  }
  return RunQuery(context, query);
}

HttpResponse HandleMetadata(RouteContext& context) {
  std::string workspace = context.Capture("workspace");
  if (!context.service.WorkspaceExists(workspace)) {
    return LogAnalyticsError(404, NotFound("workspace '" + workspace + "' not found"), context.ids,
                             "WorkspaceNotFoundError");
  }
  storage::Store& store = context.service.engine().store();
  std::vector<TableSchemaInfo> tables;
  for (const std::string& name : store.ListTables(workspace)) {
    Result<storage::TableSnapshot> snapshot = store.Snapshot(workspace, name);
    if (!snapshot.ok()) continue;
    tables.push_back({name, snapshot->schema});
  }
  HttpResponse response;
  response.body = FormatLogAnalyticsMetadata(workspace, tables);
  return response;
}

// One $batch item's workspace: "workspace", else the path "/workspaces/{ws}/query".
std::string BatchWorkspace(const Dynamic& item) {
  Dynamic workspace = item.Get("workspace");
  if (workspace.kind() == Dynamic::Kind::kString) return workspace.string_value();
  Dynamic path = item.Get("path");
  if (path.kind() == Dynamic::Kind::kString) {
    std::string_view text = path.string_value();
    constexpr std::string_view kPrefix = "/workspaces/";
    if (text.substr(0, kPrefix.size()) == kPrefix) {
      text.remove_prefix(kPrefix.size());
      return std::string(text.substr(0, text.find('/')));
    }
  }
  return "";
}

HttpResponse HandleBatch(RouteContext& context) {
  Result<Dynamic> json = Dynamic::Parse(context.request.body);
  if (!json.ok() || !json->Get("requests").is_array()) {
    return LogAnalyticsError(400, InvalidArgument("$batch body must be {\"requests\":[...]}"),
                             context.ids);
  }
  JsonWriter out;
  out.BeginObject();
  out.Key("responses");
  out.BeginArray();
  for (const Dynamic& item : json->Get("requests").array()) {
    LogAnalyticsQuery query;
    query.workspace = context.service.CanonicalWorkspace(BatchWorkspace(item));
    Dynamic headers = item.Get("headers");
    if (headers.is_object()) {
      for (const auto& [name, value] : headers.object()) {
        if (EqualsIgnoreCase(name, "Prefer") && value.kind() == Dynamic::Kind::kString) {
          query.prefer = ParsePreferHeader(value.string_value());
        }
      }
    }
    Dynamic body = item.Get("body");
    Status status = body.is_object() ? ReadQueryBody(body.ToJson(), &query)
                                     : InvalidArgument("batch item has no body");
    HttpResponse response;
    if (!status.ok()) {
      response = LogAnalyticsError(400, status, context.ids);
    } else if (!context.service.Authorize(context.principal, Action::kQuery, query.workspace)) {
      response = LogAnalyticsError(
          403, InvalidArgument("the caller may not query workspace '" + query.workspace + "'"),
          context.ids);
    } else {
      response = RunQuery(context, query);
    }
    out.BeginObject();
    Dynamic id = item.Get("id");
    out.Member("id", id.kind() == Dynamic::Kind::kString ? id.string_value() : id.ToJson());
    out.MemberInt("status", response.status);
    out.Key("headers");
    out.BeginObject();
    for (const auto& [name, value] : response.headers) out.Member(name, value);
    out.EndObject();
    out.Key("body");
    out.Raw(response.body);
    out.EndObject();
  }
  out.EndArray();
  out.EndObject();
  HttpResponse response;
  response.body = out.Take();
  return response;
}

}  // namespace

void AddLogAnalyticsRoutes(Router* router) {
  router->Add({{"GET", "POST"},
               "/v1/workspaces/{workspace}/query",
               Action::kQuery,
               ApiFamily::kLogAnalytics,
               "workspace",
               HandleQuery});
  router->Add({{"GET"},
               "/v1/workspaces/{workspace}/metadata",
               Action::kReadMetadata,
               ApiFamily::kLogAnalytics,
               "workspace",
               HandleMetadata});
  // $batch items name their own workspaces; each is authorized inside the handler.
  router->Add({{"POST"}, "/v1/$batch", Action::kQuery, ApiFamily::kLogAnalytics, "", HandleBatch});
}

}  // namespace huntbook::server
