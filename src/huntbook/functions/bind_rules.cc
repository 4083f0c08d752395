#include "huntbook/functions/bind_rules.h"

namespace huntbook::functions {

std::string_view ArgRuleName(ArgRule rule) {
  switch (rule) {
    case ArgRule::kAny:
      return "any scalar";
    case ArgRule::kScalar:
      return "a non-dynamic scalar";
    case ArgRule::kString:
      return "string";
    case ArgRule::kStringLike:
      return "string";
    case ArgRule::kStringOrDynamic:
      return "string or dynamic";
    case ArgRule::kInteger:
      return "int or long";
    case ArgRule::kNumber:
      return "a number (int, long, real or decimal)";
    case ArgRule::kBool:
      return "bool";
    case ArgRule::kDateTime:
      return "datetime";
    case ArgRule::kTimespan:
      return "timespan";
    case ArgRule::kDynamic:
      return "dynamic";
    case ArgRule::kGuidOrString:
      return "guid or string";
  }
  return "?";
}

bool ArgRuleAccepts(ArgRule rule, TypeKind type) {
  if (type == TypeKind::kNull) return true;
  switch (rule) {
    case ArgRule::kAny:
      return true;
    case ArgRule::kScalar:
      return type != TypeKind::kDynamic;
    case ArgRule::kString:
      return type == TypeKind::kString;
    case ArgRule::kStringLike:
      return true;
    case ArgRule::kStringOrDynamic:
      return type == TypeKind::kString || type == TypeKind::kDynamic;
    case ArgRule::kInteger:
      return type == TypeKind::kInt || type == TypeKind::kLong;
    case ArgRule::kNumber:
      return IsNumeric(type);
    case ArgRule::kBool:
      return type == TypeKind::kBool;
    case ArgRule::kDateTime:
      return type == TypeKind::kDateTime;
    case ArgRule::kTimespan:
      return type == TypeKind::kTimespan;
    case ArgRule::kDynamic:
      return type == TypeKind::kDynamic;
    case ArgRule::kGuidOrString:
      return type == TypeKind::kGuid || type == TypeKind::kString;
  }
  return false;
}

Status CheckArgument(std::string_view function, size_t position, ArgRule rule, TypeKind type) {
  if (ArgRuleAccepts(rule, type)) return Status::OK();
  return SemanticError(std::string(function) + "(): argument " + std::to_string(position) +
                       " must be " + std::string(ArgRuleName(rule)) + ", got " +
                       std::string(TypeName(type)));
}

Status CheckArguments(std::string_view function, std::span<const TypeKind> types,
                      std::span<const ArgRule> rules, std::optional<ArgRule> rest) {
  for (size_t i = 0; i < types.size(); ++i) {
    if (i < rules.size()) {
      RETURN_IF_ERROR(CheckArgument(function, i + 1, rules[i], types[i]));
    } else if (rest.has_value()) {
      RETURN_IF_ERROR(CheckArgument(function, i + 1, *rest, types[i]));
    } else {
      return SemanticError(std::string(function) + "(): takes at most " +
                           std::to_string(rules.size()) + " arguments, got " +
                           std::to_string(types.size()));
    }
  }
  return Status::OK();
}

BindFn FixedResultBind(std::string function, std::vector<ArgRule> rules, TypeKind result,
                       std::optional<ArgRule> rest) {
  return [function = std::move(function), rules = std::move(rules), result,
          rest](std::span<const TypeKind> types) -> Result<TypeKind> {
    RETURN_IF_ERROR(CheckArguments(function, types, rules, rest));
    return result;
  };
}

std::optional<TypeKind> CommonType(TypeKind a, TypeKind b) {
  if (a == TypeKind::kNull) return b;
  if (b == TypeKind::kNull || a == b) return a;
  if (IsNumeric(a) && IsNumeric(b)) {
    if (a == TypeKind::kDecimal || b == TypeKind::kDecimal) return TypeKind::kDecimal;
    if (a == TypeKind::kReal || b == TypeKind::kReal) return TypeKind::kReal;
    return TypeKind::kLong;
  }
  return std::nullopt;
}

Result<TypeKind> CommonTypeOf(std::string_view function, std::span<const TypeKind> types,
                              std::span<const size_t> positions) {
  TypeKind common = TypeKind::kNull;
  for (size_t position : positions) {
    TypeKind type = types[position];
    std::optional<TypeKind> next = CommonType(common, type);
    if (!next.has_value()) {
      return SemanticError(std::string(function) + "(): argument " + std::to_string(position + 1) +
                           " has type " + std::string(TypeName(type)) + ", which does not match " +
                           std::string(TypeName(common)) + " of the other arguments");
    }
    common = *next;
  }
  return common;
}

}  // namespace huntbook::functions
