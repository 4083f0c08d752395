// Log Analytics query response bodies
// (https://learn.microsoft.com/azure/azure-monitor/logs/api/response-format):
//   {"tables":[{"name":"PrimaryResult","columns":[{"name","type"}],"rows":[[..]]}],
//    "statistics":{..}, "render":{..}, "error":{..partial failure..}}
// statistics/render only when Prefer asks; "error" (code PartialError) only on a partial
// failure, with the rows still present (200).
#pragma once

#include <string>

#include "huntbook/server/error_response.h"
#include "huntbook/server/prefer_header.h"
#include "huntbook/server/query_executor.h"

namespace huntbook::server {

// REQUIRES: outcome.status.ok().
std::string FormatLogAnalyticsQuery(const QueryOutcome& outcome, const PreferOptions& prefer,
                                    const RequestIds& ids);

// GET .../metadata: {"tables":[{"name","columns":[{"name","type"}]}],"tableGroups":[],
// "functions":[],"workspaces":[{"id","name"}]} for the given schemas.
struct TableSchemaInfo {
  std::string name;
  std::vector<ColumnSchema> columns;
};
std::string FormatLogAnalyticsMetadata(const std::string& workspace,
                                       const std::vector<TableSchemaInfo>& tables);

}  // namespace huntbook::server
