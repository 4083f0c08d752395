// kql_logic_test: runs every test/kql/**/*.test file (format: test/kql/README.md) as one
// parameterized test, each against a fresh Engine over its own temporary data directory.
//
// Environment:
//   HUNTBOOK_SOURCE_DIR      repository root (set by huntbook_cc_test; a compiled-in
//                            default is used when unset)
//   HUNTBOOK_LOGIC_COMPLETE  "1": completion mode, rewrites the expected results of
//                            mismatching query records in place from the actual output,
//                            for human review. Never set in CI.
//   HUNTBOOK_LOGIC_VERBOSE   "1": prints file:line before each record runs (to locate a
//                            record that crashes the engine).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "huntbook/engine/engine.h"
#include "huntbook/ingest/reader.h"
#include "huntbook/storage/store.h"
#include "huntbook/types/datetime.h"
#include "logic_file.h"
#include "result_text.h"

#ifndef HUNTBOOK_DEFAULT_SOURCE_DIR
#define HUNTBOOK_DEFAULT_SOURCE_DIR "."
#endif

namespace huntbook::logictest {
namespace {

namespace fs = std::filesystem;

constexpr char kWorkspace[] = "default";
constexpr char kCorpusDataDir[] = "/work/shared/corpus/data/";

fs::path SourceDir() {
  const char* dir = std::getenv("HUNTBOOK_SOURCE_DIR");
  return fs::path(dir != nullptr && *dir != '\0' ? dir : HUNTBOOK_DEFAULT_SOURCE_DIR);
}

bool Verbose() {
  const char* value = std::getenv("HUNTBOOK_LOGIC_VERBOSE");
  return value != nullptr && std::string(value) == "1";
}

bool CompletionMode() {
  const char* value = std::getenv("HUNTBOOK_LOGIC_COMPLETE");
  return value != nullptr && std::string(value) == "1";
}

// Paths of all *.test files under test/kql, relative to it, sorted.
std::vector<std::string> FindTestFiles() {
  std::vector<std::string> files;
  const fs::path root = SourceDir() / "test" / "kql";
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return files;
  for (auto it = fs::recursive_directory_iterator(root, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".test") {
      files.push_back(fs::relative(it->path(), root).generic_string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// "operators/where.test" -> "operators_where" (a valid gtest parameter name).
std::string TestName(const std::string& relative) {
  std::string name = relative.substr(0, relative.size() - std::string(".test").size());
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

std::string JoinRow(const std::vector<std::string>& cells) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) line += (i ? "\t" : "") + cells[i];
  return line;
}

std::string TableText(const std::vector<std::string>& header,
                      const std::vector<std::vector<std::string>>& rows) {
  std::string text = "    " + JoinRow(header) + "\n";
  for (const auto& row : rows) text += "    " + JoinRow(row) + "\n";
  return text;
}

fs::path ResolveDataFile(const std::string& file) {
  if (file.rfind("corpus:", 0) == 0) return fs::path(kCorpusDataDir) / file.substr(7);
  fs::path path(file);
  if (path.is_absolute()) return path;
  return SourceDir() / "test" / "data" / path;
}

// A temporary data directory removed on destruction.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "kql_logic_XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// "${TEST_DATA}" in query text and parameter values stands for the absolute path of
// test/data (externaldata needs absolute paths).
std::string WithTestData(std::string text) {
  const std::string marker = "${TEST_DATA}";
  const std::string dir = (SourceDir() / "test" / "data").string();
  for (size_t at = text.find(marker); at != std::string::npos; at = text.find(marker, at)) {
    text.replace(at, marker.size(), dir);
    at += dir.size();
  }
  return text;
}

// externaldata in the logic tests reads the shipped test data only.
void AllowExternalData() {
  const std::string dir = (SourceDir() / "test" / "data").string();
  setenv("HUNTBOOK_EXTERNALDATA_ALLOW", dir.c_str(), /*overwrite=*/1);
}

class FileRunner {
 public:
  FileRunner(LogicFile file, engine::Engine* engine) : file_(std::move(file)), engine_(engine) {}

  void Run() {
    for (size_t index = 0; index < file_.records.size(); ++index) {
      const Record& record = file_.records[index];
      if (Verbose()) std::cerr << "[record] " << file_.path << ":" << record.line << std::endl;
      switch (record.kind) {
        case RecordKind::kLoad:
          RunLoad(record);
          break;
        case RecordKind::kNow:
          RunNow(record);
          break;
        case RecordKind::kParam:
          if (record.file.empty()) {
            options_.parameters.erase(record.table);
          } else {
            options_.parameters[record.table] = Value::String(WithTestData(record.file));
          }
          break;
        case RecordKind::kTableParam:
          RunTableParam(record);
          break;
        case RecordKind::kError:
          RunError(record);
          break;
        case RecordKind::kQuery:
          RunQuery(index, record);
          break;
      }
    }
    if (CompletionMode() && !updates_.empty()) {
      std::ofstream out(file_.path, std::ios::binary | std::ios::trunc);
      out << RewriteResults(file_, updates_);
      std::cout << "[completion] rewrote " << updates_.size() << " result(s) in " << file_.path
                << "\n";
    }
  }

 private:
  std::string Where(const Record& record) const {
    std::string where = file_.path + ":" + std::to_string(record.line);
    if (!record.doc.empty()) where += " (doc: " + record.doc + ")";
    return where;
  }

  void RunLoad(const Record& record) {
    const fs::path path = ResolveDataFile(record.file);
    std::vector<ColumnSchema> existing;
    auto snapshot = engine_->store().Snapshot(kWorkspace, record.table);
    if (snapshot.ok()) existing = snapshot->schema;
    auto table = ingest::ReadFile(path.string(), ingest::Format::kAuto, existing);
    if (!table.ok()) {
      ADD_FAILURE() << Where(record) << ": load " << path << ": " << table.status().ToString();
      return;
    }
    Status status = engine_->store().Append(kWorkspace, record.table, *table);
    if (!status.ok()) {
      ADD_FAILURE() << Where(record) << ": append to " << record.table << ": " << status.ToString();
    }
    // As `huntbook ingest` does: write extent files, so queries read them (blocks, min/max,
    // term index) rather than the in-memory rows.
    status = engine_->store().Flush();
    if (!status.ok()) ADD_FAILURE() << Where(record) << ": flush: " << status.ToString();
  }

  void RunTableParam(const Record& record) {
    const fs::path path = ResolveDataFile(record.file);
    auto table = ingest::ReadFile(path.string(), ingest::Format::kAuto, {});
    if (!table.ok()) {
      ADD_FAILURE() << Where(record) << ": tableparam " << path << ": "
                    << table.status().ToString();
      return;
    }
    options_.tables[record.table] = std::move(table).value();
  }

  void RunNow(const Record& record) {
    std::optional<int64_t> ticks = ParseDateTime(record.now_text);
    if (!ticks) {
      ADD_FAILURE() << Where(record) << ": bad datetime '" << record.now_text << "'";
      return;
    }
    options_.now_ticks = *ticks;
  }

  void RunError(const Record& record) {
    auto result = engine_->Query(WithTestData(record.query), options_);
    if (result.ok()) {
      ADD_FAILURE() << Where(record) << ": expected an error, the query succeeded\n"
                    << "  query:\n    " << record.query << "\n  result:\n"
                    << TableText(FormatHeader(result->table), FormatRows(result->table));
      return;
    }
    const Status& status = result.status();
    std::vector<std::string> problems;
    if (!record.error_code.empty() && record.error_code != StatusCodeName(status.code())) {
      problems.push_back("code is not " + record.error_code);
    }
    if (record.error_line != 0 &&
        (static_cast<int>(status.position().line) != record.error_line ||
         static_cast<int>(status.position().column) != record.error_column)) {
      problems.push_back("position is not " + std::to_string(record.error_line) + ":" +
                         std::to_string(record.error_column));
    }
    if (Lower(status.message()).find(Lower(record.error_substring)) == std::string::npos) {
      problems.push_back("message lacks '" + record.error_substring + "'");
    }
    if (!problems.empty()) {
      std::string all;
      for (const std::string& p : problems) all += (all.empty() ? "" : "; ") + p;
      ADD_FAILURE() << Where(record) << ": wrong error (" << all << ")\n  query:\n    "
                    << record.query << "\n  actual: " << status.ToString();
    }
  }

  void RunQuery(size_t index, const Record& record) {
    auto result = engine_->Query(WithTestData(record.query), options_);
    if (!result.ok()) {
      ADD_FAILURE() << Where(record) << ": query failed: " << result.status().ToString()
                    << "\n  query:\n    " << record.query;
      return;
    }
    std::vector<std::string> header = FormatHeader(result->table);
    std::vector<std::vector<std::string>> rows = FormatRows(result->table);
    std::vector<std::vector<std::string>> expected = record.rows;
    if (record.sort == SortMode::kRowSort) {
      std::sort(rows.begin(), rows.end());
      std::sort(expected.begin(), expected.end());
    }
    if (header == record.header && rows == expected) return;
    if (CompletionMode()) {
      ResultUpdate update{index, {JoinRow(header)}};
      for (const auto& row : rows) update.lines.push_back(JoinRow(row));
      updates_.push_back(std::move(update));
      return;
    }
    ADD_FAILURE() << Where(record) << ": result mismatch\n  query:\n    " << record.query
                  << "\n  expected:\n"
                  << TableText(record.header, expected) << "  actual:\n"
                  << TableText(header, rows);
  }

  LogicFile file_;
  engine::Engine* engine_;
  engine::QueryOptions options_;
  std::vector<ResultUpdate> updates_;
};

class LogicFileTest : public testing::TestWithParam<std::string> {};

TEST_P(LogicFileTest, Run) {
  AllowExternalData();
  const fs::path path = SourceDir() / "test" / "kql" / GetParam();
  auto file = ReadLogicFile(path.string());
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  ASSERT_FALSE(file->records.empty()) << path << " has no records";
  TempDir dir;
  ASSERT_FALSE(dir.path().empty()) << "cannot create a temporary directory";
  auto engine = engine::Engine::Open(dir.path());
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  FileRunner(std::move(file).value(), engine->get()).Run();
}

INSTANTIATE_TEST_SUITE_P(Kql, LogicFileTest, testing::ValuesIn(FindTestFiles()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return TestName(info.param);
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(LogicFileTest);

// An empty or misplaced test/kql must fail the suite, not pass it vacuously.
TEST(KqlLogicFiles, FilesAreFound) {
  EXPECT_FALSE(FindTestFiles().empty())
      << "no *.test files under " << (SourceDir() / "test" / "kql");
}

}  // namespace
}  // namespace huntbook::logictest
