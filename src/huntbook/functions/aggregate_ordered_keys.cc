#include "huntbook/functions/aggregate_ordered_keys.h"

#include <cmath>

namespace huntbook::functions {

void OrderedKeys::Resize(size_t groups) {
  if (groups <= has_.size()) return;
  has_.resize(groups, 0);
  if (IsIntegerStored(type_))
    ints_.resize(groups, 0);
  else if (IsRealStored(type_))
    reals_.resize(groups, 0.0);
  else
    strings_.resize(groups);
}

int OrderedKeys::CompareReal(double a, double b) const {
  const bool a_nan = std::isnan(a);
  const bool b_nan = std::isnan(b);
  if (a_nan || b_nan) return a_nan == b_nan ? 0 : (a_nan ? -2 : 2);
  return a < b ? -1 : (a > b ? 1 : 0);
}

bool OrderedKeys::Beats(const Column& column, size_t i, size_t g, bool want_max) const {
  const size_t r = At(column, i);
  if (column.IsNull(r)) return false;
  if (!has_[g]) return true;
  int comparison;
  if (IsIntegerStored(type_)) {
    const int64_t v = column.GetInt(r);
    comparison = v < ints_[g] ? -1 : (v > ints_[g] ? 1 : 0);
  } else if (IsRealStored(type_)) {
    comparison = CompareReal(column.GetReal(r), reals_[g]);
    if (comparison == 2) return true;    // a value beats a NaN key either way
    if (comparison == -2) return false;  // a NaN never beats a value
  } else {
    comparison = column.GetString(r).compare(strings_[g]);
  }
  return Wins(comparison, want_max);
}

void OrderedKeys::Set(size_t g, const Column& column, size_t i) {
  const size_t r = At(column, i);
  has_[g] = 1;
  if (IsIntegerStored(type_))
    ints_[g] = column.GetInt(r);
  else if (IsRealStored(type_))
    reals_[g] = column.GetReal(r);
  else
    strings_[g].assign(column.GetString(r));
}

bool OrderedKeys::BeatsFrom(const OrderedKeys& other, size_t og, size_t g, bool want_max) const {
  if (!other.has_[og]) return false;
  if (!has_[g]) return true;
  int comparison;
  if (IsIntegerStored(type_)) {
    comparison = other.ints_[og] < ints_[g] ? -1 : (other.ints_[og] > ints_[g] ? 1 : 0);
  } else if (IsRealStored(type_)) {
    comparison = CompareReal(other.reals_[og], reals_[g]);
    if (comparison == 2) return true;
    if (comparison == -2) return false;
  } else {
    comparison = other.strings_[og].compare(strings_[g]);
  }
  return Wins(comparison, want_max);
}

void OrderedKeys::SetFrom(size_t g, const OrderedKeys& other, size_t og) {
  has_[g] = other.has_[og];
  if (IsIntegerStored(type_))
    ints_[g] = other.ints_[og];
  else if (IsRealStored(type_))
    reals_[g] = other.reals_[og];
  else
    strings_[g] = other.strings_[og];
}

void OrderedKeys::AppendTo(size_t g, Column* out) const {
  if (!has_[g]) {
    out->AppendNull();
  } else if (IsIntegerStored(type_)) {
    out->AppendInt(ints_[g]);
  } else if (IsRealStored(type_)) {
    out->AppendReal(reals_[g]);
  } else {
    out->AppendString(strings_[g]);
  }
}

}  // namespace huntbook::functions
