// externaldata: reads local files into the declared schema at execution time.
// https://learn.microsoft.com/kusto/query/externaldata-operator
//
// Kusto reads blobs; huntbook runs offline, so only local files (plain paths or file://
// URLs) inside the allow-listed directories are read; http(s) and storage connection
// strings fail with NotSupported. The path check happens here, not in the binder, so that
// `huntbook check` binds such queries without touching the file system.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "huntbook/exec/chunks.h"
#include "huntbook/ingest/csv_records.h"
#include "huntbook/ingest/json_reader.h"
#include "huntbook/ingest/text_conversion.h"

namespace huntbook::exec {

namespace {

namespace fs = std::filesystem;

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

// The local file a URI names, checked against the allow-list.
Result<fs::path> ResolveLocalPath(const std::string& uri, const std::vector<std::string>& allow) {
  std::string path = uri;
  if (StartsWithNoCase(uri, "file://")) {
    path = uri.substr(7);
  } else if (uri.find("://") != std::string::npos || StartsWithNoCase(uri, "defaultendpoints")) {
    return NotSupported("externaldata from '" + uri.substr(0, uri.find('?')) +
                        "': huntbook runs offline and reads only local files "
                        "(file:// or paths in HUNTBOOK_EXTERNALDATA_ALLOW)");
  }
  std::error_code ec;
  fs::path resolved = fs::weakly_canonical(fs::absolute(fs::path(path), ec), ec);
  if (ec) return InvalidArgument("externaldata: bad path '" + path + "'");
  for (const std::string& dir : allow) {
    if (dir.empty()) continue;
    fs::path root = fs::weakly_canonical(fs::absolute(fs::path(dir), ec), ec);
    if (ec) continue;
    auto [root_end, unused] =
        std::mismatch(root.begin(), root.end(), resolved.begin(), resolved.end());
    if (root_end == root.end()) return resolved;
  }
  return InvalidArgument("externaldata path '" + path +
                         "' is outside the allowed directories "
                         "(set HUNTBOOK_EXTERNALDATA_ALLOW to a ':'-separated list)");
}

Result<std::string> ReadWhole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("externaldata: cannot read '" + path.string() + "'");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::string FormatOf(const std::string& declared, const fs::path& path) {
  if (!declared.empty()) return declared;
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".json" || ext == ".jsonl" || ext == ".ndjson") return "multijson";
  if (ext == ".tsv") return "tsv";
  if (ext == ".txt" || ext == ".log") return "txt";
  return "csv";  // the documented default
}

std::vector<std::shared_ptr<Column>> EmptyColumns(const std::vector<ColumnSchema>& schema) {
  std::vector<std::shared_ptr<Column>> columns;
  for (const ColumnSchema& c : schema) columns.push_back(std::make_shared<Column>(c.type));
  return columns;
}

Table MakeTable(const std::vector<ColumnSchema>& schema,
                std::vector<std::shared_ptr<Column>> columns) {
  Table table;
  table.schema = schema;
  table.rows = columns.empty() ? 0 : columns[0]->size();
  for (auto& column : columns) table.columns.push_back(std::move(column));
  return table;
}

// Fields by position; a value that does not convert to its column's type is null (as
// Kusto's ingestion does), missing fields are null, extra fields are dropped.
void AppendFields(const std::vector<std::string_view>& fields,
                  std::vector<std::shared_ptr<Column>>& columns) {
  for (size_t c = 0; c < columns.size(); ++c) {
    std::string_view text = c < fields.size() ? fields[c] : std::string_view();
    if (!ingest::AppendText(text, columns[c].get())) columns[c]->AppendNull();
  }
}

Result<Table> ReadSeparated(const std::string& bytes, char separator, bool skip_first,
                            const std::vector<ColumnSchema>& schema, const std::string& name) {
  auto columns = EmptyColumns(schema);
  bool first = true;
  if (separator == ',') {
    ingest::CsvRecords records(bytes);
    std::vector<std::string_view> fields;
    for (;;) {
      Result<bool> more = records.Next(&fields);
      if (!more.ok()) return InvalidArgument(name + ": " + more.status().message());
      if (!*more) break;
      if (first && skip_first) {
        first = false;
        continue;
      }
      first = false;
      AppendFields(fields, columns);
    }
    return MakeTable(schema, std::move(columns));
  }
  std::istringstream lines(bytes);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (first && skip_first) {
      first = false;
      continue;
    }
    first = false;
    std::vector<std::string_view> fields;
    if (separator == '\n') {
      fields.push_back(line);  // txt/raw: the whole line is the first column
    } else {
      size_t start = 0;
      for (;;) {
        size_t end = line.find(separator, start);
        fields.push_back(std::string_view(line).substr(start, end - start));
        if (end == std::string::npos) break;
        start = end + 1;
      }
    }
    AppendFields(fields, columns);
  }
  return MakeTable(schema, std::move(columns));
}

// JSON: columns are matched by property name; absent properties are null.
Result<Table> ReadJsonRows(const std::string& bytes, const std::vector<ColumnSchema>& schema,
                           const std::string& name) {
  std::string padded = bytes;
  padded.append(64, ' ');  // simdjson padding
  ASSIGN_OR_RETURN(Table read,
                   ingest::ReadJson(std::string_view(padded.data(), bytes.size()), name, schema));
  Table out;
  out.schema = schema;
  out.rows = read.rows;
  for (const ColumnSchema& column : schema) {
    ColumnPtr found;
    for (size_t i = 0; i < read.schema.size(); ++i) {
      if (read.schema[i].name == column.name && read.schema[i].type == column.type) {
        found = read.columns[i];
      }
    }
    out.columns.push_back(found ? found : Column::Nulls(column.type, read.rows));
  }
  return out;
}

}  // namespace

Result<Chunks> Runner::ExternalData(const planner::PlanNode& node) {
  Chunks chunks;
  for (const std::string& uri : node.external_paths) {
    ASSIGN_OR_RETURN(fs::path path, ResolveLocalPath(uri, options_.external_data_allow));
    ASSIGN_OR_RETURN(std::string bytes, ReadWhole(path));
    std::string format = FormatOf(node.external_format, path);
    const std::string name = path.filename().string();
    Table table;
    if (format == "csv") {
      ASSIGN_OR_RETURN(
          table, ReadSeparated(bytes, ',', node.external_ignore_first_record, node.schema, name));
    } else if (format == "tsv" || format == "tsve") {
      ASSIGN_OR_RETURN(
          table, ReadSeparated(bytes, '\t', node.external_ignore_first_record, node.schema, name));
    } else if (format == "psv") {
      ASSIGN_OR_RETURN(
          table, ReadSeparated(bytes, '|', node.external_ignore_first_record, node.schema, name));
    } else if (format == "scsv") {
      ASSIGN_OR_RETURN(
          table, ReadSeparated(bytes, ';', node.external_ignore_first_record, node.schema, name));
    } else if (format == "txt" || format == "raw") {
      ASSIGN_OR_RETURN(
          table, ReadSeparated(bytes, '\n', node.external_ignore_first_record, node.schema, name));
    } else if (format == "json" || format == "multijson") {
      ASSIGN_OR_RETURN(table, ReadJsonRows(bytes, node.schema, name));
    } else {
      return NotSupported("externaldata format '" + format + "'");
    }
    if (table.rows > 0) chunks.push_back(std::move(table));
  }
  return chunks;
}

}  // namespace huntbook::exec
