// Array functions: array_reverse, array_rotate_left/right, array_shift_left/right,
// array_split, array_sum, array_iif (alias array_iff), jaccard_index, set_has_element,
// range() as a scalar.
// https://learn.microsoft.com/kusto/query/array-reverse-function (and the sibling pages)
// A first argument that is not an array gives null.
#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/conversion.h"
#include "huntbook/functions/scalar_families.h"

namespace huntbook::functions {
namespace {

std::string Doc(const std::string& name) {
  std::string page = name;
  for (char& c : page) c = c == '_' ? '-' : c;
  return "https://learn.microsoft.com/kusto/query/" + page + "-function";
}

const Dynamic::Array* ArrayOf(const Value& v) {
  if (v.is_null() || v.type() != TypeKind::kDynamic || !v.dynamic_value().is_array()) {
    return nullptr;
  }
  return &v.dynamic_value().array();
}

Dynamic AsDynamic(const Value& v) {
  if (v.is_null()) return Dynamic();
  return ToDynamic(*Column::Constant(v), 0);
}

Value Array(Dynamic::Array items) { return Value::Dyn(Dynamic::MakeArray(std::move(items))); }

Value Reverse(std::span<const Value> args, const EvalContext&) {
  const Dynamic::Array* a = ArrayOf(args[0]);
  if (a == nullptr) return Value();
  return Array(Dynamic::Array(a->rbegin(), a->rend()));
}

// Rotation by n to the left (negative: to the right).
Value Rotate(const Value& array, const Value& count, bool left) {
  const Dynamic::Array* a = ArrayOf(array);
  if (a == nullptr || count.is_null()) return Value();
  const int64_t n = static_cast<int64_t>(a->size());
  if (n == 0) return Array({});
  int64_t k = left ? count.int_value() : -count.int_value();
  k = ((k % n) + n) % n;
  Dynamic::Array out(a->begin() + k, a->end());
  out.insert(out.end(), a->begin(), a->begin() + k);
  return Array(std::move(out));
}

// Shift by n to the left (negative: right), filling with fill_value (default null).
Value Shift(std::span<const Value> args, bool left) {
  const Dynamic::Array* a = ArrayOf(args[0]);
  if (a == nullptr || args[1].is_null()) return Value();
  Dynamic fill = args.size() > 2 ? AsDynamic(args[2]) : Dynamic();
  const int64_t n = static_cast<int64_t>(a->size());
  const int64_t k = left ? args[1].int_value() : -args[1].int_value();
  Dynamic::Array out(a->size(), fill);
  for (int64_t i = 0; i < n; ++i) {
    const int64_t from = i + k;
    if (from >= 0 && from < n) out[i] = (*a)[from];
  }
  return Array(std::move(out));
}

Value Split(std::span<const Value> args, const EvalContext&) {
  const Dynamic::Array* a = ArrayOf(args[0]);
  if (a == nullptr || args[1].is_null()) return Value();
  const int64_t n = static_cast<int64_t>(a->size());
  std::vector<int64_t> indexes;
  if (args[1].type() == TypeKind::kDynamic) {
    const Dynamic& d = args[1].dynamic_value();
    if (d.kind() == Dynamic::Kind::kLong) {
      indexes.push_back(d.long_value());
    } else if (d.is_array()) {
      for (const Dynamic& item : d.array()) {
        if (item.kind() != Dynamic::Kind::kLong) return Value();
        indexes.push_back(item.long_value());
      }
    } else {
      return Value();
    }
  } else {
    indexes.push_back(args[1].int_value());
  }
  Dynamic::Array out;
  int64_t begin = 0;
  for (int64_t index : indexes) {
    if (index < 0) index += n;
    index = std::clamp<int64_t>(index, begin, n);
    out.push_back(Dynamic::MakeArray(Dynamic::Array(a->begin() + begin, a->begin() + index)));
    begin = index;
  }
  out.push_back(Dynamic::MakeArray(Dynamic::Array(a->begin() + begin, a->end())));
  return Array(std::move(out));
}

// array_sum: a real; null when the array holds a non-numeric element.
Value Sum(std::span<const Value> args, const EvalContext&) {
  const Dynamic::Array* a = ArrayOf(args[0]);
  if (a == nullptr) return Value::Null(TypeKind::kReal);
  double sum = 0;
  for (const Dynamic& d : *a) {
    if (d.kind() == Dynamic::Kind::kLong) {
      sum += static_cast<double>(d.long_value());
    } else if (d.kind() == Dynamic::Kind::kReal) {
      sum += d.real_value();
    } else {
      return Value::Null(TypeKind::kReal);
    }
  }
  return Value::Real(sum);
}

// array_iif(conditions, when_true, when_false): element-wise; each branch is an array or a
// scalar; a null or non-bool condition gives null; the result has the conditions' length.
Value Iif(std::span<const Value> args, const EvalContext&) {
  const Dynamic::Array* conditions = ArrayOf(args[0]);
  if (conditions == nullptr) return Value();
  auto branch = [&](const Value& v, size_t i) -> Dynamic {
    if (const Dynamic::Array* a = ArrayOf(v)) return i < a->size() ? (*a)[i] : Dynamic();
    return AsDynamic(v);
  };
  Dynamic::Array out;
  for (size_t i = 0; i < conditions->size(); ++i) {
    const Dynamic& c = (*conditions)[i];
    std::optional<bool> truth;
    if (c.kind() == Dynamic::Kind::kBool) truth = c.bool_value();
    if (c.kind() == Dynamic::Kind::kLong) truth = c.long_value() != 0;
    if (c.kind() == Dynamic::Kind::kReal) truth = c.real_value() != 0;
    out.push_back(!truth ? Dynamic() : branch(*truth ? args[1] : args[2], i));
  }
  return Array(std::move(out));
}

void AddDistinct(const Dynamic& d, Dynamic::Array* out) {
  if (std::find(out->begin(), out->end(), d) == out->end()) out->push_back(d);
}

Value Jaccard(std::span<const Value> args, const EvalContext&) {
  const Dynamic::Array* a = ArrayOf(args[0]);
  const Dynamic::Array* b = ArrayOf(args[1]);
  if (a == nullptr || b == nullptr) return Value::Null(TypeKind::kReal);
  Dynamic::Array left, all;
  for (const Dynamic& d : *a) AddDistinct(d, &left);
  all = left;
  Dynamic::Array right;
  for (const Dynamic& d : *b) AddDistinct(d, &right);
  size_t common = 0;
  for (const Dynamic& d : right) {
    if (std::find(left.begin(), left.end(), d) != left.end()) {
      ++common;
    } else {
      all.push_back(d);
    }
  }
  if (all.empty()) return Value::Real(std::nan(""));
  return Value::Real(static_cast<double>(common) / static_cast<double>(all.size()));
}

Value SetHasElement(std::span<const Value> args, const EvalContext&) {
  const Dynamic::Array* a = ArrayOf(args[0]);
  if (a == nullptr) return Value::Null(TypeKind::kBool);
  Dynamic needle = AsDynamic(args[1]);
  return Value::Bool(std::find(a->begin(), a->end(), needle) != a->end());
}

constexpr int64_t kMaxRangeItems = 1'048'576;

// range(start, stop [, step]): numbers (default step 1), or datetime/timespan with a
// timespan step (required here). Stops after 1,048,576 items.
Value Range(std::span<const Value> args, const EvalContext&) {
  for (const Value& v : args) {
    if (v.is_null()) return Value();
  }
  const TypeKind t = args[0].type();
  Dynamic::Array out;
  if (t == TypeKind::kDateTime || t == TypeKind::kTimespan) {
    if (args.size() < 3) return Value();
    const int64_t start = args[0].int_value(), stop = args[1].int_value();
    const int64_t step = args[2].int_value();
    if (step == 0) return Value();
    for (int64_t v = start;
         (step > 0 ? v <= stop : v >= stop) && static_cast<int64_t>(out.size()) < kMaxRangeItems;
         v += step) {
      out.push_back(t == TypeKind::kDateTime ? Dynamic::DateTime(v) : Dynamic::Timespan(v));
    }
    return Array(std::move(out));
  }
  const bool integral = std::all_of(args.begin(), args.end(), [](const Value& v) {
    return v.type() == TypeKind::kInt || v.type() == TypeKind::kLong;
  });
  if (integral) {
    const int64_t start = args[0].int_value(), stop = args[1].int_value();
    const int64_t step = args.size() > 2 ? args[2].int_value() : 1;
    if (step == 0) return Value();
    for (int64_t v = start;
         (step > 0 ? v <= stop : v >= stop) && static_cast<int64_t>(out.size()) < kMaxRangeItems;
         v += step) {
      out.push_back(Dynamic::Long(v));
    }
    return Array(std::move(out));
  }
  const double start = args[0].AsDouble(), stop = args[1].AsDouble();
  const double step = args.size() > 2 ? args[2].AsDouble() : 1.0;
  if (step == 0 || !std::isfinite(step)) return Value();
  for (int64_t k = 0; k < kMaxRangeItems; ++k) {
    const double v = start + static_cast<double>(k) * step;
    if (step > 0 ? v > stop : v < stop) break;
    out.push_back(Dynamic::Real(v));
  }
  return Array(std::move(out));
}

Result<TypeKind> BindRange(std::span<const TypeKind> types) {
  for (size_t i = 0; i < types.size(); ++i) {
    const TypeKind t = types[i];
    if (!IsNumeric(t) && t != TypeKind::kDateTime && t != TypeKind::kTimespan &&
        t != TypeKind::kNull) {
      return SemanticError("range(): argument " + std::to_string(i + 1) +
                           " must be a number, datetime or timespan, got " +
                           std::string(TypeName(t)));
    }
  }
  return TypeKind::kDynamic;
}

void RegisterRow(const std::string& name, int min_args, int max_args, BindFn bind, RowFn fn) {
  RegisterScalarFunction(
      {name, Doc(name), min_args, max_args, bind, MakeRowKernel(bind, std::move(fn))});
}

}  // namespace

void RegisterArrayFunctions() {
  using R = ArgRule;
  const TypeKind dyn = TypeKind::kDynamic;
  RegisterRow("array_reverse", 1, 1, FixedResultBind("array_reverse", {R::kDynamic}, dyn), Reverse);
  RegisterRow(
      "array_rotate_left", 2, 2,
      FixedResultBind("array_rotate_left", {R::kDynamic, R::kInteger}, dyn),
      [](std::span<const Value> a, const EvalContext&) { return Rotate(a[0], a[1], true); });
  RegisterRow(
      "array_rotate_right", 2, 2,
      FixedResultBind("array_rotate_right", {R::kDynamic, R::kInteger}, dyn),
      [](std::span<const Value> a, const EvalContext&) { return Rotate(a[0], a[1], false); });
  RegisterRow("array_shift_left", 2, 3,
              FixedResultBind("array_shift_left", {R::kDynamic, R::kInteger, R::kAny}, dyn),
              [](std::span<const Value> a, const EvalContext&) { return Shift(a, true); });
  RegisterRow("array_shift_right", 2, 3,
              FixedResultBind("array_shift_right", {R::kDynamic, R::kInteger, R::kAny}, dyn),
              [](std::span<const Value> a, const EvalContext&) { return Shift(a, false); });
  RegisterRow("array_split", 2, 2, FixedResultBind("array_split", {R::kDynamic, R::kAny}, dyn),
              Split);
  RegisterRow("array_sum", 1, 1, FixedResultBind("array_sum", {R::kDynamic}, TypeKind::kReal), Sum);
  for (const char* name : {"array_iif", "array_iff"}) {
    RegisterRow(name, 3, 3, FixedResultBind(name, {R::kDynamic, R::kAny, R::kAny}, dyn), Iif);
  }
  RegisterRow("jaccard_index", 2, 2,
              FixedResultBind("jaccard_index", {R::kDynamic, R::kDynamic}, TypeKind::kReal),
              Jaccard);
  RegisterRow("set_has_element", 2, 2,
              FixedResultBind("set_has_element", {R::kDynamic, R::kAny}, TypeKind::kBool),
              SetHasElement);
  RegisterRow("range", 2, 3, BindRange, Range);
}

}  // namespace huntbook::functions
