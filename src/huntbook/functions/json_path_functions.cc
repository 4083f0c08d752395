// extract_json(jsonPath, dataSource [, type]) and its legacy name extractjson: the element
// of a JSON text at a JSONPath.
// https://learn.microsoft.com/kusto/query/extract-json-function
//
// Supported paths: "$" followed by member steps ".name", "['name']", "[\"name\"]" and array
// steps "[index]" (negative indexes count from the end). Wildcards ("*") and recursive
// descent ("..") fail with NotSupported; other malformed paths with InvalidArgument. The
// result is the element's text (strings raw, other values as compact JSON); a missing
// element or text that is not JSON gives "" (or null with a type). With typeof(T) the text
// converts to T as the to* functions do.
#include <string>
#include <variant>
#include <vector>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/conversion.h"
#include "huntbook/functions/scalar_families.h"

namespace huntbook::functions {
namespace {

using PathStep = std::variant<std::string, int64_t>;

Result<std::vector<PathStep>> ParseJsonPath(std::string_view path) {
  auto bad = [&](const std::string& why) {
    return InvalidArgument("extract_json(): invalid JSONPath '" + std::string(path) + "': " + why);
  };
  if (path.find('*') != std::string_view::npos || path.find("..") != std::string_view::npos) {
    return NotSupported(
        "extract_json() JSONPath wildcards and recursive "
        "descent ('" +
        std::string(path) + "')");
  }
  if (path.empty() || path[0] != '$') return bad("must start with '$'");
  std::vector<PathStep> steps;
  size_t i = 1;
  while (i < path.size()) {
    if (path[i] == '.') {
      size_t end = path.find_first_of(".[", i + 1);
      std::string_view name = path.substr(i + 1, end == path.npos ? path.npos : end - i - 1);
      if (name.empty()) return bad("empty member name");
      steps.emplace_back(std::string(name));
      i = end == path.npos ? path.size() : end;
    } else if (path[i] == '[') {
      size_t close;
      if (i + 1 < path.size() && (path[i + 1] == '\'' || path[i + 1] == '"')) {
        char quote = path[i + 1];
        size_t end_quote = path.find(quote, i + 2);
        if (end_quote == path.npos || end_quote + 1 >= path.size() || path[end_quote + 1] != ']') {
          return bad("unterminated quoted member");
        }
        steps.emplace_back(std::string(path.substr(i + 2, end_quote - i - 2)));
        close = end_quote + 1;
      } else {
        close = path.find(']', i);
        if (close == path.npos) return bad("missing ']'");
        std::optional<int64_t> index = ParseLong(path.substr(i + 1, close - i - 1));
        if (!index || path.substr(i + 1, close - i - 1).find('.') != path.npos) {
          return bad("array index must be an integer");
        }
        steps.emplace_back(*index);
      }
      i = close + 1;
    } else {
      return bad("unexpected '" + std::string(1, path[i]) + "'");
    }
  }
  return steps;
}

// The element's text, or nullopt when absent.
std::optional<std::string> Extract(std::string_view json, const std::vector<PathStep>& steps) {
  Result<Dynamic> parsed = Dynamic::Parse(json);
  if (!parsed.ok()) return std::nullopt;
  Dynamic node = *parsed;
  for (const PathStep& step : steps) {
    if (const std::string* name = std::get_if<std::string>(&step)) {
      if (!node.is_object()) return std::nullopt;
      bool found = false;
      for (const auto& [key, value] : node.object()) {
        if (key == *name) {
          node = value;
          found = true;
        }
      }
      if (!found) return std::nullopt;
    } else {
      int64_t index = std::get<int64_t>(step);
      if (!node.is_array()) return std::nullopt;
      int64_t size = static_cast<int64_t>(node.array().size());
      if (index < 0) index += size;
      if (index < 0 || index >= size) return std::nullopt;
      node = node.array()[static_cast<size_t>(index)];
    }
  }
  if (node.is_null()) return std::nullopt;
  std::string text;
  AppendDynamicText(node, &text);
  return text;
}

Result<TypeKind> BindExtractJson(std::string_view name, std::span<const TypeKind> types) {
  RETURN_IF_ERROR(CheckArguments(
      name, types, std::vector<ArgRule>{ArgRule::kString, ArgRule::kStringLike, ArgRule::kAny}));
  if (types.size() < 3 || types[2] == TypeKind::kNull) return TypeKind::kString;
  return types[2];
}

Result<ColumnPtr> ExtractJsonKernel(std::span<const ColumnPtr> args, size_t rows,
                                    const EvalContext&) {
  auto text = std::make_shared<Column>(TypeKind::kString);
  text->Reserve(rows);
  std::vector<bool> missing(rows, false);
  std::string path_scratch, json_scratch, cached_path;
  std::vector<PathStep> steps;
  bool parsed_once = false;
  for (size_t i = 0; i < rows; ++i) {
    std::string_view path = TextOf(*args[0], i, &path_scratch);
    if (!parsed_once || path != cached_path) {
      ASSIGN_OR_RETURN(steps, ParseJsonPath(path));
      cached_path = std::string(path);
      parsed_once = true;
    }
    std::optional<std::string> value = Extract(TextOf(*args[1], i, &json_scratch), steps);
    text->AppendString(value ? *value : "");
    missing[i] = !value.has_value();
  }
  TypeKind target =
      args.size() > 2 && args[2]->type() != TypeKind::kNull ? args[2]->type() : TypeKind::kString;
  if (target == TypeKind::kString) return ColumnPtr(text);
  ColumnPtr converted = CastColumn(*text, target);
  auto out = std::make_shared<Column>(target);
  out->Reserve(rows);
  for (size_t i = 0; i < rows; ++i) {
    if (missing[i]) {
      out->AppendNull();
    } else {
      out->AppendFrom(*converted, i);
    }
  }
  return ColumnPtr(out);
}

}  // namespace

void RegisterJsonPathFunctions() {
  for (const char* name : {"extract_json", "extractjson"}) {
    std::string function = name;
    RegisterScalarFunction(
        {function, "https://learn.microsoft.com/kusto/query/extract-json-function", 2, 3,
         [function](std::span<const TypeKind> types) { return BindExtractJson(function, types); },
         ExtractJsonKernel});
  }
}

}  // namespace huntbook::functions
