// Tests of iff/iif, case, coalesce, isnull/isnotnull, isempty/isnotempty, not, max_of, min_of.
#include <gtest/gtest.h>

#include "huntbook/functions/scalar_test_harness.h"

namespace huntbook::functions::testing {
namespace {

// https://learn.microsoft.com/kusto/query/iff-function
TEST(ConditionalFunctionsTest, Iff) {
  EXPECT_EQ(EvalText("iff", {Bool(true), Str("yes"), Str("no")}), "yes");
  EXPECT_EQ(EvalText("iif", {Bool(false), Str("yes"), Str("no")}), "no");
  EXPECT_EQ(EvalText("iff", {Null(TypeKind::kBool), Str("yes"), Str("no")}), "no");
  Value promoted = Eval("iff", {Bool(true), Int(1), Real(2.5)});
  EXPECT_EQ(promoted.type(), TypeKind::kReal);
  EXPECT_DOUBLE_EQ(promoted.real_value(), 1.0);
  EXPECT_TRUE(Eval("iff", {Bool(true), Null(TypeKind::kNull), Long(2)}).is_null());
  auto conditions = std::make_shared<Column>(TypeKind::kBool);
  conditions->AppendInt(1);
  conditions->AppendInt(0);
  ColumnPtr out = Call("iff", {conditions, Strings({"a", "b"}), Str("z")}, 2);
  EXPECT_EQ(out->GetString(0), "a");
  EXPECT_EQ(out->GetString(1), "z");
  EXPECT_NE(BindError("iff", {TypeKind::kBool, TypeKind::kString, TypeKind::kLong}), "");
  EXPECT_EQ(BindError("iff", {TypeKind::kLong, TypeKind::kLong, TypeKind::kLong}),
            "iff(): argument 1 must be bool, got long");
}

// https://learn.microsoft.com/kusto/query/case-function
TEST(ConditionalFunctionsTest, Case) {
  auto size = [](int64_t n) {
    return EvalText("case",
                    {Bool(n <= 3), Str("Small"), Bool(n <= 10), Str("Medium"), Str("Large")});
  };
  EXPECT_EQ(size(2), "Small");
  EXPECT_EQ(size(7), "Medium");
  EXPECT_EQ(size(20), "Large");
  EXPECT_NE(BindError("case", {TypeKind::kBool, TypeKind::kString}), "");
}

// https://learn.microsoft.com/kusto/query/coalesce-function (KQL.md: "" counts as empty)
TEST(ConditionalFunctionsTest, Coalesce) {
  EXPECT_EQ(Eval("coalesce", {Null(TypeKind::kLong), Long(10), Long(20)}).int_value(), 10);
  EXPECT_EQ(EvalText("coalesce", {Str(""), Str("x")}), "x");
  EXPECT_TRUE(Eval("coalesce", {Null(TypeKind::kLong), Null(TypeKind::kLong)}).is_null());
  EXPECT_EQ(Eval("coalesce", {Null(TypeKind::kInt), Real(1.5)}).type(), TypeKind::kReal);
  EXPECT_NE(BindError("coalesce", {TypeKind::kString, TypeKind::kLong}), "");
}

// https://learn.microsoft.com/kusto/query/isnull-function , isempty-function
TEST(ConditionalFunctionsTest, NullAndEmptyTests) {
  EXPECT_TRUE(EvalBool("isnull", {Null(TypeKind::kLong)}));
  EXPECT_FALSE(EvalBool("isnull", {Long(1)}));
  EXPECT_FALSE(EvalBool("isnull", {Str("")}));
  EXPECT_TRUE(EvalBool("isnull", {Dyn("null")}));
  EXPECT_TRUE(EvalBool("isnotnull", {Long(1)}));
  EXPECT_TRUE(EvalBool("isempty", {Str("")}));
  EXPECT_TRUE(EvalBool("isempty", {Null(TypeKind::kLong)}));
  EXPECT_FALSE(EvalBool("isempty", {Str("a")}));
  EXPECT_FALSE(EvalBool("isempty", {Long(0)}));
  EXPECT_TRUE(EvalBool("isnotempty", {Str("a")}));
  EXPECT_FALSE(EvalBool("isnotempty", {Dyn("null")}));
}

// https://learn.microsoft.com/kusto/query/not-function , max-of-function, min-of-function
TEST(ConditionalFunctionsTest, NotMaxOfMinOf) {
  EXPECT_FALSE(EvalBool("not", {Bool(true)}));
  EXPECT_TRUE(Eval("not", {Null(TypeKind::kBool)}).is_null());
  EXPECT_EQ(Eval("max_of", {Long(10), Long(1), Long(-3)}).int_value(), 10);
  EXPECT_EQ(Eval("min_of", {Long(10), Long(1), Long(-3)}).int_value(), -3);
  EXPECT_EQ(Eval("max_of", {Null(TypeKind::kLong), Long(4)}).int_value(), 4);
  EXPECT_TRUE(Eval("max_of", {Null(TypeKind::kLong), Null(TypeKind::kLong)}).is_null());
  EXPECT_DOUBLE_EQ(Eval("max_of", {Int(1), Real(2.5)}).real_value(), 2.5);
  EXPECT_EQ(EvalText("max_of", {Str("a"), Str("b")}), "b");
}

}  // namespace
}  // namespace huntbook::functions::testing
