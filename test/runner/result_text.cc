#include "result_text.h"

#include <charconv>
#include <cmath>

#include "huntbook/types/datetime.h"
#include "logic_file.h"

namespace huntbook::logictest {

std::string FormatReal(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, result.ptr);
}

std::vector<std::string> FormatHeader(const Table& table) {
  std::vector<std::string> header;
  for (const ColumnSchema& column : table.schema) {
    header.push_back(column.name + ":" + std::string(TypeName(column.type)));
  }
  return header;
}

std::string FormatCell(const Column& column, size_t row) {
  const size_t i = At(column, row);
  if (column.IsNull(i)) return "null";
  switch (column.type()) {
    case TypeKind::kNull:
      return "null";
    case TypeKind::kBool:
      return column.GetInt(i) != 0 ? "true" : "false";
    case TypeKind::kInt:
    case TypeKind::kLong:
      return std::to_string(column.GetInt(i));
    case TypeKind::kReal:
    case TypeKind::kDecimal:
      return FormatReal(column.GetReal(i));
    case TypeKind::kDateTime:
      return FormatDateTime(column.GetInt(i));
    case TypeKind::kTimespan:
      return FormatTimespan(column.GetInt(i));
    case TypeKind::kDynamic:
      return EscapeCell(column.GetDynamic(i).ToJson());
    case TypeKind::kGuid:
    case TypeKind::kString: {
      std::string_view text = column.GetString(i);
      return text.empty() ? "(empty)" : EscapeCell(text);
    }
  }
  return "?";
}

std::vector<std::vector<std::string>> FormatRows(const Table& table) {
  std::vector<std::vector<std::string>> rows(table.rows);
  for (size_t r = 0; r < table.rows; ++r) {
    rows[r].reserve(table.columns.size());
    for (const ColumnPtr& column : table.columns) rows[r].push_back(FormatCell(*column, r));
  }
  return rows;
}

}  // namespace huntbook::logictest
