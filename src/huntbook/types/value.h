// Value: one typed KQL scalar, possibly null. Used for literals, constants and row-at-a-time
// paths; bulk data lives in vector/column.h.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "huntbook/types/dynamic.h"
#include "huntbook/types/type.h"

namespace huntbook {

class Value {
 public:
  Value() = default;  // untyped null
  static Value Null(TypeKind type) { Value v; v.type_ = type; return v; }
  static Value Bool(bool b) { return Int64(TypeKind::kBool, b ? 1 : 0); }
  static Value Int(int32_t i) { return Int64(TypeKind::kInt, i); }
  static Value Long(int64_t i) { return Int64(TypeKind::kLong, i); }
  static Value DateTime(int64_t ticks) { return Int64(TypeKind::kDateTime, ticks); }
  static Value Timespan(int64_t ticks) { return Int64(TypeKind::kTimespan, ticks); }
  static Value Real(double d) { Value v; v.type_ = TypeKind::kReal; v.null_ = false; v.d_ = d; return v; }
  static Value Decimal(double d) { Value v = Real(d); v.type_ = TypeKind::kDecimal; return v; }
  static Value String(std::string s) { return Text(TypeKind::kString, std::move(s)); }
  static Value Guid(std::string s) { return Text(TypeKind::kGuid, std::move(s)); }
  static Value Dyn(Dynamic d) {
    Value v; v.type_ = TypeKind::kDynamic; v.null_ = false; v.dyn_ = std::move(d); return v;
  }
  static Value Int64(TypeKind type, int64_t i) {
    Value v; v.type_ = type; v.null_ = false; v.i_ = i; return v;
  }

  TypeKind type() const { return type_; }
  // Strings are never null (an empty string stands for missing); dynamic null is a
  // non-null Value holding a JSON null only when it came from JSON — isnull() treats both.
  bool is_null() const { return null_; }
  bool bool_value() const { return i_ != 0; }
  int64_t int_value() const { return i_; }  // bool/int/long/datetime/timespan
  double real_value() const { return d_; }  // real/decimal
  const std::string& string_value() const { return s_; }  // string/guid
  const Dynamic& dynamic_value() const { return dyn_; }

  // Numeric view: int/long as double, real/decimal as is.
  double AsDouble() const { return IsRealStored(type_) ? d_ : static_cast<double>(i_); }

  // Display text as `huntbook query --format table` prints it (datetime ISO, dynamic JSON).
  std::string ToString() const;

 private:
  static Value Text(TypeKind type, std::string s) {
    Value v; v.type_ = type; v.null_ = false; v.s_ = std::move(s); return v;
  }
  TypeKind type_ = TypeKind::kNull;
  bool null_ = true;
  int64_t i_ = 0;
  double d_ = 0;
  std::string s_;
  Dynamic dyn_;
};

}  // namespace huntbook
