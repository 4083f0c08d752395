#include "huntbook/storage/term_index.h"

#include "gtest/gtest.h"

namespace huntbook::storage {
namespace {

using Rows = std::vector<uint32_t>;

std::unique_ptr<TermIndex> Build(const std::vector<std::string>& texts) {
  TermIndexBuilder builder;
  for (size_t i = 0; i < texts.size(); ++i) builder.Add(static_cast<uint32_t>(i), texts[i]);
  auto index = TermIndex::Parse(builder.Finish());
  EXPECT_TRUE(index.ok());
  return std::move(index).value();
}

TEST(TermIndexTest, TermsAreMaximalAlnumRunsLowerCased) {
  auto index = Build(
      {"C:\\Windows\\System32\\cmd.exe", "CMD /c whoami", "cmdline x", "émigré cmd", "ab ab ab"});
  EXPECT_EQ(index->RowsWithTerm("cmd"), Rows({0, 1, 3}));
  EXPECT_EQ(index->RowsWithTerm("system32"), Rows({0}));
  EXPECT_EQ(index->RowsWithPrefix("cmd"), Rows({0, 1, 2, 3}));
  EXPECT_EQ(index->RowsWithTerm("migr"), Rows({3}));  // non-ASCII bytes separate terms
  EXPECT_EQ(index->RowsWithTerm("ab"), Rows({}));     // short terms are not indexed
}

TEST(TermIndexTest, NormalizeLookupTerm) {
  EXPECT_EQ(NormalizeLookupTerm("WhoAmI"), "whoami");
  EXPECT_EQ(NormalizeLookupTerm("ab"), std::nullopt);
  EXPECT_EQ(NormalizeLookupTerm("a-b-c"), std::nullopt);
  EXPECT_EQ(NormalizeLookupTerm(std::string(100, 'A'))->size(), kMaxIndexedTermLength);
}

TEST(TermIndexTest, LongTermsGiveASuperset) {
  std::string long_a = std::string(70, 'a') + "x";
  std::string long_b = std::string(70, 'a') + "y";
  auto index = Build({long_a, long_b, "aaa"});
  EXPECT_EQ(index->RowsWithTerm(*NormalizeLookupTerm(long_a)), Rows({0, 1}));
  EXPECT_EQ(index->RowsWithPrefix("aaa"), Rows({0, 1, 2}));
}

TEST(TermIndexTest, ManyRowsAndEmptyIndex) {
  std::vector<std::string> texts;
  for (int i = 0; i < 100000; ++i) texts.push_back(i % 1000 == 0 ? "rare event" : "common");
  auto index = Build(texts);
  EXPECT_EQ(index->RowsWithTerm("rare").size(), 100u);
  EXPECT_EQ(index->RowsWithTerm("common").size(), 99900u);
  auto empty = Build({});
  EXPECT_EQ(empty->RowsWithPrefix("abc"), Rows({}));
  EXPECT_FALSE(TermIndex::Parse("\x05garbage").ok());
}

}  // namespace
}  // namespace huntbook::storage
