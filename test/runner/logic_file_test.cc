#include "logic_file.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#ifndef HUNTBOOK_DEFAULT_SOURCE_DIR
#define HUNTBOOK_DEFAULT_SOURCE_DIR "."
#endif

namespace huntbook::logictest {
namespace {

constexpr char kSample[] =
    "# doc: https://example.com/file\n"
    "\n"
    "# A comment.\n"
    "query\n"
    "print x = 7 / 2, y = -7 % 5\n"
    "----\n"
    "x:long\ty:long\n"
    "3\t3\n"
    "\n"
    "# doc: https://example.com/case\n"
    "query rowsort\n"
    "datatable(a:string)\n"
    "[\"b\",\"a\"]\n"
    "----\n"
    "a:string\n"
    "a\n"
    "b\n"
    "\n"
    "# doc: https://example.com/a\n"
    "# doc: https://example.com/b\n"
    "error not supported: make-series\n"
    "range x from 1 to 3 step 1 | make-series count() on x step 1\n"
    "\n"
    "error SyntaxError at 1:7 expected\n"
    "print (\n"
    "\n"
    "load SecurityEvent host_logons.csv\n"
    "now 2024-01-01T00:00:00Z\n"
    "\n"
    "query\n"
    "datatable(a:string)[]\n"
    "----\n"
    "a:string\n";

TEST(LogicFileTest, ParsesAllRecordKinds) {
  auto file = ParseLogicFile(kSample, "sample.test");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->doc, "https://example.com/file");
  ASSERT_EQ(file->records.size(), 7u);

  const Record& q = file->records[0];
  EXPECT_EQ(q.kind, RecordKind::kQuery);
  EXPECT_EQ(q.line, 4);
  EXPECT_EQ(q.sort, SortMode::kNone);
  EXPECT_EQ(q.query, "print x = 7 / 2, y = -7 % 5");
  EXPECT_EQ(q.header, (std::vector<std::string>{"x:long", "y:long"}));
  ASSERT_EQ(q.rows.size(), 1u);
  EXPECT_EQ(q.rows[0], (std::vector<std::string>{"3", "3"}));
  EXPECT_EQ(q.doc, "https://example.com/file");
  EXPECT_EQ(q.result_begin, 6);
  EXPECT_EQ(q.result_end, 8);

  const Record& sorted = file->records[1];
  EXPECT_EQ(sorted.sort, SortMode::kRowSort);
  EXPECT_EQ(sorted.query, "datatable(a:string)\n[\"b\",\"a\"]");
  EXPECT_EQ(sorted.rows.size(), 2u);
  EXPECT_EQ(sorted.doc, "https://example.com/case");

  const Record& error = file->records[2];
  EXPECT_EQ(error.kind, RecordKind::kError);
  EXPECT_EQ(error.error_code, "");
  EXPECT_EQ(error.error_line, 0);
  EXPECT_EQ(error.error_substring, "not supported: make-series");
  EXPECT_EQ(error.doc, "https://example.com/a https://example.com/b");
  EXPECT_EQ(file->records[3].doc, error.doc);  // a doc applies until the next one

  const Record& syntax = file->records[3];
  EXPECT_EQ(syntax.error_code, "SyntaxError");
  EXPECT_EQ(syntax.error_line, 1);
  EXPECT_EQ(syntax.error_column, 7);
  EXPECT_EQ(syntax.error_substring, "expected");
  EXPECT_EQ(syntax.query, "print (");

  EXPECT_EQ(file->records[4].kind, RecordKind::kLoad);
  EXPECT_EQ(file->records[4].table, "SecurityEvent");
  EXPECT_EQ(file->records[4].file, "host_logons.csv");
  EXPECT_EQ(file->records[5].kind, RecordKind::kNow);
  EXPECT_EQ(file->records[5].now_text, "2024-01-01T00:00:00Z");

