// Element-wise series functions over dynamic numeric arrays (make-series output):
// series_add/subtract/multiply/divide/pow, series_greater(_equals)/less(_equals)/equals/
// not_equals, unary series_abs/sign/floor/ceiling/exp/log/sin/cos/tan/asin/acos/atan,
// reductions series_sum/magnitude/dot_product/cosine_similarity.
// https://learn.microsoft.com/kusto/query/series-add-function (and the sibling pages)
//
// Rules (series_add page): the result has the longer input's length; a non-numeric or
// missing element (arrays of different sizes) gives a null element. A numeric scalar
// argument stands for a series of that value. add/subtract/multiply keep long elements
// when both elements are long (the page's example prints [5,4,5]); divide, pow and the
// unary math functions give reals; abs/sign/floor/ceiling keep long elements. Comparisons
// give bool elements. A non-array, non-numeric argument gives null.
#include <cmath>
#include <optional>
#include <string>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/conversion.h"
#include "huntbook/functions/scalar_families.h"
#include "huntbook/functions/series.h"

namespace huntbook::functions {
namespace {

std::string Doc(const std::string& name) {
  std::string page = name;
  for (char& c : page) c = c == '_' ? '-' : c;
  return "https://learn.microsoft.com/kusto/query/" + page + "-function";
}

// An element: its numeric value and whether it is a long.
struct Element {
  std::optional<double> value;
  bool integer = false;
};

Element ElementOf(const Dynamic& d) {
  if (d.kind() == Dynamic::Kind::kLong) return {static_cast<double>(d.long_value()), true};
  if (d.kind() == Dynamic::Kind::kReal) return {d.real_value(), false};
  return {};
}

// An argument: an array, or a broadcast scalar.
struct Operand {
  const Dynamic::Array* array = nullptr;
  Element scalar;
  bool valid = false;
  size_t size() const { return array ? array->size() : 0; }
  Element At(size_t i) const {
    if (array == nullptr) return scalar;
    return i < array->size() ? ElementOf((*array)[i]) : Element{};
  }
};

Operand OperandOf(const Value& v) {
  Operand op;
  if (v.is_null()) return op;
  if (v.type() == TypeKind::kDynamic) {
    const Dynamic& d = v.dynamic_value();
    if (d.is_array()) {
      op.array = &d.array();
      op.valid = true;
    } else if (d.kind() == Dynamic::Kind::kLong || d.kind() == Dynamic::Kind::kReal) {
      op.scalar = ElementOf(d);
      op.valid = true;
    }
    return op;
  }
  if (IsNumeric(v.type())) {
    op.scalar = {v.AsDouble(), v.type() == TypeKind::kInt || v.type() == TypeKind::kLong};
    op.valid = true;
  }
  return op;
}

enum class ResultKind { kKeepInteger, kReal, kBool };

using BinaryFn = double (*)(double, double);

RowFn BinarySeries(BinaryFn fn, ResultKind kind) {
  return [fn, kind](std::span<const Value> args, const EvalContext&) -> Value {
    Operand a = OperandOf(args[0]), b = OperandOf(args[1]);
    if (!a.valid || !b.valid || (a.array == nullptr && b.array == nullptr)) return Value();
    const size_t n = std::max(a.size(), b.size());
    Dynamic::Array out;
    out.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      Element x = a.At(i), y = b.At(i);
      if (!x.value || !y.value) {
        out.emplace_back();
        continue;
      }
      double r = fn(*x.value, *y.value);
      if (kind == ResultKind::kBool) {
        out.push_back(Dynamic::Bool(r != 0));
      } else if (kind == ResultKind::kKeepInteger && x.integer && y.integer) {
        out.push_back(Dynamic::Long(static_cast<int64_t>(r)));
      } else {
        out.push_back(Dynamic::Real(r));
      }
    }
    return Value::Dyn(Dynamic::MakeArray(std::move(out)));
  };
}

using UnaryFn = double (*)(double);

RowFn UnarySeries(UnaryFn fn, ResultKind kind) {
  return [fn, kind](std::span<const Value> args, const EvalContext&) -> Value {
    Operand a = OperandOf(args[0]);
    if (a.array == nullptr) return Value();
    Dynamic::Array out;
    out.reserve(a.size());
    for (size_t i = 0; i < a.size(); ++i) {
      Element x = a.At(i);
      if (!x.value) {
        out.emplace_back();
      } else if (kind == ResultKind::kKeepInteger && x.integer) {
        out.push_back(Dynamic::Long(static_cast<int64_t>(fn(*x.value))));
      } else {
        out.push_back(Dynamic::Real(fn(*x.value)));
      }
    }
    return Value::Dyn(Dynamic::MakeArray(std::move(out)));
  };
}

// series_sum: the sum of the numeric elements (non-numeric ones are skipped).
Value SeriesSum(std::span<const Value> args, const EvalContext&) {
  std::optional<Series> s = ReadSeries(args[0]);
  if (!s) return Value::Null(TypeKind::kReal);
  double sum = 0;
  for (const auto& v : s->values) sum += v.value_or(0.0);
  return Value::Real(sum);
}

// series_magnitude: sqrt of the sum of squares (null elements count as 0).
Value SeriesMagnitude(std::span<const Value> args, const EvalContext&) {
  std::optional<Series> s = ReadSeries(args[0]);
  if (!s) return Value::Null(TypeKind::kReal);
  double sum = 0;
  for (const auto& v : s->values) sum += v.value_or(0.0) * v.value_or(0.0);
  return Value::Real(std::sqrt(sum));
}

// Sum of products of the common prefix (a scalar broadcasts); null elements count as 0.
std::optional<double> DotProduct(const Value& a_value, const Value& b_value) {
  Operand a = OperandOf(a_value), b = OperandOf(b_value);
  if (!a.valid || !b.valid || (a.array == nullptr && b.array == nullptr)) return std::nullopt;
  size_t n = a.array && b.array ? std::min(a.size(), b.size()) : std::max(a.size(), b.size());
  double sum = 0;
  for (size_t i = 0; i < n; ++i) sum += a.At(i).value.value_or(0) * b.At(i).value.value_or(0);
  return sum;
}

Value SeriesDotProduct(std::span<const Value> args, const EvalContext&) {
  std::optional<double> d = DotProduct(args[0], args[1]);
  return d ? Value::Real(*d) : Value::Null(TypeKind::kReal);
}

Value SeriesCosineSimilarity(std::span<const Value> args, const EvalContext& context) {
  std::optional<double> d = DotProduct(args[0], args[1]);
  if (!d) return Value::Null(TypeKind::kReal);
  double na = SeriesMagnitude(args.subspan(0, 1), context).AsDouble();
  double nb = SeriesMagnitude(args.subspan(1, 1), context).AsDouble();
  return Value::Real(*d / (na * nb));
}

void RegisterRow(const std::string& name, int min_args, int max_args, BindFn bind, RowFn fn) {
  RegisterScalarFunction(
      {name, Doc(name), min_args, max_args, bind, MakeRowKernel(bind, std::move(fn))});
}

void RegisterBinary(const std::string& name, BinaryFn fn, ResultKind kind) {
  RegisterRow(name, 2, 2, FixedResultBind(name, {ArgRule::kAny, ArgRule::kAny}, TypeKind::kDynamic),
              BinarySeries(fn, kind));
}

void RegisterUnary(const std::string& name, UnaryFn fn, ResultKind kind) {
  RegisterRow(name, 1, 1, FixedResultBind(name, {ArgRule::kDynamic}, TypeKind::kDynamic),
              UnarySeries(fn, kind));
}

}  // namespace

