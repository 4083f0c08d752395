#include "huntbook/catalog/bookmark_store.h"

#include "huntbook/catalog/catalog_test_support.h"
#include "huntbook/catalog/hunting_bookmark_table.h"

namespace huntbook::catalog {
namespace {

using BookmarkStoreTest = CatalogTest;

BookmarkSpec SampleSpec() {
  BookmarkSpec spec;
  spec.name = "Suspicious logon";
  spec.notes = "4625 burst from one host";
  spec.labels = {"brute-force", "2024-05-01", "quote\"d"};
  spec.query_text = "SecurityEvent | where EventID == 4625";
  spec.query_start_time = TicksFromCivil(2024, 4, 30);
  spec.query_end_time = TicksFromCivil(2024, 5, 1);
  spec.event_time = TicksFromCivil(2024, 4, 30, 13, 5, 0);
  spec.query_result_row = R"({"Account":"CONTOSO\\admin","EventID":4625})";
  spec.entities = R"([{"Type":"account","Name":"admin"}])";
  return spec;
}

TEST_F(BookmarkStoreTest, CreateGetListUpdateSoftDeleteAndPersist) {
  Workspace workspace = DefaultWorkspace();
  BookmarkStore& store = catalog_->bookmarks();
  int64_t created_at = clock_->Now();
  Result<Bookmark> created = store.Create(workspace.id, SampleSpec(), "alice");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->id.size(), 36u);
  EXPECT_EQ(created->created_by, "alice");
  EXPECT_EQ(created->created_at, created_at);

  clock_->Advance(10'000'000);
  BookmarkUpdate update;
  update.notes = "confirmed";
  update.labels = std::vector<std::string>{"confirmed"};
  Result<Bookmark> updated = store.Update(workspace.id, created->id, update, "bob");
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->notes, "confirmed");
  EXPECT_EQ(updated->name, "Suspicious logon");  // unchanged fields stay
  EXPECT_EQ(updated->created_by, "alice");
  EXPECT_EQ(updated->updated_by, "bob");
  EXPECT_EQ(updated->updated_at, created_at + 10'000'000);

  Reopen();
  BookmarkStore& reopened = catalog_->bookmarks();
  Result<Bookmark> got = reopened.Get(workspace.id, created->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->labels, std::vector<std::string>{"confirmed"});
  EXPECT_EQ(got->query_result_row, SampleSpec().query_result_row);
  EXPECT_EQ(got->event_time, SampleSpec().event_time);
  EXPECT_EQ(reopened.List(workspace.id)->size(), 1u);

