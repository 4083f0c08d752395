// Datetime/timespan text forms. The civil-date arithmetic uses the era-based days-from-civil
// method (400-year eras of 146,097 days), valid for the whole proleptic Gregorian range.
#include "huntbook/types/datetime.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>

#include "huntbook/common/ascii.h"
#include "huntbook/types/type.h"

namespace huntbook {
namespace {

// Days from 1970-01-01 to the given civil date.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);             // [0, 399]
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            // [0, 146096]
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int* year, int* month, int* day) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  *year = static_cast<int>(y + (m <= 2));
  *month = static_cast<int>(m);
  *day = static_cast<int>(d);
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// A cursor over the text being parsed.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : s_(text) {}
  bool AtEnd() const { return i_ >= s_.size(); }
  char Peek() const { return AtEnd() ? '\0' : s_[i_]; }
  bool Eat(char c) {
    if (Peek() != c) return false;
    ++i_;
    return true;
  }
  bool EatIgnoreCase(std::string_view word) {
    if (s_.size() - i_ < word.size()) return false;
    for (size_t k = 0; k < word.size(); ++k) {
      if (AsciiLower(s_[i_ + k]) != AsciiLower(word[k])) return false;
    }
    i_ += word.size();
    return true;
  }
  void SkipSpaces() {
    while (!AtEnd() && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_;
  }
  // Reads between min and max digits; false when fewer than min are present.
  bool Digits(int min, int max, int* out, int* count = nullptr) {
    int n = 0, v = 0;
    while (n < max && IsDigit(Peek())) {
      v = v * 10 + (s_[i_] - '0');
      ++i_;
      ++n;
    }
    if (count) *count = n;
    *out = v;
    return n >= min;
  }
  // Reads ".ddddddd" (any number of digits, first 7 kept) as ticks; true when absent too.
  bool Fraction(int64_t* ticks) {
    *ticks = 0;
    if (!Eat('.')) return true;
    int n = 0;
    int64_t scale = kTicksPerSecond / 10;
    while (IsDigit(Peek())) {
      if (n < 7) *ticks += (s_[i_] - '0') * scale;
      scale /= 10;
      ++i_;
      ++n;
    }
    return n > 0;
  }
  std::string_view Word() {
    size_t start = i_;
    while (!AtEnd() && IsAlpha(s_[i_])) ++i_;
    return s_.substr(start, i_ - start);
  }
  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }
  static bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

 private:
  std::string_view s_;
  size_t i_ = 0;
};

std::optional<int64_t> MakeTicks(int y, int mo, int d, int h, int mi, int s, int64_t frac,
                                 int64_t offset_ticks) {
  if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > DaysInMonth(y, mo)) {
    return std::nullopt;
  }
  if (h > 23 || mi > 59 || s > 59) {
    if (!(h == 24 && mi == 0 && s == 0 && frac == 0)) return std::nullopt;  // 24:00 = next day
  }
  int64_t ticks = TicksFromCivil(y, mo, d, h, mi, s, frac) - offset_ticks;
  if (ticks < 0 || ticks >= TicksFromCivil(9999, 12, 31) + kTicksPerDay) return std::nullopt;
  return ticks;
}

// Optional time-zone suffix: Z, UTC, GMT, UT, US zones, +hh[:mm] / -hhmm. Sets the offset
// to subtract (local = UTC + offset). Returns false on a malformed zone.
bool ParseZone(Scanner* sc, int64_t* offset_ticks) {
  *offset_ticks = 0;
  sc->SkipSpaces();
  if (sc->AtEnd()) return true;
  char c = sc->Peek();
  if (c == '+' || c == '-') {
    sc->Eat(c);
    int hh = 0, mm = 0, n = 0;
    if (!sc->Digits(2, 2, &hh)) return false;
    sc->Eat(':');
    sc->Digits(2, 2, &mm, &n);
    if (n == 1 || hh > 23 || mm > 59) return false;
    *offset_ticks = (hh * kTicksPerHour + mm * kTicksPerMinute) * (c == '-' ? -1 : 1);
    return true;
  }
  std::string_view word = sc->Word();
  static constexpr struct {
    const char* name;
    int hours;
  } kZones[] = {{"Z", 0},    {"UTC", 0},  {"GMT", 0},  {"UT", 0},   {"EST", -5}, {"EDT", -4},
                {"CST", -6}, {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7}};
  for (const auto& zone : kZones) {
    if (EqualsIgnoreCase(word, zone.name)) {
      *offset_ticks = zone.hours * kTicksPerHour;
      return true;
    }
  }
  return false;
}

