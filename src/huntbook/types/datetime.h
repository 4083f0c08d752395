// Datetime and timespan text forms: parsing and formatting in Kusto's conventions.
// https://learn.microsoft.com/kusto/query/scalar-data-types/datetime
// https://learn.microsoft.com/kusto/query/scalar-data-types/timespan
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace huntbook {

// Days-from-civil conversions (proleptic Gregorian, UTC). Ticks as in type.h.
int64_t TicksFromCivil(int year, int month, int day, int hour = 0, int minute = 0, int second = 0,
                       int64_t fraction_ticks = 0);
struct CivilTime {
  int year, month, day, hour, minute, second;
  int64_t fraction_ticks;  // 0..9,999,999
  int day_of_week;         // 0 = Sunday
};
CivilTime CivilFromTicks(int64_t ticks);

// The system clock now, in datetime ticks (UTC, microsecond resolution).
int64_t WallClockTicks();

// Parses the datetime forms Kusto accepts in datetime(...) literals, todatetime() and
// ingestion: ISO 8601 ("2024-01-01", "2024-01-01T10:11:12.1234567Z", "2024-01-01 10:11",
// with offsets "+02:00"), RFC 822/1123 ("Sat, 08 Nov 2014 13:05:11 GMT"),
// "M/D/YYYY H:MM[:SS] [AM|PM]" and "M/D/YYYY, h:mm:ss.fff AM" (portal display form).
// Returns nullopt when the text is none of these.
std::optional<int64_t> ParseDateTime(std::string_view text);

// "2024-01-01T00:00:00Z", "2024-01-01T00:00:00.1234567Z": fraction digits trimmed of
// trailing zeros, as Log Analytics prints them.
std::string FormatDateTime(int64_t ticks);

// Parses timespan literal/text forms: "1d", "2h", "30m", "10s", "100ms", "5microsecond",
// "3tick", "1.5h", and "[-][d.]hh:mm[:ss[.fffffff]]". A bare number means days.
std::optional<int64_t> ParseTimespan(std::string_view text);

// "[-][d.]hh:mm:ss[.fffffff]" as Kusto prints timespans (7 fraction digits when nonzero).
std::string FormatTimespan(int64_t ticks);

}  // namespace huntbook