  Result<Bookmark> deleted = reopened.Delete(workspace.id, created->id, "carol");
  ASSERT_TRUE(deleted.ok());
  EXPECT_TRUE(deleted->soft_deleted);
  EXPECT_EQ(deleted->updated_by, "carol");
  EXPECT_EQ(deleted->notes, "confirmed");  // the full row comes back
  EXPECT_TRUE(reopened.List(workspace.id)->empty());
  EXPECT_EQ(reopened.Get(workspace.id, created->id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(reopened.Delete(workspace.id, created->id, "carol").status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(reopened.Update(workspace.id, created->id, update, "x").status().code(),
            StatusCode::kNotFound);
}

TEST_F(BookmarkStoreTest, LabelsRoundTripExactly) {
  Workspace workspace = DefaultWorkspace();
  Result<Bookmark> created = catalog_->bookmarks().Create(workspace.id, SampleSpec(), "a");
  ASSERT_TRUE(created.ok());
  Result<Bookmark> got = catalog_->bookmarks().Get(workspace.id, created->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->labels, SampleSpec().labels);
}

TEST_F(BookmarkStoreTest, AnotherWorkspacesBookmarkIsNotFound) {
  Workspace home = DefaultWorkspace();
  WorkspaceSpec spec;
  spec.name = "other";
  Workspace other = *catalog_->workspaces().CreateWorkspace(spec);
  Result<Bookmark> created = catalog_->bookmarks().Create(home.id, SampleSpec(), "a");
  ASSERT_TRUE(created.ok());
  BookmarkStore& store = catalog_->bookmarks();
  EXPECT_EQ(store.Get(other.id, created->id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store.Update(other.id, created->id, BookmarkUpdate{}, "x").status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store.Delete(other.id, created->id, "x").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store.List(other.id)->empty());
  EXPECT_EQ(store.Create("no-such-workspace", SampleSpec(), "a").status().code(),
            StatusCode::kNotFound);
}

TEST_F(BookmarkStoreTest, RejectsBadFieldsNamingThem) {
  Workspace workspace = DefaultWorkspace();
  struct Case {
    void (*mutate)(BookmarkSpec&);
    const char* message;
  };
  const Case cases[] = {
      {[](BookmarkSpec& s) { s.name = " "; }, "bookmark name must not be empty"},
      {[](BookmarkSpec& s) { s.name = std::string(257, 'n'); }, "bookmark name is 257 bytes"},
      {[](BookmarkSpec& s) { s.notes = "bad \xff utf8"; }, "bookmark notes is not valid UTF-8"},
      {[](BookmarkSpec& s) { s.labels.assign(51, "x"); }, "at most 50 labels"},
      {[](BookmarkSpec& s) { s.labels = {""}; }, "bookmark label must not be empty"},
      {[](BookmarkSpec& s) { std::swap(s.query_start_time, s.query_end_time); },
       "query_start_time is after query_end_time"},
      {[](BookmarkSpec& s) { s.query_result_row = "[1]"; },
       "bookmark query_result_row must be a JSON object"},
      {[](BookmarkSpec& s) { s.query_result_row = "{\"a\":"; },
       "bookmark query_result_row is not valid JSON"},
      {[](BookmarkSpec& s) { s.entities = "42"; },
       "bookmark entities must be a JSON array or object"},
  };
  for (const Case& c : cases) {
    BookmarkSpec spec = SampleSpec();
    c.mutate(spec);
    Result<Bookmark> result = catalog_->bookmarks().Create(workspace.id, spec, "a");
    ASSERT_FALSE(result.ok()) << c.message;
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(result.status().message().find(c.message), std::string::npos)
        << result.status().message();
  }
  EXPECT_TRUE(catalog_->bookmarks().List(workspace.id)->empty());
}

// Column names and types from the HuntingBookmark table reference:
// https://learn.microsoft.com/azure/azure-monitor/reference/tables/huntingbookmark
TEST_F(BookmarkStoreTest, HuntingBookmarkRowMatchesTheDocumentedColumns) {
  const std::vector<std::pair<std::string, TypeKind>> documented = {
      {"BookmarkId", TypeKind::kString},     {"BookmarkName", TypeKind::kString},
      {"BookmarkType", TypeKind::kString},   {"CreatedBy", TypeKind::kString},
      {"CreatedTime", TypeKind::kDateTime},  {"Entities", TypeKind::kString},
      {"EventTime", TypeKind::kDateTime},    {"LastUpdatedTime", TypeKind::kDateTime},
      {"Notes", TypeKind::kString},          {"QueryEndTime", TypeKind::kDateTime},
      {"QueryResultRow", TypeKind::kString}, {"QueryStartTime", TypeKind::kDateTime},
      {"QueryText", TypeKind::kString},      {"SoftDeleted", TypeKind::kBool},
      {"Tags", TypeKind::kString},           {"TimeGenerated", TypeKind::kDateTime},
      {"UpdatedBy", TypeKind::kString},      {"TenantId", TypeKind::kString},
  };
  auto index_of = [](std::string_view name) {
    for (size_t i = 0; i < kHuntingBookmarkColumns.size(); ++i) {
      if (kHuntingBookmarkColumns[i].name == name) return static_cast<int>(i);
    }
    return -1;
  };
  for (const auto& [name, type] : documented) {
    int index = index_of(name);
    ASSERT_GE(index, 0) << name;
    EXPECT_EQ(kHuntingBookmarkColumns[index].type, type) << name;
  }

  Workspace workspace = DefaultWorkspace();
  BookmarkSpec spec = SampleSpec();
  spec.query_end_time.reset();
  Result<Bookmark> created = catalog_->bookmarks().Create(workspace.id, spec, "alice");
  ASSERT_TRUE(created.ok());
  Result<Bookmark> deleted = catalog_->bookmarks().Delete(workspace.id, created->id, "bob");
  ASSERT_TRUE(deleted.ok());
  std::vector<Value> row = HuntingBookmarkRow(*deleted, workspace);
  ASSERT_EQ(row.size(), kHuntingBookmarkColumns.size());
  for (size_t i = 0; i < row.size(); ++i) {
    EXPECT_EQ(row[i].type(), kHuntingBookmarkColumns[i].type) << kHuntingBookmarkColumns[i].name;
  }
  EXPECT_EQ(row[index_of("BookmarkId")].string_value(), created->id);
  EXPECT_EQ(row[index_of("TenantId")].string_value(), workspace.id);
  EXPECT_EQ(row[index_of("CreatedBy")].string_value(), R"({"Name":"alice"})");
  EXPECT_EQ(row[index_of("UpdatedBy")].string_value(), R"({"Name":"bob"})");
  EXPECT_EQ(row[index_of("Tags")].string_value(), R"(["brute-force","2024-05-01","quote\"d"])");
  EXPECT_TRUE(row[index_of("SoftDeleted")].bool_value());
  EXPECT_EQ(row[index_of("EventTime")].int_value(), *spec.event_time);
  EXPECT_TRUE(row[index_of("QueryEndTime")].is_null());
  EXPECT_EQ(row[index_of("Type")].string_value(), "HuntingBookmark");
}

}  // namespace
}  // namespace huntbook::catalog
