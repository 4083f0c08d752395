// Trigonometry and special functions: sin, cos, tan, asin, acos, atan, atan2, cot, degrees,
// radians, gamma, loggamma, and rand (documented as nondeterministic).
// https://learn.microsoft.com/kusto/query/sin-function (and the sibling pages)
// Results follow IEEE double arithmetic (asin(2) is NaN, gamma(0) is +inf); a null argument
// gives null. loggamma(x) is the natural log of the absolute value of gamma(x).
// rand(): a real uniform in [0, 1); rand(N): a real from {0, 1, ..., N-1}
// (https://learn.microsoft.com/kusto/query/rand-function). N <= 0 gives null.
#include <cmath>
#include <optional>
#include <random>
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

void RegisterUnary(const std::string& name, double (*fn)(double)) {
  RegisterUnaryRealFunction(name, name + "-function", fn);
}

Result<ColumnPtr> Atan2Kernel(std::span<const ColumnPtr> args, size_t rows, const EvalContext&) {
  RealColumnWriter out(TypeKind::kReal, rows);
  for (size_t i = 0; i < rows; ++i) {
    std::optional<double> y = ToRealValue(*args[0], i), x = ToRealValue(*args[1], i);
    if (y && x) {
      out.Set(i, std::atan2(*y, *x));
    } else {
      out.SetNull(i);
    }
  }
  return out.Finish();
}

std::mt19937_64& RandomEngine() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return engine;
}

Result<ColumnPtr> RandKernel(std::span<const ColumnPtr> args, size_t rows, const EvalContext&) {
  RealColumnWriter out(TypeKind::kReal, rows);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (size_t i = 0; i < rows; ++i) {
    if (args.empty()) {
      out.Set(i, unit(RandomEngine()));
      continue;
    }
    std::optional<int64_t> n = ToLongValue(*args[0], i);
    if (!n || *n <= 0) {
      out.SetNull(i);
      continue;
    }
    std::uniform_int_distribution<int64_t> pick(0, *n - 1);
    out.Set(i, static_cast<double>(pick(RandomEngine())));
  }
  return out.Finish();
}

}  // namespace

void RegisterTrigonometryFunctions() {
  RegisterUnary("sin", [](double v) { return std::sin(v); });
  RegisterUnary("cos", [](double v) { return std::cos(v); });
  RegisterUnary("tan", [](double v) { return std::tan(v); });
  RegisterUnary("asin", [](double v) { return std::asin(v); });
  RegisterUnary("acos", [](double v) { return std::acos(v); });
  RegisterUnary("atan", [](double v) { return std::atan(v); });
  RegisterUnary("cot", [](double v) { return 1.0 / std::tan(v); });
  RegisterUnary("degrees", [](double v) { return v * (180.0 / M_PI); });
  RegisterUnary("radians", [](double v) { return v * (M_PI / 180.0); });
  RegisterUnary("gamma", [](double v) { return std::tgamma(v); });
  RegisterUnary("loggamma", [](double v) { return std::lgamma(v); });
  RegisterScalarFunction(
      {"atan2", Doc("atan2-function"), 2, 2,
       FixedResultBind("atan2", {ArgRule::kNumber, ArgRule::kNumber}, TypeKind::kReal),
       Atan2Kernel});
  ScalarFunction rand{"rand",
                      Doc("rand-function"),
                      0,
                      1,
                      FixedResultBind("rand", {ArgRule::kInteger}, TypeKind::kReal),
                      RandKernel};
  rand.deterministic = false;
  RegisterScalarFunction(std::move(rand));
}

}  // namespace huntbook::functions
