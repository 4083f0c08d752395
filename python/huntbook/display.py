"""Rich HTML for query results in notebooks: a status line, the table, and the chart when
the query ended in `render`."""

import base64
import html

__all__ = ["result_html", "MAX_HTML_ROWS"]

MAX_HTML_ROWS = 100


def result_html(result, max_rows=MAX_HTML_ROWS):
    frame = result.dataframe
    parts = []
    status = f"{len(frame):,} rows"
    seconds = result.statistics.get("query_seconds")
    if seconds is not None:
        status += f" in {seconds:.3f} s"
    parts.append(f'<div class="huntbook-status">{html.escape(status)}</div>')
    if result.truncated:
        parts.append('<div class="huntbook-truncated" style="color:#b00;font-weight:bold">'
                     "Result truncated: more rows matched than were returned.</div>")
    if result.render:
        from .charts import figure_png, render_figure
        try:
            figure = render_figure(result)
        except Exception as error:  # a chart failure must not hide the table
            parts.append(f'<div class="huntbook-chart-error">chart failed: '
                         f"{html.escape(str(error))}</div>")
            figure = None
        if figure is not None:
            png = base64.b64encode(figure_png(figure)).decode("ascii")
            alt = html.escape(result.render.get("visualization") or "chart")
            parts.append(f'<img class="huntbook-chart" alt="{alt}" '
                         f'src="data:image/png;base64,{png}"/>')
    shown = frame.head(max_rows)
    parts.append(shown.to_html(escape=True, index=False, na_rep="",
                               classes="huntbook-table", border=0))
    if len(frame) > max_rows:
        parts.append(f"<div>showing the first {max_rows} of {len(frame):,} rows</div>")
    return "\n".join(parts)
