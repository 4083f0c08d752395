// Series analysis: series_stats(_dynamic), series_fit_line(_dynamic), series_fir,
// series_iir, series_outliers.
// https://learn.microsoft.com/kusto/query/series-stats-function
// https://learn.microsoft.com/kusto/query/series-fit-line-function
// https://learn.microsoft.com/kusto/query/series-fir-function
// https://learn.microsoft.com/kusto/query/series-iir-function
// https://learn.microsoft.com/kusto/query/series-outliers-function
//
// series_stats and series_fit_line return several columns (ScalarFunction::tuple_outputs):
// their kernels return the bag that the _dynamic variants return, and the binder expands
// `extend (a, b, ...) = series_stats(x)` into columns.
// series_stats: min, min_idx, max, max_idx, avg, stdev, variance (sample variance); with
// ignore_nonfinite false (default) any non-finite element (null, NaN, inf) gives nulls.
// series_fit_line: least squares over x = 1..n (the page's example: interception -1.666
// and a first fitted value of 1.064 = -1.666 + 2.730); variance of the input and rvariance
// of the residuals are sample variances (n - 1).
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/scalar_families.h"
#include "huntbook/functions/series.h"

namespace huntbook::functions {
namespace {

std::string Doc(const std::string& page) {
  return "https://learn.microsoft.com/kusto/query/" + page;
}

Dynamic NullStats() {
  Dynamic::Object o;
  for (const char* key : {"min", "min_idx", "max", "max_idx", "avg", "stdev", "variance"}) {
    o.emplace_back(key, Dynamic());
  }
  return Dynamic::MakeObject(std::move(o));
}

Value SeriesStats(std::span<const Value> args, const EvalContext&) {
  std::optional<Series> s = ReadSeries(args[0]);
  if (!s) return Value();
  const bool ignore_nonfinite = args.size() > 1 && !args[1].is_null() && args[1].bool_value();
  std::vector<std::pair<double, size_t>> values;
  for (size_t i = 0; i < s->values.size(); ++i) {
    const std::optional<double>& v = s->values[i];
    if (!v || !std::isfinite(*v)) {
      if (!ignore_nonfinite) return Value::Dyn(NullStats());
      continue;
    }
    values.emplace_back(*v, i);
  }
  if (values.empty()) return Value::Dyn(NullStats());
  size_t min_at = 0, max_at = 0;
  double sum = 0;
  for (size_t k = 0; k < values.size(); ++k) {
    if (values[k].first < values[min_at].first) min_at = k;
    if (values[k].first > values[max_at].first) max_at = k;
    sum += values[k].first;
  }
  const double n = static_cast<double>(values.size());
  const double avg = sum / n;
  double squares = 0;
  for (const auto& [v, i] : values) squares += (v - avg) * (v - avg);
  const double variance = values.size() > 1 ? squares / (n - 1) : 0.0;
  Dynamic::Object o;
  o.emplace_back("min", Dynamic::Real(values[min_at].first));
  o.emplace_back("min_idx", Dynamic::Long(static_cast<int64_t>(values[min_at].second)));
  o.emplace_back("max", Dynamic::Real(values[max_at].first));
  o.emplace_back("max_idx", Dynamic::Long(static_cast<int64_t>(values[max_at].second)));
  o.emplace_back("avg", Dynamic::Real(avg));
  o.emplace_back("stdev", Dynamic::Real(std::sqrt(variance)));
  o.emplace_back("variance", Dynamic::Real(variance));
  return Value::Dyn(Dynamic::MakeObject(std::move(o)));
}

Value SeriesFitLine(std::span<const Value> args, const EvalContext&) {
  std::optional<Series> s = ReadSeries(args[0]);
  if (!s) return Value();
  const size_t count = s->values.size();
  // Missing elements are left out of the fit.
  const LineFit fit = FitLine(s->values, 0, count);
  Dynamic::Object o;
  if (fit.count == 0) {
    for (const char* key : {"rsquare", "slope", "variance", "rvariance", "interception"}) {
      o.emplace_back(key, Dynamic());
    }
    o.emplace_back("line_fit", Dynamic::MakeArray({}));
    return Value::Dyn(Dynamic::MakeObject(std::move(o)));
  }
  std::vector<double> line(count);
  for (size_t i = 0; i < count; ++i) line[i] = fit.At(i);
  o.emplace_back("rsquare", Dynamic::Real(fit.rsquare));
  o.emplace_back("slope", Dynamic::Real(fit.slope));
  o.emplace_back("variance", Dynamic::Real(fit.variance));
  o.emplace_back("rvariance", Dynamic::Real(fit.rvariance));
  o.emplace_back("interception", Dynamic::Real(fit.interception));
  o.emplace_back("line_fit", RealSeries(line));
  return Value::Dyn(Dynamic::MakeObject(std::move(o)));
}

// series_fir(series, filter [, normalize [, center]]): y[i] = sum_j c[j] * x[i - j], with
// x = 0 outside the series; center shifts the output back by (m - 1) / 2.
Value SeriesFir(std::span<const Value> args, const EvalContext&) {
  std::optional<Series> s = ReadSeries(args[0]);
  std::optional<Series> filter = args.size() > 1 ? ReadSeries(args[1]) : std::nullopt;
  if (!s || !filter || filter->values.empty()) return Value();
  std::vector<double> c;
  bool negative = false;
  for (const auto& v : filter->values) {
    if (!v) return Value();
    c.push_back(*v);
    negative = negative || *v < 0;
  }
  bool normalize = !negative;
  if (args.size() > 2 && !args[2].is_null()) normalize = args[2].bool_value();
  if (normalize && negative) return Value();
  const bool center = args.size() > 3 && !args[3].is_null() && args[3].bool_value();
  if (normalize) {
    double sum = 0;
    for (double v : c) sum += v;
    if (sum == 0) return Value();
    for (double& v : c) v /= sum;
  }
  const int64_t n = static_cast<int64_t>(s->values.size());
  const int64_t m = static_cast<int64_t>(c.size());
  const int64_t shift = center ? (m - 1) / 2 : 0;
  std::vector<std::optional<double>> out(n);
  for (int64_t i = 0; i < n; ++i) {
    const int64_t at = i + shift;
    double sum = 0;
    bool missing = false;
    for (int64_t j = 0; j < m; ++j) {
      const int64_t k = at - j;
      if (k < 0 || k >= n) continue;
      if (!s->values[k]) {
        missing = true;
        break;
      }
      sum += c[j] * *s->values[k];
    }
    if (!missing) out[i] = sum;
  }
  return Value::Dyn(RealSeries(out));
}

// series_iir(series, numerators b, denominators a):
// y[i] = (sum_j b[j] x[i-j] - sum_{k>=1} a[k] y[i-k]) / a[0], zero initial state.
Value SeriesIir(std::span<const Value> args, const EvalContext&) {
  std::optional<Series> s = ReadSeries(args[0]);
  std::optional<Series> b = ReadSeries(args[1]);
  std::optional<Series> a = ReadSeries(args[2]);
  if (!s || !b || !a || a->values.empty() || b->values.empty()) return Value();
  for (const auto* coefficients : {&b->values, &a->values}) {
    for (const auto& v : *coefficients) {
      if (!v) return Value();
    }
  }
  const double a0 = *a->values[0];
  if (a0 == 0) return Value();
  const size_t n = s->values.size();
  std::vector<double> y(n, 0.0);
  for (size_t i = 0; i < n; ++i) {
    double acc = 0;
    for (size_t j = 0; j < b->values.size() && j <= i; ++j) {
      acc += *b->values[j] * s->values[i - j].value_or(0.0);
    }
    for (size_t k = 1; k < a->values.size() && k <= i; ++k) acc -= *a->values[k] * y[i - k];
    y[i] = acc / a0;
  }
  return Value::Dyn(RealSeries(y));
}

// series_outliers(series [, kind [, ignore_val [, min_percentile [, max_percentile]]]]):
// Tukey's fences over the quantile range [Q_low, Q_high] (tukey: 25/75, ctukey: 10/90 or
// the given percentiles, each in [2, 98]). A value above Q_high scores
// (x - Q_high) / (Q_high - Q_low), below Q_low (x - Q_low) / (Q_high - Q_low), else 0, so
// +-1.5 are the classic fences. Missing and ignore_val elements score 0. Quantiles
// interpolate linearly between ranks (huntbook's choice; the page does not say).
Value SeriesOutliers(std::span<const Value> args, const EvalContext&) {
  std::optional<Series> s = ReadSeries(args[0]);
  if (!s) return Value();
  std::string kind = args.size() > 1 && !args[1].is_null() ? args[1].string_value() : "ctukey";
  if (kind.empty()) kind = "ctukey";
  double low = 10, high = 90;
  if (kind == "tukey") {
    low = 25;
    high = 75;
  } else if (kind != "ctukey") {
    return Value();
  } else {
    if (args.size() > 3 && !args[3].is_null()) low = args[3].AsDouble();
    if (args.size() > 4 && !args[4].is_null()) high = args[4].AsDouble();
    if (low < 2 || low > 98 || high < 2 || high > 98 || low >= high) return Value();
  }
  std::optional<double> ignore;
  if (args.size() > 2 && !args[2].is_null()) ignore = args[2].AsDouble();
  std::vector<double> scores = TukeyScores(s->values, low, high, ignore, s->values.size());
  return Value::Dyn(RealSeries(scores));
}

void RegisterRow(ScalarFunction function, RowFn fn) {
  function.kernel = MakeRowKernel(function.bind, std::move(fn));
  RegisterScalarFunction(std::move(function));
}

}  // namespace

void RegisterSeriesAnalysisFunctions() {
  using R = ArgRule;
  const auto real = TypeKind::kReal;
  const auto integer = TypeKind::kLong;
  for (bool tuple : {true, false}) {
    std::string name = tuple ? "series_stats" : "series_stats_dynamic";
    ScalarFunction stats{
        name, Doc(tuple ? "series-stats-function" : "series-stats-dynamic-function"), 1,
        2,    FixedResultBind(name, {R::kDynamic, R::kBool}, TypeKind::kDynamic),     nullptr};
    if (tuple) {
      stats.tuple_outputs = {{"min", real},        {"min_idx", integer}, {"max", real},
                             {"max_idx", integer}, {"avg", real},        {"stdev", real},
                             {"variance", real}};
    }
    RegisterRow(std::move(stats), SeriesStats);
    name = tuple ? "series_fit_line" : "series_fit_line_dynamic";
    ScalarFunction fit{name,
                       Doc(tuple ? "series-fit-line-function" : "series-fit-line-dynamic-function"),
                       1,
                       1,
                       FixedResultBind(name, {R::kDynamic}, TypeKind::kDynamic),
                       nullptr};
    if (tuple) {
      fit.tuple_outputs = {{"rsquare", real},      {"slope", real},
                           {"variance", real},     {"rvariance", real},
                           {"interception", real}, {"line_fit", TypeKind::kDynamic}};
    }
    RegisterRow(std::move(fit), SeriesFitLine);
  }
  RegisterRow({"series_fir", Doc("series-fir-function"), 2, 4,
               FixedResultBind("series_fir", {R::kDynamic, R::kDynamic, R::kBool, R::kBool},
                               TypeKind::kDynamic),
               nullptr},
              SeriesFir);
  RegisterRow({"series_outliers", Doc("series-outliers-function"), 1, 5,
               FixedResultBind("series_outliers",
                               {R::kDynamic, R::kString, R::kNumber, R::kNumber, R::kNumber},
                               TypeKind::kDynamic),
               nullptr},
              SeriesOutliers);
  RegisterRow(
      {"series_iir", Doc("series-iir-function"), 3, 3,
       FixedResultBind("series_iir", {R::kDynamic, R::kDynamic, R::kDynamic}, TypeKind::kDynamic),
       nullptr},
      SeriesIir);
}

}  // namespace huntbook::functions
