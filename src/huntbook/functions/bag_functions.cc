// Property-bag functions: bag_has_key, bag_remove_keys, bag_set_key, treepath.
// https://learn.microsoft.com/kusto/query/bag-has-key-function
// https://learn.microsoft.com/kusto/query/bag-remove-keys-function
// https://learn.microsoft.com/kusto/query/bag-set-key-function
// https://learn.microsoft.com/kusto/query/treepath-function
//
// Keys are plain keys, or JSONPath-style paths starting with '$' ("$.a.b", "$['a b']",
// "$.a[0]") that walk nested bags (and arrays, for bag_has_key). A first argument that is
// not a bag gives null. treepath lists "['key']" paths of every node, with "[0]" standing
// for all elements of an array (the page's examples).
#include <algorithm>
#include <optional>
#include <string>
#include <variant>

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

using Step = std::variant<std::string, int64_t>;

// Parses a key into steps; nullopt for a malformed path.
std::optional<std::vector<Step>> ParseKey(const std::string& key) {
  if (key.empty() || key[0] != '$') return std::vector<Step>{key};
  std::vector<Step> steps;
  size_t i = 1;
  while (i < key.size()) {
    if (key[i] == '.') {
      size_t end = i + 1;
      while (end < key.size() && key[end] != '.' && key[end] != '[') ++end;
      if (end == i + 1) return std::nullopt;
      steps.emplace_back(key.substr(i + 1, end - i - 1));
      i = end;
    } else if (key[i] == '[') {
      if (i + 1 < key.size() && (key[i + 1] == '\'' || key[i + 1] == '"')) {
        const char quote = key[i + 1];
        size_t end = key.find(quote, i + 2);
        if (end == std::string::npos || end + 1 >= key.size() || key[end + 1] != ']') {
          return std::nullopt;
        }
        steps.emplace_back(key.substr(i + 2, end - i - 2));
        i = end + 2;
      } else {
        size_t end = key.find(']', i);
        if (end == std::string::npos || end == i + 1) return std::nullopt;
        std::string digits = key.substr(i + 1, end - i - 1);
        if (!std::all_of(digits.begin(), digits.end(), ::isdigit)) return std::nullopt;
        steps.emplace_back(static_cast<int64_t>(std::stoll(digits)));
        i = end + 1;
      }
    } else {
      return std::nullopt;
    }
  }
  return steps;
}

const Dynamic* Child(const Dynamic& node, const Step& step) {
  if (const std::string* key = std::get_if<std::string>(&step)) {
    if (!node.is_object()) return nullptr;
    for (const auto& [k, v] : node.object()) {
      if (k == *key) return &v;
    }
    return nullptr;
  }
  const int64_t index = std::get<int64_t>(step);
  if (!node.is_array() || index >= static_cast<int64_t>(node.array().size())) return nullptr;
  return &node.array()[index];
}

bool IsBag(const Value& v) {
  return !v.is_null() && v.type() == TypeKind::kDynamic && v.dynamic_value().is_object();
}

Value HasKey(std::span<const Value> args, const EvalContext&) {
  if (!IsBag(args[0]) || args[1].is_null()) return Value::Null(TypeKind::kBool);
  std::optional<std::vector<Step>> steps = ParseKey(args[1].string_value());
  if (!steps) return Value::Bool(false);
  const Dynamic* node = &args[0].dynamic_value();
  for (const Step& step : *steps) {
    node = Child(*node, step);
    if (node == nullptr) return Value::Bool(false);
  }
  return Value::Bool(true);
}

