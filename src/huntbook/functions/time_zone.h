// TimeZone: an IANA time zone from the system's zoneinfo (Debian's tzdata,
// /usr/share/zoneinfo), read through Howard Hinnant's date library (libdate-tz, built with
// USE_OS_TZDB). Behind datetime_utc_to_local() and datetime_local_to_utc().
// https://learn.microsoft.com/kusto/query/timezone
//
// Names are the tz database's zone and link names ("Europe/Paris", "US/Pacific", "UTC",
// "Etc/GMT+5"), matched exactly first and otherwise ignoring ASCII case ("europe/paris"):
// Kusto documents no case rule, and a name that differs only in case names one zone.
//
// Local -> UTC is not one-to-one around a transition. A local time in a gap (skipped when
// clocks go forward) or in an overlap (repeated when they go back) is converted with the
// offset in effect after the transition. This reproduces Kusto's documented example (in
// Europe/Brussels, 2022-03-27 02:00 local, inside the spring-forward gap, gives 00:00 UTC,
// i.e. the +02:00 summer offset) and, in an overlap, picks the standard-time reading as
// .NET's TimeZoneInfo.ConvertTimeToUtc does for ambiguous times.
//
// Thread-safe: zones are immutable once found and live for the whole process.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "huntbook/common/status.h"

namespace date {
class time_zone;
}  // namespace date

namespace huntbook::functions {

class TimeZone {
 public:
  // The zone with this name. InvalidArgument naming it when the tz database has none;
  // NotFound when the system has no readable zoneinfo at all.
  static Result<TimeZone> Find(std::string_view name);

  // Datetime ticks (100 ns since 0001-01-01, as in types/type.h) converted between UTC and
  // the zone's local time; nullopt when the result leaves the datetime range.
  std::optional<int64_t> UtcToLocal(int64_t utc_ticks) const;
  std::optional<int64_t> LocalToUtc(int64_t local_ticks) const;

 private:
  explicit TimeZone(const date::time_zone* zone) : zone_(zone) {}
  const date::time_zone* zone_;  // owned by the library's process-wide database
};

}  // namespace huntbook::functions
