// make_set, make_list and friends.
// https://learn.microsoft.com/kusto/query/make-set-aggregation-function
// https://learn.microsoft.com/kusto/query/make-list-aggregation-function
#include <gtest/gtest.h>

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

TEST(CollectionAggregateTest, MakeSetKeepsDistinctNonNullValuesInFirstSeenOrder) {
  const auto x = Longs({3, 1, std::nullopt, 3, 7, std::nullopt, 2});
  ExpectAggregate("make_set", {x}, kGroups, 3, {"[3,1,2]", "[7]", "[]"});
  ExpectAggregate("make_list", {x}, kGroups, 3, {"[3,1,3,2]", "[7]", "[]"});
  ExpectAggregate("make_list_with_nulls", {x}, kGroups, 3, {"[3,1,3,2]", "[null,7]", "[null]"});
  ExpectAggregate("make_set", {Strings({"a", "b", "c", "a", "c", "", "b"})}, kGroups, 3,
                  {R"(["a","b"])", R"(["c"])", R"([""])"});
}

// make_set(y) of reals gives [5.0]-style real elements (summarize operator page).
TEST(CollectionAggregateTest, ElementsKeepTheirKind) {
  auto out = RunOnePass("make_set", {Reals({std::nullopt, 5})}, {0, 0}, 1);
  const Dynamic& set = out[0]->GetDynamic(0);
  ASSERT_EQ(set.array().size(), 1u);
  EXPECT_EQ(set.array()[0].kind(), Dynamic::Kind::kReal);
  auto bools = RunOnePass("make_list", {Bools({true, false})}, {0, 0}, 1);
  EXPECT_EQ(bools[0]->GetDynamic(0).ToJson(), "[true,false]");
}

// "Set from array column": make_set(Arr1) over ['A1','A2','A3'], ['A2','C1'], ['C2','A3'],
// ['C2','A1'] -> ["A1","A2","A3","C1","C2"].
TEST(CollectionAggregateTest, MakeSetExpandsArrays) {
  const auto arrays =
      Dynamics({R"(["A1","A2","A3"])", R"(["A2","C1"])", R"(["C2","A3"])", R"(["C2","A1"])"});
  ExpectAggregate("make_set", {arrays}, {0, 0, 0, 0}, 1, {R"(["A1","A2","A3","C1","C2"])"});
  // make_list keeps each value whole.
  ExpectAggregate("make_list", {Dynamics({"[1,2]", "null", "{\"a\":1}"})}, {0, 0, 0}, 1,
                  {R"([[1,2],{"a":1}])"});
}

TEST(CollectionAggregateTest, ConditionalVariants) {
  const auto x = Longs({3, 1, std::nullopt, 3, 7, std::nullopt, 2});
  const auto when = Bools({true, false, true, true, std::nullopt, true, true});
  ExpectAggregate("make_set_if", {x, when}, kGroups, 3, {"[3,2]", "[]", "[]"});
  ExpectAggregate("make_list_if", {x, when}, kGroups, 3, {"[3,3,2]", "[]", "[]"});
}

TEST(CollectionAggregateTest, MaxSizeCapsTheResult) {
  std::vector<std::optional<int64_t>> values;
  for (int64_t v = 0; v < 500; ++v) values.push_back(v);
  const std::vector<uint32_t> one_group(values.size(), 0);
  const auto x = Longs(values);
  // Deprecated makeset/makelist cap at 128 by default (KQL.md; make_set page note).
  EXPECT_EQ(RunOnePass("makeset", {x}, one_group, 1)[0]->GetDynamic(0).array().size(), 128u);
  EXPECT_EQ(RunOnePass("makelist", {x}, one_group, 1)[0]->GetDynamic(0).array().size(), 128u);
  EXPECT_EQ(RunOnePass("make_set", {x}, one_group, 1)[0]->GetDynamic(0).array().size(), 500u);
  auto capped = RunOnePass("make_list", {x, ConstantLong(3)}, one_group, 1);
  EXPECT_EQ(capped[0]->GetDynamic(0).ToJson(), "[0,1,2]");
  auto merged = testing::RunMerged("make_set", {x, ConstantLong(10)}, one_group, 1, 4);
  EXPECT_EQ(merged[0]->GetDynamic(0).ToJson(), "[0,1,2,3,4,5,6,7,8,9]");

  auto bad = testing::Create("make_set", {x, ConstantLong(0)});
  bad->Resize(1);
  std::vector<ColumnPtr> args = {x, ConstantLong(0)};
  EXPECT_EQ(bad->Update(args, one_group.data(), one_group.size()).code(),
            StatusCode::kInvalidArgument);
}

// https://learn.microsoft.com/kusto/query/make-bag-aggregation-function
TEST(CollectionAggregateTest, MakeBagMergesPropertyBags) {
  const auto bags = Dynamics({R"({"a":1})", R"({"b":2,"a":9})", "null", R"([1])"});
  ExpectAggregate("make_bag", {bags}, {0, 0, 0, 0}, 1, {R"({"a":1,"b":2})"});
}

}  // namespace
}  // namespace huntbook::functions
