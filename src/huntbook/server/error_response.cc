#include "huntbook/server/error_response.h"

#include "huntbook/server/json_writer.h"
#include "huntbook/server/request_ids.h"
#include "huntbook/types/datetime.h"

namespace huntbook::server {
namespace {

std::string_view LogAnalyticsCodeFor(int http_status) {
  switch (http_status) {
    case 400:
      return "BadArgumentError";
    case 401:
      return "AuthenticationFailed";
    case 403:
      return "InsufficientAccessError";
    case 404:
      return "PathNotFoundError";
    case 405:
      return "MethodNotAllowed";
    case 409:
      return "ConflictError";
    case 413:
      return "PayloadTooLarge";
    case 429:
      return "ThrottledError";
    case 503:
      return "ServiceUnavailableError";
    case 504:
      return "GatewayTimeout";
    case 507:
      return "InsufficientStorage";
    default:
      return "InternalServerError";
  }
}

std::string_view DataExplorerCodeFor(int http_status) {
  switch (http_status) {
    case 400:
      return "General_BadRequest";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "NotFound";
    case 405:
      return "MethodNotAllowed";
    case 409:
      return "Conflict";
    case 413:
      return "PayloadTooLarge";
    case 429:
      return "TooManyRequests";
    case 503:
      return "ServiceUnavailable";
    case 504:
      return "Request_ExecutionTimeout";
    default:
      return "General_InternalServerError";
  }
}

std::string_view DataExplorerTypeFor(const Status& status, int http_status) {
  switch (status.code()) {
    case StatusCode::kSyntaxError:
      return "Kusto.Data.Exceptions.SyntaxException";
    case StatusCode::kSemanticError:
      return "Kusto.Data.Exceptions.SemanticException";
    case StatusCode::kNotFound:
      return "Kusto.Data.Exceptions.EntityNotFoundException";
    default:
      break;
  }
  if (http_status == 429) return "Kusto.Data.Exceptions.KustoRequestThrottledException";
  if (http_status == 401 || http_status == 403) {
    return "Kusto.Data.Exceptions.KustoRequestDeniedException";
  }
  if (http_status >= 500) return "Kusto.Data.Exceptions.KustoServiceException";
  return "Kusto.Data.Exceptions.KustoBadRequestException";
}

// Kusto's diagnostic codes for query errors (SYN0002: syntax, SEM0100: semantic).
std::string_view DiagnosticCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kSyntaxError:
      return "SYN0002";
    case StatusCode::kSemanticError:
      return "SEM0100";
    default:
      return StatusCodeName(status.code());
  }
}

}  // namespace

int HttpStatusFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
    case StatusCode::kSyntaxError:
    case StatusCode::kSemanticError:
    case StatusCode::kNotSupported:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kAlreadyExists:
      return 409;
    case StatusCode::kResourceExhausted:
      return 429;
    case StatusCode::kCancelled:
      return 504;
    default:
      return 500;
  }
}

HttpResponse LogAnalyticsError(int http_status, const Status& status, const RequestIds& ids,
                               std::string_view code) {
  if (code.empty()) code = LogAnalyticsCodeFor(http_status);
  JsonWriter json;
  json.BeginObject();
  json.Key("error");
  json.BeginObject();
  json.Member("code", code);
  json.Member("message", status.ToString());
  json.Member("correlationId", ids.activity_id);
  json.Key("details");
  json.BeginArray();
  json.BeginObject();
  json.Member("code", StatusCodeName(status.code()));
  json.Member("message", status.message());
  json.EndObject();
  json.EndArray();
  json.Key("innererror");
  json.BeginObject();
  json.Member("code", StatusCodeName(status.code()));
  json.Member("message", status.message());
  if (status.position().line > 0) {
    json.MemberInt("line", status.position().line);
    json.MemberInt("pos", status.position().column);
  }
  json.EndObject();
  json.EndObject();
  json.EndObject();
  HttpResponse response;
  response.status = http_status;
  response.body = json.Take();
  return response;
}

std::string DataExplorerErrorObject(int http_status, const Status& status, const RequestIds& ids,
                                    bool permanent, std::string_view code) {
  if (code.empty()) code = DataExplorerCodeFor(http_status);
  JsonWriter json;
  json.BeginObject();
  json.Key("error");
  json.BeginObject();
  json.Member("code", code);
  json.Member("message", status.message());
  json.Member("@type", DataExplorerTypeFor(status, http_status));
  json.Member("@message", status.ToString());
  json.Key("@context");
  json.BeginObject();
  json.Member("timestamp", FormatDateTime(NowTicks()));
  json.Member("serviceAlias", "HUNTBOOK");
  json.Member("clientRequestId", ids.client_request_id);
  json.Member("activityId", ids.activity_id);
  json.Member("subActivityId", ids.activity_id);
  json.Member("parentActivityId", ids.activity_id);
  json.EndObject();
  json.MemberBool("@permanent", permanent);
  json.Key("innererror");
  json.BeginObject();
  json.Member("code", DiagnosticCodeFor(status));
  json.Member("message", status.message());
  json.Member("@errorCode", DiagnosticCodeFor(status));
  if (status.position().line > 0) {
    json.Member("@line", std::to_string(status.position().line));
    json.Member("@pos", std::to_string(status.position().column));
  }
  json.EndObject();
  json.EndObject();
  json.EndObject();
  return json.Take();
}

HttpResponse DataExplorerError(int http_status, const Status& status, const RequestIds& ids) {
  HttpResponse response;
  response.status = http_status;
  response.body = DataExplorerErrorObject(http_status, status, ids, http_status < 500);
  return response;
}

HttpResponse PlainError(int http_status, std::string_view code, std::string_view message) {
  JsonWriter json;
  json.BeginObject();
  json.Key("error");
  json.BeginObject();
  json.Member("code", code);
  json.Member("message", message);
  json.EndObject();
  json.EndObject();
  HttpResponse response;
  response.status = http_status;
  response.body = json.Take();
  return response;
}

}  // namespace huntbook::server
