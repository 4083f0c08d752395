#include "huntbook/types/value.h"

#include <charconv>
#include <cmath>

#include "huntbook/types/datetime.h"

namespace huntbook {

namespace {

std::string FormatReal(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), d);
  return std::string(buffer, result.ptr);
}

}  // namespace

std::string Value::ToString() const {
  if (null_) return "";
  switch (type_) {
    case TypeKind::kNull: return "";
    case TypeKind::kBool: return i_ ? "true" : "false";
    case TypeKind::kInt:
    case TypeKind::kLong: return std::to_string(i_);
    case TypeKind::kReal:
    case TypeKind::kDecimal: return FormatReal(d_);
    case TypeKind::kString:
    case TypeKind::kGuid: return s_;
    case TypeKind::kDateTime: return FormatDateTime(i_);
    case TypeKind::kTimespan: return FormatTimespan(i_);
    case TypeKind::kDynamic:
      if (dyn_.kind() == Dynamic::Kind::kString) return dyn_.string_value();
      return dyn_.ToJson();
  }
  return "";
}

}  // namespace huntbook
