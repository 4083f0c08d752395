// Internal: fast result-column construction for kernels (raw arrays, no per-row Value), and
// the row-at-a-time kernel adapter used by the less hot functions.
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "huntbook/functions/scalar_function.h"
#include "huntbook/types/value.h"
#include "huntbook/vector/column.h"

namespace huntbook::functions {

// Fills a bool/int/long/datetime/timespan column of `rows` rows through its int64 array.
class IntColumnWriter {
 public:
  IntColumnWriter(TypeKind type, size_t rows);
  int64_t* values() { return values_; }
  void Set(size_t i, int64_t v) { values_[i] = v; }
  void SetNull(size_t i) { null_rows_.push_back(i); }
  ColumnPtr Finish();

 private:
  std::shared_ptr<Column> column_;
  int64_t* values_;
  size_t rows_;
  std::vector<size_t> null_rows_;
};

// Fills a real/decimal column of `rows` rows through its double array.
class RealColumnWriter {
 public:
  RealColumnWriter(TypeKind type, size_t rows);
  void Set(size_t i, double v) { values_[i] = v; }
  void SetNull(size_t i) { null_rows_.push_back(i); }
  ColumnPtr Finish();

 private:
  std::shared_ptr<Column> column_;
  double* values_;
  size_t rows_;
  std::vector<size_t> null_rows_;
};

// The argument column types (what the binder saw).
std::vector<TypeKind> ArgTypes(std::span<const ColumnPtr> args);

// Appends v to out, converting between storage-compatible types (long -> real etc.); a null
// or incompatible value appends null ("" for strings).
void AppendValue(const Value& v, Column* out);

// A kernel that calls fn once per row with that row's argument values. The result column
// type is bind(ArgTypes(args)). For functions whose cost is dominated by the work per row.
using RowFn = std::function<Value(std::span<const Value> args, const EvalContext& context)>;
KernelFn MakeRowKernel(BindFn bind, RowFn fn);

// True when the column is a size-1 constant for a multi-row batch (or a 1-row batch).
inline bool IsConstant(const Column& c) { return c.size() == 1; }

}  // namespace huntbook::functions
