#include "huntbook/ingest/csv_reader.h"

#include <string>
#include <unordered_set>

#include "huntbook/ingest/csv_records.h"
#include "huntbook/ingest/source_text.h"
#include "huntbook/ingest/text_conversion.h"
#include "huntbook/ingest/type_inference.h"

namespace huntbook::ingest {
namespace {

std::string Prefix(std::string_view source) { return std::string(source) + ": "; }

// Header names made non-empty and unique.
std::vector<std::string> ColumnNames(const std::vector<std::string_view>& header) {
  std::vector<std::string> names;
  std::unordered_set<std::string> used;
  for (size_t i = 0; i < header.size(); ++i) {
    std::string name(header[i]);
    if (name.empty()) name = "Column" + std::to_string(i + 1);
    if (used.count(name)) {
      int suffix = 1;
      while (used.count(name + std::to_string(suffix))) ++suffix;
      name += std::to_string(suffix);
    }
    used.insert(name);
    names.push_back(std::move(name));
  }
  return names;
}

const ColumnSchema* FindExisting(const std::vector<ColumnSchema>& schema, std::string_view n) {
  for (const ColumnSchema& c : schema) {
    if (c.name == n) return &c;
  }
  return nullptr;
}

}  // namespace

Result<Table> ReadCsv(std::string_view bytes, std::string_view source_name,
                      const std::vector<ColumnSchema>& existing_schema) {
  if (size_t bad = FindInvalidUtf8(bytes); bad != std::string_view::npos) {
    LineColumn lc = LocateOffset(bytes, bad);
    SourcePosition pos{lc.line, lc.column, static_cast<uint32_t>(bad)};
    return InvalidArgument(Prefix(source_name) + "line " + std::to_string(lc.line) + ", column " +
                               std::to_string(lc.column) + ": invalid UTF-8",
                           pos);
  }
  std::vector<std::string_view> fields;
  auto read = [&](CsvRecords* records) -> Result<bool> {
    Result<bool> more = records->Next(&fields);
    if (!more.ok()) return more.status().WithContext(Prefix(source_name));
    return more;
  };

  // Pass 1: header, field counts, type inference.
  CsvRecords first_pass(bytes);
  ASSIGN_OR_RETURN(bool has_header, read(&first_pass));
  Table table;
  if (!has_header) return table;  // empty file: no columns, no rows
  std::vector<std::string> names = ColumnNames(fields);
  const size_t width = names.size();
  std::vector<const ColumnSchema*> existing(width);
  std::vector<TextTypeInference> inference;
  std::vector<size_t> text_bytes(width, 0);  // per column, to reserve string storage
  for (size_t i = 0; i < width; ++i) {
    existing[i] = FindExisting(existing_schema, names[i]);
    inference.emplace_back(IsTimeLikeName(names[i]));
  }
  bool index_column = width > 1 && fields[0].empty();
  size_t rows = 0;
  while (true) {
    ASSIGN_OR_RETURN(bool more, read(&first_pass));
    if (!more) break;
    if (fields.size() > width) {
      uint32_t line = first_pass.record_line();
      return InvalidArgument(Prefix(source_name) + "line " + std::to_string(line) + ": " +
                                 std::to_string(fields.size()) + " fields, but the header has " +
                                 std::to_string(width),
                             SourcePosition{line, 1, 0});
    }
    if (index_column) index_column = fields[0] == std::to_string(rows);
    for (size_t i = 0; i < fields.size(); ++i) {
      if (!existing[i]) inference[i].Add(fields[i]);
      text_bytes[i] += fields[i].size();
    }
    ++rows;
  }

  // Pass 2: typed columns.
  const size_t first_column = index_column ? 1 : 0;
  std::vector<std::shared_ptr<Column>> columns;
  for (size_t i = first_column; i < width; ++i) {
    TypeKind type = existing[i] ? existing[i]->type : inference[i].Result();
    table.schema.push_back({names[i], type});
    columns.push_back(std::make_shared<Column>(type));
    columns.back()->Reserve(rows);
    if (IsStringStored(type)) columns.back()->ReserveBytes(text_bytes[i]);
  }
  CsvRecords second_pass(bytes);
  ASSIGN_OR_RETURN(has_header, read(&second_pass));
  while (true) {
    ASSIGN_OR_RETURN(bool more, read(&second_pass));
    if (!more) break;
    for (size_t i = first_column; i < width; ++i) {
      Column* column = columns[i - first_column].get();
      std::string_view text = i < fields.size() ? fields[i] : std::string_view();
      if (!AppendText(text, column)) {
        return ConversionError(source_name, second_pass.record_line(), static_cast<uint32_t>(i + 1),
                               names[i], text, column->type());
      }
    }
  }
  table.columns.assign(columns.begin(), columns.end());
  table.rows = rows;
  return table;
}

}  // namespace huntbook::ingest
