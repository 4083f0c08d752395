#include "huntbook/catalog/bookmark_store.h"

#include "huntbook/catalog/name_rules.h"
#include "huntbook/catalog/random_text.h"
#include "huntbook/catalog/string_list.h"
#include "huntbook/types/dynamic.h"

namespace huntbook::catalog {
namespace {

constexpr size_t kMaxNameBytes = 256;
constexpr size_t kMaxNotesBytes = 64 * 1024;
constexpr size_t kMaxLabels = 50;
constexpr size_t kMaxLabelBytes = 256;
constexpr size_t kMaxQueryBytes = 1024 * 1024;
constexpr size_t kMaxJsonBytes = 1024 * 1024;

constexpr char kSelectBookmark[] =
    "SELECT id, workspace_id, name, notes, labels, query_text, query_start_time, "
    "query_end_time, event_time, query_result_row, entities, created_by, updated_by, "
    "created_at, updated_at, soft_deleted FROM bookmarks ";

Status ValidateJson(std::string_view field, std::string_view json, bool allow_array,
                    bool allow_object) {
  RETURN_IF_ERROR(ValidateText(field, json, kMaxJsonBytes, /*allow_empty=*/false));
  Result<Dynamic> parsed = Dynamic::Parse(json);
  if (!parsed.ok()) {
    return InvalidArgument(std::string(field) + " is not valid JSON: " + parsed.status().message());
  }
  if ((parsed->is_array() && allow_array) || (parsed->is_object() && allow_object)) {
    return Status::OK();
  }
  return InvalidArgument(std::string(field) + " must be a JSON " +
                         (allow_array ? "array or object" : "object"));
}

Result<Bookmark> ReadBookmark(const SqlStatement& row) {
  Bookmark bookmark;
  bookmark.id = row.Text(0);
  bookmark.workspace_id = row.Text(1);
  bookmark.name = row.Text(2);
  bookmark.notes = row.Text(3);
  ASSIGN_OR_RETURN(bookmark.labels, ParseStringList("bookmark labels", row.Text(4)));
  bookmark.query_text = row.Text(5);
  bookmark.query_start_time = row.OptionalInt(6);
  bookmark.query_end_time = row.OptionalInt(7);
  bookmark.event_time = row.OptionalInt(8);
  bookmark.query_result_row = row.Text(9);
  bookmark.entities = row.Text(10);
  bookmark.created_by = row.Text(11);
  bookmark.updated_by = row.Text(12);
  bookmark.created_at = row.Int(13);
  bookmark.updated_at = row.Int(14);
  bookmark.soft_deleted = row.Int(15) != 0;
  return bookmark;
}

Status BookmarkNotFound(std::string_view bookmark_id) {
  return NotFound("bookmark '" + std::string(bookmark_id) + "' does not exist");
}

// A live bookmark of the workspace. REQUIRES: the database lock.
Result<Bookmark> LoadLive(SqlDatabase& database, std::string_view workspace_id,
                          std::string_view bookmark_id) {
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database.Prepare(std::string(kSelectBookmark) +
                                    "WHERE id = ? AND workspace_id = ? AND soft_deleted = 0"));
  statement.BindText(1, bookmark_id).BindText(2, workspace_id);
  ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) return BookmarkNotFound(bookmark_id);
  return ReadBookmark(statement);
}

// Writes every mutable field of `bookmark` to its row. REQUIRES: the database lock.
Status Store(SqlDatabase& database, const Bookmark& bookmark) {
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database.Prepare("UPDATE bookmarks SET name = ?, notes = ?, labels = ?, "
                                    "query_text = ?, query_start_time = ?, query_end_time = ?, "
                                    "event_time = ?, query_result_row = ?, entities = ?, "
                                    "updated_by = ?, updated_at = ?, soft_deleted = ? "
                                    "WHERE id = ? AND workspace_id = ?"));
  return statement.BindText(1, bookmark.name)
      .BindText(2, bookmark.notes)
      .BindText(3, FormatStringList(bookmark.labels))
      .BindText(4, bookmark.query_text)
      .BindOptionalInt(5, bookmark.query_start_time)
      .BindOptionalInt(6, bookmark.query_end_time)
      .BindOptionalInt(7, bookmark.event_time)
      .BindText(8, bookmark.query_result_row)
      .BindText(9, bookmark.entities)
      .BindText(10, bookmark.updated_by)
      .BindInt(11, bookmark.updated_at)
      .BindInt(12, bookmark.soft_deleted ? 1 : 0)
      .BindText(13, bookmark.id)
      .BindText(14, bookmark.workspace_id)
      .Run();
}

}  // namespace

