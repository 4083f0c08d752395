// Log Analytics `timespan` forms:
// https://learn.microsoft.com/rest/api/loganalytics/dataaccess/query/execute (ISO 8601
// period); https://en.wikipedia.org/wiki/ISO_8601#Time_intervals for the interval forms.
#include "huntbook/server/iso8601_timespan.h"

#include <gtest/gtest.h>

#include "huntbook/types/datetime.h"
#include "huntbook/types/type.h"

namespace huntbook::server {
namespace {

const int64_t kNow = TicksFromCivil(2024, 1, 2, 12, 0, 0);

TEST(IsoDurationTest, Forms) {
  EXPECT_EQ(ParseIsoDuration("PT1H"), kTicksPerHour);
  EXPECT_EQ(ParseIsoDuration("P1D"), kTicksPerDay);
  EXPECT_EQ(ParseIsoDuration("PT3600.0S"), kTicksPerHour);  // Python's timedelta form
  EXPECT_EQ(ParseIsoDuration("PT0.5S"), kTicksPerSecond / 2);
  EXPECT_EQ(ParseIsoDuration("P1DT2H30M"), kTicksPerDay + 2 * kTicksPerHour + 30 * kTicksPerMinute);
  EXPECT_EQ(ParseIsoDuration("P2W"), 14 * kTicksPerDay);
  EXPECT_EQ(ParseIsoDuration("PT90M"), 90 * kTicksPerMinute);
  EXPECT_EQ(ParseIsoDuration("P1M"), 30 * kTicksPerDay);
}

TEST(IsoDurationTest, Rejects) {
  EXPECT_FALSE(ParseIsoDuration(""));
  EXPECT_FALSE(ParseIsoDuration("P"));
  EXPECT_FALSE(ParseIsoDuration("PT"));
  EXPECT_FALSE(ParseIsoDuration("1H"));
  EXPECT_FALSE(ParseIsoDuration("P1H"));     // hours need the T
  EXPECT_FALSE(ParseIsoDuration("PT1D"));    // days may not follow T
  EXPECT_FALSE(ParseIsoDuration("PT1M1H"));  // out of order
  EXPECT_FALSE(ParseIsoDuration("PT-1H"));
  EXPECT_FALSE(ParseIsoDuration("P1DT"));
}

TEST(TimespanParameterTest, DurationEndsNow) {
  auto range = ParseTimespanParameter("PT1H", kNow);
  ASSERT_TRUE(range.ok()) << range.status().ToString();
  EXPECT_EQ(range->start, kNow - kTicksPerHour);
  EXPECT_EQ(range->end, kNow);
}

TEST(TimespanParameterTest, StartEnd) {
  auto range = ParseTimespanParameter("2024-01-01T00:00:00Z/2024-01-02T00:00:00Z", kNow);
  ASSERT_TRUE(range.ok());
  EXPECT_EQ(range->start, TicksFromCivil(2024, 1, 1));
  EXPECT_EQ(range->end, TicksFromCivil(2024, 1, 2));
}

TEST(TimespanParameterTest, StartDuration) {
  auto range = ParseTimespanParameter("2024-01-01T00:00:00Z/PT6H", kNow);
  ASSERT_TRUE(range.ok());
  EXPECT_EQ(range->start, TicksFromCivil(2024, 1, 1));
  EXPECT_EQ(range->end, TicksFromCivil(2024, 1, 1, 6));
}

TEST(TimespanParameterTest, DurationEnd) {
  auto range = ParseTimespanParameter("P1D/2024-01-02T00:00:00Z", kNow);
  ASSERT_TRUE(range.ok());
  EXPECT_EQ(range->start, TicksFromCivil(2024, 1, 1));
  EXPECT_EQ(range->end, TicksFromCivil(2024, 1, 2));
}

TEST(TimespanParameterTest, Errors) {
  EXPECT_FALSE(ParseTimespanParameter("yesterday", kNow).ok());
  EXPECT_FALSE(ParseTimespanParameter("PT1H/PT2H", kNow).ok());
  EXPECT_FALSE(ParseTimespanParameter("2024-01-02T00:00:00Z/2024-01-01T00:00:00Z", kNow).ok());
  auto bad = ParseTimespanParameter("2024-13-45/PT1H", kNow);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("2024-13-45"), std::string::npos);
}

}  // namespace
}  // namespace huntbook::server
