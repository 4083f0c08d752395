// Timespan functions: format_timespan, make_timespan.
// https://learn.microsoft.com/kusto/query/format-timespan-function
// https://learn.microsoft.com/kusto/query/make-timespan-function
//
// format_timespan elements: d..dddddddd (whole days, zero-padded to the count), h/H and
// hh/HH (hours 0-23; the page's example uses 'h'), m/mm, s/ss, f..fffffff (fraction
// digits), F..FFFFFFF (fraction digits with trailing zeros dropped, nothing when zero);
// the delimiters ' ', '/', '-', ':', ',', '.', '_', '[', ']' are copied. Any other
// character makes the format invalid, which gives "". A negative timespan is formatted by
// its magnitude after a '-'.
// make_timespan(hour, minute), (hour, minute, second), (day, hour, minute, second); second
// may be fractional (rounded to ticks). A null or out-of-range argument (hour 0-23, minute
// 0-59, second 0 to 59.9999999) gives null.
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/conversion.h"
#include "huntbook/functions/scalar_families.h"

namespace huntbook::functions {
namespace {

std::string Padded(int64_t value, size_t width) {
  std::string digits = std::to_string(value);
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return digits;
}

bool IsDelimiter(char c) {
  return c == ' ' || c == '/' || c == '-' || c == ':' || c == ',' || c == '.' || c == '_' ||
         c == '[' || c == ']';
}

// nullopt for an invalid format.
std::optional<std::string> FormatTimespan(int64_t ticks, std::string_view format) {
  std::string out;
  uint64_t magnitude = ticks < 0 ? 0 - static_cast<uint64_t>(ticks) : static_cast<uint64_t>(ticks);
  if (ticks < 0) out.push_back('-');
  const uint64_t days = magnitude / kTicksPerDay;
  const uint64_t hours = magnitude / kTicksPerHour % 24;
  const uint64_t minutes = magnitude / kTicksPerMinute % 60;
  const uint64_t seconds = magnitude / kTicksPerSecond % 60;
  const uint64_t fraction = magnitude % kTicksPerSecond;  // 7 digits
  size_t i = 0;
  while (i < format.size()) {
    const char c = format[i];
    size_t run = 1;
    while (i + run < format.size() && format[i + run] == c) ++run;
    switch (c) {
      case 'd':
        if (run > 8) return std::nullopt;
        out += Padded(static_cast<int64_t>(days), run);
        break;
      case 'h':
      case 'H':
      case 'm':
      case 's': {
        if (run > 2) return std::nullopt;
        const uint64_t v = c == 'm' ? minutes : c == 's' ? seconds : hours;
        out += Padded(static_cast<int64_t>(v), run);
        break;
      }
      case 'f':
      case 'F': {
        if (run > 7) return std::nullopt;
        std::string digits = Padded(static_cast<int64_t>(fraction), 7).substr(0, run);
        if (c == 'F') {
          while (!digits.empty() && digits.back() == '0') digits.pop_back();
        }
        out += digits;
        break;
      }
      default:
        if (!IsDelimiter(c)) return std::nullopt;
        out.append(run, c);
        break;
    }
    i += run;
  }
  return out;
}

Result<ColumnPtr> FormatKernel(std::span<const ColumnPtr> args, size_t rows, const EvalContext&) {
  auto out = std::make_shared<Column>(TypeKind::kString);
  out->Reserve(rows);
  const Column& value = *args[0];
  const Column& format = *args[1];
  for (size_t i = 0; i < rows; ++i) {
    const size_t r = At(value, i);
    if (value.type() == TypeKind::kNull || value.IsNull(r)) {
      out->AppendString("");
      continue;
    }
    std::string scratch;
    std::optional<std::string> text = FormatTimespan(value.GetInt(r), TextOf(format, i, &scratch));
    out->AppendString(text ? *text : "");
  }
  return ColumnPtr(out);
}

Result<ColumnPtr> MakeTimespanKernel(std::span<const ColumnPtr> args, size_t rows,
                                     const EvalContext&) {
  IntColumnWriter out(TypeKind::kTimespan, rows);
  for (size_t i = 0; i < rows; ++i) {
    std::vector<double> parts;
    bool missing = false;
    for (const ColumnPtr& arg : args) {
      std::optional<double> v = ToRealValue(*arg, i);
      if (!v) {
        missing = true;
        break;
      }
      parts.push_back(*v);
    }
    if (missing) {
      out.SetNull(i);
      continue;
    }
    double days = 0, hours = 0, minutes = 0, seconds = 0;
    if (parts.size() == 4) {
      days = parts[0];
      parts.erase(parts.begin());
    }
    hours = parts[0];
    minutes = parts[1];
    if (parts.size() > 2) seconds = parts[2];
    // The documented ranges: hour 0-23, minute 0-59, second 0 to 59.9999999.
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds >= 60 ||
        days < 0) {
      out.SetNull(i);
      continue;
    }
    const double ticks = std::round(((days * 24 + hours) * 60 + minutes) * 60 *
                                        static_cast<double>(kTicksPerSecond) +
                                    seconds * static_cast<double>(kTicksPerSecond));
    if (!std::isfinite(ticks) || std::fabs(ticks) > 9.2e18) {
      out.SetNull(i);
    } else {
      out.Set(i, static_cast<int64_t>(ticks));
    }
  }
  return out.Finish();
}

}  // namespace

void RegisterTimespanFunctions() {
  using R = ArgRule;
  RegisterScalarFunction(
      {"format_timespan", "https://learn.microsoft.com/kusto/query/format-timespan-function", 2, 2,
       FixedResultBind("format_timespan", {R::kTimespan, R::kString}, TypeKind::kString),
       FormatKernel});
  RegisterScalarFunction(
      {"make_timespan", "https://learn.microsoft.com/kusto/query/make-timespan-function", 2, 4,
       FixedResultBind("make_timespan", {R::kInteger, R::kInteger, R::kNumber, R::kNumber},
                       TypeKind::kTimespan),
       MakeTimespanKernel});
}

}  // namespace huntbook::functions
