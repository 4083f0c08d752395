// Test support for the aggregate catalogue tests: column builders and a driver that runs
// one aggregate over rows in one pass, or in two partial states merged together.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "huntbook/functions/aggregate_function.h"

namespace huntbook::functions::testing {

inline ColumnPtr Longs(const std::vector<std::optional<int64_t>>& values,
                       TypeKind type = TypeKind::kLong) {
  auto c = std::make_shared<Column>(type);
  for (const auto& v : values) v ? c->AppendInt(*v) : c->AppendNull();
  return c;
}
inline ColumnPtr Reals(const std::vector<std::optional<double>>& values) {
  auto c = std::make_shared<Column>(TypeKind::kReal);
  for (const auto& v : values) v ? c->AppendReal(*v) : c->AppendNull();
  return c;
}
inline ColumnPtr Bools(const std::vector<std::optional<bool>>& values) {
  auto c = std::make_shared<Column>(TypeKind::kBool);
  for (const auto& v : values) v ? c->AppendInt(*v ? 1 : 0) : c->AppendNull();
  return c;
}
inline ColumnPtr Strings(const std::vector<std::string>& values) {
  auto c = std::make_shared<Column>(TypeKind::kString);
  for (const auto& v : values) c->AppendString(v);
  return c;
}
inline ColumnPtr Dynamics(const std::vector<std::string>& json) {  // "null" = JSON null
  auto c = std::make_shared<Column>(TypeKind::kDynamic);
  for (const auto& text : json) c->AppendDynamic(Dynamic::Parse(text).value());
  return c;
}
inline ColumnPtr ConstantLong(int64_t v) { return Column::Constant(Value::Long(v)); }

// Row g of a result column as text: "null" for null, JSON for dynamic.
inline std::string Render(const Column& c, size_t g) {
  if (c.IsNull(g)) return "null";
  if (c.type() == TypeKind::kDynamic) return c.GetDynamic(g).ToJson();
  return c.Get(g).ToString();
}
inline std::vector<std::string> RenderAll(const Column& c) {
  std::vector<std::string> out;
  for (size_t g = 0; g < c.size(); ++g) out.push_back(Render(c, g));
  return out;
}

inline std::unique_ptr<Aggregator> Create(const std::string& name,
                                          const std::vector<ColumnPtr>& args) {
  const AggregateFunction* f = FindAggregateFunction(name);
  EXPECT_NE(f, nullptr) << name;
  if (f == nullptr) return nullptr;
  std::vector<TypeKind> types;
  for (const auto& a : args) types.push_back(a->type());
  auto bound = f->bind(types);
  EXPECT_TRUE(bound.ok()) << bound.status().ToString();
  return f->create(types);
}

// Rows [begin, end) of each argument (constants stay constants).
inline std::vector<ColumnPtr> SliceArgs(const std::vector<ColumnPtr>& args, size_t rows,
                                        size_t begin, size_t end) {
  std::vector<ColumnPtr> out;
  for (const auto& a : args) {
    out.push_back(a->size() == 1 && rows != 1 ? a : ColumnPtr(a->Slice(begin, end)));
  }
  return out;
}

// Runs `name` over all rows in one Update; returns the output columns.
inline std::vector<ColumnPtr> RunOnePass(const std::string& name,
                                         const std::vector<ColumnPtr>& args,
                                         const std::vector<uint32_t>& group_ids, size_t groups) {
  auto agg = Create(name, args);
  agg->Resize(groups);
  Status st = agg->Update(args, group_ids.data(), group_ids.size());
  EXPECT_TRUE(st.ok()) << st.ToString();
  auto out = agg->Finalize();
  EXPECT_TRUE(out.ok()) << out.status().ToString();
  return out.ok() ? *out : std::vector<ColumnPtr>{};
}

// Runs rows [0, split) and [split, n) in two partial states and merges the second into the
// first (identity group map).
inline std::vector<ColumnPtr> RunMerged(const std::string& name, const std::vector<ColumnPtr>& args,
                                        const std::vector<uint32_t>& group_ids, size_t groups,
                                        size_t split) {
  const size_t n = group_ids.size();
  auto first = Create(name, args);
  auto second = Create(name, args);
  first->Resize(groups);
  second->Resize(groups);
  auto a = SliceArgs(args, n, 0, split);
  auto b = SliceArgs(args, n, split, n);
  EXPECT_TRUE(first->Update(a, group_ids.data(), split).ok());
  EXPECT_TRUE(second->Update(b, group_ids.data() + split, n - split).ok());
  std::vector<uint32_t> identity(groups);
  for (size_t g = 0; g < groups; ++g) identity[g] = static_cast<uint32_t>(g);
  Status st = first->Merge(*second, identity.data());
  EXPECT_TRUE(st.ok()) << st.ToString();
  auto out = first->Finalize();
  EXPECT_TRUE(out.ok()) << out.status().ToString();
  return out.ok() ? *out : std::vector<ColumnPtr>{};
}

// Both runs, checked equal to `expected` (first output column, rendered).
inline void ExpectAggregate(const std::string& name, const std::vector<ColumnPtr>& args,
                            const std::vector<uint32_t>& group_ids, size_t groups,
                            const std::vector<std::string>& expected) {
  auto one = RunOnePass(name, args, group_ids, groups);
  ASSERT_FALSE(one.empty());
  EXPECT_EQ(RenderAll(*one[0]), expected) << name << " one pass";
  for (size_t split = 0; split <= group_ids.size(); ++split) {
    auto merged = RunMerged(name, args, group_ids, groups, split);
    ASSERT_FALSE(merged.empty());
    EXPECT_EQ(RenderAll(*merged[0]), expected) << name << " merged at " << split;
  }
}

}  // namespace huntbook::functions::testing
