// Internal to the aggregate catalogue: per-group best-so-far values of one orderable type,
// shared by min/max and arg_max/arg_min. Ints, datetimes, timespans and bools compare as
// integers, reals numerically (a NaN never beats a value), strings and guids by bytes
// (ordinal). Null inputs never become keys.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "huntbook/vector/column.h"

namespace huntbook::functions {

class OrderedKeys {
 public:
  explicit OrderedKeys(TypeKind type) : type_(type) {}

  TypeKind type() const { return type_; }
  size_t size() const { return has_.size(); }
  void Resize(size_t groups);
  bool has(size_t g) const { return has_[g] != 0; }

  // True when row i of `column` is non-null and strictly beats group g's key (larger when
  // want_max, smaller otherwise), or g has no key yet. Ties keep the earlier key.
  bool Beats(const Column& column, size_t i, size_t g, bool want_max) const;
  void Set(size_t g, const Column& column, size_t i);

  // The same for group og of another OrderedKeys of the same type.
  bool BeatsFrom(const OrderedKeys& other, size_t og, size_t g, bool want_max) const;
  void SetFrom(size_t g, const OrderedKeys& other, size_t og);

  // Appends group g's key to `out` (null when it has none).
  void AppendTo(size_t g, Column* out) const;

 private:
  // <0, 0, >0 as a compares with b (a NaN compares below everything).
  int CompareReal(double a, double b) const;
  bool Wins(int comparison, bool want_max) const {
    return want_max ? comparison > 0 : comparison < 0;
  }

  TypeKind type_;
  std::vector<uint8_t> has_;
  std::vector<int64_t> ints_;
  std::vector<double> reals_;
  std::vector<std::string> strings_;
};

}  // namespace huntbook::functions
