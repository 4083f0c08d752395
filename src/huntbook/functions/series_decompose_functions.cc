// Series decomposition: series_decompose, series_decompose_anomalies,
// series_decompose_forecast, series_periods_detect, series_fit_2lines(_dynamic).
// https://learn.microsoft.com/kusto/query/series-decompose-function
// https://learn.microsoft.com/kusto/query/series-decompose-anomalies-function
// https://learn.microsoft.com/kusto/query/series-decompose-forecast-function
// https://learn.microsoft.com/kusto/query/series-periods-detect-function
// https://learn.microsoft.com/kusto/query/series-fit-2lines-function
//
// Decomposition follows the documented order: the seasonal component is the median of the
// training points of the same phase (0 when there is no period), the trend is fitted to the
// deseasonalized training points ('avg': their mean, 'linefit': least squares, 'none': 0),
// baseline = seasonal + trend, residual = x - baseline. The last test_points points are left
// out of learning (seasonal medians, trend fit, outlier quantiles) and get the extrapolated
// baseline. Anomaly scores are Tukey's fences on the residual (series_outliers: ctukey
// 10-90, tukey 25-75); the flag is +1 / -1 where the score is above threshold / below
// -threshold. Missing elements stay out of every estimate; their residual is null.
//
// Period detection (seasonality -1 and series_periods_detect) is huntbook's own: the
// Pearson correlation of the linearly detrended series with itself shifted by p points,
// for p from 4 to half the length. Local maxima are ranked by score, after dropping those at
// a multiple of a shorter one that scores within 10% (so a multiple of the true period does
// not win); the detected period is the best, if its score reaches the threshold. Kusto's scoring is
// not documented: its scores differ, the periods agree on clearly seasonal series.
#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/scalar_families.h"
#include "huntbook/functions/series.h"

