#include "huntbook/ingest/text_conversion.h"

#include <gtest/gtest.h>

#include "huntbook/types/datetime.h"

namespace huntbook::ingest {
namespace {

TEST(TextConversionTest, Scalars) {
  EXPECT_EQ(ParseBoolText("True"), true);
  EXPECT_EQ(ParseBoolText("FALSE"), false);
  EXPECT_FALSE(ParseBoolText("yes"));
  EXPECT_EQ(ParseLongText("-42"), -42);
  EXPECT_EQ(ParseLongText("+7"), 7);
  EXPECT_FALSE(ParseLongText("9223372036854775808"));
  EXPECT_FALSE(ParseLongText("1.0"));
  EXPECT_FALSE(ParseLongText("0x10"));
  EXPECT_FALSE(ParseLongText(" 1"));
  EXPECT_DOUBLE_EQ(*ParseRealText("1.5e3"), 1500);
  EXPECT_DOUBLE_EQ(*ParseRealText(".5"), 0.5);
  EXPECT_FALSE(ParseRealText("inf"));
  EXPECT_FALSE(ParseRealText("nan"));
  EXPECT_FALSE(ParseRealText("-"));
  EXPECT_EQ(ParseGuidText("{802D39E1-9D70-404D-832C-2DE5E2478EDA}"),
            "802d39e1-9d70-404d-832c-2de5e2478eda");
  EXPECT_FALSE(ParseGuidText("802d39e1-9d70-404d-832c-2de5e2478ed"));
}

TEST(TextConversionTest, AppendTextByColumnType) {
  Column longs(TypeKind::kLong);
  EXPECT_TRUE(AppendText("12", &longs));
  EXPECT_TRUE(AppendText("", &longs));  // empty -> null
  EXPECT_FALSE(AppendText("abc", &longs));
  ASSERT_EQ(longs.size(), 2u);
  EXPECT_EQ(longs.GetInt(0), 12);
  EXPECT_TRUE(longs.IsNull(1));

  Column ints(TypeKind::kInt);
  EXPECT_FALSE(AppendText("3000000000", &ints));

  Column times(TypeKind::kDateTime);
  EXPECT_TRUE(AppendText("2019-01-15 05:15:02.980", &times));
  EXPECT_EQ(times.GetInt(0), TicksFromCivil(2019, 1, 15, 5, 15, 2, 9800000));

  Column spans(TypeKind::kTimespan);
  EXPECT_TRUE(AppendText("00:30:00", &spans));
  EXPECT_EQ(spans.GetInt(0), 30 * kTicksPerMinute);

  Column dyn(TypeKind::kDynamic);
  EXPECT_TRUE(AppendText("{\"a\":[1]}", &dyn));
  EXPECT_TRUE(AppendText("not json", &dyn));  // kept as a dynamic string
  EXPECT_EQ(dyn.GetDynamic(0).Get("a").At(0).long_value(), 1);
  EXPECT_EQ(dyn.GetDynamic(1).string_value(), "not json");

  Column strings(TypeKind::kString);
  EXPECT_TRUE(AppendText("", &strings));
  EXPECT_FALSE(strings.IsNull(0));
  EXPECT_EQ(strings.GetString(0), "");
}

TEST(TextConversionTest, ErrorMessageNamesPosition) {
  Status s = ConversionError("processes.csv", 12, 3, "LogonType", "abc", TypeKind::kLong);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "processes.csv: line 12, column 3 (LogonType): 'abc' is not a long");
  EXPECT_EQ(s.position().line, 12u);
  EXPECT_EQ(s.position().column, 3u);
}

}  // namespace
}  // namespace huntbook::ingest
