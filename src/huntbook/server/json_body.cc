#include "huntbook/server/json_body.h"

#include <cmath>

#include "huntbook/types/datetime.h"

namespace huntbook::server {

Result<JsonBody> JsonBody::Parse(std::string_view text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return JsonBody(Dynamic::MakeObject({}), "");
  Result<Dynamic> parsed = Dynamic::Parse(text);
  if (!parsed.ok()) {
    return InvalidArgument("request body is not valid JSON: " + parsed.status().message());
  }
  if (!parsed->is_object()) return InvalidArgument("request body must be a JSON object");
  return JsonBody(std::move(parsed).value(), "");
}

Status JsonBody::FieldError(std::string_view field, std::string_view what) const {
  return InvalidArgument("request body: field '" + path_ + std::string(field) + "' " +
                         std::string(what));
}

Result<JsonBody> JsonBody::Object(std::string_view field) const {
  Dynamic value = Get(field);
  std::string path = path_ + std::string(field) + ".";
  if (value.is_null()) return JsonBody(Dynamic::MakeObject({}), path);
  if (!value.is_object()) return FieldError(field, "must be a JSON object");
  return JsonBody(value, path);
}

Status JsonBody::OnlyFields(std::initializer_list<std::string_view> known) const {
  for (const auto& [name, value] : value_.object()) {
    bool found = false;
    for (std::string_view allowed : known) found = found || name == allowed;
    if (!found) {
      return InvalidArgument("request body: unknown field '" + path_ + name + "'");
    }
  }
  return Status::OK();
}

Result<std::optional<std::string>> JsonBody::String(std::string_view field) const {
  Dynamic value = Get(field);
  if (value.is_null()) return std::optional<std::string>();
  if (value.kind() != Dynamic::Kind::kString) return FieldError(field, "must be a string");
  return std::optional<std::string>(value.string_value());
}

Result<std::string> JsonBody::RequiredString(std::string_view field) const {
  ASSIGN_OR_RETURN(std::optional<std::string> value, String(field));
  if (!value.has_value()) return FieldError(field, "is required");
  return *value;
}

Result<std::optional<int64_t>> JsonBody::Integer(std::string_view field) const {
  Dynamic value = Get(field);
  if (value.is_null()) return std::optional<int64_t>();
  if (value.kind() == Dynamic::Kind::kLong) return std::optional<int64_t>(value.long_value());
  if (value.kind() == Dynamic::Kind::kReal) {
    double real = value.real_value();
    if (std::floor(real) == real && std::fabs(real) < 9e15) {
      return std::optional<int64_t>(static_cast<int64_t>(real));
    }
  }
  return FieldError(field, "must be an integer");
}

Result<std::optional<int64_t>> JsonBody::DateTime(std::string_view field) const {
  ASSIGN_OR_RETURN(std::optional<std::string> text, String(field));
  if (!text.has_value()) return std::optional<int64_t>();
  std::optional<int64_t> ticks = ParseDateTime(*text);
  if (!ticks.has_value()) {
    return FieldError(field, "must be an ISO 8601 datetime (e.g. 2024-05-01T10:00:00Z)");
  }
  return ticks;
}

Result<std::optional<std::vector<std::string>>> JsonBody::StringList(std::string_view field) const {
  Dynamic value = Get(field);
  if (value.is_null()) return std::optional<std::vector<std::string>>();
  if (!value.is_array()) return FieldError(field, "must be an array of strings");
  std::vector<std::string> items;
  for (const Dynamic& item : value.array()) {
    if (item.kind() != Dynamic::Kind::kString) {
      return FieldError(field, "must be an array of strings");
    }
    items.push_back(item.string_value());
  }
  return std::optional<std::vector<std::string>>(std::move(items));
}

Result<std::optional<std::string>> JsonBody::JsonText(std::string_view field,
                                                      bool allow_array) const {
  Dynamic value = Get(field);
  if (value.is_null()) return std::optional<std::string>();
  if (!value.is_object() && !(allow_array && value.is_array())) {
    return FieldError(field,
                      allow_array ? "must be a JSON object or array" : "must be a JSON object");
  }
  return std::optional<std::string>(value.ToJson());
}

}  // namespace huntbook::server
