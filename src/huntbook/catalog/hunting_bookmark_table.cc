#include "huntbook/catalog/hunting_bookmark_table.h"

#include "huntbook/catalog/string_list.h"
#include "huntbook/types/dynamic.h"

namespace huntbook::catalog {
namespace {

std::string UserInfo(const std::string& user_name) {
  return Dynamic::MakeObject({{"Name", Dynamic::String(user_name)}}).ToJson();
}

Value OptionalDateTime(const std::optional<int64_t>& ticks) {
  return ticks ? Value::DateTime(*ticks) : Value::Null(TypeKind::kDateTime);
}

}  // namespace

std::vector<Value> HuntingBookmarkRow(const Bookmark& bookmark, const Workspace& workspace) {
  std::string tags = FormatStringList(bookmark.labels);
  double billed_size = static_cast<double>(
      bookmark.name.size() + bookmark.notes.size() + bookmark.query_text.size() +
      bookmark.query_result_row.size() + bookmark.entities.size() + tags.size());
  std::vector<Value> row;
  row.reserve(kHuntingBookmarkColumns.size());
  row.push_back(Value::String(workspace.id));
  row.push_back(Value::DateTime(bookmark.updated_at));
  row.push_back(Value::String(bookmark.id));
  row.push_back(Value::String(bookmark.name));
  row.push_back(Value::String(""));
  row.push_back(Value::String(UserInfo(bookmark.created_by)));
  row.push_back(Value::String(UserInfo(bookmark.updated_by)));
  row.push_back(Value::DateTime(bookmark.created_at));
  row.push_back(Value::DateTime(bookmark.updated_at));
  row.push_back(OptionalDateTime(bookmark.event_time));
  row.push_back(Value::String(bookmark.query_text));
  row.push_back(Value::String(bookmark.query_result_row));
  row.push_back(OptionalDateTime(bookmark.query_start_time));
  row.push_back(OptionalDateTime(bookmark.query_end_time));
  row.push_back(Value::String(bookmark.notes));
  row.push_back(Value::String(bookmark.entities));
  row.push_back(Value::Bool(bookmark.soft_deleted));
  row.push_back(Value::String(tags));
  row.push_back(Value::String("huntbook"));
  row.push_back(Value::String(kHuntingBookmarkTable));
  row.push_back(Value::String("False"));
  row.push_back(Value::Real(billed_size));
  row.push_back(Value::String("/resourcegroups/" + workspace.resource_group + "/workspaces/" +
                              workspace.name));
  row.push_back(Value::String(""));
  return row;
}

}  // namespace huntbook::catalog
