// Engine::Query options a server request sets: Log Analytics' timespan, a row limit,
// cancellation; and the typed-literal placeholders Kusto's front end accepts.
#include "huntbook/engine/engine.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>

#include "huntbook/storage/store.h"
#include "huntbook/types/datetime.h"

namespace huntbook::engine {
namespace {

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("huntbook_engine_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    Result<std::unique_ptr<Engine>> engine = Engine::Open(dir_.string());
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    engine_ = std::move(engine).value();
    // Events at 2024-01-01 00:00, 01:00, ..., 09:00 and one with no time.
    auto time = std::make_shared<Column>(TypeKind::kDateTime);
    auto id = std::make_shared<Column>(TypeKind::kLong);
    for (int h = 0; h < 10; ++h) {
      time->AppendInt(*ParseDateTime("2024-01-01") + h * kTicksPerHour);
      id->AppendInt(h);
    }
    time->AppendNull();
    id->AppendInt(10);
    Table rows;
    rows.schema = {{"TimeGenerated", TypeKind::kDateTime}, {"Id", TypeKind::kLong}};
    rows.columns = {time, id};
    rows.rows = 11;
    ASSERT_TRUE(engine_->store().Append("default", "Events", rows).ok());
  }
  void TearDown() override {
    engine_.reset();
    std::filesystem::remove_all(dir_);
  }

  int64_t Count(const QueryOptions& options) {
    Result<QueryResult> r = engine_->Query("Events | count", options);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->table.columns[0]->GetInt(0) : -1;
  }

  std::filesystem::path dir_;
  std::unique_ptr<Engine> engine_;
};

// https://learn.microsoft.com/azure/azure-monitor/logs/api/timespan: the timespan applies
// to TimeGenerated of every table, on top of the query's filters; [start, end).
TEST_F(EngineTest, TimeRangeRestrictsTimeGenerated) {
  QueryOptions options;
  EXPECT_EQ(Count(options), 11);
  int64_t start = *ParseDateTime("2024-01-01T02:00:00Z");
  options.time_range = QueryOptions::TimeRange{start, start + 3 * kTicksPerHour};
  EXPECT_EQ(Count(options), 3);  // 02:00, 03:00, 04:00; not 05:00, not the null time
  Result<QueryResult> both = engine_->Query("Events | where Id > 3 | summarize max(Id)", options);
  ASSERT_TRUE(both.ok()) << both.status().ToString();
  EXPECT_EQ(both->table.columns[0]->GetInt(0), 4);
  // Subqueries run while binding (toscalar) see the same range.
  Result<QueryResult> scalar = engine_->Query("print n = toscalar(Events | count)", options);
  ASSERT_TRUE(scalar.ok()) << scalar.status().ToString();
  EXPECT_EQ(scalar->table.columns[0]->GetInt(0), 3);
  // A table without TimeGenerated is not restricted.
  Result<QueryResult> range = engine_->Query("range x from 1 to 5 step 1 | count", options);
  ASSERT_TRUE(range.ok());
  EXPECT_EQ(range->table.columns[0]->GetInt(0), 5);
}

TEST_F(EngineTest, MaxRowsTruncatesAndSaysSo) {
  QueryOptions options;
  options.max_rows = 3;
  Result<QueryResult> r = engine_->Query("Events | sort by Id asc | project Id", options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->truncated);
  ASSERT_EQ(r->table.rows, 3u);
  EXPECT_EQ(r->table.columns[0]->GetInt(2), 2);
  Result<QueryResult> small = engine_->Query("Events | take 2", options);
  ASSERT_TRUE(small.ok());
  EXPECT_FALSE(small->truncated);
  EXPECT_EQ(small->table.rows, 2u);
}

TEST_F(EngineTest, CancelledQueryFailsWithCancelled) {
  std::atomic<bool> cancel{true};
  QueryOptions options;
  options.cancel = &cancel;
  Result<QueryResult> r = engine_->Query("Events | where Id > 1 | count", options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCancelled);
  cancel = false;
  EXPECT_EQ(Count(options), 11);
}

// Kusto's front end binds `datetime("Insert date")` (a placeholder of a published rule);
// running it fails, naming the literal and its position.
TEST_F(EngineTest, InvalidTypedLiteralFailsWhenRun) {
  Result<QueryResult> r =
      engine_->Query("Events\n| where TimeGenerated > datetime(\"Insert date\")", QueryOptions{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kSemanticError);
  EXPECT_NE(r.status().message().find("invalid datetime literal"), std::string::npos);
  EXPECT_EQ(r.status().position().line, 2u);
  EXPECT_EQ(r.status().position().column, 34u);
}

}  // namespace
}  // namespace huntbook::engine
