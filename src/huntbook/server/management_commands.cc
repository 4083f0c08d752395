#include "huntbook/server/management_commands.h"

#include <cctype>
#include <vector>

#include "huntbook/engine/result_format.h"
#include "huntbook/ingest/reader.h"
#include "huntbook/server/http_message.h"
#include "huntbook/server/json_writer.h"
#include "huntbook/server/kusto_types.h"
#include "huntbook/storage/store.h"
#include "huntbook/types/type.h"

namespace huntbook::server {
namespace {

// A cursor over command text: words, names ('x', ['x'], ["x"]) and punctuation.
class CommandCursor {
 public:
  explicit CommandCursor(std::string_view text) : text_(text) {}

  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool AtEnd() {
    SkipSpace();
    return pos_ >= text_.size();
  }
  // Consumes `word` (case-insensitive, whole word) if next.
  bool Word(std::string_view word) {
    SkipSpace();
    if (text_.size() - pos_ < word.size()) return false;
    if (!EqualsIgnoreCase(text_.substr(pos_, word.size()), word)) return false;
    size_t end = pos_ + word.size();
    if (end < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[end])) ||
                               text_[end] == '_' || text_[end] == '-')) {
      return false;
    }
    pos_ = end;
    return true;
  }
  bool Char(char c) {
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  // An entity name: identifier, ['name'], ["name"], 'name' or "name".
  std::optional<std::string> Name() {
    SkipSpace();
    if (pos_ >= text_.size()) return std::nullopt;
    bool bracket = text_[pos_] == '[';
    size_t p = pos_ + (bracket ? 1 : 0);
    if (p < text_.size() && (text_[p] == '\'' || text_[p] == '"')) {
      char quote = text_[p];
      size_t close = text_.find(quote, p + 1);
      if (close == std::string_view::npos) return std::nullopt;
      std::string name(text_.substr(p + 1, close - p - 1));
      p = close + 1;
      if (bracket) {
        if (p >= text_.size() || text_[p] != ']') return std::nullopt;
        ++p;
      }
      pos_ = p;
      return name;
    }
    if (bracket) return std::nullopt;
    size_t start = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_' ||
            text_[pos_] == '-' || text_[pos_] == '.')) {
      ++pos_;
    }
    if (pos_ == start) return std::nullopt;
    return std::string(text_.substr(start, pos_ - start));
  }
  std::string_view Rest() const { return text_.substr(pos_); }
  size_t position() const { return pos_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

// Builds a result table column by column.
class ResultBuilder {
 public:
  explicit ResultBuilder(std::vector<ColumnSchema> schema) {
    table_.schema = std::move(schema);
    for (const ColumnSchema& column : table_.schema) {
      columns_.push_back(std::make_shared<Column>(column.type));
    }
  }
  void AddRow(const std::vector<Value>& values) {
    for (size_t c = 0; c < columns_.size(); ++c) columns_[c]->Append(values[c]);
    ++table_.rows;
  }
  Table Finish() {
    for (auto& column : columns_) table_.columns.push_back(column);
    return std::move(table_);
  }

 private:
  Table table_;
  std::vector<std::shared_ptr<Column>> columns_;
};

Value Str(std::string_view text) { return Value::String(std::string(text)); }

Status UnknownCommand(std::string_view command) {
  std::string_view head = command.substr(0, std::min<size_t>(command.size(), 60));
  return NotSupported("management command '" + std::string(head) + "'");
}

Result<storage::TableSnapshot> RequireTable(const CommandScope& scope, const std::string& table) {
  Result<storage::TableSnapshot> snapshot = scope.store->Snapshot(scope.database, table);
  if (!snapshot.ok()) {
    return NotFound("table '" + table + "' not found in database '" + scope.database + "'");
  }
  return snapshot;
}

Status RequireDatabase(const CommandScope& scope, const std::string& database) {
  for (const std::string& name : scope.store->ListWorkspaces()) {
    if (name == database) return Status::OK();
  }
  return NotFound("database '" + database + "' not found");
}

std::string CslSchema(const std::vector<ColumnSchema>& schema) {
  std::string out;
  for (const ColumnSchema& column : schema) {
    if (!out.empty()) out += ",";
    out += column.name + ":" + std::string(TypeName(column.type));
  }
  return out;
}

// {"Name":..,"OrderedColumns":[{"Name","Type","CslType"}],...} for one table.
void WriteTableJson(const std::string& name, const std::vector<ColumnSchema>& schema,
                    JsonWriter* json) {
  json->BeginObject();
  json->Member("Name", name);
  json->Member("EntityType", "Table");
  json->Member("Folder", "");
  json->Member("DocString", "");
  json->Key("OrderedColumns");
  json->BeginArray();
  for (const ColumnSchema& column : schema) {
    json->BeginObject();
    json->Member("Name", column.name);
    json->Member("Type", ClrTypeName(column.type));
    json->Member("CslType", TypeName(column.type));
    json->EndObject();
  }
  json->EndArray();
  json->EndObject();
}

void WriteDatabaseJson(storage::Store& store, const std::string& database, JsonWriter* json) {
  json->BeginObject();
  json->Member("Name", database);
  json->Key("Tables");
  json->BeginObject();
  for (const std::string& table : store.ListTables(database)) {
    Result<storage::TableSnapshot> snapshot = store.Snapshot(database, table);
    if (!snapshot.ok()) continue;
    json->Key(table);
    WriteTableJson(table, snapshot->schema, json);
  }
  json->EndObject();
  json->Key("ExternalTables");
  json->BeginObject();
  json->EndObject();
  json->Key("MaterializedViews");
  json->BeginObject();
  json->EndObject();
  json->Key("Functions");
  json->BeginObject();
  json->EndObject();
  json->EndObject();
}

// `{"Databases":{name:{...}, ...}}`: the `... schema as json` answer for these databases.
std::string DatabasesSchemaJson(storage::Store& store, const std::vector<std::string>& databases) {
  JsonWriter json;
  json.BeginObject();
  json.Key("Databases");
  json.BeginObject();
  for (const std::string& database : databases) {
    json.Key(database);
    WriteDatabaseJson(store, database, &json);
  }
  json.EndObject();
  json.EndObject();
  return json.Take();
}

Table OneJsonCell(const std::string& column, std::string json) {
  ResultBuilder result({{column, TypeKind::kString}});
  result.AddRow({Value::String(std::move(json))});
  return result.Finish();
}

std::vector<std::string> ListedDatabases(const CommandScope& scope) {
  return scope.visible_databases ? *scope.visible_databases : scope.store->ListWorkspaces();
}

Result<Table> ShowDatabases(const CommandScope& scope, CommandCursor& cursor) {
  if (cursor.Word("schema")) {
    if (!cursor.Word("as") || !cursor.Word("json")) return UnknownCommand(".show databases schema");
    return OneJsonCell("DatabaseSchema", DatabasesSchemaJson(*scope.store, ListedDatabases(scope)));
  }
  ResultBuilder result({{"DatabaseName", TypeKind::kString},
                        {"PersistentStorage", TypeKind::kString},
                        {"Version", TypeKind::kString},
                        {"IsCurrent", TypeKind::kBool},
                        {"DatabaseAccessMode", TypeKind::kString},
                        {"PrettyName", TypeKind::kString},
                        {"ReservedSlot1", TypeKind::kBool},
                        {"DatabaseId", TypeKind::kGuid},
                        {"InTransitionTo", TypeKind::kString}});
  for (const std::string& database : ListedDatabases(scope)) {
    result.AddRow({Str(database), Str("huntbook"), Str("v1.0"),
                   Value::Bool(database == scope.database), Str("ReadWrite"), Str(database),
                   Value::Bool(false), Value::Null(TypeKind::kGuid), Str("")});
  }
  return result.Finish();
}

Result<Table> ShowDatabaseSchema(const CommandScope& scope, const std::string& database,
                                 CommandCursor& cursor) {
  RETURN_IF_ERROR(RequireDatabase(scope, database));
  if (cursor.Word("as")) {
    if (!cursor.Word("json")) return UnknownCommand(".show database schema as");
    return OneJsonCell("DatabaseSchema", DatabasesSchemaJson(*scope.store, {database}));
  }
  ResultBuilder result({{"DatabaseName", TypeKind::kString},
                        {"TableName", TypeKind::kString},
                        {"ColumnName", TypeKind::kString},
                        {"ColumnType", TypeKind::kString},
                        {"IsDefaultTable", TypeKind::kBool},
                        {"IsDefaultColumn", TypeKind::kBool},
                        {"PrettyName", TypeKind::kString},
                        {"Version", TypeKind::kString},
                        {"Folder", TypeKind::kString},
                        {"DocString", TypeKind::kString}});
  // The database's own row, then one row per table and one per column (as Kusto).
  result.AddRow({Str(database), Str(""), Str(""), Str(""), Value::Bool(false), Value::Bool(false),
                 Str(""), Str("v1.0"), Str(""), Str("")});
  for (const std::string& table : scope.store->ListTables(database)) {
    Result<storage::TableSnapshot> snapshot = scope.store->Snapshot(database, table);
    if (!snapshot.ok()) continue;
    result.AddRow({Str(database), Str(table), Str(""), Str(""), Value::Bool(false),
                   Value::Bool(false), Str(""), Str("v1.0"), Str(""), Str("")});
    for (const ColumnSchema& column : snapshot->schema) {
      result.AddRow({Str(database), Str(table), Str(column.name), Str(ClrTypeName(column.type)),
                     Value::Bool(false), Value::Bool(false), Str(""), Str("v1.0"), Str(""),
                     Str("")});
    }
  }
  return result.Finish();
}

Result<Table> TableSchemaResult(const std::string& database, const std::string& table,
                                const std::vector<ColumnSchema>& schema) {
  ResultBuilder result({{"TableName", TypeKind::kString},
                        {"Schema", TypeKind::kString},
                        {"DatabaseName", TypeKind::kString},
                        {"Folder", TypeKind::kString},
                        {"DocString", TypeKind::kString}});
  result.AddRow({Str(table), Str(CslSchema(schema)), Str(database), Str(""), Str("")});
  return result.Finish();
}

// Parses "(a:string, b:long)".
Result<std::vector<ColumnSchema>> ColumnList(CommandCursor& cursor) {
  if (!cursor.Char('(')) return InvalidArgument("expected '(' and a column list");
  std::vector<ColumnSchema> columns;
  while (!cursor.Char(')')) {
    if (!columns.empty() && !cursor.Char(',')) return InvalidArgument("expected ',' or ')'");
    std::optional<std::string> name = cursor.Name();
    if (!name || !cursor.Char(':')) return InvalidArgument("expected 'name:type'");
    std::optional<std::string> type_name = cursor.Name();
    std::optional<TypeKind> type = type_name ? ParseTypeName(*type_name) : std::nullopt;
    if (!type) return InvalidArgument("unknown column type in '" + name.value() + ":'");
    columns.push_back({*name, *type});
    if (cursor.AtEnd()) return InvalidArgument("expected ')'");
  }
  return columns;
}

Table EmptyTableWith(const std::vector<ColumnSchema>& schema) {
  Table table;
  table.schema = schema;
  for (const ColumnSchema& column : schema) {
    table.columns.push_back(std::make_shared<Column>(column.type));
  }
  return table;
}

Result<Table> CreateTable(const CommandScope& scope, bool merge, CommandCursor& cursor) {
  std::optional<std::string> table = cursor.Name();
  if (!table) return InvalidArgument("expected a table name");
  ASSIGN_OR_RETURN(std::vector<ColumnSchema> columns, ColumnList(cursor));
  Result<storage::TableSnapshot> existing = scope.store->Snapshot(scope.database, *table);
  if (existing.ok() && !merge) {
    // .create table on an existing table with the same schema is a no-op in Kusto.
    for (const ColumnSchema& column : columns) {
      bool found = false;
      for (const ColumnSchema& have : existing->schema) {
        if (have.name == column.name && have.type == column.type) found = true;
      }
      if (!found) {
        return Status(StatusCode::kAlreadyExists,
                      "table '" + *table + "' already exists with a different schema");
      }
    }
  } else {
    RETURN_IF_ERROR(scope.store->Append(scope.database, *table, EmptyTableWith(columns)));
  }
  ASSIGN_OR_RETURN(storage::TableSnapshot snapshot, RequireTable(scope, *table));
  return TableSchemaResult(scope.database, *table, snapshot.schema);
}

Result<Table> DropTable(const CommandScope& scope, CommandCursor& cursor) {
  std::optional<std::string> table = cursor.Name();
  if (!table) return InvalidArgument("expected a table name");
  bool if_exists = cursor.Word("ifexists");
  Result<storage::TableSnapshot> snapshot = scope.store->Snapshot(scope.database, *table);
  if (!snapshot.ok()) {
    if (!if_exists) return NotFound("table '" + *table + "' not found");
  } else {
    RETURN_IF_ERROR(scope.store->DropTable(scope.database, *table));
  }
  ResultBuilder result({{"TableName", TypeKind::kString},
                        {"DatabaseName", TypeKind::kString},
                        {"Folder", TypeKind::kString},
                        {"DocString", TypeKind::kString}});
  for (const std::string& name : scope.store->ListTables(scope.database)) {
    result.AddRow({Str(name), Str(scope.database), Str(""), Str("")});
  }
  return result.Finish();
}

std::string CsvQuote(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

Result<Table> IngestInline(const CommandScope& scope, CommandCursor& cursor) {
  if (!cursor.Word("into") || !cursor.Word("table")) {
    return InvalidArgument("expected '.ingest inline into table T <| data'");
  }
  std::optional<std::string> table = cursor.Name();
  if (!table) return InvalidArgument("expected a table name");
  // Optional with (...) properties are not interpreted.
  std::string_view rest = cursor.Rest();
  size_t marker = rest.find("<|");
  if (marker == std::string_view::npos) return InvalidArgument("expected '<|' before the data");
  std::string_view data = rest.substr(marker + 2);
  // The data starts after the line break following "<|" (or right after it on one line).
  size_t start = 0;
  while (start < data.size() && (data[start] == ' ' || data[start] == '\t')) ++start;
  if (start < data.size() && data[start] == '\r') ++start;
  if (start < data.size() && data[start] == '\n') ++start;
  data = data.substr(start);
  ASSIGN_OR_RETURN(storage::TableSnapshot snapshot, RequireTable(scope, *table));
  // Inline data has no header: columns map by position to the table's schema.
  std::string csv;
  for (size_t c = 0; c < snapshot.schema.size(); ++c) {
    if (c > 0) csv += ',';
    csv += CsvQuote(snapshot.schema[c].name);
  }
  csv += '\n';
  csv += data;
  ASSIGN_OR_RETURN(Table rows,
                   ingest::ReadBuffer(csv, ingest::Format::kCsv, "inline data", snapshot.schema));
  RETURN_IF_ERROR(scope.store->Append(scope.database, *table, rows));
  ResultBuilder result({{"ExtentId", TypeKind::kGuid},
                        {"ItemLoaded", TypeKind::kString},
                        {"Duration", TypeKind::kTimespan},
                        {"HasErrors", TypeKind::kBool},
                        {"OperationId", TypeKind::kGuid},
                        {"RowCount", TypeKind::kLong}});
  result.AddRow({Value::Guid("00000000-0000-0000-0000-000000000000"), Str("inline"),
                 Value::Timespan(0), Value::Bool(false),
                 Value::Guid("00000000-0000-0000-0000-000000000000"),
                 Value::Long(static_cast<int64_t>(rows.rows))});
  return result.Finish();
}

}  // namespace

Action ManagementCommandAction(std::string_view command) {
  CommandCursor cursor(command);
  if (!cursor.Char('.')) return Action::kManageTables;
  if (cursor.Word("show")) return Action::kReadMetadata;
  if (cursor.Word("ingest")) return Action::kIngest;
  return Action::kManageTables;
}

bool IsWriteCommand(std::string_view command) {
  return ManagementCommandAction(command) != Action::kReadMetadata;
}

Result<Table> ExecuteManagementCommand(std::string_view command, const CommandScope& scope) {
  CommandCursor cursor(command);
  if (!cursor.Char('.')) return InvalidArgument("a management command starts with '.'");
  if (cursor.Word("show")) {
    if (cursor.Word("version")) {
      ResultBuilder result({{"BuildVersion", TypeKind::kString},
                            {"BuildTime", TypeKind::kDateTime},
                            {"ServiceType", TypeKind::kString},
                            {"ProductVersion", TypeKind::kString}});
      result.AddRow(
          {Str("1.0.0.0"), Value::DateTime(kUnixEpochTicks), Str("Engine"), Str("huntbook 1.0")});
      if (!cursor.AtEnd()) return UnknownCommand(command);
      return result.Finish();
    }
    if (cursor.Word("databases")) {
      ASSIGN_OR_RETURN(Table table, ShowDatabases(scope, cursor));
      if (!cursor.AtEnd()) return UnknownCommand(command);
      return table;
    }
    if (cursor.Word("database")) {
      std::optional<std::string> database = cursor.Name();
      if (!database || !cursor.Word("schema")) return UnknownCommand(command);
      ASSIGN_OR_RETURN(Table table, ShowDatabaseSchema(scope, *database, cursor));
      if (!cursor.AtEnd()) return UnknownCommand(command);
      return table;
    }
    if (cursor.Word("tables")) {
      if (!cursor.AtEnd()) return UnknownCommand(command);
      RETURN_IF_ERROR(RequireDatabase(scope, scope.database));
      ResultBuilder result({{"TableName", TypeKind::kString},
                            {"DatabaseName", TypeKind::kString},
                            {"Folder", TypeKind::kString},
                            {"DocString", TypeKind::kString}});
      for (const std::string& table : scope.store->ListTables(scope.database)) {
        result.AddRow({Str(table), Str(scope.database), Str(""), Str("")});
      }
      return result.Finish();
    }
    if (cursor.Word("table")) {
      std::optional<std::string> table = cursor.Name();
      if (!table) return UnknownCommand(command);
      ASSIGN_OR_RETURN(storage::TableSnapshot snapshot, RequireTable(scope, *table));
      if (cursor.Word("schema")) {
        if (!cursor.Word("as") || !cursor.Word("json") || !cursor.AtEnd()) {
          return UnknownCommand(command);
        }
        JsonWriter json;
        WriteTableJson(*table, snapshot.schema, &json);
        ResultBuilder result({{"TableName", TypeKind::kString},
                              {"Schema", TypeKind::kString},
                              {"DatabaseName", TypeKind::kString},
                              {"Folder", TypeKind::kString},
                              {"DocString", TypeKind::kString}});
        result.AddRow(
            {Str(*table), Value::String(json.Take()), Str(scope.database), Str(""), Str("")});
        return result.Finish();
      }
      if (cursor.Word("cslschema") || cursor.AtEnd()) {
        return TableSchemaResult(scope.database, *table, snapshot.schema);
      }
      return UnknownCommand(command);
    }
    return UnknownCommand(command);
  }
  if (cursor.Word("create-merge")) {
    if (!cursor.Word("table")) return UnknownCommand(command);
    return CreateTable(scope, /*merge=*/true, cursor);
  }
  if (cursor.Word("create")) {
    if (!cursor.Word("table")) return UnknownCommand(command);
    return CreateTable(scope, /*merge=*/false, cursor);
  }
  if (cursor.Word("drop")) {
    if (!cursor.Word("table")) return UnknownCommand(command);
    return DropTable(scope, cursor);
  }
  if (cursor.Word("ingest")) {
    if (!cursor.Word("inline")) return UnknownCommand(command);
    return IngestInline(scope, cursor);
  }
  return UnknownCommand(command);
}

}  // namespace huntbook::server
