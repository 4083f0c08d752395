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

// A least-squares line y = slope * x + interception over the present values at positions
// [begin, end), with x = position + 1 (series_fit_line's axis). variance and rvariance are
// sample variances (n - 1) of the values and of the residuals; rsquare is 1 when the values
// are constant. count = 0: no present value (every other field 0).
struct LineFit {
  double slope = 0, interception = 0, rsquare = 0, variance = 0, rvariance = 0;
  double total_squares = 0, residual_squares = 0;  // sums of squares about the mean / line
  size_t count = 0;
  double At(size_t position) const {
    return interception + slope * static_cast<double>(position + 1);
  }
};
LineFit FitLine(const std::vector<std::optional<double>>& values, size_t begin, size_t end);

// Tukey's fence scores (series_outliers): quantiles low/high (percent) of the present values
// among the first `training` ones, excluding `ignore`; a value above Q_high scores
// (x - Q_high) / (Q_high - Q_low), below Q_low (x - Q_low) / (Q_high - Q_low), else 0.
// Missing and ignored values score 0. Quantiles interpolate linearly between ranks.
std::vector<double> TukeyScores(const std::vector<std::optional<double>>& values, double low,
                                double high, std::optional<double> ignore, size_t training);

}  // namespace huntbook::functions
