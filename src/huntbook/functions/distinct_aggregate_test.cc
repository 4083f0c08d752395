// dcount, dcountif, count_distinct(if) through the Aggregator interface.
// https://learn.microsoft.com/kusto/query/dcount-aggregation-function
// https://learn.microsoft.com/kusto/query/count-distinct-aggregation-function
#include <gtest/gtest.h>

#include <cmath>

#include "huntbook/functions/aggregate_test_support.h"

namespace huntbook::functions {
namespace {

using testing::Bools;
using testing::ConstantLong;
using testing::Dynamics;
using testing::ExpectAggregate;
using testing::Longs;
using testing::Reals;
using testing::RunOnePass;
using testing::Strings;

const std::vector<uint32_t> kGroups = {0, 0, 1, 0, 1, 2, 0};

TEST(DistinctAggregateTest, DcountSkipsNullsAndCountsPerGroup) {
  const auto x = Longs({1, 1, std::nullopt, 2, 5, std::nullopt, std::nullopt});
  ExpectAggregate("dcount", {x}, kGroups, 3, {"2", "1", "0"});
  ExpectAggregate("dcount", {x, ConstantLong(0)}, kGroups, 3, {"2", "1", "0"});
  ExpectAggregate("count_distinct", {x}, kGroups, 3, {"2", "1", "0"});
  const auto when = Bools({true, true, true, false, false, true, true});
  ExpectAggregate("dcountif", {x, when}, kGroups, 3, {"1", "0", "0"});
  ExpectAggregate("count_distinctif", {x, when}, kGroups, 3, {"1", "0", "0"});
}

TEST(DistinctAggregateTest, StringsRealsAndDynamics) {
  ExpectAggregate("dcount", {Strings({"a", "A", "b", "a", "b", "", ""})}, kGroups, 3,
                  {"3", "1", "1"});  // "" is a value, not null; comparison is ordinal
  ExpectAggregate("dcount", {Reals({0.0, -0.0, 1.5, NAN, 1.5, NAN, NAN})}, kGroups, 3,
                  {"2", "1", "1"});  // -0.0 == 0.0; NaNs count once
  ExpectAggregate("dcount", {Dynamics({"1", "[1,2]", "{}", "[1,2]", "null", "null", "\"1\""})},
                  kGroups, 3, {"3", "1", "0"});
}

// "range x from 1 to 100 step 1 | summarize dcount(x)" -> 100 (exact when small; KQL.md).
TEST(DistinctAggregateTest, ExactForSmallCardinalities) {
  std::vector<std::optional<int64_t>> values;
  for (int64_t v = 1; v <= 1000; ++v) values.push_back(v);
  const std::vector<uint32_t> one_group(values.size(), 0);
  auto out = RunOnePass("dcount", {Longs(values)}, one_group, 1);
  EXPECT_EQ(out[0]->GetInt(0), 1000);
  auto merged = testing::RunMerged("dcount", {Longs(values)}, one_group, 1, 377);
  EXPECT_EQ(merged[0]->GetInt(0), 1000);
}

TEST(DistinctAggregateTest, LargeCardinalityWithinErrorAndMergeable) {
  std::vector<std::optional<int64_t>> values;
  for (int64_t v = 0; v < 100'000; ++v) values.push_back(v * 3);
  const std::vector<uint32_t> one_group(values.size(), 0);
  auto x = Longs(values);
  for (int64_t level : {0, 1, 2, 4}) {
    auto one = RunOnePass("dcount", {x, ConstantLong(level)}, one_group, 1);
    auto merged = testing::RunMerged("dcount", {x, ConstantLong(level)}, one_group, 1, 41'234);
    EXPECT_EQ(one[0]->GetInt(0), merged[0]->GetInt(0)) << level;
    const double sigma[] = {0.016, 0.008, 0.004, 0.0028, 0.002};
    EXPECT_NEAR(static_cast<double>(one[0]->GetInt(0)), 100'000.0, 3 * sigma[level] * 1e5) << level;
  }
  auto exact = RunOnePass("count_distinct", {x}, one_group, 1);
  EXPECT_EQ(exact[0]->GetInt(0), 100'000);
}

TEST(DistinctAggregateTest, BadAccuracyIsAnError) {
  const auto x = Longs({1, 2});
  for (int64_t level : {-1, 5}) {
    auto agg = testing::Create("dcount", {x, ConstantLong(level)});
    agg->Resize(1);
    const uint32_t ids[] = {0, 0};
    std::vector<ColumnPtr> args = {x, ConstantLong(level)};
    Status st = agg->Update(args, ids, 2);
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << level;
  }
}

}  // namespace
}  // namespace huntbook::functions