// hh:mm[:ss[.fffffff]] (hour 1 or 2 digits).
bool ParseClock(Scanner* sc, int* h, int* mi, int* s, int64_t* frac) {
  *s = 0;
  *frac = 0;
  if (!sc->Digits(1, 2, h) || !sc->Eat(':') || !sc->Digits(2, 2, mi)) return false;
  if (sc->Eat(':')) {
    if (!sc->Digits(2, 2, s)) return false;
    if (!sc->Fraction(frac)) return false;
  }
  return true;
}

std::optional<int64_t> ParseIso(std::string_view text) {
  Scanner sc(text);
  int y, mo, d, h = 0, mi = 0, s = 0;
  int64_t frac = 0, offset = 0;
  if (!sc.Digits(4, 4, &y) || !sc.Eat('-') || !sc.Digits(1, 2, &mo) || !sc.Eat('-') ||
      !sc.Digits(1, 2, &d)) {
    return std::nullopt;
  }
  if (!sc.AtEnd()) {
    if (!sc.Eat('T') && !sc.Eat('t')) {
      if (!sc.Eat(' ')) return std::nullopt;
      sc.SkipSpaces();
    }
    if (!sc.AtEnd() && !ParseClock(&sc, &h, &mi, &s, &frac)) return std::nullopt;
    if (!ParseZone(&sc, &offset)) return std::nullopt;
    sc.SkipSpaces();
    if (!sc.AtEnd()) return std::nullopt;
  }
  return MakeTicks(y, mo, d, h, mi, s, frac, offset);
}

int MonthFromName(std::string_view word) {
  static constexpr const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};
  if (word.size() < 3) return 0;
  for (int i = 0; i < 12; ++i) {
    if (EqualsIgnoreCase(word.substr(0, 3), kMonths[i])) return i + 1;
  }
  return 0;
}

// [Www,] d Mon yy[yy] hh:mm[:ss] [zone]
std::optional<int64_t> ParseRfc822(std::string_view text) {
  Scanner sc(text);
  if (Scanner::IsAlpha(sc.Peek())) {
    sc.Word();
    if (!sc.Eat(',')) return std::nullopt;
    sc.SkipSpaces();
  }
  int d, y, n, h, mi, s;
  int64_t frac, offset;
  if (!sc.Digits(1, 2, &d)) return std::nullopt;
  sc.SkipSpaces();
  int mo = MonthFromName(sc.Word());
  if (mo == 0) return std::nullopt;
  sc.SkipSpaces();
  if (!sc.Digits(2, 4, &y, &n) || n == 3) return std::nullopt;
  if (n == 2) y += y < 50 ? 2000 : 1900;
  sc.SkipSpaces();
  if (!ParseClock(&sc, &h, &mi, &s, &frac)) return std::nullopt;
  if (!ParseZone(&sc, &offset)) return std::nullopt;
  sc.SkipSpaces();
  if (!sc.AtEnd()) return std::nullopt;
  return MakeTicks(y, mo, d, h, mi, s, frac, offset);
}

