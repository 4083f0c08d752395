// Internal: calendar arithmetic on datetime ticks (UTC, proleptic Gregorian, weeks start on
// Sunday) for the datetime functions.
// https://learn.microsoft.com/kusto/query/datetime-part-function
// https://learn.microsoft.com/kusto/query/datetime-diff-function
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace huntbook::functions {

// Floor division (rounds toward negative infinity). REQUIRES: divisor > 0.
inline int64_t FloorDiv(int64_t value, int64_t divisor) {
  int64_t q = value / divisor;
  if ((value % divisor != 0) && (value < 0)) --q;
  return q;
}

enum class DatePart : uint8_t {
  kYear,
  kQuarter,
  kMonth,
  kWeek,
  kWeekOfYear,
  kDay,
  kDayOfYear,
  kHour,
  kMinute,
  kSecond,
  kMillisecond,
  kMicrosecond,
  kNanosecond
};

// Case-insensitive: "year", "quarter", "month", "week", "week_of_year", "day", "dayofyear",
// "hour", "minute", "second", "millisecond", "microsecond", "nanosecond".
std::optional<DatePart> ParseDatePart(std::string_view name);

// datetime_part(): the part's number (week_of_year is the ISO 8601 week; kWeek is treated
// the same; nanosecond is fraction ticks * 100).
int64_t DatePartValue(DatePart part, int64_t ticks);

// datetime_diff(part, a, b): the number of part boundaries between b and a (a - b), e.g.
// calendar years/months/days/hours crossed; weeks count Sunday boundaries.
int64_t DateDiff(DatePart part, int64_t a, int64_t b);

// datetime_add(part, amount, t); month/quarter/year additions clamp the day to the month's
// length. nullopt outside the datetime range.
std::optional<int64_t> DateAdd(DatePart part, int64_t amount, int64_t ticks);

// startof*(t, offset): the start of the period `offset` periods after t's period.
std::optional<int64_t> StartOfDay(int64_t ticks, int64_t offset);
std::optional<int64_t> StartOfWeek(int64_t ticks, int64_t offset);
std::optional<int64_t> StartOfMonth(int64_t ticks, int64_t offset);
std::optional<int64_t> StartOfYear(int64_t ticks, int64_t offset);
// t - 1 tick (for endof*), passing nullopt through.
std::optional<int64_t> MinusTick(std::optional<int64_t> ticks);

// make_datetime(); nullopt for an invalid date or time.
std::optional<int64_t> MakeDateTime(int64_t year, int64_t month, int64_t day, int64_t hour,
                                    int64_t minute, double second);

// Ticks since the Unix epoch -> datetime ticks; nullopt outside the datetime range.
std::optional<int64_t> UnixToTicks(double unix_ticks);

// True for ticks within [0001-01-01, 9999-12-31 23:59:59.9999999].
bool InDateTimeRange(int64_t ticks);

// format_datetime(): .NET-style custom format (y, yy, yyyy, M, MM, d, dd, H, HH, h, hh, m,
// mm, s, ss, f..fffffff, F..FFFFFFF, tt); other characters are copied.
std::string FormatDateTimeCustom(int64_t ticks, std::string_view format);

}  // namespace huntbook::functions
