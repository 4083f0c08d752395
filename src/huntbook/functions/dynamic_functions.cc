// Dynamic (JSON) functions: parse_json/todynamic/parsejson, array_length, pack_array,
// bag_pack/pack, bag_keys, bag_merge, array_concat, array_slice, array_index_of,
// set_union, set_intersect, set_difference, array_sort_asc, array_sort_desc, zip.
#include <algorithm>
#include <string>
#include <vector>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/conversion.h"
#include "huntbook/functions/scalar_families.h"

namespace huntbook::functions {
namespace {

std::string DocUrl(const std::string& name) {
  std::string page = name;
  std::replace(page.begin(), page.end(), '_', '-');
  return "https://learn.microsoft.com/kusto/query/" + page + "-function";
}

// The argument as a dynamic value (scalars wrap; nulls are JSON null).
Dynamic AsDynamic(const Value& v) {
  if (v.is_null()) return Dynamic();
  auto column = Column::Constant(v);
  return ToDynamic(*column, 0);
}

const Dynamic::Array* ArrayOf(const Value& v) {
  if (v.is_null() || v.type() != TypeKind::kDynamic || !v.dynamic_value().is_array()) {
    return nullptr;
  }
  return &v.dynamic_value().array();
}

Value DynamicArray(Dynamic::Array items) {
  return Value::Dyn(Dynamic::MakeArray(std::move(items)));
}

// parse_json(text): JSON text -> value; invalid JSON -> a dynamic string; dynamic passes.
Result<ColumnPtr> ParseJsonKernel(std::span<const ColumnPtr> args, size_t rows,
                                  const EvalContext&) {
  const Column& input = *args[0];
  auto out = std::make_shared<Column>(TypeKind::kDynamic);
  out->Reserve(rows);
  for (size_t i = 0; i < rows; ++i) {
    if (input.type() == TypeKind::kString) {
      std::string_view text = input.GetString(At(input, i));
      out->AppendDynamic(text.empty() ? Dynamic() : Dynamic::ParseOrString(text));
    } else {
      out->AppendDynamic(ToDynamic(input, i));
    }
  }
  return ColumnPtr(out);
}

Result<ColumnPtr> ArrayLengthKernel(std::span<const ColumnPtr> args, size_t rows,
                                    const EvalContext&) {
  const Column& input = *args[0];
  IntColumnWriter out(TypeKind::kLong, rows);
  for (size_t i = 0; i < rows; ++i) {
    if (IsNullAt(input, i) || input.type() != TypeKind::kDynamic ||
        !input.GetDynamic(At(input, i)).is_array()) {
      out.SetNull(i);
    } else {
      out.Set(i, static_cast<int64_t>(input.GetDynamic(At(input, i)).array().size()));
    }
  }
  return out.Finish();
}

Value PackArray(std::span<const Value> args, const EvalContext&) {
  Dynamic::Array items;
  for (const Value& v : args) items.push_back(AsDynamic(v));
  return DynamicArray(std::move(items));
}

Value BagPack(std::span<const Value> args, const EvalContext&) {
  Dynamic::Object members;
  for (size_t i = 0; i + 1 < args.size(); i += 2) {
    members.emplace_back(args[i].string_value(), AsDynamic(args[i + 1]));
  }
  return Value::Dyn(Dynamic::MakeObject(std::move(members)));
}

Result<TypeKind> BindBagPack(std::span<const TypeKind> types) {
  if (types.size() % 2 != 0) {
    return SemanticError("bag_pack(): expects key/value pairs, got " +
                         std::to_string(types.size()) + " arguments");
  }
  for (size_t i = 0; i < types.size(); i += 2) {
    RETURN_IF_ERROR(CheckArgument("bag_pack", i + 1, ArgRule::kString, types[i]));
  }
  return TypeKind::kDynamic;
}

Value BagKeys(std::span<const Value> args, const EvalContext&) {
  if (args[0].is_null() || !args[0].dynamic_value().is_object()) return Value();
  Dynamic::Array keys;
  for (const auto& [key, value] : args[0].dynamic_value().object()) {
    keys.push_back(Dynamic::String(key));
  }
  return DynamicArray(std::move(keys));
}

// bag_merge: for a key in several bags, the first bag's value is kept.
Value BagMerge(std::span<const Value> args, const EvalContext&) {
  Dynamic::Object members;
  for (const Value& v : args) {
    if (v.is_null() || !v.dynamic_value().is_object()) continue;
    for (const auto& member : v.dynamic_value().object()) {
      // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
      bool seen = std::any_of(members.begin(), members.end(),
                              [&](const auto& m) { return m.first == member.first; });
      if (!seen) members.emplace_back(member.first, member.second);
    }
  }
  return Value::Dyn(Dynamic::MakeObject(std::move(members)));
}

// array_concat: null when any argument is not an array.
Value ArrayConcat(std::span<const Value> args, const EvalContext&) {
  Dynamic::Array items;
  for (const Value& v : args) {
    const Dynamic::Array* array = ArrayOf(v);
    if (array == nullptr) return Value();
    items.insert(items.end(), array->begin(), array->end());
  }
  return DynamicArray(std::move(items));
}

// array_slice(array, start, end): end inclusive; negative indexes count from the end.
Value ArraySlice(std::span<const Value> args, const EvalContext&) {
  const Dynamic::Array* array = ArrayOf(args[0]);
  if (array == nullptr || args[1].is_null() || args[2].is_null()) return Value();
  int64_t n = static_cast<int64_t>(array->size());
  int64_t start = args[1].int_value(), end = args[2].int_value();
  if (start < 0) start += n;
  if (end < 0) end += n;
  start = std::max<int64_t>(start, 0);
  end = std::min<int64_t>(end, n - 1);
  Dynamic::Array items;
  for (int64_t i = start; i <= end; ++i) items.push_back((*array)[i]);
  return DynamicArray(std::move(items));
}

// Orders dynamic scalars for sorting and set operations: by kind, then by value
// (numbers numerically, strings ordinally).
bool DynamicLess(const Dynamic& a, const Dynamic& b) {
  auto numeric = [](const Dynamic& d) {
    return d.kind() == Dynamic::Kind::kLong || d.kind() == Dynamic::Kind::kReal;
  };
  if (numeric(a) && numeric(b)) {
    double x =
        a.kind() == Dynamic::Kind::kLong ? static_cast<double>(a.long_value()) : a.real_value();
    double y =
        b.kind() == Dynamic::Kind::kLong ? static_cast<double>(b.long_value()) : b.real_value();
    return x < y;
  }
  if (a.kind() != b.kind()) return a.kind() < b.kind();
  switch (a.kind()) {
    case Dynamic::Kind::kBool:
      return a.bool_value() < b.bool_value();
    case Dynamic::Kind::kDateTime:
    case Dynamic::Kind::kTimespan:
      return a.long_value() < b.long_value();
    case Dynamic::Kind::kString:
    case Dynamic::Kind::kGuid:
      return a.string_value() < b.string_value();
    case Dynamic::Kind::kNull:
      return false;
    default:
      return a.ToJson() < b.ToJson();
  }
}

Value ArrayIndexOf(std::span<const Value> args, const EvalContext&) {
  const Dynamic::Array* array = ArrayOf(args[0]);
  if (array == nullptr) return Value();
  Dynamic needle = AsDynamic(args[1]);
  for (size_t i = 0; i < array->size(); ++i) {
    if ((*array)[i] == needle) return Value::Long(static_cast<int64_t>(i));
  }
  return Value::Long(-1);
}

void AddDistinct(const Dynamic& item, Dynamic::Array* out) {
  if (std::find(out->begin(), out->end(), item) == out->end()) out->push_back(item);
}

enum class SetOp : uint8_t { kUnion, kIntersect, kDifference };

RowFn SetFunction(SetOp op) {
  return [op](std::span<const Value> args, const EvalContext&) -> Value {
    std::vector<const Dynamic::Array*> arrays;
    for (const Value& v : args) {
      const Dynamic::Array* array = ArrayOf(v);
      if (array == nullptr) return Value();
      arrays.push_back(array);
    }
    Dynamic::Array out;
    for (const Dynamic& item : *arrays[0]) {
      bool keep = true;
      for (size_t a = 1; a < arrays.size() && op != SetOp::kUnion; ++a) {
        bool found = std::find(arrays[a]->begin(), arrays[a]->end(), item) != arrays[a]->end();
        if (op == SetOp::kIntersect && !found) keep = false;
        if (op == SetOp::kDifference && found) keep = false;
      }
      if (keep) AddDistinct(item, &out);
    }
    if (op == SetOp::kUnion) {
      for (size_t a = 1; a < arrays.size(); ++a) {
        for (const Dynamic& item : *arrays[a]) AddDistinct(item, &out);
      }
    }
    return DynamicArray(std::move(out));
  };
}

// array_sort_asc/desc(array [, nulls_last]): nulls go last unless nulls_last is false.
RowFn SortFunction(bool ascending) {
  return [ascending](std::span<const Value> args, const EvalContext&) -> Value {
    const Dynamic::Array* array = ArrayOf(args[0]);
    if (array == nullptr) return Value();
    bool nulls_last = args.size() < 2 || args[1].is_null() || args[1].bool_value();
    Dynamic::Array values, nulls;
    for (const Dynamic& item : *array) (item.is_null() ? nulls : values).push_back(item);
    std::stable_sort(values.begin(), values.end(), [ascending](const Dynamic& a, const Dynamic& b) {
      return ascending ? DynamicLess(a, b) : DynamicLess(b, a);
    });
    Dynamic::Array out = nulls_last ? values : nulls;
    const Dynamic::Array& tail = nulls_last ? nulls : values;
    out.insert(out.end(), tail.begin(), tail.end());
    return DynamicArray(std::move(out));
  };
}

// zip(array1, array2, ...): an array of tuples, padded with null to the longest array.
Value Zip(std::span<const Value> args, const EvalContext&) {
  std::vector<const Dynamic::Array*> arrays;
  size_t longest = 0;
  for (const Value& v : args) {
    const Dynamic::Array* array = ArrayOf(v);
    if (array == nullptr) return Value();
    arrays.push_back(array);
    longest = std::max(longest, array->size());
  }
  Dynamic::Array out;
  for (size_t i = 0; i < longest; ++i) {
    Dynamic::Array tuple;
    for (const Dynamic::Array* array : arrays) {
      tuple.push_back(i < array->size() ? (*array)[i] : Dynamic());
    }
    out.push_back(Dynamic::MakeArray(std::move(tuple)));
  }
  return DynamicArray(std::move(out));
}

// The value with every property bag's members sorted by name, at every depth.
Dynamic SortedMembers(const Dynamic& value) {
  if (value.is_array()) {
    Dynamic::Array items;
    for (const Dynamic& item : value.array()) items.push_back(SortedMembers(item));
    return Dynamic::MakeArray(std::move(items));
  }
  if (!value.is_object()) return value;
  Dynamic::Object members;
  for (const auto& [key, member] : value.object()) members.emplace_back(key, SortedMembers(member));
  std::sort(members.begin(), members.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return Dynamic::MakeObject(std::move(members));
}

// dynamic-to-json-function: arrays and bags as compact JSON with bag members sorted by name;
// any other value as tostring() prints it.
Result<ColumnPtr> DynamicToJsonKernel(std::span<const ColumnPtr> args, size_t rows,
                                      const EvalContext&) {
  auto out = std::make_shared<Column>(TypeKind::kString);
  out->Reserve(rows);
  const Column& input = *args[0];
  std::string text;
  for (size_t i = 0; i < rows; ++i) {
    const size_t row = input.size() == 1 ? 0 : i;
    text.clear();
    if (input.type() == TypeKind::kDynamic && !input.IsNull(row)) {
      const Dynamic value = input.Get(row).dynamic_value();
      if (value.is_array() || value.is_object()) {
        text = SortedMembers(value).ToJson();
      } else {
        AppendDynamicText(value, &text);
      }
    } else if (!input.IsNull(row)) {
      AppendText(input, row, &text);
    }
    out->AppendString(text);
  }
  return ColumnPtr(std::move(out));
}

void RegisterRow(const std::string& name, int min_args, int max_args, BindFn bind, RowFn fn) {
  RegisterScalarFunction(
      {name, DocUrl(name), min_args, max_args, bind, MakeRowKernel(bind, std::move(fn))});
}

}  // namespace

void RegisterDynamicFunctions() {
  using R = ArgRule;
  for (const char* name : {"parse_json", "todynamic", "parsejson", "toobject"}) {
    RegisterScalarFunction({name, "https://learn.microsoft.com/kusto/query/parse-json-function", 1,
                            1, FixedResultBind(name, {R::kStringOrDynamic}, TypeKind::kDynamic),
                            ParseJsonKernel});
  }
  RegisterScalarFunction({"array_length", DocUrl("array_length"), 1, 1,
                          FixedResultBind("array_length", {R::kDynamic}, TypeKind::kLong),
                          ArrayLengthKernel});
  RegisterRow("pack_array", 1, -1, FixedResultBind("pack_array", {}, TypeKind::kDynamic, R::kAny),
              PackArray);
  RegisterRow("bag_pack", 0, 128, BindBagPack, BagPack);
  RegisterRow("pack", 0, 128, BindBagPack, BagPack);
  RegisterRow("pack_dictionary", 0, 128, BindBagPack, BagPack);  // legacy name of bag_pack
  RegisterRow("bag_keys", 1, 1, FixedResultBind("bag_keys", {R::kDynamic}, TypeKind::kDynamic),
              BagKeys);
  RegisterRow("bag_merge", 2, 64, FixedResultBind("bag_merge", {}, TypeKind::kDynamic, R::kDynamic),
              BagMerge);
  RegisterRow("array_concat", 1, 64,
              FixedResultBind("array_concat", {}, TypeKind::kDynamic, R::kDynamic), ArrayConcat);
  RegisterRow(
      "array_slice", 3, 3,
      FixedResultBind("array_slice", {R::kDynamic, R::kInteger, R::kInteger}, TypeKind::kDynamic),
      ArraySlice);
  RegisterRow("array_index_of", 2, 2,
              FixedResultBind("array_index_of", {R::kDynamic, R::kAny}, TypeKind::kLong),
              ArrayIndexOf);
  RegisterRow("set_union", 2, 64, FixedResultBind("set_union", {}, TypeKind::kDynamic, R::kDynamic),
              SetFunction(SetOp::kUnion));
  RegisterRow("set_intersect", 2, 64,
              FixedResultBind("set_intersect", {}, TypeKind::kDynamic, R::kDynamic),
              SetFunction(SetOp::kIntersect));
  RegisterRow("set_difference", 2, 64,
              FixedResultBind("set_difference", {}, TypeKind::kDynamic, R::kDynamic),
              SetFunction(SetOp::kDifference));
  RegisterRow("array_sort_asc", 1, 2,
              FixedResultBind("array_sort_asc", {R::kDynamic, R::kBool}, TypeKind::kDynamic),
              SortFunction(true));
  RegisterRow("array_sort_desc", 1, 2,
              FixedResultBind("array_sort_desc", {R::kDynamic, R::kBool}, TypeKind::kDynamic),
              SortFunction(false));
  RegisterScalarFunction({"dynamic_to_json", DocUrl("dynamic_to_json"), 1, 1,
                          FixedResultBind("dynamic_to_json", {R::kAny}, TypeKind::kString),
                          DynamicToJsonKernel});
  RegisterRow("zip", 2, 16, FixedResultBind("zip", {}, TypeKind::kDynamic, R::kDynamic), Zip);
}

}  // namespace huntbook::functions