void RegisterSeriesFunctions() {
  using K = ResultKind;
  RegisterBinary(
      "series_add", [](double a, double b) { return a + b; }, K::kKeepInteger);
  RegisterBinary(
      "series_subtract", [](double a, double b) { return a - b; }, K::kKeepInteger);
  RegisterBinary(
      "series_multiply", [](double a, double b) { return a * b; }, K::kKeepInteger);
  RegisterBinary(
      "series_divide", [](double a, double b) { return a / b; }, K::kReal);
  RegisterBinary(
      "series_pow", [](double a, double b) { return std::pow(a, b); }, K::kReal);
  RegisterBinary(
      "series_greater", [](double a, double b) { return a > b ? 1.0 : 0.0; }, K::kBool);
  RegisterBinary(
      "series_greater_equals", [](double a, double b) { return a >= b ? 1.0 : 0.0; }, K::kBool);
  RegisterBinary(
      "series_less", [](double a, double b) { return a < b ? 1.0 : 0.0; }, K::kBool);
  RegisterBinary(
      "series_less_equals", [](double a, double b) { return a <= b ? 1.0 : 0.0; }, K::kBool);
  RegisterBinary(
      "series_equals", [](double a, double b) { return a == b ? 1.0 : 0.0; }, K::kBool);
  RegisterBinary(
      "series_not_equals", [](double a, double b) { return a != b ? 1.0 : 0.0; }, K::kBool);
  RegisterUnary(
      "series_abs", [](double v) { return std::fabs(v); }, K::kKeepInteger);
  RegisterUnary(
      "series_sign", [](double v) { return v > 0 ? 1.0 : (v < 0 ? -1.0 : 0.0); }, K::kKeepInteger);
  RegisterUnary(
      "series_floor", [](double v) { return std::floor(v); }, K::kKeepInteger);
  RegisterUnary(
      "series_ceiling", [](double v) { return std::ceil(v); }, K::kKeepInteger);
  RegisterUnary(
      "series_exp", [](double v) { return std::exp(v); }, K::kReal);
  RegisterUnary(
      "series_log", [](double v) { return std::log(v); }, K::kReal);
  RegisterUnary(
      "series_sin", [](double v) { return std::sin(v); }, K::kReal);
  RegisterUnary(
      "series_cos", [](double v) { return std::cos(v); }, K::kReal);
  RegisterUnary(
      "series_tan", [](double v) { return std::tan(v); }, K::kReal);
  RegisterUnary(
      "series_asin", [](double v) { return std::asin(v); }, K::kReal);
  RegisterUnary(
      "series_acos", [](double v) { return std::acos(v); }, K::kReal);
  RegisterUnary(
      "series_atan", [](double v) { return std::atan(v); }, K::kReal);
  auto real_of_series = [](const std::string& name, int args) {
    return FixedResultBind(name, std::vector<ArgRule>(args, ArgRule::kAny), TypeKind::kReal);
  };
  RegisterRow("series_sum", 1, 1, real_of_series("series_sum", 1), SeriesSum);
  RegisterRow("series_magnitude", 1, 1, real_of_series("series_magnitude", 1), SeriesMagnitude);
  RegisterRow("series_dot_product", 2, 2, real_of_series("series_dot_product", 2),
              SeriesDotProduct);
  RegisterRow("series_cosine_similarity", 2, 2, real_of_series("series_cosine_similarity", 2),
              SeriesCosineSimilarity);
}

}  // namespace huntbook::functions
