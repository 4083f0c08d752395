// Tests of the datetime functions; each block cites its documentation page.
#include <gtest/gtest.h>

#include "huntbook/functions/scalar_test_harness.h"
#include "huntbook/types/datetime.h"

namespace huntbook::functions::testing {
namespace {

int64_t Date(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) {
  return TicksFromCivil(y, mo, d, h, mi, s);
}

// https://learn.microsoft.com/kusto/query/now-function , ago-function (KQL.md: one instant)
TEST(DateTimeFunctionsTest, NowAndAgo) {
  int64_t now = Date(2024, 3, 5, 12);
  EXPECT_EQ(Call("now", {}, 2, now)->GetInt(1), now);
  EXPECT_EQ(Call("now", {Timespan(-kTicksPerDay)}, 1, now)->GetInt(0), now - kTicksPerDay);
  EXPECT_EQ(Call("ago", {Timespan(kTicksPerHour)}, 1, now)->GetInt(0), now - kTicksPerHour);
  EXPECT_TRUE(Call("ago", {Null(TypeKind::kTimespan)}, 1, now)->IsNull(0));
  EXPECT_EQ(BindError("ago", {TypeKind::kLong}), "ago(): argument 1 must be timespan, got long");
}

// https://learn.microsoft.com/kusto/query/bin-function
TEST(DateTimeFunctionsTest, Bin) {
  EXPECT_DOUBLE_EQ(Eval("bin", {Real(4.5), Long(1)}).real_value(), 4.0);
  EXPECT_EQ(Eval("bin", {Long(10), Long(5)}).int_value(), 10);
  EXPECT_EQ(Eval("bin", {Long(-7), Long(5)}).int_value(), -10);
  EXPECT_EQ(
      Eval("bin", {Timespan(kTicksPerDay + kTicksPerHour), Timespan(kTicksPerDay)}).int_value(),
      kTicksPerDay);
  EXPECT_EQ(Eval("bin", {DateTime(Date(2024, 3, 5, 17, 42)), Timespan(kTicksPerDay)}).int_value(),
            Date(2024, 3, 5));
  EXPECT_EQ(
      Eval("floor", {DateTime(Date(2024, 3, 5, 17, 42)), Timespan(kTicksPerHour)}).int_value(),
      Date(2024, 3, 5, 17));
  EXPECT_TRUE(Eval("bin", {Null(TypeKind::kLong), Long(5)}).is_null());
  EXPECT_TRUE(Eval("bin", {Long(5), Long(0)}).is_null());
  EXPECT_EQ(Eval("bin", {Long(7), Real(2.5)}).type(), TypeKind::kReal);
  auto ticks = std::make_shared<Column>(TypeKind::kDateTime);
  ticks->AppendInt(Date(2024, 1, 1, 0, 59));
  ticks->AppendNull();
  ticks->AppendInt(Date(2024, 1, 1, 1, 1));
  ColumnPtr out = Call("bin", {ticks, Timespan(kTicksPerHour)}, 3);
  EXPECT_EQ(out->GetInt(0), Date(2024, 1, 1));
  EXPECT_TRUE(out->IsNull(1));
  EXPECT_EQ(out->GetInt(2), Date(2024, 1, 1, 1));
  EXPECT_NE(BindError("bin", {TypeKind::kDateTime, TypeKind::kLong}), "");
}

// https://learn.microsoft.com/kusto/query/bin-at-function
TEST(DateTimeFunctionsTest, BinAt) {
  EXPECT_DOUBLE_EQ(Eval("bin_at", {Real(6.5), Real(2.5), Real(7)}).real_value(), 4.5);
  EXPECT_EQ(Eval("bin_at",
                 {Timespan(kTicksPerHour), Timespan(kTicksPerDay), Timespan(12 * kTicksPerHour)})
                .int_value(),
            -12 * kTicksPerHour);
  EXPECT_EQ(Eval("bin_at", {DateTime(Date(2017, 5, 15, 10, 20)), Timespan(kTicksPerDay),
                            DateTime(Date(2017, 5, 15, 10))})
                .int_value(),
            Date(2017, 5, 15, 10));
}

// https://learn.microsoft.com/kusto/query/startofweek-function etc. (KQL.md: weeks start Sunday)
TEST(DateTimeFunctionsTest, StartAndEndOf) {
  int64_t t = Date(2024, 1, 3, 15, 30);
  EXPECT_EQ(Eval("startofday", {DateTime(t)}).int_value(), Date(2024, 1, 3));
  EXPECT_EQ(Eval("startofday", {DateTime(t), Long(-1)}).int_value(), Date(2024, 1, 2));
  EXPECT_EQ(Eval("startofweek", {DateTime(t)}).int_value(), Date(2023, 12, 31));
  EXPECT_EQ(Eval("startofmonth", {DateTime(t), Long(-1)}).int_value(), Date(2023, 12, 1));
  EXPECT_EQ(Eval("startofyear", {DateTime(t)}).int_value(), Date(2024, 1, 1));
  EXPECT_EQ(Eval("endofday", {DateTime(t)}).int_value(), Date(2024, 1, 4) - 1);
  EXPECT_EQ(Eval("endofmonth", {DateTime(Date(2024, 2, 10))}).int_value(), Date(2024, 3, 1) - 1);
  EXPECT_EQ(Eval("endofweek", {DateTime(t)}).int_value(), Date(2024, 1, 7) - 1);
  EXPECT_EQ(Eval("endofyear", {DateTime(t)}).int_value(), Date(2025, 1, 1) - 1);
  EXPECT_TRUE(Eval("startofday", {Null(TypeKind::kDateTime)}).is_null());
}

// https://learn.microsoft.com/kusto/query/dayofweek-function , hourofday-function,
// datetime-part-function, getyear-function, week-of-year-function
TEST(DateTimeFunctionsTest, Parts) {
  EXPECT_EQ(Eval("dayofweek", {DateTime(Date(1947, 11, 30, 10))}).int_value(), 0);
  EXPECT_EQ(Eval("dayofweek", {DateTime(Date(1970, 5, 11))}).int_value(), kTicksPerDay);
  EXPECT_EQ(Eval("hourofday", {DateTime(Date(2015, 12, 14, 18, 54))}).int_value(), 18);
  EXPECT_EQ(Eval("dayofmonth", {DateTime(Date(2015, 12, 14))}).int_value(), 14);
  EXPECT_EQ(Eval("dayofyear", {DateTime(Date(2015, 12, 14))}).int_value(), 348);
  EXPECT_EQ(Eval("getyear", {DateTime(Date(2015, 10, 12))}).int_value(), 2015);
  EXPECT_EQ(Eval("monthofyear", {DateTime(Date(2015, 12, 14))}).int_value(), 12);
  EXPECT_EQ(Eval("week_of_year", {DateTime(Date(2020, 12, 31))}).int_value(), 53);
  EXPECT_EQ(Eval("week_of_year", {DateTime(Date(2021, 1, 1))}).int_value(), 53);
  EXPECT_EQ(Eval("week_of_year", {DateTime(Date(2021, 1, 4))}).int_value(), 1);
  int64_t d = Date(2017, 10, 30, 1, 2, 3) + 7654321;
  EXPECT_EQ(Eval("datetime_part", {Str("Year"), DateTime(d)}).int_value(), 2017);
  EXPECT_EQ(Eval("datetime_part", {Str("Quarter"), DateTime(d)}).int_value(), 4);
  EXPECT_EQ(Eval("datetime_part", {Str("Month"), DateTime(d)}).int_value(), 10);
  EXPECT_EQ(Eval("datetime_part", {Str("week_of_year"), DateTime(d)}).int_value(), 44);
  EXPECT_EQ(Eval("datetime_part", {Str("Day"), DateTime(d)}).int_value(), 30);
  EXPECT_EQ(Eval("datetime_part", {Str("DayOfYear"), DateTime(d)}).int_value(), 303);
  EXPECT_EQ(Eval("datetime_part", {Str("Hour"), DateTime(d)}).int_value(), 1);
  EXPECT_EQ(Eval("datetime_part", {Str("Minute"), DateTime(d)}).int_value(), 2);
  EXPECT_EQ(Eval("datetime_part", {Str("Second"), DateTime(d)}).int_value(), 3);
  EXPECT_EQ(Eval("datetime_part", {Str("Millisecond"), DateTime(d)}).int_value(), 765);
  EXPECT_EQ(Eval("datetime_part", {Str("Microsecond"), DateTime(d)}).int_value(), 765432);
  EXPECT_EQ(Eval("datetime_part", {Str("Nanosecond"), DateTime(d)}).int_value(), 765432100);
  EXPECT_FALSE(TryCall("datetime_part", {Str("fortnight"), DateTime(d)}).ok());
}

// https://learn.microsoft.com/kusto/query/datetime-diff-function (documented examples)
TEST(DateTimeFunctionsTest, DatetimeDiff) {
  auto diff = [](const char* part, int64_t a, int64_t b) {
    return Eval("datetime_diff", {Str(part), DateTime(a), DateTime(b)}).int_value();
  };
  EXPECT_EQ(diff("year", Date(2017, 1, 1), Date(2000, 12, 31)), 17);
  EXPECT_EQ(diff("quarter", Date(2017, 7, 1), Date(2017, 3, 30)), 2);
  EXPECT_EQ(diff("month", Date(2017, 1, 1), Date(2015, 12, 30)), 13);
  EXPECT_EQ(diff("week", Date(2017, 10, 29), Date(2017, 9, 30)), 5);
  EXPECT_EQ(diff("day", Date(2017, 10, 29), Date(2017, 9, 30)), 29);
  EXPECT_EQ(diff("hour", Date(2017, 10, 31, 1), Date(2017, 10, 30, 23)), 2);
  EXPECT_EQ(diff("minute", Date(2017, 10, 30, 23, 5, 1), Date(2017, 10, 30, 23)), 5);
  EXPECT_EQ(diff("second", Date(2017, 10, 30, 23, 0, 10), Date(2017, 10, 30, 23)), 10);
  EXPECT_EQ(diff("nanosecond", Date(2017, 10, 30, 23, 0, 0) + 1, Date(2017, 10, 30, 23)), 100);
}

// https://learn.microsoft.com/kusto/query/datetime-add-function , make-datetime-function,
// unixtime-seconds-todatetime-function, format-datetime-function
TEST(DateTimeFunctionsTest, AddMakeUnixFormat) {
  auto add = [](const char* part, int64_t amount, int64_t t) {
    return Eval("datetime_add", {Str(part), Long(amount), DateTime(t)}).int_value();
  };
  EXPECT_EQ(add("year", -5, Date(2017, 1, 1)), Date(2012, 1, 1));
  EXPECT_EQ(add("month", 1, Date(2017, 1, 31)), Date(2017, 2, 28));
  EXPECT_EQ(add("quarter", 1, Date(2017, 1, 1)), Date(2017, 4, 1));
  EXPECT_EQ(add("day", 1, Date(2017, 1, 31)), Date(2017, 2, 1));
  EXPECT_EQ(add("hour", -1, Date(2017, 1, 1)), Date(2016, 12, 31, 23));
  EXPECT_EQ(Eval("make_datetime", {Long(2017), Long(10), Long(1)}).int_value(), Date(2017, 10, 1));
  EXPECT_EQ(Eval("make_datetime", {Long(2017), Long(10), Long(1), Long(12), Long(10), Real(7.5)})
                .int_value(),
            Date(2017, 10, 1, 12, 10, 7) + 5000000);
  EXPECT_TRUE(Eval("make_datetime", {Long(2017), Long(2), Long(30)}).is_null());
  EXPECT_EQ(Eval("unixtime_seconds_todatetime", {Long(1546300800)}).int_value(), Date(2019, 1, 1));
  EXPECT_EQ(Eval("unixtime_milliseconds_todatetime", {Long(1546300800000)}).int_value(),
            Date(2019, 1, 1));
  EXPECT_EQ(Eval("unixtime_seconds_todatetime", {Real(1.5)}).int_value(),
            kUnixEpochTicks + 15000000);
  int64_t t = Date(2017, 1, 29, 9, 0, 5) + 1234567;
  EXPECT_EQ(EvalText("format_datetime", {DateTime(t), Str("yy-MM-dd [HH:mm:ss]")}),
            "17-01-29 [09:00:05]");
  EXPECT_EQ(EvalText("format_datetime", {DateTime(t), Str("yyyy-M-dd [H:mm:ss.fff]")}),
            "2017-1-29 [9:00:05.123]");
  EXPECT_EQ(EvalText("format_datetime", {DateTime(t), Str("yy-MM-dd hh:mm:ss tt")}),
            "17-01-29 09:00:05 AM");
  EXPECT_EQ(EvalText("format_datetime", {DateTime(Date(2017, 1, 29)), Str("ss.FFF")}), "00");
}

}  // namespace
}  // namespace huntbook::functions::testing
