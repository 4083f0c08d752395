// arg_max, arg_min and take_any.
// https://learn.microsoft.com/kusto/query/arg-max-aggregation-function
// https://learn.microsoft.com/kusto/query/take-any-aggregation-function
#include <gtest/gtest.h>

#include "huntbook/functions/aggregate_test_support.h"

namespace huntbook::functions {
namespace {

using testing::ExpectAggregate;
using testing::Longs;
using testing::RenderAll;
using testing::RunMerged;
using testing::RunOnePass;
using testing::Strings;

const std::vector<uint32_t> kGroups = {0, 0, 1, 0, 1, 2, 2};

void ExpectColumns(const std::string& name, const std::vector<ColumnPtr>& args,
                   const std::vector<std::vector<std::string>>& expected) {
  auto check = [&](const std::vector<ColumnPtr>& out, const std::string& how) {
    ASSERT_EQ(out.size(), expected.size()) << how;
    for (size_t c = 0; c < out.size(); ++c) EXPECT_EQ(RenderAll(*out[c]), expected[c]) << how;
  };
  check(RunOnePass(name, args, kGroups, 3), "one pass");
  for (size_t split = 0; split <= kGroups.size(); ++split) {
    check(RunMerged(name, args, kGroups, 3, split), "split " + std::to_string(split));
  }
}

TEST(ArgExtremeAggregateTest, ReturnsTheRowOfTheBestValue) {
  const auto x = Longs({5, 9, 1, 9, std::nullopt, 4, 4});
  const auto host = Strings({"a", "b", "c", "d", "e", "f", "g"});
  // Ties keep the first row seen (group 0: rows b and d both hold 9).
  ExpectColumns("arg_max", {x, host}, {{"9", "1", "4"}, {"b", "c", "f"}});
  ExpectColumns("arg_min", {x, host}, {{"5", "1", "4"}, {"a", "c", "f"}});
}

// Rows whose maximized expression is null are ignored, unless all are null: then a row is
// still returned with the expression null.
TEST(ArgExtremeAggregateTest, NullKeysOnlyWhenNothingElse) {
  const auto x =
      Longs({std::nullopt, 2, std::nullopt, std::nullopt, std::nullopt, 1, std::nullopt});
  const auto host = Strings({"a", "b", "c", "d", "e", "f", "g"});
  ExpectColumns("arg_max", {x, host}, {{"2", "null", "1"}, {"b", "c", "f"}});
}

TEST(ArgExtremeAggregateTest, ReturnedColumnsKeepNulls) {
  const auto x = Longs({1, 2, 3, 0, 0, 0, 0});
  const auto y = Longs({10, std::nullopt, 30, 40, 50, 60, 70});
  ExpectColumns("arg_max", {x, y, x}, {{"2", "3", "0"}, {"null", "30", "60"}, {"2", "3", "0"}});
}

TEST(ArgExtremeAggregateTest, TakeAnyPrefersANonEmptyValue) {
  ExpectAggregate("take_any", {Strings({"", "x", "", "", "y", "", ""})}, kGroups, 3,
                  {"x", "y", ""});
  ExpectAggregate("take_any", {Longs({std::nullopt, 4, 1, 5, 2, std::nullopt, std::nullopt})},
                  kGroups, 3, {"4", "1", "null"});
  const auto when = testing::Bools({false, false, true, true, true, true, false});
  ExpectAggregate("take_anyif", {Longs({1, 2, 3, 4, 5, 6, 7}), when}, kGroups, 3, {"4", "3", "6"});
}

TEST(ArgExtremeAggregateTest, TakeAnyOfSeveralColumnsTakesOneRow) {
  const auto a = Longs({1, 2, 3, 4, 5, 6, 7});
  const auto b = Strings({"p", "q", "r", "s", "t", "u", "v"});
  ExpectColumns("take_any", {a, b}, {{"1", "3", "6"}, {"p", "r", "u"}});
}

}  // namespace
}  // namespace huntbook::functions
