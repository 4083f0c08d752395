#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "huntbook/ingest/reader.h"

namespace huntbook::ingest {
namespace {

std::string WriteTemp(const std::string& name, const std::string& contents) {
  std::string path = (std::filesystem::temp_directory_path() /
                      ("huntbook_batch_" + std::to_string(::getpid()) + "_" + name))
                         .string();
  std::ofstream(path, std::ios::binary) << contents;
  return path;
}

struct Batches {
  Status status;
  std::vector<Table> tables;
};

Batches ReadInBatches(const std::string& path, size_t batch_bytes,
                      const std::vector<ColumnSchema>& existing = {}) {
  Batches out;
  out.status = ReadFileInBatches(path, Format::kAuto, existing, batch_bytes, [&](Table t) {
    out.tables.push_back(std::move(t));
    return Status::OK();
  });
  return out;
}

TEST(ReadFileInBatchesTest, SplitsJsonLinesAtLineBoundaries) {
  std::string text;
  for (int i = 0; i < 100; ++i) {
    text += "{\"n\":" + std::to_string(i) + ",\"s\":\"" + std::string(i % 7, 'x') + "\"}\n";
    if (i == 50) text += "\n{\"n\":1000,\"long\":\"" + std::string(500, 'y') + "\"}\n";
  }
  std::string path = WriteTemp("lines.jsonl", text);
  Batches b = ReadInBatches(path, 128);
  ASSERT_TRUE(b.status.ok()) << b.status.ToString();
  EXPECT_GT(b.tables.size(), 10u);
  size_t rows = 0;
  int64_t expected = 0;
  for (const Table& t : b.tables) {
    rows += t.rows;
    ASSERT_EQ(t.schema[0].name, "n");
    EXPECT_EQ(t.schema[0].type, TypeKind::kLong);
    for (size_t r = 0; r < t.rows; ++r) {
      int64_t n = t.columns[0]->GetInt(r);
      if (n == 1000) continue;
      EXPECT_EQ(n, expected++);
    }
  }
  EXPECT_EQ(rows, 101u);
  std::remove(path.c_str());
}

// The buffer is sized by the file, not by batch_bytes: a 1 TiB batch size for a small file
// must neither allocate 1 TiB (which fails) nor change the result (one batch).
TEST(ReadFileInBatchesTest, SmallFileWithHugeBatchSizeIsOneBatch) {
  std::string path = WriteTemp("small.jsonl", "{\"n\":1}\n{\"n\":2}\n{\"n\":3}");
  Batches b = ReadInBatches(path, size_t{1} << 40);
  ASSERT_TRUE(b.status.ok()) << b.status.ToString();
  ASSERT_EQ(b.tables.size(), 1u);
  EXPECT_EQ(b.tables[0].rows, 3u);
  EXPECT_EQ(b.tables[0].columns[0]->GetInt(2), 3);
  std::remove(path.c_str());
}

TEST(ReadFileInBatchesTest, LaterBatchesKeepEarlierTypesAndAbsoluteLines) {
  std::string text;
  for (int i = 0; i < 20; ++i) text += "{\"n\":" + std::to_string(i) + "}\n";
  text += "{\"n\":\"abc\"}\n";  // line 21
  std::string path = WriteTemp("types.jsonl", text);
  Batches b = ReadInBatches(path, 40);
  ASSERT_FALSE(b.status.ok());
  const std::string expected = "types.jsonl: line 21, column 6 (n): 'abc' is not a long";
  ASSERT_GE(b.status.message().size(), expected.size());
  EXPECT_EQ(b.status.message().substr(b.status.message().size() - expected.size()), expected);
  // Read whole, the same file makes n a string column.
  Batches whole = ReadInBatches(path, 1 << 20);
  ASSERT_TRUE(whole.status.ok());
  ASSERT_EQ(whole.tables.size(), 1u);
  EXPECT_EQ(whole.tables[0].schema[0].type, TypeKind::kString);
  std::remove(path.c_str());
}

TEST(ReadFileInBatchesTest, OtherFormatsAreOneBatchAndErrorsPropagate) {
  std::string csv = WriteTemp("t.csv", "a,b\n1,2\n3,4\n5,6\n7,8\n9,10\n11,12\n");
  Batches b = ReadInBatches(csv, 8);
  ASSERT_TRUE(b.status.ok()) << b.status.ToString();
  ASSERT_EQ(b.tables.size(), 1u);
  EXPECT_EQ(b.tables[0].rows, 6u);
  std::string array = WriteTemp("t.json", "[{\"a\":1},\n{\"a\":2},\n{\"a\":3}]");
  b = ReadInBatches(array, 8);
  ASSERT_TRUE(b.status.ok()) << b.status.ToString();
  ASSERT_EQ(b.tables.size(), 1u);
  EXPECT_EQ(b.tables[0].rows, 3u);
  Status stopped = ReadFileInBatches(csv, Format::kAuto, {}, 8,
                                     [](Table) { return InvalidArgument("consumer refused"); });
  EXPECT_EQ(stopped.message(), "consumer refused");
  EXPECT_EQ(ReadInBatches("/nonexistent/x.jsonl", 8).status.code(), StatusCode::kIoError);
  std::remove(csv.c_str());
  std::remove(array.c_str());
}

}  // namespace
}  // namespace huntbook::ingest
