#include "huntbook/functions/calendar.h"

#include <cmath>

#include "huntbook/types/datetime.h"
#include "huntbook/types/type.h"

namespace huntbook::functions {
namespace {

constexpr int64_t kMaxTicks = 3155378975999999999LL;  // 9999-12-31T23:59:59.9999999

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int64_t y, int64_t m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

int DayOfYear(const CivilTime& c) {
  int days = c.day;
  for (int m = 1; m < c.month; ++m) days += DaysInMonth(c.year, m);
  return days;
}

// ISO 8601 week number: the week (Monday-based) containing the date's Thursday.
int IsoWeek(int64_t ticks) {
  CivilTime c = CivilFromTicks(ticks);
  int monday_based = (c.day_of_week + 6) % 7;  // 0 = Monday
  int64_t thursday = ticks + (3 - monday_based) * kTicksPerDay;
  CivilTime t = CivilFromTicks(thursday);
  return (DayOfYear(t) - 1) / 7 + 1;
}

std::optional<int64_t> Checked(int64_t ticks) {
  if (!InDateTimeRange(ticks)) return std::nullopt;
  return ticks;
}

// The first day of month (year, month + offset months).
std::optional<int64_t> MonthStart(int64_t year, int64_t month, int64_t offset) {
  int64_t index = year * 12 + (month - 1) + offset;
  int64_t y = FloorDiv(index, 12), m = index - y * 12 + 1;
  if (y < 1 || y > 9999) return std::nullopt;
  return TicksFromCivil(static_cast<int>(y), static_cast<int>(m), 1);
}

}  // namespace

bool InDateTimeRange(int64_t ticks) { return ticks >= 0 && ticks <= kMaxTicks; }

std::optional<DatePart> ParseDatePart(std::string_view name) {
  std::string lower;
  for (char c : name) lower.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
  if (lower == "year") return DatePart::kYear;
  if (lower == "quarter") return DatePart::kQuarter;
  if (lower == "month") return DatePart::kMonth;
  if (lower == "week") return DatePart::kWeek;
  if (lower == "week_of_year" || lower == "weekofyear") return DatePart::kWeekOfYear;
  if (lower == "day") return DatePart::kDay;
  if (lower == "dayofyear") return DatePart::kDayOfYear;
  if (lower == "hour") return DatePart::kHour;
  if (lower == "minute") return DatePart::kMinute;
  if (lower == "second") return DatePart::kSecond;
  if (lower == "millisecond") return DatePart::kMillisecond;
  if (lower == "microsecond") return DatePart::kMicrosecond;
  if (lower == "nanosecond") return DatePart::kNanosecond;
  return std::nullopt;
}

int64_t DatePartValue(DatePart part, int64_t ticks) {
  CivilTime c = CivilFromTicks(ticks);
  switch (part) {
    case DatePart::kYear:
      return c.year;
    case DatePart::kQuarter:
      return (c.month - 1) / 3 + 1;
    case DatePart::kMonth:
      return c.month;
    case DatePart::kWeek:
    case DatePart::kWeekOfYear:
      return IsoWeek(ticks);
    case DatePart::kDay:
      return c.day;
    case DatePart::kDayOfYear:
      return DayOfYear(c);
    case DatePart::kHour:
      return c.hour;
    case DatePart::kMinute:
      return c.minute;
    case DatePart::kSecond:
      return c.second;
    case DatePart::kMillisecond:
      return c.fraction_ticks / kTicksPerMillisecond;
    case DatePart::kMicrosecond:
      return c.fraction_ticks / kTicksPerMicrosecond;
    case DatePart::kNanosecond:
      return c.fraction_ticks * 100;
  }
  return 0;
}

int64_t DateDiff(DatePart part, int64_t a, int64_t b) {
  CivilTime ca = CivilFromTicks(a), cb = CivilFromTicks(b);
  auto units = [&](int64_t unit) { return FloorDiv(a, unit) - FloorDiv(b, unit); };
  switch (part) {
    case DatePart::kYear:
      return ca.year - cb.year;
    case DatePart::kQuarter:
      return (ca.year * 4 + (ca.month - 1) / 3) - (cb.year * 4 + (cb.month - 1) / 3);
    case DatePart::kMonth:
      return (ca.year * 12 + ca.month) - (cb.year * 12 + cb.month);
    case DatePart::kWeek:
    case DatePart::kWeekOfYear: {
      int64_t wa = FloorDiv(a, kTicksPerDay) - ca.day_of_week;
      int64_t wb = FloorDiv(b, kTicksPerDay) - cb.day_of_week;
      return (wa - wb) / 7;
    }
    case DatePart::kDay:
    case DatePart::kDayOfYear:
      return units(kTicksPerDay);
    case DatePart::kHour:
      return units(kTicksPerHour);
    case DatePart::kMinute:
      return units(kTicksPerMinute);
    case DatePart::kSecond:
      return units(kTicksPerSecond);
    case DatePart::kMillisecond:
      return units(kTicksPerMillisecond);
    case DatePart::kMicrosecond:
      return units(kTicksPerMicrosecond);
    case DatePart::kNanosecond:
      return (a - b) * 100;
  }
  return 0;
}

std::optional<int64_t> DateAdd(DatePart part, int64_t amount, int64_t ticks) {
  auto add_months = [&](int64_t months) -> std::optional<int64_t> {
    CivilTime c = CivilFromTicks(ticks);
    std::optional<int64_t> start = MonthStart(c.year, c.month, months);
    if (!start) return std::nullopt;
    CivilTime s = CivilFromTicks(*start);
    int day = std::min(c.day, DaysInMonth(s.year, s.month));
    int64_t time_of_day = ticks - FloorDiv(ticks, kTicksPerDay) * kTicksPerDay;
    return Checked(*start + (day - 1) * kTicksPerDay + time_of_day);
  };
  auto add_ticks = [&](int64_t unit) -> std::optional<int64_t> {
    long double delta = static_cast<long double>(amount) * unit;
    if (std::fabs(delta) > static_cast<long double>(kMaxTicks)) return std::nullopt;
    return Checked(ticks + amount * unit);
  };
  switch (part) {
    case DatePart::kYear:
      return add_months(amount * 12);
    case DatePart::kQuarter:
      return add_months(amount * 3);
    case DatePart::kMonth:
      return add_months(amount);
    case DatePart::kWeek:
    case DatePart::kWeekOfYear:
      return add_ticks(7 * kTicksPerDay);
    case DatePart::kDay:
    case DatePart::kDayOfYear:
      return add_ticks(kTicksPerDay);
    case DatePart::kHour:
      return add_ticks(kTicksPerHour);
    case DatePart::kMinute:
      return add_ticks(kTicksPerMinute);
    case DatePart::kSecond:
      return add_ticks(kTicksPerSecond);
    case DatePart::kMillisecond:
      return add_ticks(kTicksPerMillisecond);
    case DatePart::kMicrosecond:
      return add_ticks(kTicksPerMicrosecond);
    case DatePart::kNanosecond:
      return Checked(ticks + amount / 100);
  }
  return std::nullopt;
}

std::optional<int64_t> StartOfDay(int64_t ticks, int64_t offset) {
  if (std::llabs(offset) > 4000000) return std::nullopt;
  return Checked((FloorDiv(ticks, kTicksPerDay) + offset) * kTicksPerDay);
}

std::optional<int64_t> StartOfWeek(int64_t ticks, int64_t offset) {
  if (std::llabs(offset) > 600000) return std::nullopt;
  int64_t day = FloorDiv(ticks, kTicksPerDay) - CivilFromTicks(ticks).day_of_week;
  return Checked((day + 7 * offset) * kTicksPerDay);
}

std::optional<int64_t> StartOfMonth(int64_t ticks, int64_t offset) {
  if (std::llabs(offset) > 200000) return std::nullopt;
  CivilTime c = CivilFromTicks(ticks);
  return MonthStart(c.year, c.month, offset);
}

std::optional<int64_t> StartOfYear(int64_t ticks, int64_t offset) {
  if (std::llabs(offset) > 20000) return std::nullopt;
  CivilTime c = CivilFromTicks(ticks);
  return MonthStart(c.year + offset, 1, 0);
}

std::optional<int64_t> MinusTick(std::optional<int64_t> ticks) {
  if (!ticks) return std::nullopt;
  return *ticks - 1;
}

std::optional<int64_t> MakeDateTime(int64_t year, int64_t month, int64_t day, int64_t hour,
                                    int64_t minute, double second) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > DaysInMonth(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
      !(second >= 0) || !(second < 60)) {
    return std::nullopt;
  }
  int whole = static_cast<int>(second);
  int64_t fraction = std::llround((second - whole) * kTicksPerSecond);
  return TicksFromCivil(static_cast<int>(year), static_cast<int>(month), static_cast<int>(day),
                        static_cast<int>(hour), static_cast<int>(minute), whole, fraction);
}