// M/D/YYYY[,] [h:mm[:ss[.fff]] [AM|PM]]
std::optional<int64_t> ParseUsDate(std::string_view text) {
  Scanner sc(text);
  int mo, d, y, h = 0, mi = 0, s = 0;
  int64_t frac = 0, offset = 0;
  if (!sc.Digits(1, 2, &mo) || !sc.Eat('/') || !sc.Digits(1, 2, &d) || !sc.Eat('/') ||
      !sc.Digits(4, 4, &y)) {
    return std::nullopt;
  }
  sc.Eat(',');
  sc.SkipSpaces();
  if (!sc.AtEnd()) {
    if (!ParseClock(&sc, &h, &mi, &s, &frac)) return std::nullopt;
    sc.SkipSpaces();
    bool pm = sc.EatIgnoreCase("PM");
    bool am = !pm && sc.EatIgnoreCase("AM");
    if (am || pm) {
      if (h < 1 || h > 12) return std::nullopt;
      if (h == 12) h = 0;
      if (pm) h += 12;
    }
    if (!ParseZone(&sc, &offset)) return std::nullopt;
    sc.SkipSpaces();
    if (!sc.AtEnd()) return std::nullopt;
  }
  return MakeTicks(y, mo, d, h, mi, s, frac, offset);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Ticks per unit for a timespan suffix (case-sensitive short forms, long names any case).
int64_t UnitTicks(std::string_view unit) {
  static constexpr struct {
    const char* name;
    int64_t ticks;
  } kUnits[] = {{"d", kTicksPerDay},
                {"day", kTicksPerDay},
                {"days", kTicksPerDay},
                {"h", kTicksPerHour},
                {"hr", kTicksPerHour},
                {"hrs", kTicksPerHour},
                {"hour", kTicksPerHour},
                {"hours", kTicksPerHour},
                {"m", kTicksPerMinute},
                {"min", kTicksPerMinute},
                {"minute", kTicksPerMinute},
                {"minutes", kTicksPerMinute},
                {"s", kTicksPerSecond},
                {"sec", kTicksPerSecond},
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
                {"ticks", 1}};
  for (const auto& u : kUnits) {
    if (EqualsIgnoreCase(unit, u.name)) return u.ticks;
  }
  return 0;
}

// [-][d.]hh:mm[:ss[.fffffff]]
std::optional<int64_t> ParseClockSpan(std::string_view text) {
  Scanner sc(text);
  bool negative = sc.Eat('-');
  // Leading number is days when followed by '.', hours when followed by ':'.
  int64_t days = 0;
  int first = 0, n = 0;
  if (!sc.Digits(1, 8, &first, &n)) return std::nullopt;
  int h = first, mi = 0, s = 0;
  int64_t frac = 0;
  if (sc.Eat('.')) {
    days = first;
    if (!sc.Digits(1, 2, &h)) return std::nullopt;
  } else if (n > 2) {
    return std::nullopt;
  }
  if (!sc.Eat(':') || !sc.Digits(2, 2, &mi)) return std::nullopt;
  if (sc.Eat(':')) {
    if (!sc.Digits(2, 2, &s) || !sc.Fraction(&frac)) return std::nullopt;
  }
  if (!sc.AtEnd() || h > 23 || mi > 59 || s > 59) return std::nullopt;
  int64_t ticks =
      days * kTicksPerDay + h * kTicksPerHour + mi * kTicksPerMinute + s * kTicksPerSecond + frac;
  return negative ? -ticks : ticks;
}

}  // namespace

int64_t TicksFromCivil(int year, int month, int day, int hour, int minute, int second,
                       int64_t fraction_ticks) {
  int64_t days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return kUnixEpochTicks + days * kTicksPerDay + hour * kTicksPerHour + minute * kTicksPerMinute +
         second * kTicksPerSecond + fraction_ticks;
}

CivilTime CivilFromTicks(int64_t ticks) {
  int64_t rel = ticks - kUnixEpochTicks;
  int64_t days = rel / kTicksPerDay;
  int64_t rem = rel % kTicksPerDay;
  if (rem < 0) {
    rem += kTicksPerDay;
    --days;
  }
  CivilTime c{};
  CivilFromDays(days, &c.year, &c.month, &c.day);
  c.hour = static_cast<int>(rem / kTicksPerHour);
  c.minute = static_cast<int>(rem / kTicksPerMinute % 60);
  c.second = static_cast<int>(rem / kTicksPerSecond % 60);
  c.fraction_ticks = rem % kTicksPerSecond;
  // 1970-01-01 was a Thursday (4).
  c.day_of_week = static_cast<int>(((days % 7) + 7 + 4) % 7);
  return c;
}

