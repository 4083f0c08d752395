#include "huntbook/ingest/type_inference.h"

#include "huntbook/ingest/text_conversion.h"
#include "huntbook/types/datetime.h"

namespace huntbook::ingest {
namespace {

bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle) {
  if (needle.size() > haystack.size()) return false;
  for (size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    size_t k = 0;
    while (k < needle.size()) {
      char c = haystack[i + k];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      if (c != needle[k]) break;
      ++k;
    }
    if (k == needle.size()) return true;
  }
  return false;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool IsTimeLikeName(std::string_view column_name) {
  return ContainsIgnoreCase(column_name, "time") || ContainsIgnoreCase(column_name, "date");
}

bool IsInferableDateTime(std::string_view text, bool time_like) {
  if (!time_like) {
    // ISO 8601 only: "YYYY-" prefix.
    if (text.size() < 10 || !IsDigit(text[0]) || !IsDigit(text[1]) || !IsDigit(text[2]) ||
        !IsDigit(text[3]) || text[4] != '-') {
      return false;
    }
  }
  return ParseDateTime(text).has_value();
}

void TextTypeInference::Add(std::string_view cell) {
  if (cell.empty()) return;
  any_ = true;
  if (can_bool_) can_bool_ = ParseBoolText(cell).has_value();
  if (can_long_) can_long_ = ParseLongText(cell).has_value();
  if (can_real_) can_real_ = ParseRealText(cell).has_value();
  if (can_datetime_) can_datetime_ = IsInferableDateTime(cell, time_like_);
  if (can_dynamic_) can_dynamic_ = IsJsonContainerText(cell);
}

TypeKind TextTypeInference::Result() const {
  if (!any_) return TypeKind::kString;
  if (can_bool_) return TypeKind::kBool;
  if (can_long_) return TypeKind::kLong;
  if (can_real_) return TypeKind::kReal;
  if (can_datetime_) return TypeKind::kDateTime;
  if (can_dynamic_) return TypeKind::kDynamic;
  return TypeKind::kString;
}

void JsonTypeInference::AddString(std::string_view text) {
  string_ = true;
  if (text.empty()) return;  // reads as null in a datetime column
  nonempty_string_ = true;
  if (all_strings_datetime_) all_strings_datetime_ = IsInferableDateTime(text, time_like_);
  if (all_strings_json_) all_strings_json_ = IsJsonContainerText(text);
}

TypeKind JsonTypeInference::Result() const {
  if (dynamic_) return TypeKind::kDynamic;
  if (string_) {
    bool only_strings = !bool_ && !long_ && !real_;
    if (only_strings && nonempty_string_ && all_strings_json_) return TypeKind::kDynamic;
    return only_strings && nonempty_string_ && all_strings_datetime_ ? TypeKind::kDateTime
                                                                     : TypeKind::kString;
  }
  if (bool_) return long_ || real_ ? TypeKind::kString : TypeKind::kBool;
  if (real_) return TypeKind::kReal;
  if (long_) return TypeKind::kLong;
  return TypeKind::kString;  // only nulls
}

}  // namespace huntbook::ingest
