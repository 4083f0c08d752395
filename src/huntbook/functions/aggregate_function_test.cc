// The catalogue itself: lookup, names, binding errors, default output name prefixes and the
// defaults over a group that received no rows (empty input, no `by`).
#include "huntbook/functions/aggregate_function.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "huntbook/functions/aggregate_test_support.h"

namespace huntbook::functions {
namespace {

using testing::Longs;
using testing::Render;

TEST(AggregateCatalogueTest, FindsFunctionsAndLegacyAliases) {
  RegisterAllAggregateFunctions();
  RegisterAllAggregateFunctions();  // idempotent
  for (const char* name : {"count",
                           "countif",
                           "sum",
                           "sumif",
                           "avg",
                           "avgif",
                           "min",
                           "max",
                           "minif",
                           "maxif",
                           "dcount",
                           "dcountif",
                           "count_distinct",
                           "make_set",
                           "make_list",
                           "make_set_if",
                           "make_list_if",
                           "makeset",
                           "makelist",
                           "arg_max",
                           "arg_min",
                           "argmax",
                           "take_any",
                           "any",
                           "stdev",
                           "variance",
                           "make_bag"}) {
    const AggregateFunction* f = FindAggregateFunction(name);
    ASSERT_NE(f, nullptr) << name;
    EXPECT_EQ(f->name, name);
    EXPECT_NE(f->doc_url.find("learn.microsoft.com/kusto/query/"), std::string::npos);
  }
  EXPECT_EQ(FindAggregateFunction("Count"), nullptr);  // names are case-sensitive
  EXPECT_EQ(FindAggregateFunction("percentile_nope"), nullptr);
  const auto names = AggregateFunctionNames();
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_NE(std::find(names.begin(), names.end(), "dcount"), names.end());
}

// Default column names: summarize operator page and KQL.md ("summarize count(),
// dcount(User), make_set(Host), countif(x>0)" -> count_, dcount_User, set_Host, countif_).
// https://learn.microsoft.com/kusto/query/summarize-operator
TEST(AggregateCatalogueTest, DefaultNamePrefixes) {
  EXPECT_EQ(FindAggregateFunction("count")->default_name_prefix, "count_");
  EXPECT_EQ(FindAggregateFunction("countif")->default_name_prefix, "countif_");
  EXPECT_EQ(FindAggregateFunction("dcount")->default_name_prefix, "dcount_");
  EXPECT_EQ(FindAggregateFunction("make_set")->default_name_prefix, "set_");
  EXPECT_EQ(FindAggregateFunction("make_list")->default_name_prefix, "list_");
  EXPECT_EQ(FindAggregateFunction("sum")->default_name_prefix, "sum_");
  EXPECT_EQ(FindAggregateFunction("avg")->default_name_prefix, "avg_");
  EXPECT_EQ(FindAggregateFunction("sumif")->default_name_prefix, "sumif_");
  // arg_max(BeginLat, BeginLocation) -> columns BeginLat, BeginLocation (arg_max page).
  EXPECT_EQ(FindAggregateFunction("arg_max")->default_name_prefix, "");
  EXPECT_EQ(FindAggregateFunction("any")->default_name_prefix, "any_");
}

TEST(AggregateCatalogueTest, BindChecksTypesAndArity) {
  const TypeKind str[] = {TypeKind::kString};
  const TypeKind lng[] = {TypeKind::kLong};
  const TypeKind real[] = {TypeKind::kReal};
  const TypeKind integer[] = {TypeKind::kInt};
  const TypeKind dyn_long[] = {TypeKind::kDynamic, TypeKind::kLong};
  const TypeKind str_real[] = {TypeKind::kString, TypeKind::kReal};

  auto sum_string = FindAggregateFunction("sum")->bind(str);
  ASSERT_FALSE(sum_string.ok());
  EXPECT_EQ(sum_string.status().code(), StatusCode::kSemanticError);
  EXPECT_EQ(FindAggregateFunction("sum")->bind(integer)->output_types[0], TypeKind::kLong);
  EXPECT_EQ(FindAggregateFunction("sum")->bind(real)->output_types[0], TypeKind::kReal);
  EXPECT_EQ(FindAggregateFunction("avg")->bind(lng)->output_types[0], TypeKind::kReal);
  EXPECT_EQ(FindAggregateFunction("max")->bind(str)->output_types[0], TypeKind::kString);
  EXPECT_EQ(FindAggregateFunction("dcount")->bind(str)->output_types[0], TypeKind::kLong);
  EXPECT_FALSE(FindAggregateFunction("countif")->bind(lng).ok());      // predicate must be bool
  EXPECT_FALSE(FindAggregateFunction("dcount")->bind(str_real).ok());  // accuracy: integer
  EXPECT_FALSE(FindAggregateFunction("max")->bind(dyn_long).ok());
  EXPECT_FALSE(FindAggregateFunction("count")->bind(str_real).ok());  // at most 1 argument
  auto arg_max = FindAggregateFunction("arg_max")->bind(str_real);
  ASSERT_TRUE(arg_max.ok());
  EXPECT_EQ(arg_max->output_types, (std::vector<TypeKind>{TypeKind::kString, TypeKind::kReal}));
}

// Empty input without `by`: one group that received no rows.
// https://learn.microsoft.com/kusto/query/summarize-operator ("Default values of
// aggregations": count, countif, dcount, dcountif, count_distinct, sum, sumif, variance,
// stdev -> 0; make_* -> []; all others null; "the result of avg_x(x) is NaN").
TEST(AggregateCatalogueTest, EmptyInputDefaults) {
  struct Case {
    const char* name;
    std::vector<ColumnPtr> args;
    std::string expected;
  };
  const auto x = Longs({});
  const auto pred = testing::Bools({});
  const std::vector<Case> cases = {
      {"count", {}, "0"},
      {"countif", {pred}, "0"},
      {"sum", {x}, "0"},
      {"sumif", {x, pred}, "0"},
      {"dcount", {x}, "0"},
      {"dcountif", {x, pred}, "0"},
      {"count_distinct", {x}, "0"},
      {"variance", {x}, "0"},
      {"stdev", {x}, "0"},
      {"avg", {x}, "NaN"},
      {"min", {x}, "null"},
      {"max", {x}, "null"},
      {"arg_max", {x, x}, "null"},
      {"take_any", {x}, "null"},
      {"make_set", {x}, "[]"},
      {"make_list", {x}, "[]"},
      {"make_set_if", {x, pred}, "[]"},
  };
  for (const Case& c : cases) {
    auto agg = testing::Create(c.name, c.args);
    ASSERT_NE(agg, nullptr);
    agg->Resize(1);
    auto out = agg->Finalize();
    ASSERT_TRUE(out.ok()) << c.name;
    ASSERT_EQ((*out)[0]->size(), 1u) << c.name;
    EXPECT_EQ(Render(*(*out)[0], 0), c.expected) << c.name;
  }
}

TEST(AggregateCatalogueTest, MergeRejectsADifferentAggregate) {
  auto count = testing::Create("count", {});
  auto sum = testing::Create("sum", {Longs({1})});
  count->Resize(1);
  sum->Resize(1);
  const uint32_t map[] = {0};
  Status st = count->Merge(*sum, map);
  EXPECT_EQ(st.code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace huntbook::functions
