#include "tools/schema_catalog.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "huntbook/types/dynamic.h"

namespace huntbook::tools {

Result<std::unique_ptr<SchemaCatalog>> SchemaCatalog::Load(const std::string& dir) {
  auto catalog = std::unique_ptr<SchemaCatalog>(new SchemaCatalog());
  std::error_code error;
  std::filesystem::directory_iterator it(dir, error);
  if (error) return IoError("cannot read schema directory '" + dir + "': " + error.message());
  for (const auto& entry : it) {
    std::string file = entry.path().filename().string();
    if (entry.path().extension() != ".json" || file.empty() || file[0] == '_') continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    Result<Dynamic> json = Dynamic::Parse(text.str());
    if (!json.ok()) return json.status().WithContext(entry.path().string() + ": ");
    const Dynamic& root = *json;
    Dynamic name = root.Get("name");
    Dynamic columns = root.Get("columns");
    if (name.kind() != Dynamic::Kind::kString || !columns.is_array()) {
      return InvalidArgument(entry.path().string() + ": expected \"name\" and \"columns\"");
    }
    auto snapshot = std::make_shared<storage::TableSnapshot>();
    std::set<std::string, std::less<>> seen;
    auto add_columns = [&](const Dynamic& list) {
      if (!list.is_array()) return;
      for (const Dynamic& column : list.array()) {
        Dynamic column_name = column.Get("name"), type = column.Get("type");
        if (column_name.kind() != Dynamic::Kind::kString || type.kind() != Dynamic::Kind::kString ||
            !seen.insert(column_name.string_value()).second) {
          continue;
        }
        std::optional<TypeKind> kind = ParseTypeName(type.string_value());
        snapshot->schema.push_back({column_name.string_value(), kind ? *kind : TypeKind::kDynamic});
      }
    };
    add_columns(columns);
    add_columns(root.Get("advanced_hunting_columns"));
    catalog->tables_[name.string_value()] = snapshot;
  }
  return catalog;
}

std::shared_ptr<const storage::TableSnapshot> SchemaCatalog::FindTable(
    std::string_view name) const {
  auto it = tables_.find(name);
  return it == tables_.end() ? nullptr : it->second;
}

std::vector<std::string> SchemaCatalog::TableNames() const {
  std::vector<std::string> names;
  for (const auto& [name, table] : tables_) names.push_back(name);
  return names;
}

}  // namespace huntbook::tools
