// Internal: reading and writing numeric series (dynamic arrays of numbers, as make-series
// produces them) for the series_* function families.
#pragma once

#include <optional>
#include <vector>

#include "huntbook/types/dynamic.h"
#include "huntbook/types/value.h"

namespace huntbook::functions {

// One series: each element a number or missing (null, or not a number). `all_integers` is
// true when every present element is a long (series_fill_linear keeps integer series
// integral).
struct Series {
  std::vector<std::optional<double>> values;
  bool all_integers = true;
};

// The array in `value` as a series; nullopt when the value is not a dynamic array.
std::optional<Series> ReadSeries(const Value& value);
std::optional<Series> ReadSeries(const Dynamic& value);

// A dynamic array of reals (missing -> JSON null). NaN and infinities stay reals.
Dynamic RealSeries(const std::vector<std::optional<double>>& values);
Dynamic RealSeries(const std::vector<double>& values);
// A dynamic array of longs (values truncated toward zero; missing -> null).
Dynamic LongSeries(const std::vector<std::optional<double>>& values);

}  // namespace huntbook::functions
