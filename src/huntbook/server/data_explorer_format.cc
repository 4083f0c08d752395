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

// Opens a "Rows" array and writes the rows into it; the caller closes it.
void WriteRows(const Table& table, bool dynamic_as_text, JsonWriter* json) {
  json->BeginArray();
  for (size_t r = 0; r < table.rows; ++r) {
    json->BeforeValue();
    AppendJsonRow(table, r, dynamic_as_text, json->buffer());
  }
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

std::string Quoted(std::string_view text) { return engine::JsonQuote(text); }

}  // namespace

void AppendJsonRow(const Table& table, size_t row, bool dynamic_as_text, std::string* out) {
  *out += '[';
  for (size_t c = 0; c < table.columns.size(); ++c) {
    if (c > 0) *out += ',';
    const Column& column = *table.columns[c];
    engine::AppendJsonCell(column, At(column, row), dynamic_as_text, out);
  }
  *out += ']';
}

void WriteLiteralRows(const std::vector<std::vector<std::string>>& rows, JsonWriter* json) {
  json->Key("Rows");
  json->BeginArray();
  for (const auto& row : rows) {
    json->BeginArray();
    for (const std::string& cell : row) json->Raw(cell);
    json->EndArray();
  }
  json->EndArray();
}

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
  std::vector<std::vector<std::string>> status;
  status.push_back({timestamp, "4", Quoted("Info"), "0", Quoted("Query completed successfully"),
                    "1", activity, activity, activity, crid});
  if (outcome.partial) {
    status.push_back({timestamp, "2", Quoted("Error"), "-2133196797",
                      Quoted(outcome.partial->message), "1", activity, activity, activity, crid});
  }
  status.push_back({timestamp, "6", Quoted("Stats"), "0", Quoted(ResourceConsumptionJson(outcome)),
                    "1", activity, activity, activity, crid});
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
  std::vector<std::vector<std::string>> toc;
  toc.push_back(
      {"0", Quoted("QueryResult"), Quoted("PrimaryResult"), Quoted(NewGuid()), Quoted("")});
  toc.push_back({"1", Quoted("QueryProperties"), Quoted("@ExtendedProperties"), Quoted(NewGuid()),
                 Quoted("")});
  toc.push_back({"2", Quoted("QueryStatus"), Quoted("QueryStatus"), Quoted(NewGuid()), Quoted("")});
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
