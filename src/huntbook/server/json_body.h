// JsonBody: reads the JSON object body of a management request (workspaces, bookmarks,
// secrets, roles) with errors that name the field, e.g.
//   "request body: field 'retentionInDays' must be an integer"
//   "request body: unknown field 'retentionDays'"
// so a typo is an error, not a silently ignored setting. Field names are case-sensitive,
// as ARM's JSON is.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/common/status.h"
#include "huntbook/types/dynamic.h"

namespace huntbook::server {

class JsonBody {
 public:
  // Errors: kInvalidArgument when the text is not JSON (with the byte offset) or not an
  // object. An empty body reads as {}.
  static Result<JsonBody> Parse(std::string_view text);
  // A nested object field (e.g. ARM's "properties"); {} when absent.
  Result<JsonBody> Object(std::string_view field) const;

  // Errors: kInvalidArgument naming the first field not in `known`.
  Status OnlyFields(std::initializer_list<std::string_view> known) const;

  bool Has(std::string_view field) const { return !Get(field).is_null(); }
  // Each reader: nullopt when the field is absent or null; kInvalidArgument naming the
  // field when it has another type.
  Result<std::optional<std::string>> String(std::string_view field) const;
  Result<std::optional<int64_t>> Integer(std::string_view field) const;
  // An ISO 8601 datetime string, as datetime ticks.
  Result<std::optional<int64_t>> DateTime(std::string_view field) const;
  Result<std::optional<std::vector<std::string>>> StringList(std::string_view field) const;
  // The field's JSON text when it is an object (or, with `allow_array`, an array).
  Result<std::optional<std::string>> JsonText(std::string_view field, bool allow_array) const;
  // Errors also when absent.
  Result<std::string> RequiredString(std::string_view field) const;

 private:
  explicit JsonBody(Dynamic value, std::string path)
      : value_(std::move(value)), path_(std::move(path)) {}
  Dynamic Get(std::string_view field) const { return value_.Get(field); }
  Status FieldError(std::string_view field, std::string_view what) const;

  Dynamic value_;
  std::string path_;  // "" at the top, "properties." inside a nested object
};

}  // namespace huntbook::server
