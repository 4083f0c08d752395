// Math functions: round, ceiling, abs, sign, log, log10, log2, exp, exp2, exp10, sqrt, pow,
// pi, isnan, isinf, isfinite. Results follow IEEE double arithmetic; log of 0 is -inf and
// of a negative number NaN (null for a null input).
#include <cmath>
#include <limits>
#include <string>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/conversion.h"
#include "huntbook/functions/scalar_families.h"

namespace huntbook::functions {
namespace {

std::string Doc(const std::string& page) {
  return "https://learn.microsoft.com/kusto/query/" + page;
}

// Unary real -> real kernel.
KernelFn RealKernel(double (*fn)(double)) {
  return
      [fn](std::span<const ColumnPtr> args, size_t rows, const EvalContext&) -> Result<ColumnPtr> {
        RealColumnWriter out(TypeKind::kReal, rows);
        for (size_t i = 0; i < rows; ++i) {
          std::optional<double> v = ToRealValue(*args[0], i);
          if (v) {
            out.Set(i, fn(*v));
          } else {
            out.SetNull(i);
          }
        }
        return out.Finish();
      };
}

// A binder that keeps integer types and makes everything else real (abs, ceiling, round).
Result<TypeKind> BindKeepInteger(std::string_view name, std::span<const TypeKind> types,
                                 size_t max_args) {
  std::vector<ArgRule> rules(max_args, ArgRule::kNumber);
  if (max_args > 1) rules[1] = ArgRule::kInteger;
  RETURN_IF_ERROR(CheckArguments(name, types, rules));
  TypeKind t = types[0];
  if (t == TypeKind::kInt || t == TypeKind::kLong || t == TypeKind::kDecimal) return t;
  return TypeKind::kReal;
}

Result<TypeKind> BindAbs(std::span<const TypeKind> types) {
  if (types.size() == 1 && types[0] == TypeKind::kTimespan) return TypeKind::kTimespan;
  return BindKeepInteger("abs", types, 1);
}

double RoundAwayFromZero(double value, int64_t digits) {
  if (!std::isfinite(value)) return value;
  if (digits > 15) return value;
  double scale = std::pow(10.0, static_cast<double>(digits));
  return std::round(value * scale) / scale;
}

// round/ceiling/abs: integer inputs stay integers.
KernelFn KeepIntegerKernel(std::string name, size_t max_args, double (*real_fn)(double, int64_t),
                           int64_t (*int_fn)(int64_t, int64_t)) {
  return
      [=](std::span<const ColumnPtr> args, size_t rows, const EvalContext&) -> Result<ColumnPtr> {
        ASSIGN_OR_RETURN(TypeKind type, BindKeepInteger(name, ArgTypes(args), max_args));
        if (IsRealStored(type)) {
          RealColumnWriter out(type, rows);
          for (size_t i = 0; i < rows; ++i) {
            std::optional<double> v = ToRealValue(*args[0], i);
            std::optional<int64_t> digits = args.size() > 1 ? ToLongValue(*args[1], i) : 0;
            if (v && digits) {
              out.Set(i, real_fn(*v, *digits));
            } else {
              out.SetNull(i);
            }
          }
          return out.Finish();
        }
        IntColumnWriter out(type, rows);
        for (size_t i = 0; i < rows; ++i) {
          std::optional<int64_t> v = ToLongValue(*args[0], i);
          std::optional<int64_t> digits = args.size() > 1 ? ToLongValue(*args[1], i) : 0;
          if (v && digits) {
            out.Set(i, int_fn(*v, *digits));
          } else {
            out.SetNull(i);
          }
        }
        return out.Finish();
      };
}

int64_t RoundInteger(int64_t value, int64_t digits) {
  if (digits >= 0) return value;
  if (digits < -18) return 0;
  int64_t scale = 1;
  for (int64_t k = 0; k < -digits; ++k) scale *= 10;
  int64_t rem = value % scale;
  int64_t base = value - rem;
  if (2 * std::llabs(rem) >= scale) base += value < 0 ? -scale : scale;
  return base;
}

void RegisterReal(const std::string& name, const std::string& page, double (*fn)(double)) {
  RegisterUnaryRealFunction(name, page, fn);
}

template <typename Fn>
KernelFn RealPredicateKernel(Fn fn) {
  return
      [fn](std::span<const ColumnPtr> args, size_t rows, const EvalContext&) -> Result<ColumnPtr> {
        IntColumnWriter out(TypeKind::kBool, rows);
        for (size_t i = 0; i < rows; ++i) {
          std::optional<double> v = ToRealValue(*args[0], i);
          if (v) {
            out.Set(i, fn(*v));
          } else {
            out.SetNull(i);
          }
        }
        return out.Finish();
      };
}

}  // namespace

void RegisterUnaryRealFunction(const std::string& name, const std::string& page,
                               double (*fn)(double)) {
  RegisterScalarFunction({name, Doc(page), 1, 1,
                          FixedResultBind(name, {ArgRule::kNumber}, TypeKind::kReal),
                          RealKernel(fn)});
}

void RegisterMathFunctions() {
  RegisterScalarFunction(
      {"round", Doc("round-function"), 1, 2,
       [](std::span<const TypeKind> t) { return BindKeepInteger("round", t, 2); },
       KeepIntegerKernel("round", 2, RoundAwayFromZero, RoundInteger)});
  RegisterScalarFunction(
      {"ceiling", Doc("ceiling-function"), 1, 1,
       [](std::span<const TypeKind> t) { return BindKeepInteger("ceiling", t, 1); },
       KeepIntegerKernel(
           "ceiling", 1, [](double v, int64_t) { return std::ceil(v); },
           [](int64_t v, int64_t) { return v; })});
  // abs(x): "int, real, or timespan" (the doc page); a timespan stays a timespan.
  RegisterScalarFunction({"abs", Doc("abs-function"), 1, 1, BindAbs,
                          [](std::span<const ColumnPtr> args, size_t rows,
                             const EvalContext& context) -> Result<ColumnPtr> {
                            static const KernelFn number_kernel = KeepIntegerKernel(
                                "abs", 1, [](double v, int64_t) { return std::fabs(v); },
                                [](int64_t v, int64_t) { return v < 0 ? -v : v; });
                            if (args[0]->type() != TypeKind::kTimespan)
                              return number_kernel(args, rows, context);
                            IntColumnWriter out(TypeKind::kTimespan, rows);
                            for (size_t i = 0; i < rows; ++i) {
                              const Column& column = *args[0];
                              if (IsNullAt(column, i)) {
                                out.SetNull(i);
                              } else {
                                int64_t ticks = column.GetInt(At(column, i));
                                // The most negative timespan has no positive counterpart: null.
                                if (ticks == std::numeric_limits<int64_t>::min()) {
                                  out.SetNull(i);
                                } else {
                                  out.Set(i, ticks < 0 ? -ticks : ticks);
                                }
                              }
                            }
                            return out.Finish();
                          }});
  RegisterReal("sign", "sign-function",
               [](double v) { return v > 0 ? 1.0 : (v < 0 ? -1.0 : 0.0); });
  RegisterReal("log", "log-function", [](double v) { return std::log(v); });
  RegisterReal("log10", "log10-function", [](double v) { return std::log10(v); });
  RegisterReal("log2", "log2-function", [](double v) { return std::log2(v); });
  RegisterReal("exp", "exp-function", [](double v) { return std::exp(v); });
  RegisterReal("exp2", "exp2-function", [](double v) { return std::exp2(v); });
  RegisterReal("exp10", "exp10-function", [](double v) { return std::pow(10.0, v); });
  RegisterReal("sqrt", "sqrt-function", [](double v) { return std::sqrt(v); });
  RegisterScalarFunction(
      {"pow", Doc("pow-function"), 2, 2,
       FixedResultBind("pow", {ArgRule::kNumber, ArgRule::kNumber}, TypeKind::kReal),
       [](std::span<const ColumnPtr> args, size_t rows, const EvalContext&) -> Result<ColumnPtr> {
         RealColumnWriter out(TypeKind::kReal, rows);
         for (size_t i = 0; i < rows; ++i) {
           std::optional<double> base = ToRealValue(*args[0], i), power = ToRealValue(*args[1], i);
           if (base && power) {
             out.Set(i, std::pow(*base, *power));
           } else {
             out.SetNull(i);
           }
         }
         return out.Finish();
       }});
  RegisterScalarFunction(
      {"pi", Doc("pi-function"), 0, 0, FixedResultBind("pi", {}, TypeKind::kReal),
       [](std::span<const ColumnPtr>, size_t rows, const EvalContext&) -> Result<ColumnPtr> {
         RealColumnWriter out(TypeKind::kReal, rows);
         for (size_t i = 0; i < rows; ++i) out.Set(i, M_PI);
         return out.Finish();
       }});
  RegisterScalarFunction({"isnan", Doc("isnan-function"), 1, 1,
                          FixedResultBind("isnan", {ArgRule::kNumber}, TypeKind::kBool),
                          RealPredicateKernel([](double v) { return std::isnan(v); })});
  RegisterScalarFunction({"isinf", Doc("isinf-function"), 1, 1,
                          FixedResultBind("isinf", {ArgRule::kNumber}, TypeKind::kBool),
                          RealPredicateKernel([](double v) { return std::isinf(v); })});
  RegisterScalarFunction({"isfinite", Doc("isfinite-function"), 1, 1,
                          FixedResultBind("isfinite", {ArgRule::kNumber}, TypeKind::kBool),
                          RealPredicateKernel([](double v) { return std::isfinite(v); })});
}

}  // namespace huntbook::functions
