// CSV record splitting per RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180).
#include "huntbook/ingest/csv_records.h"

#include <gtest/gtest.h>

namespace huntbook::ingest {
namespace {

std::vector<std::vector<std::string>> Split(std::string_view text) {
  CsvRecords records(text);
  std::vector<std::string_view> fields;
  std::vector<std::vector<std::string>> out;
  while (true) {
    Result<bool> more = records.Next(&fields);
    EXPECT_TRUE(more.ok()) << more.status().ToString();
    if (!more.ok() || !*more) break;
    out.emplace_back(fields.begin(), fields.end());
  }
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvRecordsTest, PlainAndQuotedFields) {
  EXPECT_EQ(Split("a,b,c\n1,,3\n"), (Rows{{"a", "b", "c"}, {"1", "", "3"}}));
  EXPECT_EQ(Split("a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n"),
            (Rows{{"a", "b"}, {"x,y", "say \"hi\""}}));
  EXPECT_EQ(Split("a\n\"line1\nline2\"\n"), (Rows{{"a"}, {"line1\nline2"}}));
  EXPECT_EQ(Split("a,b"), (Rows{{"a", "b"}}));                       // no final newline
  EXPECT_EQ(Split("a,\n"), (Rows{{"a", ""}}));                       // trailing empty field
  EXPECT_EQ(Split("\xEF\xBB\xBFx\n\n\ny\n"), (Rows{{"x"}, {"y"}}));  // BOM, blank lines
  EXPECT_EQ(Split("\"ab\"cd,e\n"), (Rows{{"abcd", "e"}}));           // stray text after a quote
  EXPECT_EQ(Split("a\"b,c\n"), (Rows{{"a\"b", "c"}}));               // quote inside unquoted field
  EXPECT_TRUE(Split("").empty());
}

TEST(CsvRecordsTest, RecordLinesCountEmbeddedNewlines) {
  CsvRecords records("h\n\"1\n2\n3\"\nnext\n");
  std::vector<std::string_view> fields;
  ASSERT_TRUE(*records.Next(&fields));
  EXPECT_EQ(records.record_line(), 1u);
  ASSERT_TRUE(*records.Next(&fields));
  EXPECT_EQ(records.record_line(), 2u);
  ASSERT_TRUE(*records.Next(&fields));
  EXPECT_EQ(records.record_line(), 5u);
  EXPECT_EQ(fields[0], "next");
}

TEST(CsvRecordsTest, UnterminatedQuoteIsAnError) {
  CsvRecords records("a,b\n1,\"open\n");
  std::vector<std::string_view> fields;
  ASSERT_TRUE(*records.Next(&fields));
  Result<bool> r = records.Next(&fields);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("line 2, column 2: unterminated quoted field"),
            std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace huntbook::ingest
