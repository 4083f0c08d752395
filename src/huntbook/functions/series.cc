#include "huntbook/functions/series.h"

#include <algorithm>
#include <cmath>

namespace huntbook::functions {

std::optional<Series> ReadSeries(const Dynamic& value) {
  if (!value.is_array()) return std::nullopt;
  Series series;
  series.values.reserve(value.array().size());
  for (const Dynamic& item : value.array()) {
    switch (item.kind()) {
      case Dynamic::Kind::kLong:
        series.values.push_back(static_cast<double>(item.long_value()));
        break;
      case Dynamic::Kind::kReal:
        series.values.push_back(item.real_value());
        series.all_integers = false;
        break;
      case Dynamic::Kind::kBool:
        series.values.push_back(item.bool_value() ? 1.0 : 0.0);
        break;
      default:
        series.values.push_back(std::nullopt);
        break;
    }
  }
  return series;
}

std::optional<Series> ReadSeries(const Value& value) {
  if (value.is_null() || value.type() != TypeKind::kDynamic) return std::nullopt;
  return ReadSeries(value.dynamic_value());
}

Dynamic RealSeries(const std::vector<std::optional<double>>& values) {
  Dynamic::Array items;
  items.reserve(values.size());
  for (const std::optional<double>& v : values) {
    items.push_back(v ? Dynamic::Real(*v) : Dynamic());
  }
  return Dynamic::MakeArray(std::move(items));
}

Dynamic RealSeries(const std::vector<double>& values) {
  Dynamic::Array items;
  items.reserve(values.size());
  for (double v : values) items.push_back(Dynamic::Real(v));
  return Dynamic::MakeArray(std::move(items));
}

Dynamic LongSeries(const std::vector<std::optional<double>>& values) {
  Dynamic::Array items;
  items.reserve(values.size());
  for (const std::optional<double>& v : values) {
    if (v && std::isfinite(*v)) {
      items.push_back(Dynamic::Long(static_cast<int64_t>(*v)));
    } else {
      items.push_back(Dynamic());
    }
  }
  return Dynamic::MakeArray(std::move(items));
}

LineFit FitLine(const std::vector<std::optional<double>>& values, size_t begin, size_t end) {
  LineFit fit;
  double sx = 0, sy = 0, sxx = 0, sxy = 0, n = 0;
  for (size_t i = begin; i < end; ++i) {
    if (!values[i]) continue;
    const double x = static_cast<double>(i + 1), y = *values[i];
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
    n += 1;
  }
  fit.count = static_cast<size_t>(n);
  if (n == 0) return fit;
  const double denominator = n * sxx - sx * sx;
  fit.slope = denominator == 0 ? 0.0 : (n * sxy - sx * sy) / denominator;
  fit.interception = (sy - fit.slope * sx) / n;
  const double mean = sy / n;
  for (size_t i = begin; i < end; ++i) {
    if (!values[i]) continue;
    const double y = *values[i];
    fit.total_squares += (y - mean) * (y - mean);
    fit.residual_squares += (y - fit.At(i)) * (y - fit.At(i));
  }
  fit.rsquare = fit.total_squares == 0 ? 1.0 : 1.0 - fit.residual_squares / fit.total_squares;
  const double divisor = n > 1 ? n - 1 : 1;
  fit.variance = fit.total_squares / divisor;
  fit.rvariance = fit.residual_squares / divisor;
  return fit;
}

namespace {

// Percentile p (0..100) of sorted values by linear interpolation between closest ranks.
double Interpolated(const std::vector<double>& sorted, double p) {
  const double position = p / 100.0 * static_cast<double>(sorted.size() - 1);
  const size_t lower = static_cast<size_t>(std::floor(position));
  const size_t upper = std::min(lower + 1, sorted.size() - 1);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - static_cast<double>(lower));
}

}  // namespace

std::vector<double> TukeyScores(const std::vector<std::optional<double>>& values, double low,
                                double high, std::optional<double> ignore, size_t training) {
  std::vector<double> sorted;
  for (size_t i = 0; i < values.size() && i < training; ++i) {
    if (values[i] && (!ignore || *values[i] != *ignore)) sorted.push_back(*values[i]);
  }
  std::vector<double> scores(values.size(), 0.0);
  if (sorted.empty()) return scores;
  std::sort(sorted.begin(), sorted.end());
  const double q_low = Interpolated(sorted, low), q_high = Interpolated(sorted, high);
  const double range = q_high - q_low;
  for (size_t i = 0; i < scores.size(); ++i) {
    const std::optional<double>& v = values[i];
    if (!v || (ignore && *v == *ignore)) continue;
    if (*v > q_high) scores[i] = (*v - q_high) / range;
    if (*v < q_low) scores[i] = (*v - q_low) / range;
  }
  return scores;
}

}  // namespace huntbook::functions
