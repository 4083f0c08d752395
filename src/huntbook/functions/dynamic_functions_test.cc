// Tests of the dynamic (JSON) functions; each block cites its documentation page.
#include <gtest/gtest.h>

#include "huntbook/functions/scalar_test_harness.h"

namespace huntbook::functions::testing {
namespace {

// https://learn.microsoft.com/kusto/query/parse-json-function (KQL.md: bad JSON -> string)
TEST(DynamicFunctionsTest, ParseJson) {
  Value v = Eval("parse_json", {Str(R"({"a": [1, 2]})")});
  EXPECT_EQ(v.type(), TypeKind::kDynamic);
  EXPECT_EQ(v.dynamic_value().Get("a").At(1).long_value(), 2);
  Value bad = Eval("todynamic", {Str("oops")});
  EXPECT_EQ(bad.dynamic_value().kind(), Dynamic::Kind::kString);
  EXPECT_EQ(bad.dynamic_value().string_value(), "oops");
  EXPECT_EQ(EvalText("parse_json", {Dyn("[1]")}), "[1]");
  EXPECT_TRUE(EvalBool("isnull", {Call("parse_json", {Str("")})}));
  EXPECT_EQ(BindError("parse_json", {TypeKind::kLong}),
            "parse_json(): argument 1 must be string or dynamic, got long");
}

// https://learn.microsoft.com/kusto/query/array-length-function
TEST(DynamicFunctionsTest, ArrayLength) {
  EXPECT_EQ(Eval("array_length", {Dyn("[1, 2, 3]")}).int_value(), 3);
  EXPECT_EQ(Eval("array_length", {Dyn("[]")}).int_value(), 0);
  EXPECT_TRUE(Eval("array_length", {Dyn(R"({"a":1})")}).is_null());
  EXPECT_TRUE(Eval("array_length", {Dyn("\"text\"")}).is_null());
  EXPECT_NE(BindError("array_length", {TypeKind::kString}), "");
}

// https://learn.microsoft.com/kusto/query/pack-array-function , bag-pack-function
TEST(DynamicFunctionsTest, PackArrayAndBagPack) {
  EXPECT_EQ(EvalText("pack_array", {Long(1), Str("a"), Bool(true), Null(TypeKind::kLong)}),
            R"([1,"a",true,null])");
  EXPECT_EQ(EvalText("bag_pack", {Str("Level"), Str("Information"), Str("ProcessID"), Long(1234)}),
            R"({"Level":"Information","ProcessID":1234})");
  EXPECT_EQ(EvalText("pack", {Str("k"), Real(1.5)}), R"({"k":1.5})");
  EXPECT_NE(BindError("bag_pack", {TypeKind::kString}), "");
  EXPECT_NE(BindError("bag_pack", {TypeKind::kLong, TypeKind::kLong}), "");
}

// https://learn.microsoft.com/kusto/query/bag-keys-function , bag-merge-function
TEST(DynamicFunctionsTest, BagKeysAndMerge) {
  EXPECT_EQ(EvalText("bag_keys", {Dyn(R"({"a":1,"b":{"c":2}})")}), R"(["a","b"])");
  EXPECT_TRUE(Eval("bag_keys", {Dyn("[1]")}).is_null());
  EXPECT_EQ(EvalText("bag_merge", {Dyn(R"({"A":1,"B":2})"), Dyn(R"({"B":9,"C":3})")}),
            R"({"A":1,"B":2,"C":3})");
}

// https://learn.microsoft.com/kusto/query/array-concat-function , array-slice-function,
// array-index-of-function
TEST(DynamicFunctionsTest, ArrayConcatSliceIndexOf) {
  EXPECT_EQ(EvalText("array_concat", {Dyn("[1,2]"), Dyn("[3]")}), "[1,2,3]");
  EXPECT_TRUE(Eval("array_concat", {Dyn("[1]"), Dyn("5")}).is_null());
  EXPECT_EQ(EvalText("array_slice", {Dyn("[1,2,3,4,5]"), Long(1), Long(3)}), "[2,3,4]");
  EXPECT_EQ(EvalText("array_slice", {Dyn("[1,2,3,4,5]"), Long(-3), Long(-2)}), "[3,4]");
  EXPECT_EQ(EvalText("array_slice", {Dyn("[1,2,3]"), Long(2), Long(10)}), "[3]");
  EXPECT_EQ(Eval("array_index_of", {Dyn(R"(["a","b"])"), Str("b")}).int_value(), 1);
  EXPECT_EQ(Eval("array_index_of", {Dyn("[1,2]"), Long(3)}).int_value(), -1);
  EXPECT_TRUE(Eval("array_index_of", {Dyn("5"), Long(5)}).is_null());
}

// https://learn.microsoft.com/kusto/query/set-union-function , set-intersect-function,
// set-difference-function, array-sort-asc-function, zip-function
TEST(DynamicFunctionsTest, SetsSortZip) {
  EXPECT_EQ(EvalText("set_union", {Dyn("[1,2,2]"), Dyn("[3,1]")}), "[1,2,3]");
  EXPECT_EQ(EvalText("set_intersect", {Dyn("[1,2,3]"), Dyn("[3,2,9]")}), "[2,3]");
  EXPECT_EQ(EvalText("set_difference", {Dyn("[1,2,3]"), Dyn("[2]")}), "[1,3]");
  EXPECT_EQ(EvalText("array_sort_asc", {Dyn("[3,null,1,2.5]")}), "[1,2.5,3,null]");
  EXPECT_EQ(EvalText("array_sort_desc", {Dyn(R"(["a","c","b"])")}), R"(["c","b","a"])");
  EXPECT_EQ(EvalText("array_sort_asc", {Dyn("[2,null,1]"), Bool(false)}), "[null,1,2]");
  EXPECT_EQ(EvalText("zip", {Dyn("[1,2,3]"), Dyn(R"(["a","b"])")}),
            R"([[1,"a"],[2,"b"],[3,null]])");
}

}  // namespace
}  // namespace huntbook::functions::testing