namespace huntbook::functions {
namespace {

using Values = std::vector<std::optional<double>>;

std::string Doc(const std::string& page) {
  return "https://learn.microsoft.com/kusto/query/" + page;
}

// Autocorrelation score of each lag in [min_lag, max_lag] over the first n values.
std::vector<std::pair<size_t, double>> LagScores(const Values& values, size_t n, size_t min_lag,
                                                 size_t max_lag) {
  const LineFit trend = FitLine(values, 0, n);
  std::vector<double> y(n, 0.0);
  for (size_t i = 0; i < n; ++i) y[i] = values[i] ? *values[i] - trend.At(i) : 0.0;
  std::vector<std::pair<size_t, double>> scores;
  for (size_t lag = min_lag; lag <= max_lag && lag < n; ++lag) {
    const size_t m = n - lag;
    double sa = 0, sb = 0;
    for (size_t i = 0; i < m; ++i) {
      sa += y[i];
      sb += y[i + lag];
    }
    const double ma = sa / static_cast<double>(m), mb = sb / static_cast<double>(m);
    double cov = 0, va = 0, vb = 0;
    for (size_t i = 0; i < m; ++i) {
      cov += (y[i] - ma) * (y[i + lag] - mb);
      va += (y[i] - ma) * (y[i] - ma);
      vb += (y[i + lag] - mb) * (y[i + lag] - mb);
    }
    const double score = va > 0 && vb > 0 ? cov / std::sqrt(va * vb) : 0.0;
    scores.emplace_back(lag, std::clamp(score, 0.0, 1.0));
  }
  return scores;
}

// Local maxima of the lag scores, best first. A peak at a multiple (within one point) of a
// shorter peak that scores at least 90% as high is dropped: it repeats the shorter period.
std::vector<std::pair<size_t, double>> Peaks(const std::vector<std::pair<size_t, double>>& scores) {
  std::vector<std::pair<size_t, double>> peaks;
  for (size_t k = 0; k < scores.size(); ++k) {
    const double s = scores[k].second;
    const bool left = k == 0 || scores[k - 1].second < s;
    const bool right = k + 1 == scores.size() || scores[k + 1].second <= s;
    if (!left || !right || s <= 0) continue;
    const size_t lag = scores[k].first;
    const bool repeats = std::any_of(peaks.begin(), peaks.end(), [&](const auto& shorter) {
      const size_t rest = lag % shorter.first;
      return shorter.second >= 0.9 * s && (rest <= 1 || shorter.first - rest <= 1);
    });
    if (!repeats) peaks.push_back(scores[k]);
  }
  std::stable_sort(peaks.begin(), peaks.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return peaks;
}

// The detected period of the first n values, or 0.
size_t DetectPeriod(const Values& values, size_t n, double threshold) {
  std::vector<std::pair<size_t, double>> peaks = Peaks(LagScores(values, n, 4, n / 2));
  if (peaks.empty() || peaks[0].second < threshold) return 0;
  return peaks[0].first;
}

double Median(std::vector<double> v) {
  const size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  const double upper = v[mid];
  if (v.size() % 2 == 1) return upper;
  return (*std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid)) + upper) / 2;
}

struct Decomposition {
  std::vector<double> baseline, seasonal, trend;
  Values residual;
  size_t training = 0;
};

// Arguments from `first`: seasonality, trend, test_points, [ad_method at ad_method_index,]
// seasonality_threshold; nullopt when one is invalid.
std::optional<Decomposition> Decompose(const Values& x, const Value* seasonality_arg,
                                       const Value* trend_arg, const Value* test_points_arg,
                                       const Value* threshold_arg) {
  const size_t n = x.size();
  int64_t seasonality = -1, test_points = 0;
  if (seasonality_arg && !seasonality_arg->is_null()) seasonality = seasonality_arg->int_value();
  if (test_points_arg && !test_points_arg->is_null()) test_points = test_points_arg->int_value();
  std::string trend_mode = "avg";
  if (trend_arg && !trend_arg->is_null() && !trend_arg->string_value().empty()) {
    trend_mode = trend_arg->string_value();
  }
  double seasonality_threshold = 0.6;
  if (threshold_arg && !threshold_arg->is_null()) seasonality_threshold = threshold_arg->AsDouble();
  if (seasonality < -1 || test_points < 0 ||
      (trend_mode != "avg" && trend_mode != "linefit" && trend_mode != "none")) {
    return std::nullopt;
  }
  Decomposition d;
  d.training = n - std::min<size_t>(n, static_cast<size_t>(test_points));
  size_t period = seasonality == -1 ? DetectPeriod(x, d.training, seasonality_threshold)
                                    : static_cast<size_t>(seasonality);
  d.seasonal.assign(n, 0.0);
  if (period > 0) {
    std::vector<std::vector<double>> phases(period);
    for (size_t i = 0; i < d.training; ++i) {
      if (x[i]) phases[i % period].push_back(*x[i]);
    }
    for (size_t i = 0; i < n; ++i) {
      const auto& phase = phases[i % period];
      d.seasonal[i] = phase.empty() ? 0.0 : Median(phase);
    }
  }
  Values deseasonalized(d.training);
  for (size_t i = 0; i < d.training; ++i) {
    if (x[i]) deseasonalized[i] = *x[i] - d.seasonal[i];
  }
  d.trend.assign(n, 0.0);
  if (trend_mode != "none") {
    const LineFit fit = FitLine(deseasonalized, 0, d.training);
    if (fit.count > 0) {
      double mean = 0;
      for (const auto& v : deseasonalized) mean += v.value_or(0.0);
      mean /= static_cast<double>(fit.count);
      for (size_t i = 0; i < n; ++i) d.trend[i] = trend_mode == "avg" ? mean : fit.At(i);
    }
  }
  d.baseline.resize(n);
  d.residual.resize(n);
  for (size_t i = 0; i < n; ++i) {
    d.baseline[i] = d.seasonal[i] + d.trend[i];
    if (x[i]) d.residual[i] = *x[i] - d.baseline[i];
  }
  return d;
}

const Value* Arg(std::span<const Value> args, size_t i) {
  return i < args.size() ? &args[i] : nullptr;
}

Value SeriesDecompose(std::span<const Value> args, const EvalContext&) {
  std::optional<Series> s = ReadSeries(args[0]);
  if (!s) return Value();
  std::optional<Decomposition> d =
      Decompose(s->values, Arg(args, 1), Arg(args, 2), Arg(args, 3), Arg(args, 4));
  if (!d) return Value();
  Dynamic::Object o;
  o.emplace_back("baseline", RealSeries(d->baseline));
  o.emplace_back("seasonal", RealSeries(d->seasonal));
  o.emplace_back("trend", RealSeries(d->trend));
  o.emplace_back("residual", RealSeries(d->residual));
  return Value::Dyn(Dynamic::MakeObject(std::move(o)));
}

Value SeriesDecomposeAnomalies(std::span<const Value> args, const EvalContext&) {
  std::optional<Series> s = ReadSeries(args[0]);
  if (!s) return Value();
  double threshold = 1.5;
  if (args.size() > 1 && !args[1].is_null()) threshold = args[1].AsDouble();
  std::string method = "ctukey";
  if (args.size() > 5 && !args[5].is_null() && !args[5].string_value().empty()) {
    method = args[5].string_value();
  }
  if (method != "ctukey" && method != "tukey") return Value();
  std::optional<Decomposition> d =
      Decompose(s->values, Arg(args, 2), Arg(args, 3), Arg(args, 4), Arg(args, 6));
  if (!d) return Value();
  const double low = method == "tukey" ? 25 : 10, high = method == "tukey" ? 75 : 90;
  std::vector<double> scores = TukeyScores(d->residual, low, high, std::nullopt, d->training);
  Dynamic::Array flags;
  for (double score : scores) {
    flags.push_back(Dynamic::Long(score > threshold ? 1 : score < -threshold ? -1 : 0));
  }
  Dynamic::Object o;
  o.emplace_back("ad_flag", Dynamic::MakeArray(std::move(flags)));
  o.emplace_back("ad_score", RealSeries(scores));
  o.emplace_back("baseline", RealSeries(d->baseline));
  return Value::Dyn(Dynamic::MakeObject(std::move(o)));
}

// series_decompose_forecast(series, points [, seasonality, trend, seasonality_threshold]):
// the baseline, learned without the last `points` points and extrapolated over them.
Value SeriesDecomposeForecast(std::span<const Value> args, const EvalContext&) {
  std::optional<Series> s = ReadSeries(args[0]);
  if (!s || args[1].is_null()) return Value();
  std::optional<Decomposition> d =
      Decompose(s->values, Arg(args, 2), Arg(args, 3), &args[1], Arg(args, 4));
  if (!d) return Value();
  return Value::Dyn(RealSeries(d->baseline));
}

// series_periods_detect(series, min_period, max_period, num_periods): periods (longs) and
// scores, best first, padded with 0 to num_periods.
Value SeriesPeriodsDetect(std::span<const Value> args, const EvalContext&) {
  std::optional<Series> s = ReadSeries(args[0]);
  if (!s || args[1].is_null() || args[2].is_null() || args[3].is_null()) return Value();
  const size_t n = s->values.size();
  const double min_period = std::max(4.0, std::ceil(args[1].AsDouble()));
  const double max_period = std::min(static_cast<double>(n / 2), std::floor(args[2].AsDouble()));
  const int64_t wanted = std::max<int64_t>(0, args[3].int_value());
  std::vector<std::pair<size_t, double>> peaks;
  if (min_period <= max_period) {
    peaks = Peaks(
        LagScores(s->values, n, static_cast<size_t>(min_period), static_cast<size_t>(max_period)));
  }
  Dynamic::Array periods, scores;
  for (int64_t k = 0; k < wanted; ++k) {
    const bool found = static_cast<size_t>(k) < peaks.size();
    periods.push_back(Dynamic::Long(found ? static_cast<int64_t>(peaks[k].first) : 0));
    scores.push_back(Dynamic::Real(found ? peaks[k].second : 0.0));
  }
  Dynamic::Object o;
  o.emplace_back("periods", Dynamic::MakeArray(std::move(periods)));
  o.emplace_back("scores", Dynamic::MakeArray(std::move(scores)));
  return Value::Dyn(Dynamic::MakeObject(std::move(o)));
}

Dynamic LineParameters(const LineFit& fit) {
  Dynamic::Object o;
  o.emplace_back("rsquare", Dynamic::Real(fit.rsquare));
  o.emplace_back("slope", Dynamic::Real(fit.slope));
  o.emplace_back("interception", Dynamic::Real(fit.interception));
  o.emplace_back("variance", Dynamic::Real(fit.variance));
  o.emplace_back("rvariance", Dynamic::Real(fit.rvariance));
  return Dynamic::MakeObject(std::move(o));
}

// series_fit_2lines: every split k (left = [0, k), right = [k, n), each of at least 2
// points) is fitted with two lines; the split with the highest total r-square
// (1 - residual squares of both lines / total squares) wins, the first on ties.
// split_idx is k, the first index of the right segment. `nested`: the _dynamic form's
// bag (left/right sub-bags); otherwise flat keys for the tuple columns.
Value SeriesFit2Lines(std::span<const Value> args, bool nested) {
  std::optional<Series> s = ReadSeries(args[0]);
  if (!s) return Value();
  const Values& x = s->values;
  const size_t n = x.size();
  const LineFit whole = FitLine(x, 0, n);
  size_t best_split = 0;
  double best_rsquare = -1;
  LineFit best_left, best_right;
  for (size_t k = 2; k + 2 <= n; ++k) {
    const LineFit left = FitLine(x, 0, k), right = FitLine(x, k, n);
    const double residual = left.residual_squares + right.residual_squares;
    const double rsquare = whole.total_squares == 0 ? 1.0 : 1.0 - residual / whole.total_squares;
    if (rsquare > best_rsquare) {
      best_rsquare = rsquare;
      best_split = k;
      best_left = left;
      best_right = right;
    }
  }
  Dynamic::Object o;
  if (best_split == 0) {
    for (const char* key : {"rsquare", "split_idx", "variance", "rvariance"}) {
      o.emplace_back(key, Dynamic());
    }
    o.emplace_back("line_fit", Dynamic::MakeArray({}));
    return Value::Dyn(Dynamic::MakeObject(std::move(o)));
  }
  std::vector<double> line(n);
  double residual = 0;
  for (size_t i = 0; i < n; ++i) {
    line[i] = i < best_split ? best_left.At(i) : best_right.At(i);
    if (x[i]) residual += (*x[i] - line[i]) * (*x[i] - line[i]);
  }
  const double divisor = whole.count > 1 ? static_cast<double>(whole.count - 1) : 1.0;
  o.emplace_back("rsquare", Dynamic::Real(best_rsquare));
  o.emplace_back("split_idx", Dynamic::Long(static_cast<int64_t>(best_split)));
  o.emplace_back("variance", Dynamic::Real(whole.variance));
  o.emplace_back("rvariance", Dynamic::Real(residual / divisor));
  o.emplace_back("line_fit", RealSeries(line));
  for (const auto& [side, fit] : {std::pair<const char*, const LineFit&>{"right", best_right},
                                  std::pair<const char*, const LineFit&>{"left", best_left}}) {
    Dynamic parameters = LineParameters(fit);
    if (nested) {
      o.emplace_back(side, parameters);
      continue;
    }
    for (const auto& [key, value] : parameters.object()) {
      o.emplace_back(std::string(side) + "_" + key, value);
    }
  }
  return Value::Dyn(Dynamic::MakeObject(std::move(o)));
}

void RegisterRow(ScalarFunction function, RowFn fn) {
  function.kernel = MakeRowKernel(function.bind, std::move(fn));
  RegisterScalarFunction(std::move(function));
}

}  // namespace

