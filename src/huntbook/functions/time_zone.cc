#include "huntbook/functions/time_zone.h"

#include <date/tz.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <exception>
#include <map>
#include <string>

#include "huntbook/functions/calendar.h"
#include "huntbook/types/type.h"

namespace huntbook::functions {
namespace {

std::string Lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Every zone and link of the system database by lower-cased name, or the reason there is
// none. Built once: the database is read on first use and never reloaded.
struct ZoneIndex {
  std::map<std::string, const date::time_zone*, std::less<>> by_lowercase_name;
  std::string error;
};

const ZoneIndex& GetZoneIndex() {
  static const ZoneIndex* index = [] {
    auto* built = new ZoneIndex();
    try {
      for (const date::time_zone& zone : date::get_tzdb().zones) {
        built->by_lowercase_name.emplace(Lowercase(zone.name()), &zone);
      }
    } catch (const std::exception& e) {
      built->error = e.what();
    }
    return built;
  }();
  return *index;
}

// Floor division of datetime ticks into whole seconds since the Unix epoch.
date::sys_seconds SecondsOf(int64_t ticks) {
  int64_t since_epoch = ticks - kUnixEpochTicks;
  int64_t seconds = since_epoch / kTicksPerSecond;
  if (since_epoch % kTicksPerSecond < 0) --seconds;
  return date::sys_seconds{std::chrono::seconds{seconds}};
}

std::optional<int64_t> Shifted(int64_t ticks, std::chrono::seconds offset) {
  int64_t result = 0;
  if (__builtin_add_overflow(ticks, offset.count() * kTicksPerSecond, &result) ||
      !InDateTimeRange(result)) {
    return std::nullopt;
  }
  return result;
}

}  // namespace

Result<TimeZone> TimeZone::Find(std::string_view name) {
  const ZoneIndex& index = GetZoneIndex();
  if (!index.error.empty()) {
    return NotFound("time zone database (tzdata, /usr/share/zoneinfo) unreadable: " + index.error);
  }
  auto it = index.by_lowercase_name.find(Lowercase(name));
  if (it == index.by_lowercase_name.end()) {
    return InvalidArgument("unknown time zone '" + std::string(name) +
                           "' (expected an IANA name such as 'Europe/Paris')");
  }
  try {
    it->second->get_info(date::sys_seconds{});  // reads the zone's file now, once
  } catch (const std::exception& e) {
    return NotFound("time zone '" + it->second->name() + "' unreadable: " + e.what());
  }
  return TimeZone(it->second);
}

std::optional<int64_t> TimeZone::UtcToLocal(int64_t utc_ticks) const {
  return Shifted(utc_ticks, zone_->get_info(SecondsOf(utc_ticks)).offset);
}

std::optional<int64_t> TimeZone::LocalToUtc(int64_t local_ticks) const {
  const date::local_seconds local{SecondsOf(local_ticks).time_since_epoch()};
  const date::local_info info = zone_->get_info(local);
  // In a gap or an overlap `second` is the period after the transition (see the header).
  const std::chrono::seconds offset =
      info.result == date::local_info::unique ? info.first.offset : info.second.offset;
  return Shifted(local_ticks, -offset);
}

}  // namespace huntbook::functions
