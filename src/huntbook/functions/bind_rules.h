// Internal: Kusto's argument type rules for scalar function binders.
//
// Each parameter has an ArgRule saying which argument types Kusto accepts for it. An untyped
// null literal (TypeKind::kNull) is accepted by every rule. Integer parameters accept int and
// long; numeric parameters accept int, long, real and decimal (Kusto promotes
// int -> long -> real implicitly). Rejections are SemanticErrors worded
// "strlen(): argument 1 must be string, got long" (argument positions are 1-based).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/common/status.h"
#include "huntbook/functions/scalar_function.h"
#include "huntbook/types/type.h"

namespace huntbook::functions {

enum class ArgRule : uint8_t {
  kAny,              // any scalar type
  kScalar,           // any type except dynamic
  kString,           // string only
  kStringLike,       // any type; the kernel reads it with tostring() semantics
  kStringOrDynamic,  // string, or dynamic read with tostring() semantics (the string
                     // operators' left side, strlen, parse_json: Microsoft's front end
                     // rejects a number or a datetime there)
  kInteger,          // int or long
  kNumber,           // int, long, real or decimal
  kBool,
  kDateTime,
  kTimespan,
  kDynamic,
  kGuidOrString,
};

// What the message says the argument must be: "string", "int or long", "a number", ...
std::string_view ArgRuleName(ArgRule rule);

bool ArgRuleAccepts(ArgRule rule, TypeKind type);

// Checks argument `position` (1-based) of `function`.
Status CheckArgument(std::string_view function, size_t position, ArgRule rule, TypeKind type);

// Checks each argument against rules[i]; arguments past the end of `rules` use `rest` (for
// variadic functions) or are rejected when `rest` is empty.
Status CheckArguments(std::string_view function, std::span<const TypeKind> types,
                      std::span<const ArgRule> rules, std::optional<ArgRule> rest = std::nullopt);

// A binder that checks the rules and returns a fixed result type.
BindFn FixedResultBind(std::string function, std::vector<ArgRule> rules, TypeKind result,
                       std::optional<ArgRule> rest = std::nullopt);

// The type both values promote to, following Kusto's implicit numeric promotion
// (int -> long -> real; decimal absorbs the others). kNull yields the other type.
// nullopt when there is none (e.g. string and long).
std::optional<TypeKind> CommonType(TypeKind a, TypeKind b);

// Common type of several values (e.g. iff's then/else, coalesce's arguments); the error
// names the function and the first argument that does not fit.
Result<TypeKind> CommonTypeOf(std::string_view function, std::span<const TypeKind> types,
                              std::span<const size_t> positions);

}  // namespace huntbook::functions
