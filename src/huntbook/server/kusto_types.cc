#include "huntbook/server/kusto_types.h"

namespace huntbook::server {

std::string_view DotNetTypeName(TypeKind type) {
  switch (type) {
    case TypeKind::kBool:
      return "Boolean";
    case TypeKind::kInt:
      return "Int32";
    case TypeKind::kLong:
      return "Int64";
    case TypeKind::kReal:
      return "Double";
    case TypeKind::kDecimal:
      return "SqlDecimal";
    case TypeKind::kString:
      return "String";
    case TypeKind::kDateTime:
      return "DateTime";
    case TypeKind::kTimespan:
      return "TimeSpan";
    case TypeKind::kGuid:
      return "Guid";
    case TypeKind::kDynamic:
      return "Object";
    case TypeKind::kNull:
      return "Object";
  }
  return "Object";
}

std::string_view ClrTypeName(TypeKind type) {
  switch (type) {
    case TypeKind::kBool:
      return "System.SByte";
    case TypeKind::kInt:
      return "System.Int32";
    case TypeKind::kLong:
      return "System.Int64";
    case TypeKind::kReal:
      return "System.Double";
    case TypeKind::kDecimal:
      return "System.Data.SqlTypes.SqlDecimal";
    case TypeKind::kString:
      return "System.String";
    case TypeKind::kDateTime:
      return "System.DateTime";
    case TypeKind::kTimespan:
      return "System.TimeSpan";
    case TypeKind::kGuid:
      return "System.Guid";
    case TypeKind::kDynamic:
      return "System.Object";
    case TypeKind::kNull:
      return "System.Object";
  }
  return "System.Object";
}

}  // namespace huntbook::server
