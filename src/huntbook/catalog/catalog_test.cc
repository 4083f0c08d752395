// Opening: damaged, foreign and newer catalogs; concurrent use from many threads.
#include "huntbook/catalog/catalog.h"

#include <atomic>
#include <thread>

#include "huntbook/catalog/catalog_schema.h"
#include "huntbook/catalog/catalog_test_support.h"

namespace huntbook::catalog {
namespace {

using CatalogOpenTest = CatalogTest;

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

TEST_F(CatalogOpenTest, GarbageFileIsReportedAsCorruption) {
  catalog_.reset();
  std::filesystem::remove(dir_ + "/catalog.db-wal");
  std::filesystem::remove(dir_ + "/catalog.db-shm");
  WriteFile(dir_ + "/catalog.db", std::string(8192, 'x'));
  Result<std::unique_ptr<Catalog>> opened = Catalog::Open(dir_, Options());
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kCorruption) << opened.status().ToString();
  EXPECT_NE(opened.status().message().find("catalog.db"), std::string::npos);
}

TEST_F(CatalogOpenTest, DamagedPagesAreReportedAsCorruption) {
  catalog_.reset();  // checkpoints the WAL into catalog.db
  std::string bytes = ReadFile("catalog.db");
  ASSERT_GT(bytes.size(), 8192u);
  // Keep the header page, scramble the pages holding the schema's tables.
  for (size_t i = 4096; i < bytes.size(); i += 7) bytes[i] = static_cast<char>(bytes[i] ^ 0x5a);
  WriteFile(dir_ + "/catalog.db", bytes);
  Result<std::unique_ptr<Catalog>> opened = Catalog::Open(dir_, Options());
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kCorruption) << opened.status().ToString();
}

TEST_F(CatalogOpenTest, NewerSchemaVersionIsRefused) {
  catalog_.reset();
  {
    Result<std::unique_ptr<SqlDatabase>> database = SqlDatabase::Open(dir_ + "/catalog.db");
    ASSERT_TRUE(database.ok());
    ASSERT_TRUE((*database)->Execute("PRAGMA user_version = 99").ok());
  }
  Result<std::unique_ptr<Catalog>> opened = Catalog::Open(dir_, Options());
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kNotSupported);
  EXPECT_NE(opened.status().message().find("schema version 99, newer than this huntbook's 1"),
            std::string::npos)
      << opened.status().message();
}

TEST_F(CatalogOpenTest, ForeignSqliteDatabaseIsRefused) {
  std::string other = dir_ + "/other";
  std::filesystem::create_directory(other);
  {
    Result<std::unique_ptr<SqlDatabase>> database = SqlDatabase::Open(other + "/catalog.db");
    ASSERT_TRUE(database.ok());
    ASSERT_TRUE((*database)->Execute("CREATE TABLE t(x)").ok());
  }
  Result<std::unique_ptr<Catalog>> opened = Catalog::Open(other, Options());
  EXPECT_EQ(opened.status().code(), StatusCode::kCorruption);
  EXPECT_NE(opened.status().message().find("not a huntbook catalog"), std::string::npos);
}

TEST_F(CatalogOpenTest, ReopenKeepsVersionAndSeedsOnce) {
  Reopen();
  Reopen();
  EXPECT_EQ(catalog_->workspaces().ListWorkspaces()->size(), 1u);
  EXPECT_EQ(catalog_->access().ListRoles()->size(), 4u);
  Result<std::unique_ptr<SqlDatabase>> database = SqlDatabase::Open(dir_ + "/catalog.db");
  ASSERT_TRUE(database.ok());
  auto lock = (*database)->Lock();
  EXPECT_EQ(*(*database)->QueryInt("PRAGMA user_version"), kCatalogSchemaVersion);
  EXPECT_EQ(*(*database)->QueryInt("PRAGMA application_id"), kCatalogApplicationId);
}

TEST_F(CatalogOpenTest, ConcurrentUseFromManyThreads) {
  constexpr int kThreads = 8;
  constexpr int kRounds = 15;
  Workspace workspace = DefaultWorkspace();
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto check = [&](bool ok) {
        if (!ok) failures.fetch_add(1);
      };
      Result<User> user = catalog_->users().CreateUser("user" + std::to_string(t), "password-123");
      check(user.ok());
      if (!user.ok()) return;
      check(catalog_->access()
                .AssignRole(user->id, "Responder", Scope::Workspace(workspace.id))
                .ok());
      Result<IssuedToken> token = catalog_->credentials().CreateToken(user->id, "t", std::nullopt);
      check(token.ok());
      for (int round = 0; round < kRounds; ++round) {
        Credentials credentials;
        credentials.bearer_token = token.ok() ? token->text : "";
        Result<Authentication> auth = catalog_->authenticator().Authenticate(credentials);
        check(auth.ok() && auth->principal.has_value());
        if (!auth.ok() || !auth->principal) continue;
        check(catalog_->access().Authorize(*auth->principal, Action::kWriteBookmark, workspace.id));
        BookmarkSpec spec;
        spec.name = "b" + std::to_string(t) + "-" + std::to_string(round);
        check(catalog_->bookmarks().Create(workspace.id, spec, auth->principal->user_name).ok());
        check(catalog_->bookmarks().List(workspace.id).ok());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(catalog_->bookmarks().List(workspace.id)->size(),
            static_cast<size_t>(kThreads * kRounds));
  EXPECT_EQ(*catalog_->users().CountUsers(), kThreads);
}

TEST_F(CatalogOpenTest, TwoCatalogsOnOneDirectoryShareState) {
  Result<std::unique_ptr<Catalog>> second = Catalog::Open(dir_, Options());
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  MakeUser("shared");
  EXPECT_TRUE((*second)->users().GetUser("shared").ok());
}

}  // namespace
}  // namespace huntbook::catalog
