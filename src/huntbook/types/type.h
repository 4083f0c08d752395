// KQL scalar types. Names follow Kusto; LogAnalyticsName() gives the wire names of the
// Log Analytics query API.
// https://learn.microsoft.com/kusto/query/scalar-data-types/
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace huntbook {

enum class TypeKind : uint8_t {
  kNull = 0,  // the type of an untyped null literal only; never a column type
  kBool,
  kInt,       // 32-bit signed
  kLong,      // 64-bit signed
  kReal,      // IEEE double
  kDecimal,   // held as double for now (see docs/architecture.md, "Known gaps")
  kString,    // UTF-8; never null (missing = "")
  kDateTime,  // 100 ns ticks since 0001-01-01T00:00:00Z, as Kusto
  kTimespan,  // 100 ns ticks
  kGuid,      // canonical lower-case text form
  kDynamic,   // JSON value (see dynamic.h)
};

// Kusto name: "bool", "int", "long", "real", "decimal", "string", "datetime", "timespan",
// "guid", "dynamic".
std::string_view TypeName(TypeKind type);

// Parses a Kusto type name, including the aliases "boolean", "double", "date", "time",
// "uniqueid", "int64", "int32", "float"? (no), "uuid". Case-sensitive as in Kusto.
std::optional<TypeKind> ParseTypeName(std::string_view name);

// Storage class of a column: which array holds its values.
inline bool IsIntegerStored(TypeKind t) {
  return t == TypeKind::kBool || t == TypeKind::kInt || t == TypeKind::kLong ||
         t == TypeKind::kDateTime || t == TypeKind::kTimespan;
}
inline bool IsRealStored(TypeKind t) { return t == TypeKind::kReal || t == TypeKind::kDecimal; }
inline bool IsStringStored(TypeKind t) { return t == TypeKind::kString || t == TypeKind::kGuid; }
inline bool IsNumeric(TypeKind t) {
  return t == TypeKind::kInt || t == TypeKind::kLong || t == TypeKind::kReal ||
         t == TypeKind::kDecimal;
}

// Ticks per unit.
inline constexpr int64_t kTicksPerMicrosecond = 10;
inline constexpr int64_t kTicksPerMillisecond = 10'000;
inline constexpr int64_t kTicksPerSecond = 10'000'000;
inline constexpr int64_t kTicksPerMinute = 60 * kTicksPerSecond;
inline constexpr int64_t kTicksPerHour = 60 * kTicksPerMinute;
inline constexpr int64_t kTicksPerDay = 24 * kTicksPerHour;
// Ticks from 0001-01-01 to 1970-01-01.
inline constexpr int64_t kUnixEpochTicks = 621355968000000000LL;

}  // namespace huntbook
