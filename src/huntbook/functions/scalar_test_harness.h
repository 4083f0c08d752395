// Test support for the scalar function tests: build argument columns, bind and run a
// function by name, read results.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "huntbook/functions/scalar_function.h"
#include "huntbook/types/value.h"
#include "huntbook/vector/column.h"

namespace huntbook::functions::testing {

inline ColumnPtr Const(const Value& v) { return Column::Constant(v); }
inline ColumnPtr Str(const std::string& s) { return Const(Value::String(s)); }
inline ColumnPtr Long(int64_t v) { return Const(Value::Long(v)); }
inline ColumnPtr Int(int32_t v) { return Const(Value::Int(v)); }
inline ColumnPtr Real(double v) { return Const(Value::Real(v)); }
inline ColumnPtr Bool(bool v) { return Const(Value::Bool(v)); }
inline ColumnPtr Null(TypeKind t) { return Const(Value::Null(t)); }
inline ColumnPtr DateTime(int64_t ticks) { return Const(Value::DateTime(ticks)); }
inline ColumnPtr Timespan(int64_t ticks) { return Const(Value::Timespan(ticks)); }
inline ColumnPtr Dyn(const std::string& json) {
  return Const(Value::Dyn(Dynamic::ParseOrString(json)));
}

inline ColumnPtr Strings(std::initializer_list<std::string> values) {
  auto c = std::make_shared<Column>(TypeKind::kString);
  for (const std::string& v : values) c->AppendString(v);
  return c;
}
inline ColumnPtr Column0f(const std::vector<Value>& values, TypeKind type) {
  auto c = std::make_shared<Column>(type);
  for (const Value& v : values) c->Append(v);
  return c;
}

// Binds (checking arity) and runs `name` over `rows` rows; fails the test on error.
inline Result<ColumnPtr> TryCall(const std::string& name, std::vector<ColumnPtr> args,
                                 size_t rows = 1, int64_t now_ticks = 0) {
  const ScalarFunction* f = FindScalarFunction(name);
  if (f == nullptr) return NotFound("no function " + name);
  std::vector<TypeKind> types;
  for (const ColumnPtr& a : args) types.push_back(a->type());
  auto bound = f->bind(types);
  if (!bound.ok()) return bound.status();
  EvalContext context;
  context.now_ticks = now_ticks;
  auto result = f->kernel(args, rows, context);
  if (!result.ok()) return result.status();
  EXPECT_EQ((*result)->size(), rows) << name;
  EXPECT_EQ((*result)->type(), *bound) << name;
  return result;
}

inline ColumnPtr Call(const std::string& name, std::vector<ColumnPtr> args, size_t rows = 1,
                      int64_t now_ticks = 0) {
  auto result = TryCall(name, std::move(args), rows, now_ticks);
  EXPECT_TRUE(result.ok()) << name << ": " << result.status().ToString();
  if (!result.ok()) return Column::Nulls(TypeKind::kString, rows);
  return *result;
}

// Single-row conveniences.
inline Value Eval(const std::string& name, std::vector<ColumnPtr> args) {
  return Call(name, std::move(args))->Get(0);
}
inline std::string EvalText(const std::string& name, std::vector<ColumnPtr> args) {
  return Eval(name, std::move(args)).ToString();
}
inline bool EvalBool(const std::string& name, std::vector<ColumnPtr> args) {
  Value v = Eval(name, std::move(args));
  EXPECT_FALSE(v.is_null()) << name;
  return v.bool_value();
}

// The binder's error message for these argument types ("" when it binds).
inline std::string BindError(const std::string& name, std::vector<TypeKind> types) {
  const ScalarFunction* f = FindScalarFunction(name);
  if (f == nullptr) return "no function";
  auto bound = f->bind(types);
  return bound.ok() ? "" : bound.status().message();
}

}  // namespace huntbook::functions::testing
