// Tests of the to* conversions and CastColumn.
// https://learn.microsoft.com/kusto/query/tostring-function , tolong-function,
// toint-function, todouble-function, tobool-function, todatetime-function,
// totimespan-function, toguid-function; KQL.md "Failed conversion -> null".
#include "huntbook/functions/conversion.h"

#include <gtest/gtest.h>

#include <cmath>

#include "huntbook/functions/scalar_test_harness.h"
#include "huntbook/types/datetime.h"

namespace huntbook::functions::testing {
namespace {

TEST(ConversionTest, ToString) {
  EXPECT_EQ(EvalText("tostring", {Long(123)}), "123");
  EXPECT_EQ(EvalText("tostring", {Null(TypeKind::kLong)}), "");
  EXPECT_EQ(EvalText("tostring", {Bool(true)}), "true");
  EXPECT_EQ(EvalText("tostring", {Real(1.5)}), "1.5");
  EXPECT_EQ(EvalText("tostring", {Real(1e20)}), "1E+20");
  EXPECT_EQ(EvalText("tostring", {Real(0.00001)}), "1E-05");
  EXPECT_EQ(EvalText("tostring", {Real(100)}), "100");
  EXPECT_EQ(EvalText("tostring", {DateTime(TicksFromCivil(2024, 1, 1))}), "2024-01-01T00:00:00Z");
  EXPECT_EQ(EvalText("tostring", {Timespan(90 * kTicksPerMinute)}), "01:30:00");
  EXPECT_EQ(EvalText("tostring", {Dyn(R"({"a":1})")}), R"({"a":1})");
  EXPECT_EQ(EvalText("tostring", {Dyn(R"("raw")")}), "raw");
  EXPECT_EQ(EvalText("tostring", {Null(TypeKind::kNull)}), "");
  EXPECT_EQ(Call("tostring", {Null(TypeKind::kDynamic)})->GetString(0), "");
}

TEST(ConversionTest, ToIntToLongToReal) {
  EXPECT_EQ(Eval("tolong", {Str("123")}).int_value(), 123);
  EXPECT_EQ(Eval("tolong", {Str(" -7 ")}).int_value(), -7);
  EXPECT_TRUE(Eval("toint", {Str("12a")}).is_null());
  EXPECT_EQ(Eval("toint", {Real(-2.9)}).int_value(), -2);
  EXPECT_EQ(Eval("tolong", {Real(2.9)}).int_value(), 2);
  EXPECT_TRUE(Eval("toint", {Long(5000000000)}).is_null());
  EXPECT_TRUE(Eval("tolong", {Real(std::nan(""))}).is_null());
  EXPECT_EQ(Eval("tolong", {Dyn("42")}).int_value(), 42);
  EXPECT_EQ(Eval("tolong", {Bool(true)}).int_value(), 1);
  EXPECT_DOUBLE_EQ(Eval("todouble", {Str("1e3")}).real_value(), 1000.0);
  EXPECT_DOUBLE_EQ(Eval("toreal", {Long(3)}).real_value(), 3.0);
  EXPECT_TRUE(Eval("todouble", {Str("")}).is_null());
  EXPECT_EQ(Eval("tolong", {DateTime(1234)}).int_value(), 1234);
}

TEST(ConversionTest, ToBoolToDatetimeToTimespanToGuid) {
  EXPECT_TRUE(Eval("tobool", {Str("TRUE")}).bool_value());
  EXPECT_FALSE(Eval("tobool", {Str("false")}).bool_value());
  EXPECT_TRUE(Eval("tobool", {Long(123)}).bool_value());
  EXPECT_TRUE(Eval("tobool", {Str("yes")}).is_null());
  EXPECT_EQ(Eval("todatetime", {Str("2015-12-24")}).int_value(), TicksFromCivil(2015, 12, 24));
  EXPECT_TRUE(Eval("todatetime", {Str("not a date")}).is_null());
  EXPECT_EQ(Eval("totimespan", {Str("0.00:01:00")}).int_value(), kTicksPerMinute);
  EXPECT_EQ(EvalText("toguid", {Str("0697405B-6A76-4F34-9D46-4A4B0A2F5B45")}),
            "0697405b-6a76-4f34-9d46-4a4b0a2f5b45");
}

TEST(ConversionTest, CastColumnPromotesAndBroadcasts) {
  auto ints = std::make_shared<Column>(TypeKind::kInt);
  ints->AppendInt(1);
  ints->AppendNull();
  ints->AppendInt(-3);
  ColumnPtr longs = CastColumn(*ints, TypeKind::kLong);
  EXPECT_EQ(longs->type(), TypeKind::kLong);
  EXPECT_EQ(longs->GetInt(2), -3);
  EXPECT_TRUE(longs->IsNull(1));
  ColumnPtr reals = CastColumn(*ints, TypeKind::kReal);
  EXPECT_DOUBLE_EQ(reals->GetReal(0), 1.0);
  EXPECT_TRUE(reals->IsNull(1));
  ColumnPtr same = CastColumn(longs, TypeKind::kLong);
  EXPECT_EQ(same.get(), longs.get());
  ColumnPtr out = Call("tolong", {Str("5")}, 3);
  EXPECT_EQ(out->GetInt(2), 5);
}

TEST(ConversionTest, Parsers) {
  EXPECT_EQ(ParseLong("12.9"), 12);
  EXPECT_EQ(ParseLong("+4"), 4);
  EXPECT_FALSE(ParseLong("0x10").has_value());
  EXPECT_FALSE(ParseReal("1.2.3").has_value());
  EXPECT_EQ(FormatReal(-0.5), "-0.5");
  EXPECT_EQ(FormatReal(123456789012345.0), "123456789012345");
  EXPECT_EQ(FormatReal(1e15), "1E+15");
  EXPECT_EQ(FormatReal(1.0 / 3), "0.3333333333333333");
  EXPECT_FALSE(ParseGuid("xyz").has_value());
}

}  // namespace
}  // namespace huntbook::functions::testing
