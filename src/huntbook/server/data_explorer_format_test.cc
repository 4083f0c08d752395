// Golden structure checks against real Data Explorer responses kept in
// shared/protocol-samples (from Azure/azure-kusto-python's test inputs; see its README).
// Identifiers and timestamps differ by design; frame order, property order and the
// metadata tables' column names must match.
#include "huntbook/server/data_explorer_format.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "huntbook/server/data_explorer_stream.h"
#include "huntbook/types/dynamic.h"

namespace huntbook::server {
namespace {

std::optional<Dynamic> LoadSample(const std::string& name) {
  const char* source = std::getenv("HUNTBOOK_SOURCE_DIR");
  std::vector<std::string> candidates = {"/work/shared/protocol-samples/" + name};
  if (source != nullptr) {
    candidates.insert(candidates.begin(),
                      std::string(source) + "/../shared/protocol-samples/" + name);
  }
  for (const std::string& path : candidates) {
    std::ifstream file(path);
    if (!file) continue;
    std::stringstream text;
    text << file.rdbuf();
    auto parsed = Dynamic::Parse(text.str());
    if (parsed.ok()) return *parsed;
  }
  return std::nullopt;
}

std::vector<std::string> Keys(const Dynamic& object) {
  std::vector<std::string> keys;
  if (!object.is_object()) return keys;
  for (const auto& [key, value] : object.object()) keys.push_back(key);
  return keys;
}

std::vector<std::string> ColumnNames(const Dynamic& table) {
  std::vector<std::string> names;
  for (const Dynamic& column : table.Get("Columns").array()) {
    names.push_back(column.Get("ColumnName").string_value());
  }
  return names;
}

QueryOutcome OneLongRow() {
  QueryOutcome outcome;
  auto column = std::make_shared<Column>(TypeKind::kLong);
  column->AppendInt(1);
  outcome.result.table.schema = {{"x", TypeKind::kLong}};
  outcome.result.table.columns = {column};
  outcome.result.table.rows = 1;
  return outcome;
}

TEST(DataExplorerFormatTest, V2PartialFailureMatchesSample) {
  std::optional<Dynamic> sample = LoadSample("query_partial_results_defer_is_false.json");
  if (!sample) GTEST_SKIP() << "protocol samples not found";
  QueryOutcome outcome = OneLongRow();
  outcome.partial = PartialFailure{"LimitsExceeded", "limit"};
  auto ours = Dynamic::Parse(FormatDataExplorerV2(outcome, {"crid", "aid"}, false));
  ASSERT_TRUE(ours.ok());
  // The sample has no QueryCompletionInformation frame; compare the others in order.
  std::vector<Dynamic> frames;
  for (const Dynamic& frame : ours->array()) {
    if (frame.Get("TableKind").kind() == Dynamic::Kind::kString &&
        frame.Get("TableKind").string_value() == "QueryCompletionInformation") {
      continue;
    }
    frames.push_back(frame);
  }
  ASSERT_EQ(frames.size(), sample->array().size());
  for (size_t i = 0; i < frames.size(); ++i) {
    EXPECT_EQ(Keys(frames[i]), Keys(sample->At(static_cast<int64_t>(i)))) << "frame " << i;
  }
  EXPECT_EQ(ColumnNames(frames[1]), ColumnNames(sample->At(1)));
  // The error marker is the last element of the primary table's rows.
  Dynamic marker = frames[2].Get("Rows").At(-1);
  Dynamic sample_marker = sample->At(2).Get("Rows").At(-1);
  EXPECT_EQ(Keys(marker), Keys(sample_marker));
  EXPECT_EQ(Keys(marker.Get("OneApiErrors").At(0).Get("error")).size() >= 5, true);
  EXPECT_TRUE(frames.back().Get("HasErrors").bool_value());
}

TEST(DataExplorerFormatTest, V2DeferredHasNoMarker) {
  std::optional<Dynamic> sample = LoadSample("query_partial_results_defer_is_true.json");
  if (!sample) GTEST_SKIP() << "protocol samples not found";
  QueryOutcome outcome = OneLongRow();
  outcome.partial = PartialFailure{"LimitsExceeded", "limit"};
  auto ours = Dynamic::Parse(FormatDataExplorerV2(outcome, {"crid", "aid"}, true));
  ASSERT_TRUE(ours.ok());
  EXPECT_EQ(ours->At(2).Get("Rows").array().size(), 1u);
  EXPECT_EQ(Keys(ours->At(-1)), Keys(sample->At(-1)));
  EXPECT_EQ(ours->At(3).Get("Rows").At(0).At(6).string_value(),
            sample->At(3).Get("Rows").At(0).At(6).string_value());  // "Error"
  EXPECT_FALSE(ours->At(-1).Get("HasErrors").bool_value());
}

TEST(DataExplorerFormatTest, V1TablesMatchSample) {
  std::optional<Dynamic> sample = LoadSample("adminthenquery.json");
  if (!sample) GTEST_SKIP() << "protocol samples not found";
  auto ours = Dynamic::Parse(FormatDataExplorerV1(OneLongRow(), {"crid", "aid"}));
  ASSERT_TRUE(ours.ok());
  Dynamic tables = ours->Get("Tables");
  Dynamic sample_tables = sample->Get("Tables");
  ASSERT_EQ(tables.array().size(), sample_tables.array().size());
  for (int64_t i = 1; i < 4; ++i) {  // metadata tables: same column names
    EXPECT_EQ(ColumnNames(tables.At(i)), ColumnNames(sample_tables.At(i))) << "table " << i;
    EXPECT_EQ(tables.At(i).Get("TableName").string_value(),
              sample_tables.At(i).Get("TableName").string_value());
  }
  // The TOC rows name the same kinds in the same order.
  for (int64_t r = 0; r < 3; ++r) {
    EXPECT_EQ(tables.At(3).Get("Rows").At(r).At(1).string_value(),
              sample_tables.At(3).Get("Rows").At(r).At(1).string_value());
  }
}

TEST(DataExplorerFormatTest, V1CommandMatchesVersionSample) {
  std::optional<Dynamic> sample = LoadSample("versionshowcommandresult.json");
  if (!sample) GTEST_SKIP() << "protocol samples not found";
  auto ours = Dynamic::Parse(FormatDataExplorerV1Command(OneLongRow().result.table));
  ASSERT_TRUE(ours.ok());
  EXPECT_EQ(Keys(*ours), Keys(*sample));
  EXPECT_EQ(ours->Get("Tables").At(0).Get("TableName").string_value(),
            sample->Get("Tables").At(0).Get("TableName").string_value());
}

}  // namespace
}  // namespace huntbook::server
