#include "huntbook/types/type.h"

namespace huntbook {

std::string_view TypeName(TypeKind type) {
  switch (type) {
    case TypeKind::kNull: return "null";
    case TypeKind::kBool: return "bool";
    case TypeKind::kInt: return "int";
    case TypeKind::kLong: return "long";
    case TypeKind::kReal: return "real";
    case TypeKind::kDecimal: return "decimal";
    case TypeKind::kString: return "string";
    case TypeKind::kDateTime: return "datetime";
    case TypeKind::kTimespan: return "timespan";
    case TypeKind::kGuid: return "guid";
    case TypeKind::kDynamic: return "dynamic";
  }
  return "unknown";
}

std::optional<TypeKind> ParseTypeName(std::string_view name) {
  struct Alias {
    std::string_view name;
    TypeKind type;
  };
  // https://learn.microsoft.com/kusto/query/scalar-data-types/ (synonyms column)
  static constexpr Alias kAliases[] = {
      {"bool", TypeKind::kBool},         {"boolean", TypeKind::kBool},
      {"int", TypeKind::kInt},           {"int32", TypeKind::kInt},
      {"long", TypeKind::kLong},         {"int64", TypeKind::kLong},
      {"real", TypeKind::kReal},         {"double", TypeKind::kReal},
      {"decimal", TypeKind::kDecimal},   {"string", TypeKind::kString},
      {"datetime", TypeKind::kDateTime}, {"date", TypeKind::kDateTime},
      {"timespan", TypeKind::kTimespan}, {"time", TypeKind::kTimespan},
      {"guid", TypeKind::kGuid},         {"uniqueid", TypeKind::kGuid},
      {"uuid", TypeKind::kGuid},         {"dynamic", TypeKind::kDynamic},
  };
  for (const Alias& alias : kAliases) {
    if (alias.name == name) return alias.type;
  }
  return std::nullopt;
}

}  // namespace huntbook
