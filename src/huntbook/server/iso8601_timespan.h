// The Log Analytics query API's `timespan` parameter: an ISO 8601 time interval.
// https://learn.microsoft.com/rest/api/loganalytics/dataaccess/query/execute
// (timespan: "The timespan over which to query data. This is an ISO8601 time period
// value.") Forms accepted:
//   <duration>             "PT1H", "P1D", "PT3600.0S" (Python sends fractional seconds),
//                          "P1DT2H30M", "P2W"; the interval [now - duration, now)
//   <start>/<end>          "2024-01-01T00:00:00Z/2024-01-02T00:00:00Z"
//   <start>/<duration>     "2024-01-01T00:00:00Z/PT1H"
//   <duration>/<end>       "PT1H/2024-01-02T00:00:00Z"
// Durations: P[nY][nM][nW][nD][T[nH][nM][nS]], each n a non-negative decimal number; a
// year counts 365 days and a month 30 days (as .NET's XmlConvert.ToTimeSpan does).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "huntbook/common/status.h"
#include "huntbook/engine/engine.h"

namespace huntbook::server {

// Parses a duration ("PT1H") into ticks; nullopt when the text is not one.
std::optional<int64_t> ParseIsoDuration(std::string_view text);

// Parses `timespan` into [start, end) ticks, resolving durations against now_ticks.
// InvalidArgument naming the text when it is none of the forms, or end < start.
Result<engine::QueryOptions::TimeRange> ParseTimespanParameter(std::string_view text,
                                                               int64_t now_ticks);

}  // namespace huntbook::server
