// The fixed vocabulary of the KQL lexer: hyphenated operator names, negatable word
// operators, raw-literal words, timespan units and punctuation. Internal to kql/syntax.
// https://learn.microsoft.com/kusto/query/scalar-data-types/timespan (units)
#pragma once

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string_view>

#include "huntbook/types/type.h"

namespace huntbook::kql::lexicon {

// Operator names written with '-' (https://learn.microsoft.com/kusto/query/queries).
inline constexpr std::string_view kHyphenatedNames[] = {
    "project-away",
    "project-keep",
    "project-rename",
    "project-reorder",
    "project-smart",
    "project-by-names",
    "mv-expand",
    "mv-apply",
    "make-series",
    "parse-where",
    "parse-kv",
    "top-nested",
    "top-hitters",
    "sample-distinct",
    "make-graph",
    "graph-match",
    "graph-merge",
    "graph-to-table",
    "graph-shortest-paths",
    "graph-mark-components",
};

// Word operators that may be written with a leading '!'.
inline constexpr std::string_view kNegatableWords[] = {
    "has",          "has_cs",      "hasprefix",   "hasprefix_cs", "hassuffix",
    "hassuffix_cs", "contains",    "contains_cs", "startswith",   "startswith_cs",
    "endswith",     "endswith_cs", "in",          "between",
};

// Words whose parenthesized argument is raw literal text, not tokens.
inline constexpr std::string_view kRawLiteralWords[] = {"datetime", "date", "timespan", "time",
                                                        "guid",     "uuid", "uniqueid"};

struct TimespanUnit {
  std::string_view name;
  int64_t ticks;
};
inline constexpr TimespanUnit kTimespanUnits[] = {
    {"d", kTicksPerDay},
    {"day", kTicksPerDay},
    {"days", kTicksPerDay},
    {"h", kTicksPerHour},
    {"hr", kTicksPerHour},
    {"hrs", kTicksPerHour},
    {"hour", kTicksPerHour},
    {"hours", kTicksPerHour},
    {"m", kTicksPerMinute},
    {"min", kTicksPerMinute},
    {"mins", kTicksPerMinute},
    {"minute", kTicksPerMinute},
    {"minutes", kTicksPerMinute},
    {"s", kTicksPerSecond},
    {"sec", kTicksPerSecond},
    {"secs", kTicksPerSecond},
    {"second", kTicksPerSecond},
    {"seconds", kTicksPerSecond},
    {"ms", kTicksPerMillisecond},
    {"milli", kTicksPerMillisecond},
    {"millis", kTicksPerMillisecond},
    {"millisecond", kTicksPerMillisecond},
    {"milliseconds", kTicksPerMillisecond},
    {"microsecond", kTicksPerMicrosecond},
    {"microseconds", kTicksPerMicrosecond},
    {"tick", 1},
    {"ticks", 1},
};

// Multi-character punctuation, longest first.
inline constexpr std::string_view kPunctuation[] = {
    "==", "!=", "=~", "!~", "<>", "<=", ">=", "=>", "..", "|", "(", ")", "[", "]", "{", "}",
    ",",  ";",  ":",  "=",  "+",  "-",  "*",  "/",  "%",  "!", "<", ">", ".", "?", "~"};

template <size_t N>
inline bool Contains(const std::string_view (&list)[N], std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

}  // namespace huntbook::kql::lexicon
