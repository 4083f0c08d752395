// count, countif, sum(if), avg(if), min/max(if), stdev, variance: small grouped inputs with
// nulls, each checked in one pass and as every two-way split of partial states merged.
#include <gtest/gtest.h>

#include <cmath>

#include "huntbook/functions/aggregate_test_support.h"
#include "huntbook/types/datetime.h"

namespace huntbook::functions {
namespace {

using testing::Bools;
using testing::ExpectAggregate;
using testing::Longs;
using testing::Reals;
using testing::RunOnePass;
using testing::Strings;

// Rows: group 0 gets 1, null, 3; group 1 gets null, 10; group 2 gets null only.
const std::vector<uint32_t> kGroups = {0, 0, 1, 0, 1, 2};
ColumnPtr X() { return Longs({1, std::nullopt, std::nullopt, 3, 10, std::nullopt}); }
ColumnPtr Positive() { return Bools({true, true, false, false, true, std::nullopt}); }

// "Aggregates skip nulls; count() counts rows"; count(predicate) is the legacy spelling of
// countif. https://learn.microsoft.com/kusto/query/count-aggregation-function
TEST(NumericAggregateTest, CountCountsRowsIncludingNulls) {
  ExpectAggregate("count", {}, kGroups, 3, {"3", "2", "1"});
  ExpectAggregate("count", {Positive()}, kGroups, 3, {"2", "1", "0"});
}

// https://learn.microsoft.com/kusto/query/countif-aggregation-function
TEST(NumericAggregateTest, CountIfCountsTrueRowsOnly) {
  ExpectAggregate("countif", {Positive()}, kGroups, 3, {"2", "1", "0"});
}

// https://learn.microsoft.com/kusto/query/sum-aggregation-function
TEST(NumericAggregateTest, SumSkipsNulls) {
  ExpectAggregate("sum", {X()}, kGroups, 3, {"4", "10", "0"});
  ExpectAggregate("sum", {Reals({0.5, std::nullopt, 1, 0.25, 2, std::nullopt})}, kGroups, 3,
                  {"0.75", "3", "0"});
  ExpectAggregate("sumif", {X(), Positive()}, kGroups, 3, {"1", "10", "0"});
}

TEST(NumericAggregateTest, SumOfIntIsLongAndWraps) {
  auto out = RunOnePass("sum", {Longs({2'000'000'000, 2'000'000'000}, TypeKind::kInt)}, {0, 0}, 1);
  EXPECT_EQ(out[0]->type(), TypeKind::kLong);
  EXPECT_EQ(out[0]->GetInt(0), 4'000'000'000);
  auto wrapped = RunOnePass("sum", {Longs({INT64_MAX, 1})}, {0, 0}, 1);
  EXPECT_EQ(wrapped[0]->GetInt(0), INT64_MIN);
}

TEST(NumericAggregateTest, SumOfTimespansIsATimespan) {
  const auto spans = Longs({kTicksPerHour, kTicksPerMinute * 30}, TypeKind::kTimespan);
  auto out = RunOnePass("sum", {spans}, {0, 0}, 1);
  ASSERT_EQ(out[0]->type(), TypeKind::kTimespan);
  EXPECT_EQ(out[0]->GetInt(0), kTicksPerHour + 30 * kTicksPerMinute);
}

// avg skips nulls: range 1..4 with y null at x == 1 -> sum 15, avg 5.
// https://learn.microsoft.com/kusto/query/summarize-operator
TEST(NumericAggregateTest, AvgSkipsNullsAndIsNaNWithoutValues) {
  ExpectAggregate("avg", {Reals({std::nullopt, 5, 5, 5})}, {0, 0, 0, 0}, 1, {"5"});
  ExpectAggregate("avg", {X()}, kGroups, 3, {"2", "10", "NaN"});
  ExpectAggregate("avgif", {X(), Positive()}, kGroups, 3, {"1", "10", "NaN"});
}

TEST(NumericAggregateTest, AvgOfDatetimesIsADatetime) {
  const int64_t day = TicksFromCivil(2024, 3, 1);
  auto out =
      RunOnePass("avg", {Longs({day, day + 2 * kTicksPerDay}, TypeKind::kDateTime)}, {0, 0}, 1);
  ASSERT_EQ(out[0]->type(), TypeKind::kDateTime);
  EXPECT_EQ(out[0]->GetInt(0), day + kTicksPerDay);
}

// https://learn.microsoft.com/kusto/query/min-aggregation-function
TEST(NumericAggregateTest, MinMaxSkipNullsAndKeepType) {
  ExpectAggregate("min", {X()}, kGroups, 3, {"1", "10", "null"});
  ExpectAggregate("max", {X()}, kGroups, 3, {"3", "10", "null"});
  ExpectAggregate("maxif", {X(), Positive()}, kGroups, 3, {"1", "10", "null"});
  ExpectAggregate("minif", {X(), Bools({false, false, true, true, true, true})}, kGroups, 3,
                  {"3", "10", "null"});
  ExpectAggregate("max", {Strings({"b", "a", "x", "c", "y", "z"})}, kGroups, 3, {"c", "y", "z"});
  ExpectAggregate("min", {Reals({2.5, NAN, 1, -0.5, NAN, NAN})}, kGroups, 3, {"-0.5", "1", "NaN"});
}

// Sample variance (n - 1), 0 for fewer than two values.
// https://learn.microsoft.com/kusto/query/variance-aggregation-function
TEST(NumericAggregateTest, VarianceAndStdev) {
  const auto x = Longs({2, 4, 4, 4, 5, 5, 7, 9});
  const std::vector<uint32_t> one_group(8, 0);
  auto variance = RunOnePass("variance", {x}, one_group, 1);
  EXPECT_NEAR(variance[0]->GetReal(0), 32.0 / 7.0, 1e-12);
  auto population = RunOnePass("stdevp", {x}, one_group, 1);
  EXPECT_NEAR(population[0]->GetReal(0), 2.0, 1e-12);
  for (size_t split = 0; split <= 8; ++split) {
    auto merged = testing::RunMerged("stdev", {x}, one_group, 1, split);
    EXPECT_NEAR(merged[0]->GetReal(0), std::sqrt(32.0 / 7.0), 1e-12) << split;
  }
  ExpectAggregate("variance", {X()}, kGroups, 3, {"2", "0", "0"});
}

TEST(NumericAggregateTest, MergeHonoursTheGroupMap) {
  // Partial state B has groups {0: "a", 1: "b"} that map onto A's groups 1 and 0.
  auto a = testing::Create("count", {});
  auto b = testing::Create("count", {});
  a->Resize(2);
  b->Resize(2);
  const uint32_t a_ids[] = {0, 0, 1};
  const uint32_t b_ids[] = {0, 1, 1, 1};
  ASSERT_TRUE(a->Update({}, a_ids, 3).ok());
  ASSERT_TRUE(b->Update({}, b_ids, 4).ok());
  const uint32_t map[] = {1, 0};
  ASSERT_TRUE(a->Merge(*b, map).ok());
  auto out = a->Finalize();
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(testing::RenderAll(*(*out)[0]), (std::vector<std::string>{"5", "2"}));
}

}  // namespace
}  // namespace huntbook::functions