Status ValidateBookmark(const Bookmark& bookmark) {
  RETURN_IF_ERROR(ValidateText("bookmark name", bookmark.name, kMaxNameBytes, false));
  RETURN_IF_ERROR(ValidateText("bookmark notes", bookmark.notes, kMaxNotesBytes, true));
  if (bookmark.labels.size() > kMaxLabels) {
    return InvalidArgument("bookmark labels: at most " + std::to_string(kMaxLabels) +
                           " labels are allowed");
  }
  for (const std::string& label : bookmark.labels) {
    RETURN_IF_ERROR(ValidateText("bookmark label", label, kMaxLabelBytes, false));
  }
  RETURN_IF_ERROR(ValidateText("bookmark query text", bookmark.query_text, kMaxQueryBytes, true));
  if (bookmark.query_start_time && bookmark.query_end_time &&
      *bookmark.query_start_time > *bookmark.query_end_time) {
    return InvalidArgument("bookmark query_start_time is after query_end_time");
  }
  RETURN_IF_ERROR(ValidateJson("bookmark query_result_row", bookmark.query_result_row,
                               /*allow_array=*/false, /*allow_object=*/true));
  return ValidateJson("bookmark entities", bookmark.entities, true, true);
}

Result<Bookmark> BookmarkStore::Create(std::string_view workspace_id, const BookmarkSpec& spec,
                                       std::string_view actor) {
  Bookmark bookmark;
  bookmark.id = RandomUuid();
  bookmark.workspace_id = std::string(workspace_id);
  bookmark.name = spec.name;
  bookmark.notes = spec.notes;
  bookmark.labels = spec.labels;
  bookmark.query_text = spec.query_text;
  bookmark.query_start_time = spec.query_start_time;
  bookmark.query_end_time = spec.query_end_time;
  bookmark.event_time = spec.event_time;
  bookmark.query_result_row = spec.query_result_row;
  bookmark.entities = spec.entities;
  bookmark.created_by = std::string(actor);
  bookmark.updated_by = std::string(actor);
  RETURN_IF_ERROR(ValidateBookmark(bookmark));
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement exists, database_.Prepare("SELECT 1 FROM workspaces WHERE id = ?"));
  exists.BindText(1, workspace_id);
  ASSIGN_OR_RETURN(bool found, exists.Step());
  if (!found) return NotFound("workspace '" + std::string(workspace_id) + "' does not exist");
  bookmark.created_at = bookmark.updated_at = clock_->Now();
  SqlTransaction transaction(database_);
  RETURN_IF_ERROR(transaction.status());
  ASSIGN_OR_RETURN(SqlStatement insert,
                   database_.Prepare("INSERT INTO bookmarks(id, workspace_id, name, notes, labels, "
                                     "query_text, query_result_row, entities, created_by, "
                                     "updated_by, created_at, updated_at) "
                                     "VALUES(?, ?, '', '', '[]', '', '{}', '[]', ?, ?, ?, ?)"));
  RETURN_IF_ERROR(insert.BindText(1, bookmark.id)
                      .BindText(2, workspace_id)
                      .BindText(3, actor)
                      .BindText(4, actor)
                      .BindInt(5, bookmark.created_at)
                      .BindInt(6, bookmark.updated_at)
                      .Run());
  RETURN_IF_ERROR(Store(database_, bookmark));
  RETURN_IF_ERROR(transaction.Commit());
  return bookmark;
}

Result<std::vector<Bookmark>> BookmarkStore::List(std::string_view workspace_id) {
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare(std::string(kSelectBookmark) +
                                     "WHERE workspace_id = ? AND soft_deleted = 0 "
                                     "ORDER BY created_at, id"));
  statement.BindText(1, workspace_id);
  std::vector<Bookmark> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) return out;
    ASSIGN_OR_RETURN(Bookmark bookmark, ReadBookmark(statement));
    out.push_back(std::move(bookmark));
  }
}

Result<Bookmark> BookmarkStore::Get(std::string_view workspace_id, std::string_view bookmark_id) {
  auto lock = database_.Lock();
  return LoadLive(database_, workspace_id, bookmark_id);
}

Result<Bookmark> BookmarkStore::Update(std::string_view workspace_id, std::string_view bookmark_id,
                                       const BookmarkUpdate& update, std::string_view actor) {
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(Bookmark bookmark, LoadLive(database_, workspace_id, bookmark_id));
  if (update.name) bookmark.name = *update.name;
  if (update.notes) bookmark.notes = *update.notes;
  if (update.labels) bookmark.labels = *update.labels;
  if (update.query_text) bookmark.query_text = *update.query_text;
  if (update.query_start_time) bookmark.query_start_time = update.query_start_time;
  if (update.query_end_time) bookmark.query_end_time = update.query_end_time;
  if (update.event_time) bookmark.event_time = update.event_time;
  if (update.query_result_row) bookmark.query_result_row = *update.query_result_row;
  if (update.entities) bookmark.entities = *update.entities;
  RETURN_IF_ERROR(ValidateBookmark(bookmark));
  bookmark.updated_by = std::string(actor);
  bookmark.updated_at = clock_->Now();
  RETURN_IF_ERROR(Store(database_, bookmark));
  return bookmark;
}

Result<Bookmark> BookmarkStore::Delete(std::string_view workspace_id, std::string_view bookmark_id,
                                       std::string_view actor) {
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(Bookmark bookmark, LoadLive(database_, workspace_id, bookmark_id));
  bookmark.soft_deleted = true;
  bookmark.updated_by = std::string(actor);
  bookmark.updated_at = clock_->Now();
  RETURN_IF_ERROR(Store(database_, bookmark));
  return bookmark;
}

}  // namespace huntbook::catalog
