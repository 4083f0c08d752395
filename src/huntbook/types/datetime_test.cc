// Datetime and timespan text forms.
// https://learn.microsoft.com/kusto/query/scalar-data-types/datetime (supported formats)
// https://learn.microsoft.com/kusto/query/scalar-data-types/timespan (literals)
#include "huntbook/types/datetime.h"

#include <gtest/gtest.h>

#include "huntbook/types/type.h"

namespace huntbook {
namespace {

int64_t Ticks(std::string_view text) {
  std::optional<int64_t> t = ParseDateTime(text);
  EXPECT_TRUE(t.has_value()) << text;
  return t.value_or(-1);
}

TEST(CivilTest, EpochsAndDocumentedTickValue) {
  EXPECT_EQ(TicksFromCivil(1, 1, 1), 0);
  EXPECT_EQ(TicksFromCivil(1970, 1, 1), kUnixEpochTicks);
  // The datetime page: ticks 31241376000000000 is Friday, January 01, 0100 midnight.
  EXPECT_EQ(TicksFromCivil(100, 1, 1), 31241376000000000LL);
  CivilTime c = CivilFromTicks(31241376000000000LL);
  EXPECT_EQ(c.year, 100);
  EXPECT_EQ(c.day_of_week, 5);  // Friday
}

TEST(CivilTest, RoundTripsAcrossRange) {
  for (int64_t day = 0; day < 3652059; day += 997) {
    int64_t ticks = day * kTicksPerDay + 12345678901LL;
    CivilTime c = CivilFromTicks(ticks);
    EXPECT_EQ(TicksFromCivil(c.year, c.month, c.day, c.hour, c.minute, c.second, c.fraction_ticks),
              ticks);
  }
  CivilTime leap = CivilFromTicks(TicksFromCivil(2024, 2, 29, 23, 59, 59, 9999999));
  EXPECT_EQ(leap.month, 2);
  EXPECT_EQ(leap.day, 29);
  EXPECT_EQ(leap.second, 59);
  EXPECT_EQ(leap.fraction_ticks, 9999999);
  EXPECT_EQ(CivilFromTicks(TicksFromCivil(2024, 1, 3)).day_of_week, 3);  // Wednesday
}

TEST(ParseDateTimeTest, Iso8601FormsFromDocs) {
  int64_t base = TicksFromCivil(2014, 5, 25, 8, 20, 3, 1234560);
  EXPECT_EQ(Ticks("2014-05-25T08:20:03.123456Z"), base);
  EXPECT_EQ(Ticks("2014-05-25T08:20:03.123456"), base);
  EXPECT_EQ(Ticks("2014-05-25T08:20"), TicksFromCivil(2014, 5, 25, 8, 20));
  EXPECT_EQ(Ticks("2014-11-08 15:55:55.123456Z"), TicksFromCivil(2014, 11, 8, 15, 55, 55, 1234560));
  EXPECT_EQ(Ticks("2014-11-08 15:55:55"), TicksFromCivil(2014, 11, 8, 15, 55, 55));
  EXPECT_EQ(Ticks("2014-11-08 15:55"), TicksFromCivil(2014, 11, 8, 15, 55));
  EXPECT_EQ(Ticks("2014-11-08"), TicksFromCivil(2014, 11, 8));
  EXPECT_EQ(Ticks("2015-12-31 23:59:59.9"), TicksFromCivil(2015, 12, 31, 23, 59, 59, 9000000));
}

TEST(ParseDateTimeTest, FractionsAndOffsets) {
  EXPECT_EQ(Ticks("2024-01-01T00:00:00.1234567Z"), TicksFromCivil(2024, 1, 1) + 1234567);
  // Digits beyond the 7th (100 ns) are dropped.
  EXPECT_EQ(Ticks("2024-01-01T00:00:00.123456789Z"), TicksFromCivil(2024, 1, 1) + 1234567);
  EXPECT_EQ(Ticks("2024-01-01T02:00:00+02:00"), TicksFromCivil(2024, 1, 1));
  EXPECT_EQ(Ticks("2023-12-31T19:00:00-0500"), TicksFromCivil(2024, 1, 1));
  EXPECT_EQ(Ticks("  2024-01-01T00:00:00Z "), TicksFromCivil(2024, 1, 1));
}

TEST(ParseDateTimeTest, Rfc822) {
  EXPECT_EQ(Ticks("Sat, 8 Nov 14 15:05:02 GMT"), TicksFromCivil(2014, 11, 8, 15, 5, 2));
  EXPECT_EQ(Ticks("Sat, 08 Nov 2014 13:05:11 GMT"), TicksFromCivil(2014, 11, 8, 13, 5, 11));
  EXPECT_EQ(Ticks("8 Nov 14 15:05"), TicksFromCivil(2014, 11, 8, 15, 5));
  EXPECT_EQ(Ticks("Sat, 8 Nov 14 15:05 EST"), TicksFromCivil(2014, 11, 8, 20, 5));
}

TEST(ParseDateTimeTest, UsAndPortalForms) {
  EXPECT_EQ(Ticks("3/31/2022 10:52 PM"), TicksFromCivil(2022, 3, 31, 22, 52));
  EXPECT_EQ(Ticks("3/31/2022 12:05:01 AM"), TicksFromCivil(2022, 3, 31, 0, 5, 1));
  EXPECT_EQ(Ticks("3/31/2022, 10:52:35.857 AM"), TicksFromCivil(2022, 3, 31, 10, 52, 35, 8570000));
  EXPECT_EQ(Ticks("12/1/2021 13:00:00"), TicksFromCivil(2021, 12, 1, 13));
  EXPECT_EQ(Ticks("12/1/2021"), TicksFromCivil(2021, 12, 1));
}

TEST(ParseDateTimeTest, RejectsNonDates) {
  for (std::string_view bad :
       {"", "abc", "2024", "12345", "2024-13-01", "2023-02-29", "2024-01-01X", "0000-01-01",
        "2024-01-01T25:00", "1.5", "10.0.0.1", "13/31/2022 10:00", "3/31/2022 13:00 PM"}) {
    EXPECT_FALSE(ParseDateTime(bad).has_value()) << bad;
  }
}

TEST(FormatDateTimeTest, TrimsFraction) {
  // KQL.md: print datetime(2024-01-01) + 1tick -> 2024-01-01T00:00:00.0000001Z
  int64_t t = TicksFromCivil(2024, 1, 1);
  EXPECT_EQ(FormatDateTime(t), "2024-01-01T00:00:00Z");
  EXPECT_EQ(FormatDateTime(t + 1), "2024-01-01T00:00:00.0000001Z");
  EXPECT_EQ(FormatDateTime(t + 1234567), "2024-01-01T00:00:00.1234567Z");
  EXPECT_EQ(FormatDateTime(t + 5000000), "2024-01-01T00:00:00.5Z");
  EXPECT_EQ(FormatDateTime(0), "0001-01-01T00:00:00Z");
  EXPECT_EQ(FormatDateTime(TicksFromCivil(9999, 12, 31, 23, 59, 59, 9999999)),
            "9999-12-31T23:59:59.9999999Z");
}

TEST(ParseTimespanTest, LiteralsFromDocs) {
  EXPECT_EQ(ParseTimespan("2d"), 2 * kTicksPerDay);
  EXPECT_EQ(ParseTimespan("1.5h"), 90 * kTicksPerMinute);
  EXPECT_EQ(ParseTimespan("30m"), 30 * kTicksPerMinute);  // m = minutes
  EXPECT_EQ(ParseTimespan("10s"), 10 * kTicksPerSecond);
  EXPECT_EQ(ParseTimespan("0.1s"), kTicksPerSecond / 10);
  EXPECT_EQ(ParseTimespan("100ms"), 100 * kTicksPerMillisecond);
  EXPECT_EQ(ParseTimespan("10microsecond"), 100);
  EXPECT_EQ(ParseTimespan("1tick"), 1);
  EXPECT_EQ(ParseTimespan("15 seconds"), 15 * kTicksPerSecond);
  EXPECT_EQ(ParseTimespan("2"), 2 * kTicksPerDay);  // bare number = days
  EXPECT_EQ(ParseTimespan("0.12:34:56.7"),
            12 * kTicksPerHour + 34 * kTicksPerMinute + 56 * kTicksPerSecond + 7000000);
  EXPECT_EQ(ParseTimespan("00:01:00"), kTicksPerMinute);
  EXPECT_EQ(ParseTimespan("-01:00:00"), -kTicksPerHour);
  EXPECT_EQ(ParseTimespan("-1h"), -kTicksPerHour);
  EXPECT_EQ(ParseTimespan("1.02:03"), kTicksPerDay + 2 * kTicksPerHour + 3 * kTicksPerMinute);
}

TEST(ParseTimespanTest, RejectsGarbage) {
  for (std::string_view bad : {"", "h", "1w", "1.2.3h", "abc", "25:00:00", "1:2", "1x"}) {
    EXPECT_FALSE(ParseTimespan(bad).has_value()) << bad;
  }
}

TEST(FormatTimespanTest, KustoForms) {
  // KQL.md: print 30m, timespan(2) -> 00:30:00, 2.00:00:00
  EXPECT_EQ(FormatTimespan(30 * kTicksPerMinute), "00:30:00");
  EXPECT_EQ(FormatTimespan(2 * kTicksPerDay), "2.00:00:00");
  EXPECT_EQ(FormatTimespan(-kTicksPerHour), "-01:00:00");
  EXPECT_EQ(FormatTimespan(1), "00:00:00.0000001");
  EXPECT_EQ(FormatTimespan(0), "00:00:00");
  EXPECT_EQ(FormatTimespan(kTicksPerDay + 5000000), "1.00:00:00.5000000");
  EXPECT_FALSE(FormatTimespan(INT64_MIN).empty());
  for (int64_t t : {int64_t{0}, int64_t{1}, int64_t{-kTicksPerDay - 7}, int64_t{123456789012345}}) {
    EXPECT_EQ(ParseTimespan(FormatTimespan(t)), t) << t;
  }
}

}  // namespace
}  // namespace huntbook
