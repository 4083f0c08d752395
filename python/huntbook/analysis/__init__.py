"""Analysis and visualisation of hunting results (pandas DataFrames from
`huntbook.connect(...).query(...)`): event timelines, process trees from 4688 / Sysmon 1
events, alert entity graphs, time-series anomalies and command-line clustering.

Plotting libraries (plotly, matplotlib, networkx, scikit-learn) are imported when a
function needs them, so importing this package stays cheap."""

from .anomalies import (count_anomalies, detect_period, plot_anomalies,
                        series_anomalies, series_decompose_anomalies)
from .clustering import cluster_command_lines, normalise_command_line
from .entity_graph import entity_graph, entity_label, parse_entities, plot_entity_graph
from .process_tree import (build_process_tree, plot_process_tree, process_tree_graph,
                           process_tree_html, process_tree_text)
from .timeline import timeline, timeline_series, timeline_static

__all__ = ["count_anomalies", "detect_period", "plot_anomalies", "series_anomalies",
           "series_decompose_anomalies", "cluster_command_lines", "normalise_command_line",
           "entity_graph", "entity_label", "parse_entities", "plot_entity_graph",
           "build_process_tree", "plot_process_tree", "process_tree_graph",
           "process_tree_html", "process_tree_text", "timeline", "timeline_series",
           "timeline_static"]
