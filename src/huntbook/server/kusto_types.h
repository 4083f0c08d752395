// Type names on the Data Explorer wire.
// https://learn.microsoft.com/kusto/query/scalar-data-types/ (ColumnType names) and the
// .NET types of the v1 response's DataType / `.show schema`'s ColumnType (CLR names).
#pragma once

#include <string_view>

#include "huntbook/types/type.h"

namespace huntbook::server {

// v1 `DataType`: "String", "Int32", "Int64", "Double", "Boolean", "DateTime", "TimeSpan",
// "Guid", "SqlDecimal", "Object".
std::string_view DotNetTypeName(TypeKind type);

// `.show database X schema` ColumnType: "System.String", "System.Int64", "System.SByte"
// (bool), "System.Data.SqlTypes.SqlDecimal", "System.Object" (dynamic), ...
std::string_view ClrTypeName(TypeKind type);

}  // namespace huntbook::server
