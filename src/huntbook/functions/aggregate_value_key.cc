#include "huntbook/functions/aggregate_value_key.h"

#include <xxhash.h>

#include <cmath>
#include <cstring>
#include <limits>

namespace huntbook::functions {
namespace {

uint64_t CanonicalRealBits(double d) {
  if (d == 0.0) d = 0.0;  // folds -0.0 into 0.0
  if (std::isnan(d)) d = std::numeric_limits<double>::quiet_NaN();
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof(bits));
  return bits;
}

}  // namespace

bool IsMissing(const Column& column, size_t i) {
  const size_t r = At(column, i);
  if (column.IsNull(r)) return true;
  return column.type() == TypeKind::kDynamic && column.GetDynamic(r).is_null();
}

void ValueKey(const Column& column, size_t i, std::string* key) {
  const size_t r = At(column, i);
  const TypeKind type = column.type();
  if (IsIntegerStored(type)) {
    const int64_t v = column.GetInt(r);
    key->assign(reinterpret_cast<const char*>(&v), sizeof(v));
  } else if (IsRealStored(type)) {
    const uint64_t bits = CanonicalRealBits(column.GetReal(r));
    key->assign(reinterpret_cast<const char*>(&bits), sizeof(bits));
  } else if (IsStringStored(type)) {
    key->assign(column.GetString(r));
  } else {
    *key = column.GetDynamic(r).ToJson();
  }
}

uint64_t ValueHash(const Column& column, size_t i) {
  const size_t r = At(column, i);
  const TypeKind type = column.type();
  if (IsIntegerStored(type)) {
    const int64_t v = column.GetInt(r);
    return XXH3_64bits(&v, sizeof(v));
  }
  if (IsRealStored(type)) {
    const uint64_t bits = CanonicalRealBits(column.GetReal(r));
    return XXH3_64bits(&bits, sizeof(bits));
  }
  if (IsStringStored(type)) {
    const std::string_view s = column.GetString(r);
    return XXH3_64bits(s.data(), s.size());
  }
  return DynamicHash(column.GetDynamic(r));
}

uint64_t DynamicHash(const Dynamic& value) {
  const std::string json = value.ToJson();
  return XXH3_64bits(json.data(), json.size());
}

Dynamic ToDynamicElement(const Column& column, size_t i) {
  const size_t r = At(column, i);
  if (column.IsNull(r)) return Dynamic();
  switch (column.type()) {
    case TypeKind::kBool:
      return Dynamic::Bool(column.GetInt(r) != 0);
    case TypeKind::kInt:
    case TypeKind::kLong:
      return Dynamic::Long(column.GetInt(r));
    case TypeKind::kDateTime:
      return Dynamic::DateTime(column.GetInt(r));
    case TypeKind::kTimespan:
      return Dynamic::Timespan(column.GetInt(r));
    case TypeKind::kReal:
    case TypeKind::kDecimal:
      return Dynamic::Real(column.GetReal(r));
    case TypeKind::kString:
      return Dynamic::String(std::string(column.GetString(r)));
    case TypeKind::kGuid:
      return Dynamic::Guid(std::string(column.GetString(r)));
    case TypeKind::kDynamic:
      return column.GetDynamic(r);
    case TypeKind::kNull:
      break;
  }
  return Dynamic();
}

Result<int64_t> ConstantIntArgument(const Column& column, const char* what) {
  if (column.size() == 0 || column.IsNull(0) || !IsIntegerStored(column.type()) ||
      column.type() == TypeKind::kBool) {
    return InvalidArgument(std::string(what) + " must be a non-null integer constant");
  }
  return column.GetInt(0);
}

}  // namespace huntbook::functions
