// Series gap filling: series_fill_forward, series_fill_backward, series_fill_const,
// series_fill_linear.
// https://learn.microsoft.com/kusto/query/series-fill-forward-function
// https://learn.microsoft.com/kusto/query/series-fill-backward-function
// https://learn.microsoft.com/kusto/query/series-fill-const-function
// https://learn.microsoft.com/kusto/query/series-fill-linear-function
//
// A missing element is a null (or non-numeric) element, or one equal to the
// missing_value_placeholder argument when given (a null placeholder means nulls).
// forward/backward keep leading/trailing gaps; const replaces every gap; linear
// interpolates inner gaps, fills the edges with the nearest value unless fill_edges is
// false, fills an all-missing array with constant_value (default 0.0), and truncates
// interpolated values of all-integer series toward zero (the page's example: 73.5 -> 73).
#include <optional>
#include <string>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/scalar_families.h"
#include "huntbook/functions/series.h"

namespace huntbook::functions {
namespace {

std::string Doc(const std::string& name) {
  std::string page = name;
  for (char& c : page) c = c == '_' ? '-' : c;
  return "https://learn.microsoft.com/kusto/query/" + page + "-function";
}

const Dynamic::Array* ArrayArgument(const Value& v) {
  if (v.is_null() || v.type() != TypeKind::kDynamic || !v.dynamic_value().is_array()) {
    return nullptr;
  }
  return &v.dynamic_value().array();
}

// The placeholder argument at `index` as a number, or nullopt (null / absent = nulls).
std::optional<double> Placeholder(std::span<const Value> args, size_t index) {
  if (index >= args.size() || args[index].is_null()) return std::nullopt;
  const Value& v = args[index];
  if (IsNumeric(v.type()) || v.type() == TypeKind::kBool) return v.AsDouble();
  return std::nullopt;
}

bool IsMissingElement(const Dynamic& d, std::optional<double> placeholder) {
  double v = 0;
  if (d.kind() == Dynamic::Kind::kLong) {
    v = static_cast<double>(d.long_value());
  } else if (d.kind() == Dynamic::Kind::kReal) {
    v = d.real_value();
  } else {
    return true;
  }
  return placeholder && v == *placeholder;
}

Value FillDirectional(std::span<const Value> args, bool forward) {
  const Dynamic::Array* array = ArrayArgument(args[0]);
  if (array == nullptr) return Value();
  std::optional<double> placeholder = Placeholder(args, 1);
  Dynamic::Array out = *array;
  const size_t n = out.size();
  std::optional<Dynamic> last;
  for (size_t k = 0; k < n; ++k) {
    const size_t i = forward ? k : n - 1 - k;
    if (IsMissingElement(out[i], placeholder)) {
      if (last) out[i] = *last;
    } else {
      last = out[i];
    }
  }
  return Value::Dyn(Dynamic::MakeArray(std::move(out)));
}

Value FillConst(std::span<const Value> args, const EvalContext&) {
  const Dynamic::Array* array = ArrayArgument(args[0]);
  if (array == nullptr) return Value();
  Dynamic constant = args.size() > 1 && !args[1].is_null()
                         ? (IsRealStored(args[1].type()) ? Dynamic::Real(args[1].real_value())
                                                         : Dynamic::Long(args[1].int_value()))
                         : Dynamic::Real(0.0);
  if (args.size() > 1 && args[1].type() == TypeKind::kDynamic) constant = args[1].dynamic_value();
  std::optional<double> placeholder = Placeholder(args, 2);
  Dynamic::Array out = *array;
  for (Dynamic& d : out) {
    if (IsMissingElement(d, placeholder)) d = constant;
  }
  return Value::Dyn(Dynamic::MakeArray(std::move(out)));
}

Value FillLinear(std::span<const Value> args, const EvalContext&) {
  const Dynamic::Array* array = ArrayArgument(args[0]);
  if (array == nullptr) return Value();
  std::optional<double> placeholder = Placeholder(args, 1);
  const bool fill_edges = args.size() < 3 || args[2].is_null() || args[2].bool_value();
  const size_t n = array->size();
  std::vector<std::optional<double>> values(n);
  bool integers = true;
  size_t present = 0;
  for (size_t i = 0; i < n; ++i) {
    const Dynamic& d = (*array)[i];
    if (IsMissingElement(d, placeholder)) {
      // A placeholder that is not null keeps its own value at the edges when not filled.
      continue;
    }
    values[i] =
        d.kind() == Dynamic::Kind::kLong ? static_cast<double>(d.long_value()) : d.real_value();
    if (d.kind() != Dynamic::Kind::kLong) integers = false;
    ++present;
  }
  if (present == 0) {
    // All missing: constant_value (default 0.0); a null constant keeps the nulls.
    Dynamic fill = Dynamic::Real(0.0);
    if (args.size() > 3) {
      fill = args[3].is_null()              ? Dynamic()
             : IsRealStored(args[3].type()) ? Dynamic::Real(args[3].real_value())
                                            : Dynamic::Real(args[3].AsDouble());
    }
    return Value::Dyn(Dynamic::MakeArray(Dynamic::Array(n, fill)));
  }
  Dynamic::Array out = *array;
  std::optional<size_t> previous;
  for (size_t i = 0; i < n; ++i) {
    if (!values[i]) continue;
    if (previous && i > *previous + 1) {
      const double a = *values[*previous], b = *values[i];
      for (size_t k = *previous + 1; k < i; ++k) {
        const double v =
            a + (b - a) * static_cast<double>(k - *previous) / static_cast<double>(i - *previous);
        out[k] = integers ? Dynamic::Long(static_cast<int64_t>(v)) : Dynamic::Real(v);
      }
    } else if (!previous && fill_edges) {
      for (size_t k = 0; k < i; ++k) out[k] = (*array)[i];
    }
    previous = i;
  }
  if (fill_edges) {
    for (size_t k = *previous + 1; k < n; ++k) out[k] = (*array)[*previous];
  }
  return Value::Dyn(Dynamic::MakeArray(std::move(out)));
}

void RegisterRow(const std::string& name, int min_args, int max_args, BindFn bind, RowFn fn) {
  RegisterScalarFunction(
      {name, Doc(name), min_args, max_args, bind, MakeRowKernel(bind, std::move(fn))});
}

}  // namespace

void RegisterSeriesFillFunctions() {
  using R = ArgRule;
  RegisterRow(
      "series_fill_forward", 1, 2,
      FixedResultBind("series_fill_forward", {R::kDynamic, R::kAny}, TypeKind::kDynamic),
      [](std::span<const Value> args, const EvalContext&) { return FillDirectional(args, true); });
  RegisterRow(
      "series_fill_backward", 1, 2,
      FixedResultBind("series_fill_backward", {R::kDynamic, R::kAny}, TypeKind::kDynamic),
      [](std::span<const Value> args, const EvalContext&) { return FillDirectional(args, false); });
  RegisterRow(
      "series_fill_const", 2, 3,
      FixedResultBind("series_fill_const", {R::kDynamic, R::kAny, R::kAny}, TypeKind::kDynamic),
      FillConst);
  RegisterRow("series_fill_linear", 1, 4,
              FixedResultBind("series_fill_linear", {R::kDynamic, R::kAny, R::kBool, R::kAny},
                              TypeKind::kDynamic),
              FillLinear);
}

}  // namespace huntbook::functions
