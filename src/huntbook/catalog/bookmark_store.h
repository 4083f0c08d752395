// BookmarkStore: hunting bookmarks, per workspace.
//
// Every call names the workspace, and a bookmark id from another workspace is "not found".
// Deletion is soft: the row stays with soft_deleted = true (so the HuntingBookmark table
// can record it) and disappears from List/Get/Update. Each change returns the full row
// after the change, for the server to append to the workspace's HuntingBookmark table
// (hunting_bookmark_table.h). Authorization is the caller's job (kReadBookmark,
// kWriteBookmark, kDeleteBookmark); `actor` is the principal's user name.
//
// Field rules (kInvalidArgument naming the field): name 1..256 bytes; notes up to 64 KiB;
// at most 50 labels of 1..256 bytes each; query text up to 1 MiB; query_start_time <=
// query_end_time when both are set; query_result_row a JSON object and entities a JSON
// array or object, each up to 1 MiB. Times are datetime ticks.
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/catalog/clock.h"
#include "huntbook/catalog/sql_database.h"
#include "huntbook/common/status.h"

namespace huntbook::catalog {

struct Bookmark {
  std::string id;  // UUID
  std::string workspace_id;
  std::string name;
  std::string notes;
  std::vector<std::string> labels;
  std::string query_text;
  std::optional<int64_t> query_start_time;
  std::optional<int64_t> query_end_time;
  std::optional<int64_t> event_time;
  std::string query_result_row = "{}";  // JSON object: the bookmarked row
  std::string entities = "[]";          // JSON: the row's entity mapping
  std::string created_by;
  std::string updated_by;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  bool soft_deleted = false;
};

// What a caller sets at creation (id, workspace, audit fields come from the store).
struct BookmarkSpec {
  std::string name;
  std::string notes;
  std::vector<std::string> labels;
  std::string query_text;
  std::optional<int64_t> query_start_time;
  std::optional<int64_t> query_end_time;
  std::optional<int64_t> event_time;
  std::string query_result_row = "{}";
  std::string entities = "[]";
};

// A partial update: only the fields that are set change.
struct BookmarkUpdate {
  std::optional<std::string> name;
  std::optional<std::string> notes;
  std::optional<std::vector<std::string>> labels;
  std::optional<std::string> query_text;
  std::optional<int64_t> query_start_time;
  std::optional<int64_t> query_end_time;
  std::optional<int64_t> event_time;
  std::optional<std::string> query_result_row;
  std::optional<std::string> entities;
};

class BookmarkStore {
 public:
  BookmarkStore(SqlDatabase& database, std::shared_ptr<Clock> clock)
      : database_(database), clock_(std::move(clock)) {}

  // Errors: kInvalidArgument (fields), kNotFound (workspace).
  Result<Bookmark> Create(std::string_view workspace_id, const BookmarkSpec& spec,
                          std::string_view actor);
  // Live bookmarks of the workspace, oldest first.
  Result<std::vector<Bookmark>> List(std::string_view workspace_id);
  Result<Bookmark> Get(std::string_view workspace_id, std::string_view bookmark_id);
  Result<Bookmark> Update(std::string_view workspace_id, std::string_view bookmark_id,
                          const BookmarkUpdate& update, std::string_view actor);
  // Soft delete; returns the row as deleted. Errors: kNotFound (also when already deleted).
  Result<Bookmark> Delete(std::string_view workspace_id, std::string_view bookmark_id,
                          std::string_view actor);

 private:
  SqlDatabase& database_;
  std::shared_ptr<Clock> clock_;
};

// Checks every field rule above. Exposed for the server to validate before authorizing.
Status ValidateBookmark(const Bookmark& bookmark);

}  // namespace huntbook::catalog
