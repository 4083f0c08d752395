#include "huntbook/server/data_explorer_request.h"

#include <cstdlib>

#include "huntbook/types/datetime.h"
#include "huntbook/types/type.h"

namespace huntbook::server {
namespace {

Result<bool> BoolOption(std::string_view name, const Dynamic& value) {
  if (value.kind() == Dynamic::Kind::kBool) return value.bool_value();
  if (value.kind() == Dynamic::Kind::kString) {
    if (EqualsIgnoreCase(value.string_value(), "true")) return true;
    if (EqualsIgnoreCase(value.string_value(), "false")) return false;
  }
  if (value.kind() == Dynamic::Kind::kLong) return value.long_value() != 0;
  return InvalidArgument("request option '" + std::string(name) + "' must be a bool");
}

Result<int64_t> IntegerOption(std::string_view name, const Dynamic& value) {
  if (value.kind() == Dynamic::Kind::kLong && value.long_value() >= 0) return value.long_value();
  if (value.kind() == Dynamic::Kind::kString) {
    const std::string& text = value.string_value();
    char* end = nullptr;
    long long parsed = std::strtoll(text.c_str(), &end, 10);
    if (!text.empty() && end != nullptr && *end == '\0' && parsed >= 0) return parsed;
  }
  return InvalidArgument("request option '" + std::string(name) +
                         "' must be a non-negative integer");
}

Result<int64_t> DateTimeOption(std::string_view name, const Dynamic& value) {
  if (value.kind() == Dynamic::Kind::kString || value.kind() == Dynamic::Kind::kDateTime) {
    std::string text = value.kind() == Dynamic::Kind::kString ? value.string_value()
                                                              : FormatDateTime(value.long_value());
    std::string_view inner = text;
    if (inner.substr(0, 9) == "datetime(" && !inner.empty() && inner.back() == ')') {
      inner = inner.substr(9, inner.size() - 10);
    }
    if (auto ticks = ParseDateTime(inner)) return *ticks;
  }
  return InvalidArgument("request option '" + std::string(name) + "' must be a datetime");
}

Status ApplyOptions(const Dynamic& options, DataExplorerRequest* out) {
  if (!options.is_object()) return Status::OK();
  std::string scope_column;
  std::optional<int64_t> scope_from, scope_to;
  for (const auto& [name, value] : options.object()) {
    if (name == "servertimeout") {
      std::string text =
          value.kind() == Dynamic::Kind::kString ? value.string_value() : value.ToJson();
      std::optional<std::chrono::milliseconds> timeout = ParseServerTimeout(text);
      if (!timeout) {
        return InvalidArgument("request option 'servertimeout': '" + text + "' is not a timespan");
      }
      out->timeout = *timeout;
    } else if (name == "norequesttimeout") {
      ASSIGN_OR_RETURN(bool on, BoolOption(name, value));
      if (on) out->timeout = std::chrono::milliseconds(3'600'000);
    } else if (name == "notruncation") {
      ASSIGN_OR_RETURN(out->truncation.notruncation, BoolOption(name, value));
    } else if (name == "truncationmaxrecords") {
      ASSIGN_OR_RETURN(int64_t n, IntegerOption(name, value));
      out->truncation.max_records = n;
    } else if (name == "truncationmaxsize") {
      ASSIGN_OR_RETURN(int64_t n, IntegerOption(name, value));
      out->truncation.max_bytes = n;
    } else if (name == "deferpartialqueryfailures") {
      ASSIGN_OR_RETURN(out->defer_partial_failures, BoolOption(name, value));
    } else if (name == "results_progressive_enabled") {
      ASSIGN_OR_RETURN(out->progressive, BoolOption(name, value));
    } else if (name == "request_readonly") {
      ASSIGN_OR_RETURN(out->read_only, BoolOption(name, value));
    } else if (name == "query_now") {
      ASSIGN_OR_RETURN(int64_t ticks, DateTimeOption(name, value));
      out->query_now_ticks = ticks;
    } else if (name == "query_language") {
      std::string language = value.kind() == Dynamic::Kind::kString ? value.string_value() : "";
      if (!EqualsIgnoreCase(language, "csl") && !EqualsIgnoreCase(language, "kql")) {
        return NotSupported("query_language '" + language + "' (only KQL)");
      }
    } else if (name == "query_datetimescope_column") {
      scope_column = value.kind() == Dynamic::Kind::kString ? value.string_value() : "";
    } else if (name == "query_datetimescope_from") {
      ASSIGN_OR_RETURN(int64_t ticks, DateTimeOption(name, value));
      scope_from = ticks;
    } else if (name == "query_datetimescope_to") {
      ASSIGN_OR_RETURN(int64_t ticks, DateTimeOption(name, value));
      scope_to = ticks;
    } else {
      out->ignored_options.push_back(name);
    }
  }
  if (!scope_column.empty() || scope_from || scope_to) {
    if (scope_column != "TimeGenerated") {
      return NotSupported("query_datetimescope_column '" + scope_column + "' (only TimeGenerated)");
    }
    engine::QueryOptions::TimeRange range;
    range.start = scope_from.value_or(0);
    // query_datetimescope_to is inclusive; the engine's range is [start, end).
    range.end = scope_to ? *scope_to + 1 : INT64_MAX;
    out->datetime_scope = range;
  }
  return Status::OK();
}

}  // namespace

std::optional<std::chrono::milliseconds> ParseServerTimeout(std::string_view text) {
  std::optional<int64_t> ticks = ParseTimespan(text);
  if (!ticks || *ticks <= 0) return std::nullopt;
  return std::chrono::milliseconds(*ticks / kTicksPerMillisecond);
}

Result<DataExplorerRequest> ParseDataExplorerRequest(const HttpRequest& request) {
  DataExplorerRequest out;
  Dynamic properties;
  if (request.method == "GET") {
    out.database = std::string(request.QueryParameter("db"));
    out.csl = std::string(request.QueryParameter("csl"));
    std::string_view text = request.QueryParameter("properties");
    if (!text.empty()) {
      Result<Dynamic> parsed = Dynamic::Parse(text);
      if (!parsed.ok())
        return InvalidArgument("'properties' is not JSON: " + parsed.status().message());
      properties = *parsed;
    }
  } else {
    Result<Dynamic> body = Dynamic::Parse(request.body);
    if (!body.ok()) {
      return InvalidArgument("request body is not valid JSON: " + body.status().message());
    }
    if (!body->is_object()) return InvalidArgument("request body must be a JSON object");
    Dynamic db = body->Get("db");
    if (db.kind() == Dynamic::Kind::kString) out.database = db.string_value();
    Dynamic csl = body->Get("csl");
    if (csl.kind() == Dynamic::Kind::kString) out.csl = csl.string_value();
    properties = body->Get("properties");
  }
  if (properties.kind() == Dynamic::Kind::kString) {
    if (!properties.string_value().empty()) {
      Result<Dynamic> parsed = Dynamic::Parse(properties.string_value());
      if (!parsed.ok())
        return InvalidArgument("'properties' is not JSON: " + parsed.status().message());
      properties = *parsed;
    }
  }
  if (out.csl.empty()) return InvalidArgument("the request has no 'csl' (query or command text)");
  if (properties.is_object()) {
    // Property names are case-insensitive in practice ("Options" / "options").
    for (const auto& [name, value] : properties.object()) {
      if (EqualsIgnoreCase(name, "Options")) {
        RETURN_IF_ERROR(ApplyOptions(value, &out));
      } else if (EqualsIgnoreCase(name, "Parameters")) {
        out.parameters = value;
      } else if (EqualsIgnoreCase(name, "ClientRequestId") &&
                 value.kind() == Dynamic::Kind::kString) {
        out.client_request_id = value.string_value();
      }
    }
  }
  return out;
}

}  // namespace huntbook::server
