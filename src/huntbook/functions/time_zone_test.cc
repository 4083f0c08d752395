// TimeZone: conversions against the system tzdata, including the transition rule that the
// logic tests cannot pin from a documented example (the overlap when clocks go back).
#include "huntbook/functions/time_zone.h"

#include <gtest/gtest.h>

#include "huntbook/types/datetime.h"

namespace huntbook::functions {
namespace {

int64_t At(int year, int month, int day, int hour, int minute = 0) {
  return TicksFromCivil(year, month, day, hour, minute);
}

TEST(TimeZoneTest, NamesMatchExactlyOrIgnoringCase) {
  ASSERT_TRUE(TimeZone::Find("Europe/Paris").ok());
  ASSERT_TRUE(TimeZone::Find("europe/PARIS").ok());
  Result<TimeZone> unknown = TimeZone::Find("Europe/Atlantis");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(unknown.status().message().find("Europe/Atlantis"), std::string::npos);
}

TEST(TimeZoneTest, SpringGapUsesTheSummerOffset) {
  Result<TimeZone> brussels = TimeZone::Find("Europe/Brussels");
  ASSERT_TRUE(brussels.ok());
  // 2022-03-27 02:30 local does not exist; +02:00 gives 00:30 UTC.
  EXPECT_EQ(brussels->LocalToUtc(At(2022, 3, 27, 2, 30)), At(2022, 3, 27, 0, 30));
  EXPECT_EQ(brussels->LocalToUtc(At(2022, 3, 27, 1, 59)), At(2022, 3, 27, 0, 59));
}

TEST(TimeZoneTest, AutumnOverlapUsesTheStandardOffset) {
  Result<TimeZone> brussels = TimeZone::Find("Europe/Brussels");
  ASSERT_TRUE(brussels.ok());
  // 2022-10-30 02:30 local happens twice (+02:00, then +01:00): the later, standard one.
  EXPECT_EQ(brussels->LocalToUtc(At(2022, 10, 30, 2, 30)), At(2022, 10, 30, 1, 30));
  // Both UTC instants read back as 02:30 local.
  EXPECT_EQ(brussels->UtcToLocal(At(2022, 10, 30, 0, 30)), At(2022, 10, 30, 2, 30));
  EXPECT_EQ(brussels->UtcToLocal(At(2022, 10, 30, 1, 30)), At(2022, 10, 30, 2, 30));
}

TEST(TimeZoneTest, SubSecondTicksAndTheRangeEdges) {
  Result<TimeZone> tokyo = TimeZone::Find("Asia/Tokyo");
  ASSERT_TRUE(tokyo.ok());
  EXPECT_EQ(tokyo->UtcToLocal(At(2024, 1, 1, 0) + 1), At(2024, 1, 1, 9) + 1);
  EXPECT_EQ(tokyo->LocalToUtc(At(2024, 1, 1, 0) - 1), At(2023, 12, 31, 15) - 1);
  EXPECT_EQ(tokyo->UtcToLocal(At(9999, 12, 31, 20)), std::nullopt);
  Result<TimeZone> honolulu = TimeZone::Find("Pacific/Honolulu");
  ASSERT_TRUE(honolulu.ok());
  EXPECT_EQ(honolulu->UtcToLocal(At(1, 1, 1, 1)), std::nullopt);
}

}  // namespace
}  // namespace huntbook::functions