std::optional<int64_t> ParseDateTime(std::string_view text) {
  text = Trim(text);
  if (text.empty()) return std::nullopt;
  if (auto t = ParseIso(text)) return t;
  if (auto t = ParseUsDate(text)) return t;
  return ParseRfc822(text);
}

std::string FormatDateTime(int64_t ticks) {
  CivilTime c = CivilFromTicks(ticks);
  char buf[48];
  int n = std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d", c.year, c.month, c.day,
                        c.hour, c.minute, c.second);
  std::string out(buf, static_cast<size_t>(n));
  if (c.fraction_ticks != 0) {
    std::snprintf(buf, sizeof(buf), ".%07lld", static_cast<long long>(c.fraction_ticks));
    std::string frac(buf);
    while (frac.back() == '0') frac.pop_back();
    out += frac;
  }
  out += 'Z';
  return out;
}

std::optional<int64_t> ParseTimespan(std::string_view text) {
  text = Trim(text);
  if (text.empty()) return std::nullopt;
  if (text.find(':') != std::string_view::npos) return ParseClockSpan(text);
  // [-]number[ ]unit, number = digits[.digits]; no unit = days.
  size_t i = 0;
  bool negative = false;
  if (text[i] == '-' || text[i] == '+') negative = text[i++] == '-';
  size_t num_start = i;
  while (i < text.size() && (Scanner::IsDigit(text[i]) || text[i] == '.')) ++i;
  std::string_view number = text.substr(num_start, i - num_start);
  std::string_view unit = Trim(text.substr(i));
  if (number.empty() || number == "." || number.find('.') != number.rfind('.')) {
    return std::nullopt;
  }
  int64_t per_unit = unit.empty() ? kTicksPerDay : UnitTicks(unit);
  if (per_unit == 0) return std::nullopt;
  size_t dot = number.find('.');
  std::string_view whole = number.substr(0, dot);
  int64_t value = 0;
  for (char c : whole) {
    if (value > (std::numeric_limits<int64_t>::max() - 9) / 10) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value > std::numeric_limits<int64_t>::max() / per_unit) return std::nullopt;
  int64_t ticks = value * per_unit;
  if (dot != std::string_view::npos) {
    // Fractional part: exact decimal scaling of per_unit, rounded to the nearest tick.
    double frac = 0, scale = 0.1;
    for (char c : number.substr(dot + 1)) {
      frac += (c - '0') * scale;
      scale /= 10;
    }
    ticks += static_cast<int64_t>(std::llround(frac * static_cast<double>(per_unit)));
  }
  return negative ? -ticks : ticks;
}

std::string FormatTimespan(int64_t ticks) {
  bool negative = ticks < 0;
  // |INT64_MIN| does not fit; unsigned arithmetic handles it.
  uint64_t t = negative ? 0 - static_cast<uint64_t>(ticks) : static_cast<uint64_t>(ticks);
  uint64_t days = t / kTicksPerDay;
  uint64_t rem = t % kTicksPerDay;
  char buf[64];
  int n = 0;
  if (negative) buf[n++] = '-';
  if (days > 0) n += std::snprintf(buf + n, sizeof(buf) - n, "%llu.", (unsigned long long)days);
  n += std::snprintf(buf + n, sizeof(buf) - n, "%02llu:%02llu:%02llu",
                     (unsigned long long)(rem / kTicksPerHour),
                     (unsigned long long)(rem / kTicksPerMinute % 60),
                     (unsigned long long)(rem / kTicksPerSecond % 60));
  uint64_t frac = rem % kTicksPerSecond;
  if (frac != 0) {
    n += std::snprintf(buf + n, sizeof(buf) - n, ".%07llu", (unsigned long long)frac);
  }
  return std::string(buf, static_cast<size_t>(n));
}

int64_t WallClockTicks() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  int64_t micros = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
  return kUnixEpochTicks + micros * kTicksPerMicrosecond;
}

}  // namespace huntbook