std::optional<int64_t> UnixToTicks(double unix_ticks) {
  if (!std::isfinite(unix_ticks)) return std::nullopt;
  double ticks = std::trunc(unix_ticks) + static_cast<double>(kUnixEpochTicks);
  if (ticks < 0 || ticks > static_cast<double>(kMaxTicks)) return std::nullopt;
  return static_cast<int64_t>(std::trunc(unix_ticks)) + kUnixEpochTicks;
}

std::string FormatDateTimeCustom(int64_t ticks, std::string_view format) {
  CivilTime c = CivilFromTicks(ticks);
  std::string out;
  auto pad = [&](int64_t value, size_t width) {
    std::string digits = std::to_string(value);
    if (digits.size() < width) out.append(width - digits.size(), '0');
    out += digits;
  };
  for (size_t i = 0; i < format.size();) {
    char ch = format[i];
    size_t run = 1;
    while (i + run < format.size() && format[i + run] == ch) ++run;
    switch (ch) {
      case 'y':
        if (run <= 2) {
          pad(c.year % 100, run);
        } else {
          pad(c.year, run);
        }
        break;
      case 'M':
        pad(c.month, std::min<size_t>(run, 2));
        break;
      case 'd':
        pad(c.day, std::min<size_t>(run, 2));
        break;
      case 'H':
        pad(c.hour, std::min<size_t>(run, 2));
        break;
      case 'h':
        pad(c.hour % 12 == 0 ? 12 : c.hour % 12, std::min<size_t>(run, 2));
        break;
      case 'm':
        pad(c.minute, std::min<size_t>(run, 2));
        break;
      case 's':
        pad(c.second, std::min<size_t>(run, 2));
        break;
      case 'f':
      case 'F': {
        size_t digits = std::min<size_t>(run, 7);
        std::string fraction = std::to_string(c.fraction_ticks);
        fraction = std::string(7 - fraction.size(), '0') + fraction;
        fraction.resize(digits);
        if (ch == 'F') {
          while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
          if (fraction.empty() && !out.empty() && out.back() == '.') out.pop_back();
        }
        out += fraction;
        break;
      }
      case 't':
        out += c.hour < 12 ? (run == 1 ? "A" : "AM") : (run == 1 ? "P" : "PM");
        break;
      default:
        out.append(run, ch);
        break;
    }
    i += run;
  }
  return out;
}

}  // namespace huntbook::functions
