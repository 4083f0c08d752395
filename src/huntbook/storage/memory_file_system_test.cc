#include "huntbook/storage/memory_file_system.h"

#include "gtest/gtest.h"

namespace huntbook::storage {
namespace {

TEST(MemoryFileSystemTest, CrashKeepsOnlyDurableDataAndEntries) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.CreateDir("/d").ok());
  ASSERT_TRUE(fs.SyncDir("/").ok());
  auto f = fs.NewWritableFile("/d/a");
  ASSERT_TRUE(f.ok());
  ASSERT_TRUE((*f)->Append("synced").ok());
  ASSERT_TRUE((*f)->Sync().ok());
  ASSERT_TRUE((*f)->Append("-lost").ok());
  auto g = fs.NewWritableFile("/d/b");  // entry never made durable
  ASSERT_TRUE((*g)->Append("x").ok());
  ASSERT_TRUE((*g)->Sync().ok());
  ASSERT_TRUE(fs.SyncDir("/d").ok());
  auto h = fs.NewWritableFile("/d/c");
  ASSERT_TRUE((*h)->Sync().ok());
  fs.SimulateCrash();
  std::string data;
  ASSERT_TRUE(fs.ReadFile("/d/a", &data).ok());
  EXPECT_EQ(data, "synced");
  EXPECT_TRUE(fs.Exists("/d/b"));
  EXPECT_FALSE(fs.Exists("/d/c"));
}

TEST(MemoryFileSystemTest, RenameIsDurableOnlyAfterSyncDir) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.CreateDir("/d").ok());
  ASSERT_TRUE(fs.SyncDir("/").ok());
  auto f = fs.NewWritableFile("/d/tmp");
  ASSERT_TRUE((*f)->Append("v").ok());
  ASSERT_TRUE((*f)->Sync().ok());
  ASSERT_TRUE(fs.SyncDir("/d").ok());
  ASSERT_TRUE(fs.Rename("/d/tmp", "/d/final").ok());
  fs.SimulateCrash();
  EXPECT_TRUE(fs.Exists("/d/tmp"));
  EXPECT_FALSE(fs.Exists("/d/final"));
  ASSERT_TRUE(fs.Rename("/d/tmp", "/d/final").ok());
  ASSERT_TRUE(fs.SyncDir("/d").ok());
  fs.SimulateCrash();
  EXPECT_FALSE(fs.Exists("/d/tmp"));
  EXPECT_TRUE(fs.Exists("/d/final"));
}

TEST(MemoryFileSystemTest, InjectedFaults) {
  MemoryFileSystem fs;
  auto f = fs.NewWritableFile("/a");
  fs.SetWriteBudget(3);
  EXPECT_EQ((*f)->Append("hello").code(), StatusCode::kIoError);
  std::string data;
  ASSERT_TRUE(fs.ReadFile("/a", &data).ok());
  EXPECT_EQ(data, "hel");
  fs.SetWriteBudget(-1);
  fs.SetSyncFailure(true);
  EXPECT_EQ((*f)->Sync().code(), StatusCode::kIoError);
  EXPECT_EQ(fs.SyncDir("/").code(), StatusCode::kIoError);
  EXPECT_EQ(fs.CreateDir("/x/y").code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace huntbook::storage
