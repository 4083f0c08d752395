// Ingestion routes. A request is all or nothing: the body is parsed and type-checked in
// full before one Store::Append, which returns only once the rows are durable (WAL
// fdatasync), so a 2xx means the rows survive a crash and an error means none were kept.
//   POST /v1/workspaces/{workspace}/tables/{table}/ingest[?format=json|jsonl|csv]
//        JSON array, JSON Lines or CSV with a header row -> 200 {"rows":N}
//   POST /dataCollectionRules/{dcr}/streams/{stream}?api-version=2023-01-01
//        the Logs Ingestion API
//        (https://learn.microsoft.com/azure/azure-monitor/logs/logs-ingestion-api-overview): a JSON
//        array; stream "Custom-<Table>" appends to <Table> of workspace {dcr} (huntbook names data
//        collection rules after workspaces) -> 204, no body
//   POST /v1/rest/ingest/{database}/{table}?streamFormat=Csv|Json|MultiJson
//        Data Explorer streaming ingestion: CSV without a header (columns by position
//        of the existing table) or JSON -> 200 v1 table with the row count
// Compressed bodies (Content-Encoding) are refused with 415. A full disk answers 507 with
// Retry-After (nothing of the call is kept; ingestion resumes once space is freed, without a
// restart); another storage failure answers 503.
#include "huntbook/ingest/reader.h"
#include "huntbook/server/data_explorer_format.h"
#include "huntbook/server/json_writer.h"
#include "huntbook/server/service.h"
#include "huntbook/storage/file_system.h"
#include "huntbook/storage/store.h"

