#include "huntbook/server/iso8601_timespan.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>

#include "huntbook/types/datetime.h"
#include "huntbook/types/type.h"

namespace huntbook::server {
namespace {

// Reads a non-negative decimal number ("3600", "3600.0", "0.5", ".5") at *pos.
std::optional<double> ReadNumber(std::string_view text, size_t* pos) {
  size_t start = *pos;
  bool digits = false;
  bool dot = false;
  while (*pos < text.size()) {
    char c = text[*pos];
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if ((c == '.' || c == ',') && !dot) {
      dot = true;
    } else {
      break;
    }
    ++*pos;
  }
  if (!digits) return std::nullopt;
  std::string number(text.substr(start, *pos - start));
  for (char& c : number) {
    if (c == ',') c = '.';
  }
  return std::strtod(number.c_str(), nullptr);
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<int64_t> ParseIsoDuration(std::string_view text) {
  text = Trim(text);
  if (text.empty() || (text[0] != 'P' && text[0] != 'p')) return std::nullopt;
  size_t pos = 1;
  bool in_time = false;
  bool any = false;
  double ticks = 0;
  // Units must appear in order; `rank` enforces it.
  int rank = 0;
  while (pos < text.size()) {
    char c = text[pos];
    if (c == 'T' || c == 't') {
      if (in_time) return std::nullopt;
      in_time = true;
      ++pos;
      if (pos == text.size()) return std::nullopt;  // "P1DT" has no time part
      continue;
    }
    std::optional<double> number = ReadNumber(text, &pos);
    if (!number || pos >= text.size()) return std::nullopt;
    char unit = static_cast<char>(std::toupper(static_cast<unsigned char>(text[pos++])));
    double per_unit = 0;
    int unit_rank = 0;
    if (!in_time) {
      switch (unit) {
        case 'Y':
          per_unit = 365.0 * kTicksPerDay, unit_rank = 1;
          break;
        case 'M':
          per_unit = 30.0 * kTicksPerDay, unit_rank = 2;
          break;
        case 'W':
          per_unit = 7.0 * kTicksPerDay, unit_rank = 3;
          break;
        case 'D':
          per_unit = static_cast<double>(kTicksPerDay), unit_rank = 4;
          break;
        default:
          return std::nullopt;
      }
    } else {
      switch (unit) {
        case 'H':
          per_unit = static_cast<double>(kTicksPerHour), unit_rank = 5;
          break;
        case 'M':
          per_unit = static_cast<double>(kTicksPerMinute), unit_rank = 6;
          break;
        case 'S':
          per_unit = static_cast<double>(kTicksPerSecond), unit_rank = 7;
          break;
        default:
          return std::nullopt;
      }
    }
    if (unit_rank <= rank) return std::nullopt;
    rank = unit_rank;
    ticks += *number * per_unit;
    any = true;
  }
  if (!any || !std::isfinite(ticks) || ticks > 9.2e18) return std::nullopt;
  return static_cast<int64_t>(std::llround(ticks));
}

Result<engine::QueryOptions::TimeRange> ParseTimespanParameter(std::string_view text,
                                                               int64_t now_ticks) {
  std::string_view trimmed = Trim(text);
  auto invalid = [&](const std::string& why) {
    return InvalidArgument("invalid timespan '" + std::string(text) + "': " + why);
  };
  if (trimmed.empty()) return invalid("empty");
  engine::QueryOptions::TimeRange range;
  size_t slash = trimmed.find('/');
  if (slash == std::string_view::npos) {
    std::optional<int64_t> duration = ParseIsoDuration(trimmed);
    if (!duration) return invalid("expected an ISO 8601 duration such as PT1H or an interval");
    range.start = now_ticks - *duration;
    range.end = now_ticks;
    return range;
  }
  std::string_view first = Trim(trimmed.substr(0, slash));
  std::string_view second = Trim(trimmed.substr(slash + 1));
  std::optional<int64_t> first_duration = ParseIsoDuration(first);
  std::optional<int64_t> second_duration = ParseIsoDuration(second);
  if (first_duration && second_duration) return invalid("two durations");
  if (first_duration) {
    std::optional<int64_t> end = ParseDateTime(second);
    if (!end) return invalid("'" + std::string(second) + "' is not a datetime");
    range.end = *end;
    range.start = *end - *first_duration;
  } else {
    std::optional<int64_t> start = ParseDateTime(first);
    if (!start) return invalid("'" + std::string(first) + "' is not a datetime");
    range.start = *start;
    if (second_duration) {
      range.end = *start + *second_duration;
    } else {
      std::optional<int64_t> end = ParseDateTime(second);
      if (!end) return invalid("'" + std::string(second) + "' is not a datetime");
      range.end = *end;
    }
  }
  if (range.end < range.start) return invalid("end is before start");
  return range;
}

}  // namespace huntbook::server
