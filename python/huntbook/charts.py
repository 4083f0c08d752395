"""Charts for results that end in `render`, drawn with matplotlib (no JavaScript, so they
show in JupyterLab, VS Code and saved notebooks alike).

Column roles follow Kusto's render: the x axis is the first column (timechart: the first
datetime column); numeric columns are the series; for a timechart/linechart with one
numeric column, a string column splits it into one series per value. Bar and pie charts
take their labels from the first string column.
https://learn.microsoft.com/kusto/query/render-operator
"""

import io

import pandas as pd

__all__ = ["SUPPORTED_VISUALIZATIONS", "render_figure", "figure_png"]

_LINE = {"timechart", "linechart", "anomalychart", "areachart", "stackedareachart"}
SUPPORTED_VISUALIZATIONS = _LINE | {"barchart", "columnchart", "piechart", "scatterchart"}


def _numeric_columns(frame, exclude=()):
    return [c for c in frame.columns if c not in exclude
            and pd.api.types.is_numeric_dtype(frame[c].dtype)
            and not pd.api.types.is_bool_dtype(frame[c].dtype)]


def _first(frame, predicate):
    for column in frame.columns:
        if predicate(frame[column].dtype):
            return column
    return None


def _is_text(dtype):
    return pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype)


def _series_frame(frame, visualization):
    """(x column, DataFrame of y series indexed by x)."""
    x = frame.columns[0]
    if visualization in _LINE:
        x = _first(frame, pd.api.types.is_datetime64_any_dtype) or x
    ys = _numeric_columns(frame, exclude=(x,))
    split = _first(frame.drop(columns=[x]), _is_text)
    if split is not None and len(ys) == 1:
        wide = frame.pivot_table(index=x, columns=split, values=ys[0], aggfunc="sum")
        return x, wide.sort_index()
    data = frame.set_index(x)[ys].astype("float64")
    return x, data.sort_index() if visualization in _LINE else data


def render_figure(result):
    """A matplotlib Figure for result.render, or None when there is nothing to draw."""
    render = result.render or {}
    visualization = (render.get("visualization") or "").lower()
    if visualization not in SUPPORTED_VISUALIZATIONS or result.dataframe.empty:
        return None
    from matplotlib.figure import Figure
    props = render.get("properties") or {}
    frame = result.dataframe
    figure = Figure(figsize=(9, 4.5))
    axes = figure.add_subplot(1, 1, 1)
    if visualization == "piechart":
        labels = _first(frame, _is_text) or frame.columns[0]
        values = _numeric_columns(frame, exclude=(labels,))
        if not values:
            return None
        axes.pie(frame[values[0]].astype("float64").fillna(0), labels=frame[labels].astype(str),
                 autopct="%1.1f%%")
        axes.axis("equal")
    elif visualization in ("barchart", "columnchart"):
        labels = _first(frame, _is_text) or frame.columns[0]
        values = _numeric_columns(frame, exclude=(labels,))
        if not values:
            return None
        data = frame.set_index(frame[labels].astype(str))[values].astype("float64")
        stacked = props.get("kind", "").lower() == "stacked"
        data.plot(kind="barh" if visualization == "barchart" else "bar", ax=axes,
                  stacked=stacked)
    elif visualization == "scatterchart":
        x = frame.columns[0]
        for y in _numeric_columns(frame, exclude=(x,)):
            axes.scatter(frame[x], frame[y].astype("float64"), label=y, s=12)
        axes.legend(loc="best")
    else:
        x, data = _series_frame(frame, visualization)
        if data.empty:
            return None
        if visualization in ("areachart", "stackedareachart"):
            data.fillna(0).plot.area(ax=axes, stacked=visualization == "stackedareachart")
        else:
            data.plot(ax=axes)
    if props.get("title"):
        axes.set_title(props["title"])
    if props.get("xtitle"):
        axes.set_xlabel(props["xtitle"])
    if props.get("ytitle"):
        axes.set_ylabel(props["ytitle"])
    figure.tight_layout()
    return figure


def figure_png(figure):
    """PNG bytes of a Figure (Agg canvas, no GUI backend needed)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90)
    return buffer.getvalue()
