// Error bodies in the two protocol families.
//
// Log Analytics (https://learn.microsoft.com/azure/azure-monitor/logs/api/errors):
//   {"error":{"code":"BadArgumentError","message":..,"correlationId":..,
//     "details":[{"code":..,"message":..}],
//     "innererror":{"code":"SyntaxError","message":..,"line":3,"pos":7}}}
// Data Explorer (https://learn.microsoft.com/kusto/api/rest/response):
//   {"error":{"code":"General_BadRequest","message":..,"@type":..,"@message":..,
//     "@context":{"timestamp","clientRequestId","activityId",..},"@permanent":true,
//     "innererror":{"code":"SYN0002","message":..,"@line":..,"@pos":..}}}
#pragma once

#include <string>
#include <string_view>

#include "huntbook/common/status.h"
#include "huntbook/server/http_message.h"

namespace huntbook::server {

// HTTP status for a failed query or command: 400 for user errors (syntax, semantic,
// invalid argument, not supported), 404 not found, 409 already exists, 429 resource
// exhausted, 504 cancelled (timeout), 500 otherwise.
int HttpStatusFor(const Status& status);

// Identifiers echoed in error contexts and response headers.
struct RequestIds {
  std::string client_request_id;  // x-ms-client-request-id (echoed or generated)
  std::string activity_id;        // x-ms-activity-id (new per request)
};

// A Log Analytics error response. `code` defaults from the HTTP status when empty.
HttpResponse LogAnalyticsError(int http_status, const Status& status, const RequestIds& ids,
                               std::string_view code = "");

// The {"error":{...}} object (no enclosing braces beyond it) used in Data Explorer error
// responses and inside OneApiErrors.
std::string DataExplorerErrorObject(int http_status, const Status& status, const RequestIds& ids,
                                    bool permanent, std::string_view code = "");

HttpResponse DataExplorerError(int http_status, const Status& status, const RequestIds& ids);

// A plain {"error":{"code":..,"message":..}} body (metrics, unknown paths).
HttpResponse PlainError(int http_status, std::string_view code, std::string_view message);

}  // namespace huntbook::server
