"""Time-series anomalies: `make-series` + `series_decompose_anomalies`, and their plot.

series_anomalies() runs a query that ends in `make-series` and appends
`| extend (anomalies, score, baseline) = series_decompose_anomalies(<column>, ...)` with
the parameters as typed query parameters. When the engine does not implement
series_decompose_anomalies (its error is NotSupported naming the function), the
make-series query runs alone and the decomposition is computed here, by
series_decompose_anomalies() below; the result says which (`ComputedBy`).

The Python decomposition follows the documented algorithm
(https://learn.microsoft.com/kusto/query/series-decompose-anomalies-function,
https://learn.microsoft.com/kusto/query/series-decompose-function):
  1. seasonal: for a period p (given, or detected when -1), the median of the learning
     points at each phase i mod p; 0 without a period;
  2. trend of x - seasonal: its average ("avg"), a least-squares line ("linefit"), or 0
     ("none"), fitted on the learning points (all but the last test_points);
  3. baseline = seasonal + trend, residual = x - baseline;
  4. score = series_outliers(residual): Tukey's fences over the 10th-90th percentiles
     ("ctukey") or 25th-75th ("tukey"), scaled so that +-1.5 is the classic fence (as the
     engine's series_outliers; with no spread between the percentiles, any deviation
     scores +-inf);
  5. flag +1 / -1 where the score is above threshold / below -threshold, else 0.
Period detection is huntbook's approximation of series_periods_detect: the lag in
[2, n/2] with the highest autocorrelation of the detrended learning points (or its
shortest divisor scoring within 5 % of it), kept when that autocorrelation reaches
seasonality_threshold (0.6). Kusto's exact period scores may differ, so for a known
cycle give the period explicitly (e.g. 24 for hourly bins with a daily cycle).
"""

import re

import numpy as np
import pandas as pd

from ..errors import KqlError

__all__ = ["series_decompose_anomalies", "detect_period", "series_anomalies",
           "count_anomalies", "plot_anomalies"]


