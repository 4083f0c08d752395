// Datetime functions: now, ago, bin/floor, bin_at, startof*/endof*, dayofweek, dayofmonth,
// dayofyear, monthofyear/getmonth, getyear, hourofday, week_of_year, datetime_part,
// datetime_diff, datetime_add, make_datetime, unixtime_*_todatetime, format_datetime.
// Weeks start on Sunday; all times are UTC.
#include <cmath>
#include <string>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/calendar.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/conversion.h"
#include "huntbook/functions/scalar_families.h"
#include "huntbook/types/datetime.h"

namespace huntbook::functions {
namespace {

std::string Doc(const std::string& page) {
  return "https://learn.microsoft.com/kusto/query/" + page;
}

// ---- bin / floor ----------------------------------------------------------------------

// bin(value, roundTo): numbers -> the value's type (real if either is real); datetime with
// timespan -> datetime; timespan with timespan -> timespan.
Result<TypeKind> BindBin(std::string_view name, std::span<const TypeKind> types) {
  if (types.size() != 2) return SemanticError(std::string(name) + "(): expects 2 arguments");
  TypeKind value = types[0], size = types[1];
  if (value == TypeKind::kDateTime || value == TypeKind::kTimespan) {
    RETURN_IF_ERROR(CheckArgument(name, 2, ArgRule::kTimespan, size));
    return value;
  }
  RETURN_IF_ERROR(CheckArgument(name, 1, ArgRule::kNumber, value));
  RETURN_IF_ERROR(CheckArgument(name, 2, ArgRule::kNumber, size));
  if (value == TypeKind::kNull) return size == TypeKind::kNull ? TypeKind::kLong : size;
  if (IsRealStored(size) || IsRealStored(value)) {
    return value == TypeKind::kDecimal ? TypeKind::kDecimal : TypeKind::kReal;
  }
  return value;
}

KernelFn BinKernel(std::string name) {
  return [name](std::span<const ColumnPtr> args, size_t rows,
                const EvalContext&) -> Result<ColumnPtr> {
    ASSIGN_OR_RETURN(TypeKind type, BindBin(name, ArgTypes(args)));
    const Column& value = *args[0];
    const Column& size = *args[1];
    if (IsRealStored(type)) {
      RealColumnWriter out(type, rows);
      for (size_t i = 0; i < rows; ++i) {
        std::optional<double> v = ToRealValue(value, i), s = ToRealValue(size, i);
        if (!v || !s || !(*s > 0)) {
          out.SetNull(i);
        } else {
          out.Set(i, std::floor(*v / *s) * *s);
        }
      }
      return out.Finish();
    }
    IntColumnWriter out(type, rows);
    std::optional<int64_t> constant_size;
    if (IsConstant(size)) constant_size = ToLongValue(size, 0);
    if (constant_size && *constant_size > 0 && IsIntegerStored(value.type()) &&
        value.size() == rows) {
      // Hot path: raw arrays.
      int64_t step = *constant_size;
      const int64_t* in = value.ints().data();
      int64_t* result = out.values();
      for (size_t i = 0; i < rows; ++i) result[i] = FloorDiv(in[i], step) * step;
      for (size_t i = 0; value.has_nulls() && i < rows; ++i) {
        if (value.IsNull(i)) out.SetNull(i);
      }
      return out.Finish();
    }
    for (size_t i = 0; i < rows; ++i) {
      std::optional<int64_t> v = ToLongValue(value, i), s = ToLongValue(size, i);
      if (!v || !s || *s <= 0) {
        out.SetNull(i);
      } else {
        out.Set(i, FloorDiv(*v, *s) * *s);
      }
    }
    return out.Finish();
  };
}

// bin_at(value, bin_size, fixed_point): bins aligned so that fixed_point is a bin start.
Result<TypeKind> BindBinAt(std::span<const TypeKind> types) {
  ASSIGN_OR_RETURN(TypeKind type, BindBin("bin_at", types.subspan(0, 2)));
  if (types.size() != 3) return SemanticError("bin_at(): expects 3 arguments");
  if (CommonType(types[0], types[2]) != types[0] && types[2] != TypeKind::kNull &&
      !(IsNumeric(types[0]) && IsNumeric(types[2]))) {
    return SemanticError("bin_at(): argument 3 must have the type of argument 1, got " +
                         std::string(TypeName(types[2])));
  }
  return type;
}

Result<ColumnPtr> BinAtKernel(std::span<const ColumnPtr> args, size_t rows, const EvalContext&) {
  ASSIGN_OR_RETURN(TypeKind type, BindBinAt(ArgTypes(args)));
  if (IsRealStored(type)) {
    RealColumnWriter out(type, rows);
    for (size_t i = 0; i < rows; ++i) {
      auto v = ToRealValue(*args[0], i), s = ToRealValue(*args[1], i), f = ToRealValue(*args[2], i);
      if (!v || !s || !f || !(*s > 0)) {
        out.SetNull(i);
      } else {
        out.Set(i, std::floor((*v - *f) / *s) * *s + *f);
      }
    }
    return out.Finish();
  }
  IntColumnWriter out(type, rows);
  for (size_t i = 0; i < rows; ++i) {
    auto v = ToLongValue(*args[0], i), s = ToLongValue(*args[1], i), f = ToLongValue(*args[2], i);
    if (!v || !s || !f || *s <= 0) {
      out.SetNull(i);
    } else {
      out.Set(i, FloorDiv(*v - *f, *s) * *s + *f);
    }
  }
  return out.Finish();
}

// ---- kernels over one datetime (plus optional integer offset) --------------------------

// Applies fn(ticks, offset) -> optional ticks/int to a datetime column.
template <typename Fn>
KernelFn DateKernel(TypeKind result, Fn fn) {
  return [result, fn](std::span<const ColumnPtr> args, size_t rows,
                      const EvalContext&) -> Result<ColumnPtr> {
    const Column& date = *args[0];
    IntColumnWriter out(result, rows);
    for (size_t i = 0; i < rows; ++i) {
      std::optional<int64_t> offset = args.size() > 1 ? ToLongValue(*args[1], i) : 0;
      if (IsNullAt(date, i) || !offset) {
        out.SetNull(i);
        continue;
      }
      std::optional<int64_t> v = fn(date.GetInt(At(date, i)), *offset);
      if (v) {
        out.Set(i, *v);
      } else {
        out.SetNull(i);
      }
    }
    return out.Finish();
  };
}

void RegisterDate(const std::string& name, const std::string& page, bool takes_offset,
                  TypeKind result, std::function<std::optional<int64_t>(int64_t, int64_t)> fn) {
  std::vector<ArgRule> rules = {ArgRule::kDateTime};
  if (takes_offset) rules.push_back(ArgRule::kInteger);
  RegisterScalarFunction({name, Doc(page), 1, takes_offset ? 2 : 1,
                          FixedResultBind(name, rules, result), DateKernel(result, fn)});
}

// ---- datetime_part / datetime_diff / datetime_add ---------------------------------------

Result<ColumnPtr> DatetimePartKernel(std::span<const ColumnPtr> args, size_t rows,
                                     const EvalContext&) {
  IntColumnWriter out(TypeKind::kInt, rows);
  std::string scratch;
  for (size_t i = 0; i < rows; ++i) {
    std::optional<DatePart> part = ParseDatePart(TextOf(*args[0], i, &scratch));
    if (!part) {
      return InvalidArgument("datetime_part(): unknown part '" + scratch + "'");
    }
    if (IsNullAt(*args[1], i)) {
      out.SetNull(i);
      continue;
    }
    out.Set(i, DatePartValue(*part, args[1]->GetInt(At(*args[1], i))));
  }
  return out.Finish();
}

Result<ColumnPtr> DatetimeDiffKernel(std::span<const ColumnPtr> args, size_t rows,
                                     const EvalContext&) {
  IntColumnWriter out(TypeKind::kLong, rows);
  std::string scratch;
  for (size_t i = 0; i < rows; ++i) {
    std::string_view text = TextOf(*args[0], i, &scratch);
    std::optional<DatePart> part = ParseDatePart(text);
    if (!part)
      return InvalidArgument("datetime_diff(): unknown period '" + std::string(text) + "'");
    if (IsNullAt(*args[1], i) || IsNullAt(*args[2], i)) {
      out.SetNull(i);
      continue;
    }
    out.Set(i, DateDiff(*part, args[1]->GetInt(At(*args[1], i)), args[2]->GetInt(At(*args[2], i))));
  }
  return out.Finish();
}

Result<ColumnPtr> DatetimeAddKernel(std::span<const ColumnPtr> args, size_t rows,
                                    const EvalContext&) {
  IntColumnWriter out(TypeKind::kDateTime, rows);
  std::string scratch;
  for (size_t i = 0; i < rows; ++i) {
    std::string_view text = TextOf(*args[0], i, &scratch);
    std::optional<DatePart> part = ParseDatePart(text);
    if (!part) return InvalidArgument("datetime_add(): unknown period '" + std::string(text) + "'");
    std::optional<int64_t> amount = ToLongValue(*args[1], i);
    if (!amount || IsNullAt(*args[2], i)) {
      out.SetNull(i);
      continue;
    }
    std::optional<int64_t> v = DateAdd(*part, *amount, args[2]->GetInt(At(*args[2], i)));
    if (v) {
      out.Set(i, *v);
    } else {
      out.SetNull(i);
    }
  }
  return out.Finish();
}

// make_datetime(year, month, day [, hour, minute, second]); invalid -> null.
Result<ColumnPtr> MakeDatetimeKernel(std::span<const ColumnPtr> args, size_t rows,
                                     const EvalContext&) {
  IntColumnWriter out(TypeKind::kDateTime, rows);
  for (size_t i = 0; i < rows; ++i) {
    int64_t parts[5] = {0, 0, 0, 0, 0};
    bool ok = true;
    for (size_t a = 0; a < 5 && a < args.size(); ++a) {
      std::optional<int64_t> v = ToLongValue(*args[a], i);
      ok &= v.has_value();
      if (v) parts[a] = *v;
    }
    double seconds = 0;
    if (args.size() > 5) {
      std::optional<double> s = ToRealValue(*args[5], i);
      ok &= s.has_value();
      if (s) seconds = *s;
    }
    std::optional<int64_t> ticks;
    if (ok) ticks = MakeDateTime(parts[0], parts[1], parts[2], parts[3], parts[4], seconds);
    if (ticks) {
      out.Set(i, *ticks);
    } else {
      out.SetNull(i);
    }
  }
  return out.Finish();
}

KernelFn UnixTimeKernel(double ticks_per_unit) {
  return [ticks_per_unit](std::span<const ColumnPtr> args, size_t rows,
                          const EvalContext&) -> Result<ColumnPtr> {
    IntColumnWriter out(TypeKind::kDateTime, rows);
    for (size_t i = 0; i < rows; ++i) {
      std::optional<int64_t> ticks;
      if (IsIntegerStored(args[0]->type()) && ticks_per_unit >= 1) {
        if (auto v = ToLongValue(*args[0], i)) {
          ticks = UnixToTicks(static_cast<double>(*v) * ticks_per_unit);
        }
      } else if (auto v = ToRealValue(*args[0], i)) {
        ticks = UnixToTicks(*v * ticks_per_unit);
      }
      if (ticks) {
        out.Set(i, *ticks);
      } else {
        out.SetNull(i);
      }
    }
    return out.Finish();
  };
}

}  // namespace

void RegisterDateTimeFunctions() {
  using R = ArgRule;
  RegisterScalarFunction({"now", Doc("now-function"), 0, 1,
                          FixedResultBind("now", {R::kTimespan}, TypeKind::kDateTime),
                          [](std::span<const ColumnPtr> args, size_t rows,
                             const EvalContext& context) -> Result<ColumnPtr> {
                            IntColumnWriter out(TypeKind::kDateTime, rows);
                            for (size_t i = 0; i < rows; ++i) {
                              std::optional<int64_t> offset =
                                  args.empty() ? 0 : ToLongValue(*args[0], i);
                              if (offset) {
                                out.Set(i, context.now_ticks + *offset);
                              } else {
                                out.SetNull(i);
                              }
                            }
                            return out.Finish();
                          }});
  RegisterScalarFunction({"ago", Doc("ago-function"), 1, 1,
                          FixedResultBind("ago", {R::kTimespan}, TypeKind::kDateTime),
                          [](std::span<const ColumnPtr> args, size_t rows,
                             const EvalContext& context) -> Result<ColumnPtr> {
                            IntColumnWriter out(TypeKind::kDateTime, rows);
                            const Column& span = *args[0];
                            for (size_t i = 0; i < rows; ++i) {
                              if (IsNullAt(span, i)) {
                                out.SetNull(i);
                              } else {
                                out.Set(i, context.now_ticks - span.GetInt(At(span, i)));
                              }
                            }
                            return out.Finish();
                          }});
  RegisterScalarFunction({"bin", Doc("bin-function"), 2, 2,
                          [](std::span<const TypeKind> t) { return BindBin("bin", t); },
                          BinKernel("bin")});
  RegisterScalarFunction({"floor", Doc("floor-function"), 2, 2,
                          [](std::span<const TypeKind> t) { return BindBin("floor", t); },
                          BinKernel("floor")});
  RegisterScalarFunction({"bin_at", Doc("bin-at-function"), 3, 3, BindBinAt, BinAtKernel});

  RegisterDate("startofday", "startofday-function", true, TypeKind::kDateTime,
               [](int64_t t, int64_t k) { return StartOfDay(t, k); });
  RegisterDate("startofweek", "startofweek-function", true, TypeKind::kDateTime,
               [](int64_t t, int64_t k) { return StartOfWeek(t, k); });
  RegisterDate("startofmonth", "startofmonth-function", true, TypeKind::kDateTime,
               [](int64_t t, int64_t k) { return StartOfMonth(t, k); });
  RegisterDate("startofyear", "startofyear-function", true, TypeKind::kDateTime,
               [](int64_t t, int64_t k) { return StartOfYear(t, k); });
  RegisterDate("endofday", "endofday-function", true, TypeKind::kDateTime,
               [](int64_t t, int64_t k) { return MinusTick(StartOfDay(t, k + 1)); });
  RegisterDate("endofweek", "endofweek-function", true, TypeKind::kDateTime,
               [](int64_t t, int64_t k) { return MinusTick(StartOfWeek(t, k + 1)); });
  RegisterDate("endofmonth", "endofmonth-function", true, TypeKind::kDateTime,
               [](int64_t t, int64_t k) { return MinusTick(StartOfMonth(t, k + 1)); });
  RegisterDate("endofyear", "endofyear-function", true, TypeKind::kDateTime,
               [](int64_t t, int64_t k) { return MinusTick(StartOfYear(t, k + 1)); });
  RegisterDate("dayofweek", "dayofweek-function", false, TypeKind::kTimespan,
               [](int64_t t, int64_t) -> std::optional<int64_t> {
                 return CivilFromTicks(t).day_of_week * kTicksPerDay;
               });
  struct PartFunction {
    const char* name;
    const char* page;
    DatePart part;
  };
  for (const PartFunction& f : {PartFunction{"dayofmonth", "dayofmonth-function", DatePart::kDay},
                                {"dayofyear", "dayofyear-function", DatePart::kDayOfYear},
                                {"monthofyear", "monthofyear-function", DatePart::kMonth},
                                {"getmonth", "getmonth-function", DatePart::kMonth},
                                {"getyear", "getyear-function", DatePart::kYear},
                                {"hourofday", "hourofday-function", DatePart::kHour},
                                {"week_of_year", "week-of-year-function", DatePart::kWeekOfYear}}) {
    DatePart part = f.part;
    RegisterDate(
        f.name, f.page, false, TypeKind::kInt,
        [part](int64_t t, int64_t) -> std::optional<int64_t> { return DatePartValue(part, t); });
  }
  RegisterScalarFunction(
      {"datetime_part", Doc("datetime-part-function"), 2, 2,
       FixedResultBind("datetime_part", {R::kString, R::kDateTime}, TypeKind::kInt),
       DatetimePartKernel});
  RegisterScalarFunction(
      {"datetime_diff", Doc("datetime-diff-function"), 3, 3,
       FixedResultBind("datetime_diff", {R::kString, R::kDateTime, R::kDateTime}, TypeKind::kLong),
       DatetimeDiffKernel});
  RegisterScalarFunction({"datetime_add", Doc("datetime-add-function"), 3, 3,
                          FixedResultBind("datetime_add", {R::kString, R::kInteger, R::kDateTime},
                                          TypeKind::kDateTime),
                          DatetimeAddKernel});
  RegisterScalarFunction({"make_datetime", Doc("make-datetime-function"), 3, 6,
                          FixedResultBind("make_datetime",
                                          {R::kInteger, R::kInteger, R::kInteger, R::kInteger,
                                           R::kInteger, R::kNumber},
                                          TypeKind::kDateTime),
                          MakeDatetimeKernel});
  RegisterScalarFunction(
      {"format_datetime", Doc("format-datetime-function"), 2, 2,
       FixedResultBind("format_datetime", {R::kDateTime, R::kString}, TypeKind::kString),
       [](std::span<const ColumnPtr> args, size_t rows, const EvalContext&) -> Result<ColumnPtr> {
         auto out = std::make_shared<Column>(TypeKind::kString);
         out->Reserve(rows);
         std::string scratch;
         for (size_t i = 0; i < rows; ++i) {
           if (IsNullAt(*args[0], i)) {
             out->AppendString("");
           } else {
             out->AppendString(FormatDateTimeCustom(args[0]->GetInt(At(*args[0], i)),
                                                    TextOf(*args[1], i, &scratch)));
           }
         }
         return ColumnPtr(out);
       }});
  struct UnixFunction {
    const char* name;
    const char* page;
    double ticks_per_unit;
  };
  for (const UnixFunction& f :
       {UnixFunction{"unixtime_seconds_todatetime", "unixtime-seconds-todatetime-function", 1e7},
        {"unixtime_milliseconds_todatetime", "unixtime-milliseconds-todatetime-function", 1e4},
        {"unixtime_microseconds_todatetime", "unixtime-microseconds-todatetime-function", 10},
        {"unixtime_nanoseconds_todatetime", "unixtime-nanoseconds-todatetime-function", 0.01}}) {
    RegisterScalarFunction({f.name, Doc(f.page), 1, 1,
                            FixedResultBind(f.name, {R::kNumber}, TypeKind::kDateTime),
                            UnixTimeKernel(f.ticks_per_unit)});
  }
}

}  // namespace huntbook::functions