  const Record& empty = file->records[6];
  EXPECT_EQ(empty.header, (std::vector<std::string>{"a:string"}));
  EXPECT_TRUE(empty.rows.empty());
}

TEST(LogicFileTest, ErrorSpecParts) {
  Record r;
  ParseErrorSpec("NotSupported", &r);
  EXPECT_EQ(r.error_code, "NotSupported");
  EXPECT_EQ(r.error_substring, "");
  Record p;
  ParseErrorSpec("at 2:15", &p);
  EXPECT_EQ(p.error_line, 2);
  EXPECT_EQ(p.error_column, 15);
  Record s;
  ParseErrorSpec("at the end", &s);  // not a position: part of the substring
  EXPECT_EQ(s.error_line, 0);
  EXPECT_EQ(s.error_substring, "at the end");
}

TEST(LogicFileTest, RejectsMalformedRecords) {
  EXPECT_FALSE(ParseLogicFile("query\nprint 1\n", "f").ok());                 // no ----
  EXPECT_FALSE(ParseLogicFile("query\nprint 1\n----\n", "f").ok());           // no header
  EXPECT_FALSE(ParseLogicFile("query\nprint 1\n----\nprint_0\n", "f").ok());  // not name:type
  EXPECT_FALSE(ParseLogicFile("query\nprint 1, 2\n----\na:long\tb:long\n1\n", "f").ok());
  EXPECT_FALSE(ParseLogicFile("query sorted\nprint 1\n----\na:long\n", "f").ok());
  EXPECT_FALSE(ParseLogicFile("statement ok\nprint 1\n", "f").ok());
  EXPECT_FALSE(ParseLogicFile("error x\nprint 1\n----\na:long\n", "f").ok());
  EXPECT_FALSE(ParseLogicFile("error x\n\n", "f").ok());
  EXPECT_FALSE(ParseLogicFile("load T\n", "f").ok());
  auto bad = ParseLogicFile("\n\nbogus\n", "dir/x.test");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("dir/x.test:3"), std::string::npos);
}

TEST(LogicFileTest, KeepsCellTextVerbatim) {
  auto file = ParseLogicFile("query\nprint s=' a'\n----\ns:string\n a \n", "f");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->records[0].rows[0][0], " a ");
}

TEST(LogicFileTest, EscapesCells) {
  EXPECT_EQ(EscapeCell("a\tb\nc\\d\re"), "a\\tb\\nc\\\\d\\re");
  EXPECT_EQ(SplitCells("a\t\tb"), (std::vector<std::string>{"a", "", "b"}));
}

TEST(LogicFileTest, RewriteReplacesOnlyResultLines) {
  auto file = ParseLogicFile(kSample, "sample.test");
  ASSERT_TRUE(file.ok());
  std::string text =
      RewriteResults(*file, {{0, {"x:long\ty:long", "4\t4", "5\t5"}}, {6, {"a:string", "z"}}});
  auto again = ParseLogicFile(text, "sample.test");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  ASSERT_EQ(again->records.size(), 7u);
  EXPECT_EQ(again->records[0].rows.size(), 2u);
  EXPECT_EQ(again->records[0].rows[1][0], "5");
  EXPECT_EQ(again->records[1].rows, file->records[1].rows);
  EXPECT_EQ(again->records[6].rows.size(), 1u);
  EXPECT_EQ(RewriteResults(*file, {}), std::string(kSample));
}

constexpr std::string_view kTypeNames[] = {"bool",   "int",      "long",     "real", "decimal",
                                           "string", "datetime", "timespan", "guid", "dynamic"};

// Every shipped logic-test file parses and cites the documentation it pins.
TEST(LogicFileTest, RepositoryFilesParse) {
  namespace fs = std::filesystem;
  const char* env = std::getenv("HUNTBOOK_SOURCE_DIR");
  fs::path root =
      fs::path(env != nullptr && *env ? env : HUNTBOOK_DEFAULT_SOURCE_DIR) / "test" / "kql";
  size_t files = 0, records = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".test") continue;
    ++files;
    auto file = ReadLogicFile(entry.path().string());
    ASSERT_TRUE(file.ok()) << file.status().ToString();
    EXPECT_FALSE(file->doc.empty()) << entry.path() << " lacks a leading `# doc:` line";
    ASSERT_FALSE(file->lines.empty());
    EXPECT_EQ(file->lines[0].rfind("# doc:", 0), 0u)
        << entry.path() << " must start with `# doc: <url>`";
    for (const Record& record : file->records) {
      if (record.kind == RecordKind::kQuery || record.kind == RecordKind::kError) ++records;
      for (const std::string& cell : record.header) {
        const std::string type = cell.substr(cell.rfind(':') + 1);
        EXPECT_TRUE(std::find(std::begin(kTypeNames), std::end(kTypeNames), type) !=
                    std::end(kTypeNames))
            << entry.path() << ":" << record.line << ": unknown type '" << type << "'";
      }
    }
  }
  EXPECT_GT(files, 0u);
  std::cout << files << " files, " << records << " query/error records\n";
}

}  // namespace
}  // namespace huntbook::logictest