def detect_period(values, threshold=0.6):
    """The seasonal period of `values` in bins, or 0 when none scores `threshold`.

    The values are first clipped to Tukey's fences (10th-90th percentiles, k = 1.5) so
    that the anomalies being looked for do not hide the cycle, and a fitted line is
    removed so that a trend does not pass for one."""
    x = values_array = np.nan_to_num(np.asarray(values, dtype=float))
    if len(x) < 4:
        return 0
    q_low, q_high = np.percentile(x, [10, 90])
    spread = q_high - q_low
    x = np.clip(x, q_low - 1.5 * spread, q_high + 1.5 * spread)
    positions = np.arange(len(x))
    x = x - np.polyval(np.polyfit(positions, x, 1), positions)  # a trend is not a cycle
    energy = float(np.dot(x, x)) / len(x)
    if energy <= 1e-12 * max(1.0, float(np.max(np.abs(values_array)))) ** 2:
        return 0
    scores = {lag: float(np.dot(x[:-lag], x[lag:])) / (len(x) - lag) / energy
              for lag in range(2, len(x) // 2 + 1)}
    best_lag = max(scores, key=scores.get)
    best = scores[best_lag]
    if best < threshold:
        return 0
    # A multiple of the period scores as well as the period: prefer the divisor.
    return min(lag for lag in scores if best_lag % lag == 0 and scores[lag] >= 0.95 * best)


def _percentile(sorted_values, p):
    position = p / 100.0 * (len(sorted_values) - 1)
    lower = int(np.floor(position))
    upper = min(lower + 1, len(sorted_values) - 1)
    return sorted_values[lower] + (sorted_values[upper] - sorted_values[lower]) * (position - lower)


def _outlier_scores(residual, method):
    if method not in ("ctukey", "tukey"):
        raise ValueError(f"ad_method {method!r}: expected 'ctukey' or 'tukey'")
    low, high = (10, 90) if method == "ctukey" else (25, 75)
    finite = np.sort(residual[np.isfinite(residual)])
    scores = np.zeros(len(residual))
    if len(finite) == 0:
        return scores
    q_low, q_high = _percentile(finite, low), _percentile(finite, high)
    spread = q_high - q_low
    with np.errstate(divide="ignore", invalid="ignore"):
        above = (residual - q_high) / spread
        below = (residual - q_low) / spread
    scores = np.where(residual > q_high, above, np.where(residual < q_low, below, 0.0))
    return np.nan_to_num(scores, nan=0.0, posinf=np.inf, neginf=-np.inf)


def series_decompose_anomalies(values, threshold=1.5, seasonality=-1, trend="avg",
                               test_points=0, ad_method="ctukey", seasonality_threshold=0.6):
    """(flags, scores, baseline) numpy arrays for one series, by the algorithm in the
    module docstring. Missing values (None/NaN) count as 0, as make-series' default=0.
    Raises ValueError for a bad trend, ad_method, seasonality or test_points."""
    x = np.nan_to_num(np.asarray([np.nan if v is None else v for v in values], dtype=float))
    n = len(x)
    if trend not in ("avg", "linefit", "none"):
        raise ValueError(f"trend {trend!r}: expected 'avg', 'linefit' or 'none'")
    if not isinstance(seasonality, (int, np.integer)) or seasonality < -1:
        raise ValueError(f"seasonality {seasonality!r}: expected -1 (detect), 0 or a period")
    if not 0 <= test_points < max(n, 1):
        raise ValueError(f"test_points {test_points!r}: expected 0 <= test_points < {n}")
    learn = n - test_points
    period = detect_period(x[:learn], seasonality_threshold) if seasonality == -1 else seasonality
    seasonal = np.zeros(n)
    if period and period > 1 and learn >= period:
        phase_median = [np.median(x[:learn][phase::period]) for phase in range(period)]
        seasonal = np.array([phase_median[i % period] for i in range(n)])
    adjusted = x - seasonal
    if trend == "avg" and learn:
        trend_values = np.full(n, adjusted[:learn].mean())
    elif trend == "linefit" and learn >= 2:
        slope, intercept = np.polyfit(np.arange(learn), adjusted[:learn], 1)
        trend_values = intercept + slope * np.arange(n)
    else:
        trend_values = np.zeros(n)
    baseline = seasonal + trend_values
    scores = _outlier_scores(x - baseline, ad_method)
    flags = np.where(scores > threshold, 1, np.where(scores < -threshold, -1, 0))
    return flags, scores, baseline


def _identifier(name, what):
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise ValueError(f"{what} {name!r} is not a KQL identifier")
    return name


def _long_form(frame, value_column, time_column, by):
    rows = []
    for _, row in frame.iterrows():
        times = pd.to_datetime(pd.Series(row[time_column]), utc=True)
        count = len(times)
        part = pd.DataFrame({time_column: times, value_column: list(row[value_column]),
                             "anomalies": list(row["anomalies"]), "score": list(row["score"]),
                             "baseline": list(row["baseline"])})
        for column in by:
            part.insert(0, column, [row[column]] * count)
        rows.append(part)
    columns = list(by) + [time_column, value_column, "anomalies", "score", "baseline"]
    result = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=columns)
    for column in ("anomalies",):
        result[column] = pd.to_numeric(result[column]).astype("int64")
    for column in (value_column, "score", "baseline"):
        result[column] = pd.to_numeric(result[column], errors="coerce").astype(float)
    return result[columns]


def series_anomalies(connection, make_series_query, value_column, time_column="TimeGenerated",
                     by=(), params=None, threshold=1.5, seasonality=-1, trend="avg",
                     prefer_engine=True):
    """Anomalies of the series that a make-series query returns.

    make_series_query: KQL ending in `make-series <value_column> = ... on <time_column> ...
        [by <by columns>]`; params are its typed query parameters.
    Returns a long DataFrame: the by columns, time_column, value_column, anomalies (+1,
    -1, 0), score, baseline; df.attrs["ComputedBy"] is "engine" or "python".
    Raises KqlError for any other query error; ValueError for bad names or parameters.
    """
    by = [by] if isinstance(by, str) else list(by)
    for name in [value_column, time_column] + by:
        _identifier(name, "column")
    if trend not in ("avg", "linefit", "none"):
        raise ValueError(f"trend {trend!r}: expected 'avg', 'linefit' or 'none'")
    params = dict(params or {})
    frame, computed_by = None, "engine"
    if prefer_engine:
        detection = dict(params, hb_threshold=float(threshold), hb_seasonality=int(seasonality),
                         hb_trend=trend)
        declared = ("declare query_parameters(hb_threshold:real, hb_seasonality:int, "
                    "hb_trend:string);\n")
        try:
            frame = connection.query(
                declared + make_series_query +
                f"\n| extend (anomalies, score, baseline) = series_decompose_anomalies("
                f"{value_column}, hb_threshold, hb_seasonality, hb_trend)", params=detection)
        except KqlError as error:
            if error.code != "NotSupported" or "series_decompose_anomalies" not in error.message:
                raise
    if frame is None:
        computed_by = "python"
        frame = connection.query(make_series_query, params=params)
        results = [series_decompose_anomalies(values, threshold, seasonality, trend)
                   for values in frame[value_column]]
        frame = frame.assign(anomalies=[list(r[0]) for r in results],
                             score=[list(r[1]) for r in results],
                             baseline=[list(r[2]) for r in results])
    result = _long_form(frame, value_column, time_column, by)
    result.attrs["ComputedBy"] = computed_by
    return result


def count_anomalies(connection, table, start, end, step="1h", by=(), time_column="TimeGenerated",
                    **options):
    """series_anomalies() of the event count per `step` of one table, from `start` to
    `end` (datetimes; step a timedelta or KQL timespan text like "1h"), split by the `by`
    columns. The result's value column is `Count`. Options go to series_anomalies()."""
    by = [by] if isinstance(by, str) else list(by)
    _identifier(table, "table")
    for name in [time_column] + by:
        _identifier(name, "column")
    if isinstance(step, str):
        step = pd.Timedelta(step).to_pytimedelta()
    split = f" by {', '.join(by)}" if by else ""
    query = ("declare query_parameters(hb_start:datetime, hb_end:datetime, hb_step:timespan);\n"
             f"{table}\n| make-series Count = count() default = 0 on {time_column} "
             f"from hb_start to hb_end step hb_step{split}")
    params = {"hb_start": pd.Timestamp(start).to_pydatetime(),
              "hb_end": pd.Timestamp(end).to_pydatetime(), "hb_step": step}
    return series_anomalies(connection, query, "Count", time_column, by, params, **options)


def plot_anomalies(frame, value_column="Count", time_column="TimeGenerated", by=(),
                   title="Anomalies"):
    """A plotly figure of a series_anomalies() result: one line per series, its baseline
    dashed, and anomalies marked (triangles up for +1, down for -1) with hover details."""
    import plotly.graph_objects as go
    by = [by] if isinstance(by, str) else list(by)
    figure = go.Figure()
    groups = frame.groupby(by if len(by) > 1 else by[0], sort=True) if by else [("all", frame)]
    for key, part in groups:
        name = ", ".join(map(str, key)) if isinstance(key, tuple) else str(key)
        figure.add_trace(go.Scatter(x=part[time_column], y=part[value_column], mode="lines",
                                    name=name))
        figure.add_trace(go.Scatter(x=part[time_column], y=part["baseline"], mode="lines",
                                    name=f"{name} baseline", line={"dash": "dash"}))
        for flag, symbol in ((1, "triangle-up"), (-1, "triangle-down")):
            marked = part[part["anomalies"] == flag]
            if marked.empty:
                continue
            figure.add_trace(go.Scatter(
                x=marked[time_column], y=marked[value_column], mode="markers",
                name=f"{name} anomaly {'+' if flag > 0 else '-'}",
                marker={"symbol": symbol, "size": 12, "color": "#d62728"},
                hovertext=[f"{name}<br>{t}<br>value {v:g}, baseline {b:.3g}, score {s:.2f}"
                           for t, v, b, s in zip(marked[time_column], marked[value_column],
                                                 marked["baseline"], marked["score"])],
                hoverinfo="text"))
    figure.update_layout(title=title, xaxis_title=time_column, yaxis_title=value_column)
    return figure