namespace huntbook::server {
namespace {

struct IngestTarget {
  std::string workspace;
  std::string table;
  ingest::Format format = ingest::Format::kJson;
  bool csv_has_header = true;
};

std::string CsvQuote(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Parses and appends the body; returns the number of rows stored.
Result<int64_t> IngestBody(Service& service, const IngestTarget& target, std::string_view body) {
  if (!service.WorkspaceExists(target.workspace)) {
    return NotFound("workspace '" + target.workspace + "' not found");
  }
  storage::Store& store = service.engine().store();
  std::vector<ColumnSchema> schema;
  Result<storage::TableSnapshot> snapshot = store.Snapshot(target.workspace, target.table);
  if (snapshot.ok()) schema = snapshot->schema;
  std::string with_header;
  if (target.format == ingest::Format::kCsv && !target.csv_has_header) {
    if (schema.empty()) {
      return InvalidArgument("CSV without a header needs an existing table '" + target.table +
                             "' (create it with .create table)");
    }
    for (size_t c = 0; c < schema.size(); ++c) {
      if (c > 0) with_header += ',';
      with_header += CsvQuote(schema[c].name);
    }
    with_header += '\n';
    with_header += body;
    body = with_header;
  }
  std::string source =
      target.format == ingest::Format::kCsv ? "request body (csv)" : "request body (json)";
  ASSIGN_OR_RETURN(Table rows, ingest::ReadBuffer(body, target.format, source, schema));
  if (rows.rows == 0) return 0;
  RETURN_IF_ERROR(store.Append(target.workspace, target.table, rows));
  return static_cast<int64_t>(rows.rows);
}

Result<ingest::Format> FormatFromName(std::string_view name, std::string_view content_type) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.empty()) {
    return content_type.find("csv") != std::string_view::npos ? ingest::Format::kCsv
                                                              : ingest::Format::kJson;
  }
  if (lower == "csv") return ingest::Format::kCsv;
  if (lower == "json" || lower == "jsonl" || lower == "multijson" || lower == "ndjson") {
    return ingest::Format::kJson;
  }
  return NotSupported("ingestion format '" + std::string(name) + "'");
}

Status CheckEncoding(const HttpRequest& request) {
  std::string_view encoding = request.Header("Content-Encoding");
  if (!encoding.empty() && !EqualsIgnoreCase(encoding, "identity")) {
    return NotSupported("Content-Encoding '" + std::string(encoding) + "'");
  }
  return Status::OK();
}

int IngestErrorStatus(const Status& status) {
  if (status.code() == StatusCode::kNotSupported) return 415;
  if (storage::IsDiskFull(status)) return 507;
  if (status.code() == StatusCode::kIoError) return 503;
  return HttpStatusFor(status);
}

// A full disk (507) or an unavailable store (503) is temporary: clients may retry.
HttpResponse WithRetryAfter(HttpResponse response) {
  if (response.status == 507 || response.status == 503) response.SetHeader("Retry-After", "5");
  return response;
}

HttpResponse HandleWorkspaceIngest(RouteContext& context) {
  IngestTarget target;
  target.workspace = context.Capture("workspace");
  target.table = context.Capture("table");
  Status status = CheckEncoding(context.request);
  Result<ingest::Format> format = FormatFromName(context.request.QueryParameter("format"),
                                                 context.request.Header("Content-Type"));
  if (status.ok() && !format.ok()) status = format.status();
  if (status.ok()) {
    target.format = *format;
    Result<int64_t> rows = IngestBody(context.service, target, context.request.body);
    context.service.metrics().RecordIngest(target.workspace, rows.ok() ? *rows : 0, !rows.ok());
    if (rows.ok()) {
      JsonWriter json;
      json.BeginObject();
      json.Member("workspace", target.workspace);
      json.Member("table", target.table);
      json.MemberInt("rows", *rows);
      json.EndObject();
      HttpResponse response;
      response.body = json.Take();
      return response;
    }
    status = rows.status();
  }
  return WithRetryAfter(LogAnalyticsError(IngestErrorStatus(status), status, context.ids));
}

HttpResponse HandleLogsIngestion(RouteContext& context) {
  IngestTarget target;
  target.workspace = context.Capture("dcr");
  std::string stream = context.Capture("stream");
  constexpr std::string_view kCustom = "Custom-";
  target.table =
      stream.substr(0, kCustom.size()) == kCustom ? stream.substr(kCustom.size()) : stream;
  Status status = CheckEncoding(context.request);
  std::string_view body = context.request.body;
  size_t first = body.find_first_not_of(" \t\r\n");
  if (status.ok() && (first == std::string_view::npos || body[first] != '[')) {
    status = InvalidArgument("the Logs Ingestion API takes a JSON array of objects");
  }
  if (status.ok()) {
    Result<int64_t> rows = IngestBody(context.service, target, body);
    context.service.metrics().RecordIngest(target.workspace, rows.ok() ? *rows : 0, !rows.ok());
    if (rows.ok()) {
      HttpResponse response;
      response.status = 204;
      response.content_type.clear();
      return response;
    }
    status = rows.status();
  }
  return WithRetryAfter(LogAnalyticsError(IngestErrorStatus(status), status, context.ids));
}

HttpResponse HandleStreamingIngest(RouteContext& context) {
  IngestTarget target;
  target.workspace = context.service.WorkspaceForDatabase(context.Capture("database"));
  target.table = context.Capture("table");
  target.csv_has_header = false;
  if (!context.service.Authorize(context.principal, Action::kIngest, target.workspace)) {
    return DataExplorerError(
        403, InvalidArgument("the caller may not ingest into '" + target.workspace + "'"),
        context.ids);
  }
  Status status = CheckEncoding(context.request);
  if (status.ok() && !context.request.QueryParameter("mappingName").empty()) {
    status = NotSupported("ingestion mappings (mappingName)");
  }
  std::string_view format_name = context.request.QueryParameter("streamFormat");
  Result<ingest::Format> format = FormatFromName(format_name.empty() ? "csv" : format_name, "");
  if (status.ok() && !format.ok()) status = format.status();
  if (status.ok()) {
    target.format = *format;
    Result<int64_t> rows = IngestBody(context.service, target, context.request.body);
    context.service.metrics().RecordIngest(target.workspace, rows.ok() ? *rows : 0, !rows.ok());
    if (rows.ok()) {
      auto count = std::make_shared<Column>(TypeKind::kLong);
      count->AppendInt(*rows);
      Table table;
      table.schema = {{"ConsumedRecordsCount", TypeKind::kLong}};
      table.columns = {count};
      table.rows = 1;
      HttpResponse response;
      response.body = FormatDataExplorerV1Command(table);
      return response;
    }
    status = rows.status();
  }
  return WithRetryAfter(DataExplorerError(IngestErrorStatus(status), status, context.ids));
}

}  // namespace

void AddIngestionRoutes(Router* router) {
  router->Add({{"POST"},
               "/v1/workspaces/{workspace}/tables/{table}/ingest",
               Action::kIngest,
               ApiFamily::kLogAnalytics,
               "workspace",
               HandleWorkspaceIngest});
  router->Add({{"POST"},
               "/dataCollectionRules/{dcr}/streams/{stream}",
               Action::kIngest,
               ApiFamily::kLogAnalytics,
               "dcr",
               HandleLogsIngestion});
  router->Add({{"POST"},
               "/v1/rest/ingest/{database}/{table}",
               Action::kIngest,
               ApiFamily::kDataExplorer,
               "",
               HandleStreamingIngest});
}

}  // namespace huntbook::server
