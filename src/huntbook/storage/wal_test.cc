#include "huntbook/storage/wal.h"

#include "gtest/gtest.h"
#include "huntbook/storage/memory_file_system.h"

namespace huntbook::storage {
namespace {

std::vector<std::string> ReadAll(FileSystem* fs, const std::string& path,
                                 WalReadResult* result = nullptr) {
  std::vector<std::string> records;
  auto read = ReadWal(fs, path, [&](std::string_view p) {
    records.emplace_back(p);
    return Status::OK();
  });
  EXPECT_TRUE(read.ok());
  if (result && read.ok()) *result = *read;
  return records;
}

TEST(WalTest, RecordsRoundTripAndTornTailsStop) {
  MemoryFileSystem fs;
  auto writer = WalWriter::Open(&fs, "/wal.log", 0);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->AddRecord("first").ok());
  ASSERT_TRUE((*writer)->AddRecord("").ok());
  ASSERT_TRUE((*writer)->AddRecord(std::string(1000, 'x')).ok());
  std::string full;
  ASSERT_TRUE(fs.ReadFile("/wal.log", &full).ok());
  EXPECT_EQ(ReadAll(&fs, "/wal.log").size(), 3u);
  const size_t two = 2 * kWalHeaderSize + 5;
  for (size_t cut = two; cut < full.size(); ++cut) {
    ASSERT_TRUE(fs.WriteWholeFile("/wal.log", full.substr(0, cut)).ok());
    WalReadResult r;
    auto records = ReadAll(&fs, "/wal.log", &r);
    ASSERT_EQ(records.size(), 2u) << cut;
    EXPECT_EQ(r.valid_length, two);
    EXPECT_EQ(r.file_length, cut);
  }
  // A flipped bit in the length field is caught by the checksum.
  std::string flipped = full;
  flipped[two] ^= 0x01;
  ASSERT_TRUE(fs.WriteWholeFile("/wal.log", flipped).ok());
  EXPECT_EQ(ReadAll(&fs, "/wal.log").size(), 2u);
}

TEST(WalTest, FailedSyncUndoesTheRecord) {
  MemoryFileSystem fs;
  auto writer = WalWriter::Open(&fs, "/wal.log", 0);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->AddRecord("kept").ok());
  fs.SetSyncFailure(true);
  EXPECT_FALSE((*writer)->AddRecord("lost").ok());
  fs.SetSyncFailure(false);
  ASSERT_TRUE((*writer)->AddRecord("later").ok());
  EXPECT_EQ(ReadAll(&fs, "/wal.log"), (std::vector<std::string>{"kept", "later"}));
}

}  // namespace
}  // namespace huntbook::storage
