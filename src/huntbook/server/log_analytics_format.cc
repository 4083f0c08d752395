#include "huntbook/server/log_analytics_format.h"

#include <cstdio>

#include "huntbook/engine/result_format.h"
#include "huntbook/server/json_writer.h"
#include "huntbook/server/visualization_properties.h"

namespace huntbook::server {

std::string FormatLogAnalyticsQuery(const QueryOutcome& outcome, const PreferOptions& prefer,
                                    const RequestIds& ids) {
  // The tables part is the CLI's writer; extras are appended before the closing brace.
  std::string body = engine::FormatLogAnalyticsJson(outcome.result.table);
  body.pop_back();  // '}'
  if (prefer.include_statistics) {
    char seconds[32];
    std::snprintf(seconds, sizeof(seconds), "%.3f", outcome.duration_ms / 1000.0);
    JsonWriter json;
    json.BeginObject();
    json.Key("query");
    json.BeginObject();
    json.Key("executionTime");
    json.Raw(seconds);
    json.Key("datasetStatistics");
    json.BeginArray();
    json.BeginObject();
    json.MemberInt("tableRowCount", static_cast<int64_t>(outcome.result.table.rows));
    json.MemberInt("tableSize", static_cast<int64_t>(outcome.result_bytes));
    json.EndObject();
    json.EndArray();
    json.EndObject();
    json.EndObject();
    body += ",\"statistics\":" + json.text();
  }
  if (prefer.include_render && outcome.result.render) {
    body += ",\"render\":" + LogAnalyticsRenderJson(outcome.result.render);
  }
  if (outcome.partial) {
    JsonWriter json;
    json.BeginObject();
    json.Member("code", "PartialError");
    json.Member("message", "There were some errors when processing your query.");
    json.Member("correlationId", ids.activity_id);
    json.Key("details");
    json.BeginArray();
    json.BeginObject();
    json.Member("code", outcome.partial->code);
    json.Member("message", outcome.partial->message);
    json.EndObject();
    json.EndArray();
    json.EndObject();
    body += ",\"error\":" + json.text();
  }
  body += "}";
  return body;
}

std::string FormatLogAnalyticsMetadata(const std::string& workspace,
                                       const std::vector<TableSchemaInfo>& tables) {
  JsonWriter json;
  json.BeginObject();
  json.Key("tables");
  json.BeginArray();
  for (const TableSchemaInfo& table : tables) {
    json.BeginObject();
    json.Member("id", table.name);
    json.Member("name", table.name);
    json.Key("columns");
    json.BeginArray();
    for (const ColumnSchema& column : table.columns) {
      json.BeginObject();
      json.Member("name", column.name);
      json.Member("type", TypeName(column.type));
      json.EndObject();
    }
    json.EndArray();
    json.EndObject();
  }
  json.EndArray();
  json.Key("tableGroups");
  json.BeginArray();
  json.EndArray();
  json.Key("functions");
  json.BeginArray();
  json.EndArray();
  json.Key("workspaces");
  json.BeginArray();
  json.BeginObject();
  json.Member("id", workspace);
  json.Member("name", workspace);
  json.EndObject();
  json.EndArray();
  json.EndObject();
  return json.Take();
}

}  // namespace huntbook::server
