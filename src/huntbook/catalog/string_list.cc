#include "huntbook/catalog/string_list.h"

#include "huntbook/types/dynamic.h"

namespace huntbook::catalog {

std::string FormatStringList(const std::vector<std::string>& items) {
  Dynamic::Array array;
  array.reserve(items.size());
  for (const std::string& item : items) array.push_back(Dynamic::String(item));
  return Dynamic::MakeArray(std::move(array)).ToJson();
}

Result<std::vector<std::string>> ParseStringList(std::string_view field, std::string_view json) {
  Result<Dynamic> parsed = Dynamic::Parse(json);
  if (!parsed.ok() || !parsed->is_array()) {
    return Corruption(std::string(field) + " in the catalog is not a JSON array");
  }
  std::vector<std::string> items;
  for (const Dynamic& item : parsed->array()) {
    if (item.kind() != Dynamic::Kind::kString) {
      return Corruption(std::string(field) + " in the catalog holds a non-string item");
    }
    items.push_back(item.string_value());
  }
  return items;
}

}  // namespace huntbook::catalog