// Rebuilds `node` with the value at steps[depth..] replaced (nullopt: removed). Only bag
// steps are followed; a missing intermediate bag is created when setting.
Dynamic Rewrite(const Dynamic& node, const std::vector<Step>& steps, size_t depth,
                const std::optional<Dynamic>& value) {
  const std::string* key = std::get_if<std::string>(&steps[depth]);
  if (key == nullptr || (!node.is_object() && !value)) return node;
  Dynamic::Object members = node.is_object() ? node.object() : Dynamic::Object{};
  auto it =
      std::find_if(members.begin(), members.end(), [&](const auto& m) { return m.first == *key; });
  if (depth + 1 == steps.size()) {
    if (!value) {
      if (it != members.end()) members.erase(it);
    } else if (it != members.end()) {
      it->second = *value;
    } else {
      members.emplace_back(*key, *value);
    }
    return Dynamic::MakeObject(std::move(members));
  }
  if (it == members.end()) {
    if (!value) return node;
    members.emplace_back(*key, Rewrite(Dynamic(), steps, depth + 1, value));
  } else {
    it->second = Rewrite(it->second, steps, depth + 1, value);
  }
  return Dynamic::MakeObject(std::move(members));
}

Value RemoveKeys(std::span<const Value> args, const EvalContext&) {
  if (!IsBag(args[0]) || args[1].is_null() || !args[1].dynamic_value().is_array()) {
    return Value();
  }
  Dynamic bag = args[0].dynamic_value();
  for (const Dynamic& key : args[1].dynamic_value().array()) {
    if (key.kind() != Dynamic::Kind::kString) continue;
    std::optional<std::vector<Step>> steps = ParseKey(key.string_value());
    if (!steps || steps->empty()) continue;
    bag = Rewrite(bag, *steps, 0, std::nullopt);
  }
  return Value::Dyn(bag);
}

Value SetKey(std::span<const Value> args, const EvalContext&) {
  if (!IsBag(args[0]) || args[1].is_null()) return Value();
  std::optional<std::vector<Step>> steps = ParseKey(args[1].string_value());
  if (!steps || steps->empty()) return Value();
  Dynamic value;
  if (!args[2].is_null()) value = ToDynamic(*Column::Constant(args[2]), 0);
  return Value::Dyn(Rewrite(args[0].dynamic_value(), *steps, 0, value));
}

void AddPaths(const Dynamic& node, const std::string& prefix, Dynamic::Array* out) {
  auto add = [out](const std::string& path) {
    Dynamic p = Dynamic::String(path);
    if (std::find(out->begin(), out->end(), p) == out->end()) out->push_back(p);
  };
  if (node.is_object()) {
    for (const auto& [key, value] : node.object()) {
      std::string path = prefix + "['" + key + "']";
      add(path);
      AddPaths(value, path, out);
    }
  } else if (node.is_array() && !node.array().empty()) {
    std::string path = prefix + "[0]";
    add(path);
    for (const Dynamic& item : node.array()) AddPaths(item, path, out);
  }
}

Value TreePath(std::span<const Value> args, const EvalContext&) {
  if (args[0].is_null() || args[0].type() != TypeKind::kDynamic) return Value();
  Dynamic::Array paths;
  AddPaths(args[0].dynamic_value(), "", &paths);
  return Value::Dyn(Dynamic::MakeArray(std::move(paths)));
}

void RegisterRow(const std::string& name, int min_args, int max_args, BindFn bind, RowFn fn) {
  RegisterScalarFunction(
      {name, Doc(name), min_args, max_args, bind, MakeRowKernel(bind, std::move(fn))});
}

}  // namespace

void RegisterBagFunctions() {
  using R = ArgRule;
  RegisterRow("bag_has_key", 2, 2,
              FixedResultBind("bag_has_key", {R::kDynamic, R::kString}, TypeKind::kBool), HasKey);
  RegisterRow("bag_remove_keys", 2, 2,
              FixedResultBind("bag_remove_keys", {R::kDynamic, R::kDynamic}, TypeKind::kDynamic),
              RemoveKeys);
  RegisterRow(
      "bag_set_key", 3, 3,
      FixedResultBind("bag_set_key", {R::kDynamic, R::kString, R::kAny}, TypeKind::kDynamic),
      SetKey);
  RegisterRow("treepath", 1, 1, FixedResultBind("treepath", {R::kDynamic}, TypeKind::kDynamic),
              TreePath);
}

}  // namespace huntbook::functions