void RegisterSeriesDecomposeFunctions() {
  using R = ArgRule;
  const auto dyn = TypeKind::kDynamic;
  const auto real = TypeKind::kReal;
  ScalarFunction decompose{
      "series_decompose",
      Doc("series-decompose-function"),
      1,
      5,
      FixedResultBind("series_decompose",
                      {R::kDynamic, R::kInteger, R::kString, R::kInteger, R::kNumber}, dyn),
      nullptr};
  decompose.tuple_outputs = {
      {"baseline", dyn}, {"seasonal", dyn}, {"trend", dyn}, {"residual", dyn}};
  RegisterRow(std::move(decompose), SeriesDecompose);
  ScalarFunction anomalies{"series_decompose_anomalies",
                           Doc("series-decompose-anomalies-function"),
                           1,
                           7,
                           FixedResultBind("series_decompose_anomalies",
                                           {R::kDynamic, R::kNumber, R::kInteger, R::kString,
                                            R::kInteger, R::kString, R::kNumber},
                                           dyn),
                           nullptr};
  anomalies.tuple_outputs = {{"ad_flag", dyn}, {"ad_score", dyn}, {"baseline", dyn}};
  RegisterRow(std::move(anomalies), SeriesDecomposeAnomalies);
  RegisterRow(
      {"series_decompose_forecast", Doc("series-decompose-forecast-function"), 2, 5,
       FixedResultBind("series_decompose_forecast",
                       {R::kDynamic, R::kInteger, R::kInteger, R::kString, R::kNumber}, dyn),
       nullptr},
      SeriesDecomposeForecast);
  ScalarFunction periods{"series_periods_detect",
                         Doc("series-periods-detect-function"),
                         4,
                         4,
                         FixedResultBind("series_periods_detect",
                                         {R::kDynamic, R::kNumber, R::kNumber, R::kInteger}, dyn),
                         nullptr};
  periods.tuple_outputs = {{"periods", dyn}, {"scores", dyn}};
  RegisterRow(std::move(periods), SeriesPeriodsDetect);
  for (bool tuple : {true, false}) {
    std::string name = tuple ? "series_fit_2lines" : "series_fit_2lines_dynamic";
    ScalarFunction fit{
        name,
        Doc(tuple ? "series-fit-2lines-function" : "series-fit-2lines-dynamic-function"),
        1,
        1,
        FixedResultBind(name, {R::kDynamic}, dyn),
        nullptr};
    if (tuple) {
      fit.tuple_outputs = {{"rsquare", real},           {"split_idx", TypeKind::kLong},
                           {"variance", real},          {"rvariance", real},
                           {"line_fit", dyn},           {"right_rsquare", real},
                           {"right_slope", real},       {"right_interception", real},
                           {"right_variance", real},    {"right_rvariance", real},
                           {"left_rsquare", real},      {"left_slope", real},
                           {"left_interception", real}, {"left_variance", real},
                           {"left_rvariance", real}};
    }
    RegisterRow(std::move(fit), [tuple](std::span<const Value> args, const EvalContext&) {
      return SeriesFit2Lines(args, !tuple);
    });
  }
}

}  // namespace huntbook::functions
