#include "huntbook/server/data_explorer_format.h"

#include <cstdio>

#include "huntbook/engine/result_format.h"
#include "huntbook/server/json_writer.h"
#include "huntbook/server/kusto_types.h"
#include "huntbook/server/request_ids.h"
#include "huntbook/server/visualization_properties.h"
#include "huntbook/types/datetime.h"

namespace huntbook::server {
namespace {

// Opens a "Rows" array and writes the rows into it; the caller closes it (a v2 frame may
// append an error object to the rows first).
void WriteRows(const Table& table, bool dynamic_as_text, JsonWriter* json) {
  json->BeginArray();
  for (size_t r = 0; r < table.rows; ++r) {
    json->BeforeValue();
    std::string* out = json->buffer();
    *out += '[';
    for (size_t c = 0; c < table.columns.size(); ++c) {
      if (c > 0) *out += ',';
      const Column& column = *table.columns[c];
      engine::AppendJsonCell(column, At(column, r), dynamic_as_text, out);
    }
    *out += ']';
  }
}

void WriteV2Columns(const Table& table, JsonWriter* json) {
  json->Key("Columns");
  json->BeginArray();
  for (const ColumnSchema& column : table.schema) {
    json->BeginObject();
    json->Member("ColumnName", column.name);
    json->Member("ColumnType", TypeName(column.type));
    json->EndObject();
  }
  json->EndArray();
}

void WriteV1Columns(const Table& table, JsonWriter* json) {
  json->Key("Columns");
  json->BeginArray();
  for (const ColumnSchema& column : table.schema) {
    json->BeginObject();
    json->Member("ColumnName", column.name);
    json->Member("DataType", DotNetTypeName(column.type));
    json->Member("ColumnType", TypeName(column.type));
    json->EndObject();
  }
  json->EndArray();
}

// Rows of pre-encoded JSON values (the fixed-schema metadata tables).
struct LiteralTable {
  std::vector<std::vector<std::string>> rows;
};

void WriteLiteralRows(const LiteralTable& table, JsonWriter* json) {
  json->Key("Rows");
  json->BeginArray();
  for (const auto& row : table.rows) {
    json->BeginArray();
    for (const std::string& cell : row) json->Raw(cell);
    json->EndArray();
  }
  json->EndArray();
}

std::string Quoted(std::string_view text) { return engine::JsonQuote(text); }

std::string OneApiErrors(const QueryOutcome& outcome, const RequestIds& ids) {
  Status status(StatusCode::kResourceExhausted, outcome.partial->message);
  return "[" +
         DataExplorerErrorObject(400, status, ids, /*permanent=*/false, outcome.partial->code) +
         "]";
}

}  // namespace

std::string ResourceConsumptionJson(const QueryOutcome& outcome) {
  char seconds[32];
  std::snprintf(seconds, sizeof(seconds), "%.3f", outcome.duration_ms / 1000.0);
  JsonWriter json;
  json.BeginObject();
  json.Key("ExecutionTime");
  json.Raw(seconds);
  json.Key("dataset_statistics");
  json.BeginArray();
  json.BeginObject();
  json.MemberInt("table_row_count", static_cast<int64_t>(outcome.result.table.rows));
  json.MemberInt("table_size", static_cast<int64_t>(outcome.result_bytes));
  json.EndObject();
  json.EndArray();
  json.EndObject();
  return json.Take();
}

std::string FormatDataExplorerV2(const QueryOutcome& outcome, const RequestIds& ids,
                                 bool defer_partial_failures) {
  const Table& table = outcome.result.table;
  JsonWriter json;
  json.BeginArray();

  json.BeginObject();
  json.Member("FrameType", "DataSetHeader");
  json.MemberBool("IsProgressive", false);
  json.Member("Version", "v2.0");
  json.EndObject();

  json.BeginObject();
  json.Member("FrameType", "DataTable");
  json.MemberInt("TableId", 0);
  json.Member("TableKind", "QueryProperties");
  json.Member("TableName", "@ExtendedProperties");
  json.Key("Columns");
  json.Raw(R"([{"ColumnName":"TableId","ColumnType":"int"},)"
           R"({"ColumnName":"Key","ColumnType":"string"},)"
           R"({"ColumnName":"Value","ColumnType":"dynamic"}])");
  json.Key("Rows");
  json.BeginArray();
  json.BeginArray();
  json.Int(1);
  json.String("Visualization");
  json.String(DataExplorerVisualizationJson(outcome.result.render));
  json.EndArray();
  json.EndArray();
  json.EndObject();

  json.BeginObject();
  json.Member("FrameType", "DataTable");
  json.MemberInt("TableId", 1);
  json.Member("TableKind", "PrimaryResult");
  json.Member("TableName", "PrimaryResult");
  WriteV2Columns(table, &json);
  json.Key("Rows");
  WriteRows(table, /*dynamic_as_text=*/false, &json);
  if (outcome.partial && !defer_partial_failures) {
    json.BeginObject();
    json.Key("OneApiErrors");
    json.Raw(OneApiErrors(outcome, ids));
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();

  std::string timestamp = Quoted(FormatDateTime(NowTicks()));
  std::string crid = Quoted(ids.client_request_id);
  std::string activity = Quoted(ids.activity_id);
  json.BeginObject();
  json.Member("FrameType", "DataTable");
  json.MemberInt("TableId", 2);
  json.Member("TableKind", "QueryCompletionInformation");
  json.Member("TableName", "QueryCompletionInformation");
  json.Key("Columns");
  json.Raw(R"([{"ColumnName":"Timestamp","ColumnType":"datetime"},)"
           R"({"ColumnName":"ClientRequestId","ColumnType":"string"},)"
           R"({"ColumnName":"ActivityId","ColumnType":"guid"},)"
           R"({"ColumnName":"SubActivityId","ColumnType":"guid"},)"
           R"({"ColumnName":"ParentActivityId","ColumnType":"guid"},)"
           R"({"ColumnName":"Level","ColumnType":"int"},)"
           R"({"ColumnName":"LevelName","ColumnType":"string"},)"
           R"({"ColumnName":"StatusCode","ColumnType":"int"},)"
           R"({"ColumnName":"StatusCodeName","ColumnType":"string"},)"
           R"({"ColumnName":"EventType","ColumnType":"int"},)"
           R"({"ColumnName":"EventTypeName","ColumnType":"string"},)"
           R"({"ColumnName":"Payload","ColumnType":"string"}])");
  LiteralTable completion;
  if (outcome.partial && defer_partial_failures) {
    // Deferred partial failures are reported here only (sample
    // query_partial_results_defer_is_true.json: Level 2 Error row, HasErrors false).
    std::string payload = "{\"Count\":1,\"Text\":" + Quoted(outcome.partial->message) + "}";
    completion.rows.push_back({timestamp, crid, activity, activity, activity, "2", Quoted("Error"),
                               "-2133196797",
                               Quoted("Query result set too large (E_QUERY_RESULT_SET_TOO_LARGE)."),
                               "1", Quoted("QueryLimitsExceeded"), Quoted(payload)});
  } else {
    std::string info_payload = "{\"Count\":1,\"Text\":\"Query completed successfully\"}";
    completion.rows.push_back({timestamp, crid, activity, activity, activity, "4", Quoted("Info"),
                               "0", Quoted("S_OK (0)"), "4", Quoted("QueryInfo"),
                               Quoted(info_payload)});
  }
  completion.rows.push_back({timestamp, crid, activity, activity, activity, "6", Quoted("Stats"),
                             "0", Quoted("S_OK (0)"), "0", Quoted("QueryResourceConsumption"),
                             Quoted(ResourceConsumptionJson(outcome))});
  WriteLiteralRows(completion, &json);
  json.EndObject();

  json.BeginObject();
  json.Member("FrameType", "DataSetCompletion");
  bool reported = outcome.partial.has_value() && !defer_partial_failures;
  json.MemberBool("HasErrors", reported);
  json.MemberBool("Cancelled", false);
  if (reported) {
    json.Key("OneApiErrors");
    json.Raw(OneApiErrors(outcome, ids));
  }
  json.EndObject();

  json.EndArray();
  return json.Take();
}

namespace {

// The v1 body's first table, `Table_0`: the result itself.
void WriteV1Table0(const Table& table, JsonWriter* json) {
  json->BeginObject();
  json->Member("TableName", "Table_0");
  WriteV1Columns(table, json);
  json->Key("Rows");
  WriteRows(table, /*dynamic_as_text=*/true, json);
  json->EndArray();
  json->EndObject();
}

}  // namespace

std::string FormatDataExplorerV1(const QueryOutcome& outcome, const RequestIds& ids) {
  const Table& table = outcome.result.table;
  JsonWriter json;
  json.BeginObject();
  json.Key("Tables");
  json.BeginArray();

  WriteV1Table0(table, &json);

  json.BeginObject();
  json.Member("TableName", "Table_1");
  json.Key("Columns");
  json.Raw(R"([{"ColumnName":"Value","DataType":"String","ColumnType":"string"}])");
  json.Key("Rows");
  json.BeginArray();
  json.BeginArray();
  json.String(DataExplorerVisualizationJson(outcome.result.render));
  json.EndArray();
  json.EndArray();
  json.EndObject();

  std::string timestamp = Quoted(FormatDateTime(NowTicks()));
  std::string activity = Quoted(ids.activity_id);
  std::string crid = Quoted(ids.client_request_id);
  json.BeginObject();
  json.Member("TableName", "Table_2");
  json.Key("Columns");
  json.Raw(R"([{"ColumnName":"Timestamp","DataType":"DateTime","ColumnType":"datetime"},)"
           R"({"ColumnName":"Severity","DataType":"Int32","ColumnType":"int"},)"
           R"({"ColumnName":"SeverityName","DataType":"String","ColumnType":"string"},)"
           R"({"ColumnName":"StatusCode","DataType":"Int32","ColumnType":"int"},)"
           R"({"ColumnName":"StatusDescription","DataType":"String","ColumnType":"string"},)"
           R"({"ColumnName":"Count","DataType":"Int32","ColumnType":"int"},)"
           R"({"ColumnName":"RequestId","DataType":"Guid","ColumnType":"guid"},)"
           R"({"ColumnName":"ActivityId","DataType":"Guid","ColumnType":"guid"},)"
           R"({"ColumnName":"SubActivityId","DataType":"Guid","ColumnType":"guid"},)"
           R"({"ColumnName":"ClientActivityId","DataType":"String","ColumnType":"string"}])");
  LiteralTable status;
  status.rows.push_back({timestamp, "4", Quoted("Info"), "0",
                         Quoted("Query completed successfully"), "1", activity, activity, activity,
                         crid});
  if (outcome.partial) {
    status.rows.push_back({timestamp, "2", Quoted("Error"), "-2133196797",
                           Quoted(outcome.partial->message), "1", activity, activity, activity,
                           crid});
  }
  status.rows.push_back({timestamp, "6", Quoted("Stats"), "0",
                         Quoted(ResourceConsumptionJson(outcome)), "1", activity, activity,
                         activity, crid});
  WriteLiteralRows(status, &json);
  json.EndObject();

  json.BeginObject();
  json.Member("TableName", "Table_3");
  json.Key("Columns");
  json.Raw(R"([{"ColumnName":"Ordinal","DataType":"Int64","ColumnType":"long"},)"
           R"({"ColumnName":"Kind","DataType":"String","ColumnType":"string"},)"
           R"({"ColumnName":"Name","DataType":"String","ColumnType":"string"},)"
           R"({"ColumnName":"Id","DataType":"String","ColumnType":"string"},)"
           R"({"ColumnName":"PrettyName","DataType":"String","ColumnType":"string"}])");
  LiteralTable toc;
  toc.rows.push_back(
      {"0", Quoted("QueryResult"), Quoted("PrimaryResult"), Quoted(NewGuid()), Quoted("")});
  toc.rows.push_back({"1", Quoted("QueryProperties"), Quoted("@ExtendedProperties"),
                      Quoted(NewGuid()), Quoted("")});
  toc.rows.push_back(
      {"2", Quoted("QueryStatus"), Quoted("QueryStatus"), Quoted(NewGuid()), Quoted("")});
  WriteLiteralRows(toc, &json);
  json.EndObject();

  json.EndArray();
  if (outcome.partial) {
    json.Key("Exceptions");
    json.BeginArray();
    json.String(outcome.partial->message);
    json.EndArray();
  }
  json.EndObject();
  return json.Take();
}

std::string FormatDataExplorerV1Command(const Table& table) {
  JsonWriter json;
  json.BeginObject();
  json.Key("Tables");
  json.BeginArray();
  WriteV1Table0(table, &json);
  json.EndArray();
  json.EndObject();
  return json.Take();
}

}  // namespace huntbook::server
