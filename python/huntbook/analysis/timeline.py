"""Event timelines: several series of events on one time axis.

The data is one DataFrame split by a group column (e.g. Computer, EventID), or a dict of
DataFrames (e.g. one per table: {"SecurityEvent": df1, "SecurityAlert": df2}). Each
series is one horizontal lane; each event one marker at its time. timeline() draws with
plotly (hover shows the chosen columns, zoom and pan work in JupyterLab and VS Code);
timeline_static() draws the same lanes with matplotlib for saved or printed notebooks.
An optional reference time (e.g. the alert's) is drawn as a vertical line.
"""

import pandas as pd

__all__ = ["timeline_series", "timeline", "timeline_static"]


def timeline_series(data, time_column="TimeGenerated", group_by=None):
    """The lanes: a list of (name, DataFrame sorted by time, time column converted to UTC
    datetimes; rows without a time dropped).

    data: a DataFrame (one lane, or one per value of group_by) or {name: DataFrame}
    (one lane per entry, or per (name, group_by value) when group_by is given).
    Raises KeyError naming the frame and column when time_column or group_by is missing.
    """
    frames = data.items() if isinstance(data, dict) else [(None, data)]
    lanes = []
    for name, frame in frames:
        where = f" in {name!r}" if name is not None else ""
        for column in [time_column] + ([group_by] if group_by else []):
            if column not in frame.columns:
                raise KeyError(f"column {column!r} not found{where} "
                               f"(columns: {list(frame.columns)})")
        frame = frame.assign(**{time_column: pd.to_datetime(frame[time_column], utc=True,
                                                            errors="coerce")})
        frame = frame.dropna(subset=[time_column]).sort_values(time_column, kind="stable")
        if group_by:
            for value, part in frame.groupby(frame[group_by].astype(str), sort=True):
                label = f"{name}: {value}" if name is not None else str(value)
                lanes.append((label, part))
        else:
            lanes.append((name if name is not None else "events", frame))
    return lanes


def _hover(frame, time_column, hover_columns):
    columns = [c for c in (hover_columns or []) if c in frame.columns]
    texts = []
    for _, row in frame.iterrows():
        parts = [f"<b>{row[time_column]}</b>"]
        for column in columns:
            value = str(row[column])
            parts.append(f"{column}: {value[:200] + '…' if len(value) > 200 else value}")
        texts.append("<br>".join(parts))
    return texts


def timeline(data, time_column="TimeGenerated", group_by=None, hover_columns=None,
             title="Event timeline", reference_time=None):
    """A plotly Figure with one lane per series (see timeline_series()), markers at event
    times, and `hover_columns` (those a frame has) in each marker's hover text."""
    import plotly.graph_objects as go
    lanes = timeline_series(data, time_column, group_by)
    figure = go.Figure()
    for name, frame in lanes:
        figure.add_trace(go.Scatter(
            x=frame[time_column], y=[name] * len(frame), mode="markers", name=name,
            hovertext=_hover(frame, time_column, hover_columns), hoverinfo="text",
            marker={"size": 9, "symbol": "diamond"}))
    if reference_time is not None:
        figure.add_vline(x=pd.Timestamp(reference_time).to_pydatetime(), line_dash="dash",
                         line_color="#d62728")
    figure.update_layout(title=title, xaxis_title=time_column,
                         yaxis={"categoryorder": "array",
                                "categoryarray": [name for name, _ in lanes]},
                         height=max(250, 60 + 40 * len(lanes)))
    return figure


def timeline_static(data, time_column="TimeGenerated", group_by=None,
                    title="Event timeline", reference_time=None):
    """The same lanes as a matplotlib Figure (no hover; for static output)."""
    from matplotlib.figure import Figure
    lanes = timeline_series(data, time_column, group_by)
    figure = Figure(figsize=(10, max(2.0, 0.5 + 0.45 * len(lanes))))
    axes = figure.add_subplot(1, 1, 1)
    for position, (name, frame) in enumerate(lanes):
        times = frame[time_column].dt.tz_convert(None)
        axes.scatter(times, [position] * len(frame), marker="D", s=20, label=name)
    axes.set_yticks(range(len(lanes)))
    axes.set_yticklabels([name for name, _ in lanes])
    axes.set_ylim(-0.5, len(lanes) - 0.5)
    if reference_time is not None:
        axes.axvline(pd.Timestamp(reference_time).tz_convert(None)
                     if pd.Timestamp(reference_time).tzinfo else pd.Timestamp(reference_time),
                     color="#d62728", linestyle="--")
    axes.set_title(title)
    axes.set_xlabel(f"{time_column} (UTC)")
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure
