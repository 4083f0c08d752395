#include "huntbook/engine/result_format.h"

#include <cmath>

#include "huntbook/common/utf8.h"
#include "huntbook/functions/conversion.h"

namespace huntbook::engine {

std::string JsonQuote(std::string_view s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
}

void AppendJsonCell(const Column& column, size_t row, bool dynamic_as_text, std::string* out) {
  TypeKind type = column.type();
  if (column.IsNull(row)) {
    *out += "null";
    return;
  }
  switch (type) {
    case TypeKind::kBool:
      *out += column.GetInt(row) ? "true" : "false";
      return;
    case TypeKind::kInt:
    case TypeKind::kLong:
      *out += std::to_string(column.GetInt(row));
      return;
    case TypeKind::kReal: {
      double d = column.GetReal(row);
      if (!std::isfinite(d)) {
        AppendJsonString(functions::FormatReal(d), out);
      } else {
        *out += functions::FormatReal(d);
      }
      return;
    }
    case TypeKind::kDynamic:
      if (dynamic_as_text) {
        AppendJsonString(column.GetDynamic(row).ToJson(), out);
      } else {
        *out += column.GetDynamic(row).ToJson();
      }
      return;
    default: {
      std::string scratch;
      AppendJsonString(functions::TextOf(column, row, &scratch), out);
    }
  }
}

std::string FormatLogAnalyticsJson(const Table& table) {
  std::string out = R"({"tables":[{"name":"PrimaryResult","columns":[)";
  for (size_t c = 0; c < table.schema.size(); ++c) {
    if (c > 0) out += ",";
    out += R"({"name":)" + JsonQuote(table.schema[c].name) + R"(,"type":")" +
           std::string(TypeName(table.schema[c].type)) + "\"}";
  }
  out += R"(],"rows":[)";
  for (size_t r = 0; r < table.rows; ++r) {
    if (r > 0) out += ",";
    out += "[";
    for (size_t c = 0; c < table.columns.size(); ++c) {
      if (c > 0) out += ",";
      const Column& column = *table.columns[c];
      AppendJsonCell(column, At(column, r), /*dynamic_as_text=*/true, &out);
    }
    out += "]";
  }
  out += "]}]}";
  return out;
}

std::string FormatErrorJson(const Status& status) {
  std::string out = R"({"error":{"code":)" + JsonQuote(StatusCodeName(status.code())) +
                    R"(,"message":)" + JsonQuote(status.message());
  if (status.position().line > 0) {
    out += R"(,"line":)" + std::to_string(status.position().line) + R"(,"column":)" +
           std::to_string(status.position().column);
  }
  out += "}}";
  return out;
}

namespace {

std::string CellText(const Column& column, size_t row) {
  if (column.IsNull(row)) return "";
  std::string scratch;
  if (column.type() == TypeKind::kDynamic) return column.GetDynamic(row).ToJson();
  return std::string(functions::TextOf(column, row, &scratch));
}

std::string CsvQuote(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string FormatCsv(const Table& table) {
  std::string out;
  for (size_t c = 0; c < table.schema.size(); ++c) {
    if (c > 0) out += ",";
    out += CsvQuote(table.schema[c].name);
  }
  out += "\n";
  for (size_t r = 0; r < table.rows; ++r) {
    for (size_t c = 0; c < table.columns.size(); ++c) {
      if (c > 0) out += ",";
      const Column& column = *table.columns[c];
      out += CsvQuote(CellText(column, At(column, r)));
    }
    out += "\n";
  }
  return out;
}

std::string FormatTextTable(const Table& table, size_t max_width) {
  std::vector<std::vector<std::string>> cells(table.rows + 1);
  std::vector<size_t> widths(table.schema.size(), 0);
  for (size_t c = 0; c < table.schema.size(); ++c) {
    cells[0].push_back(table.schema[c].name);
  }
  for (size_t r = 0; r < table.rows; ++r) {
    for (size_t c = 0; c < table.columns.size(); ++c) {
      const Column& column = *table.columns[c];
      std::string text = CellText(column, At(column, r));
      for (char& ch : text) {
        if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
      }
      if (text.size() > max_width) text = text.substr(0, max_width - 3) + "...";
      cells[r + 1].push_back(std::move(text));
    }
  }
  for (const auto& row : cells) {
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  }
  std::string out;
  for (size_t r = 0; r < cells.size(); ++r) {
    for (size_t c = 0; c < cells[r].size(); ++c) {
      if (c > 0) out += "  ";
      out += cells[r][c];
      if (c + 1 < cells[r].size()) out.append(widths[c] - cells[r][c].size(), ' ');
    }
    out += "\n";
    if (r == 0) {
      for (size_t c = 0; c < widths.size(); ++c) {
        if (c > 0) out += "  ";
        out.append(widths[c], '-');
      }
      out += "\n";
    }
  }
  out += "(" + std::to_string(table.rows) + " row" + (table.rows == 1 ? "" : "s") + ")\n";
  return out;
}

}  // namespace huntbook::engine
