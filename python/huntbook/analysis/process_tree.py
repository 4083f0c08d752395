"""Process trees from process-creation events: Windows Security 4688 and Sysmon event 1.

build_process_tree() maps each event onto one schema, finds each process's parent, and
returns the processes in tree order with their root, depth and path from the root.

Column mappings (the first column present is used):
    4688   time TimeGenerated; pid NewProcessId; parent pid ProcessId; name NewProcessName;
           parent name ParentProcessName; CommandLine; host Computer; user
           SubjectUserName; logon id TargetLogonId unless empty or 0x0, else SubjectLogonId.
    Sysmon time UtcTime, else TimeGenerated; ProcessGuid / ParentProcessGuid; pid
           ProcessId; parent pid ParentProcessId; name Image; parent name ParentImage;
           CommandLine; host Computer; User; LogonId.
A frame is Sysmon when it has an Image or ProcessGuid column, else 4688. With an EventID
column, only 4688 (resp. 1) rows are used. Process ids may be integers, decimal strings or
hex strings ("0x1a2c"); a missing or unreadable pid is an error naming the row.

Parent rule: a Sysmon event whose ParentProcessGuid is the ProcessGuid of another event
has that parent. Otherwise the parent is the most recent process created at or before the
child on the same host (case-insensitive) with the child's parent pid, and, when both
names are known, the same image path (case-insensitive), so a reused pid does not link to
an unrelated process. A parent that is not in the data is synthesised once per (host,
parent pid, parent name), with Synthetic=True and no time: it is a root.
"""

import bisect
import html

import numpy as np
import pandas as pd

__all__ = ["build_process_tree", "process_tree_text", "process_tree_html",
           "process_tree_graph", "plot_process_tree"]

_COLUMNS = ["ProcessKey", "ParentKey", "Host", "Pid", "ParentPid", "ProcessName", "ParentName",
            "CommandLine", "TimeGenerated", "LogonId", "User", "Source", "Synthetic",
            "IsRoot", "Depth", "NodeType", "ChildCount", "TreeId", "Path", "PathKeys"]


def _parse_id(value, what, row):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValueError(f"row {row!r}: {what} {value!r} is not a process id")
    text = str(value).strip()
    if not text:
        return None
    try:
        return int(text, 16) if text.lower().startswith("0x") else int(text)
    except ValueError:
        raise ValueError(f"row {row!r}: {what} {value!r} is not a process id "
                         "(decimal or 0x-hex)") from None


def _column(frame, *names):
    for name in names:
        if name in frame.columns:
            return frame[name]
    return pd.Series([None] * len(frame), index=frame.index, dtype=object)


def _text(value):
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _guid(value):
    return _text(value).strip("{}").lower()


def _normalise(events):
    """The events as one DataFrame of the common schema (one row per process)."""
    sysmon = "Image" in events.columns or "ProcessGuid" in events.columns
    if "EventID" in events.columns:
        event_id = 1 if sysmon else 4688
        events = events[pd.to_numeric(events["EventID"], errors="coerce") == event_id]
    required = ("ProcessId", "Image") if sysmon else ("NewProcessId", "ProcessId", "NewProcessName")
    missing = [name for name in required if name not in events.columns]
    if missing:
        raise KeyError(f"{'Sysmon 1' if sysmon else '4688'} events lack column(s) {missing}")
    if sysmon:
        pid, ppid = events["ProcessId"], _column(events, "ParentProcessId")
        name, parent_name = events["Image"], _column(events, "ParentImage")
        time = _column(events, "UtcTime", "TimeGenerated")
        user, logon = _column(events, "User"), _column(events, "LogonId")
        guid, parent_guid = _column(events, "ProcessGuid"), _column(events, "ParentProcessGuid")
    else:
        pid, ppid = events["NewProcessId"], events["ProcessId"]
        name, parent_name = events["NewProcessName"], _column(events, "ParentProcessName")
        time = _column(events, "TimeGenerated")
        user = _column(events, "SubjectUserName")
        target = _column(events, "TargetLogonId")
        subject = _column(events, "SubjectLogonId")
        logon = pd.Series([t if _text(t) not in ("", "0x0", "0") else s
                           for t, s in zip(target, subject)], index=events.index, dtype=object)
        guid = parent_guid = pd.Series([None] * len(events), index=events.index, dtype=object)
    frame = pd.DataFrame({
        "Host": [_text(h) for h in _column(events, "Computer", "DeviceName")],
        "Pid": [_parse_id(v, "process id", i) for i, v in pid.items()],
        "ParentPid": [_parse_id(v, "parent process id", i) for i, v in ppid.items()],
        "ProcessName": [_text(v) for v in name],
        "ParentName": [_text(v) for v in parent_name],
        "CommandLine": [_text(v) for v in _column(events, "CommandLine")],
        "TimeGenerated": pd.to_datetime(time.reset_index(drop=True), utc=True, errors="coerce"),
        "LogonId": [_text(v) for v in logon],
        "User": [_text(v) for v in user],
        "Guid": [_guid(v) for v in guid],
        "ParentGuid": [_guid(v) for v in parent_guid],
        "Source": "sysmon" if sysmon else "4688",
    })
    bad = [i for i, p in zip(events.index, frame["Pid"]) if p is None]
    if bad:
        raise ValueError(f"row(s) {bad[:5]!r}: the process id is missing")
    frame["Synthetic"] = False
    return frame


def _process_key(row, used):
    if row.Guid:
        key = row.Guid
    else:
        stamp = row.TimeGenerated.isoformat() if not pd.isna(row.TimeGenerated) else "?"
        key = f"{row.Host}|{row.Pid:#x}|{stamp}"
    unique, n = key, 1
    while unique in used:
        n += 1
        unique = f"{key}#{n}"
    used.add(unique)
    return unique


def _find_parents(frame):
    """ParentKey per row (None for a root), adding synthesised parents to the frame."""
    used = set()
    frame["ProcessKey"] = [_process_key(row, used) for row in frame.itertuples()]
    by_guid = {g: k for g, k in zip(frame["Guid"], frame["ProcessKey"]) if g}
    never = pd.Timestamp.max.tz_localize("UTC")
    index = {}
    order = frame["TimeGenerated"].fillna(pd.Timestamp.min.tz_localize("UTC"))
    for position, row in enumerate(frame.itertuples()):
        index.setdefault((row.Host.lower(), row.Pid), []).append((order.iloc[position], position))
    for entries in index.values():
        entries.sort()
    parents, synthetic = [], {}
    for position, row in enumerate(frame.itertuples()):
        parent = by_guid.get(row.ParentGuid) if row.ParentGuid else None
        if parent is None and row.ParentPid is not None:
            entries = index.get((row.Host.lower(), row.ParentPid), [])
            when = row.TimeGenerated if not pd.isna(row.TimeGenerated) else never
            stop = bisect.bisect_right(entries, (when, len(frame)))
            for _, candidate in reversed(entries[:stop]):
                if candidate == position:
                    continue
                name = frame.at[candidate, "ProcessName"].lower()
                if row.ParentName and name and name != row.ParentName.lower():
                    continue
                parent = frame.at[candidate, "ProcessKey"]
                break
        if parent is None and row.ParentPid is not None:
            ident = (row.Host.lower(), row.ParentPid, row.ParentName.lower())
            if ident not in synthetic:
                synthetic[ident] = {
                    "ProcessKey": f"{row.Host}|{row.ParentPid:#x}|{row.ParentName or '?'}|missing",
                    "Host": row.Host, "Pid": row.ParentPid, "ParentPid": None,
                    "ProcessName": row.ParentName, "ParentName": "", "CommandLine": "",
                    "TimeGenerated": pd.NaT, "LogonId": "", "User": "", "Guid": row.ParentGuid,
                    "ParentGuid": "", "Source": row.Source, "Synthetic": True}
            parent = synthetic[ident]["ProcessKey"]
        parents.append(parent)
    frame["ParentKey"] = parents
    if synthetic:
        extra = pd.DataFrame(list(synthetic.values()))
        extra["ParentKey"] = None
        extra["TimeGenerated"] = pd.to_datetime(extra["TimeGenerated"], utc=True)
        frame = pd.concat([frame, extra], ignore_index=True)
    return frame


def _walk(frame):
    """Rows in depth-first tree order, with depth, tree id and path."""
    children = {}
    keys = set(frame["ProcessKey"])
    for position, parent in enumerate(frame["ParentKey"]):
        if parent is not None and parent in keys:
            children.setdefault(parent, []).append(position)
    stamp = frame["TimeGenerated"].fillna(pd.Timestamp.min.tz_localize("UTC"))
    for positions in children.values():
        positions.sort(key=lambda p: (stamp.iloc[p], p))
    roots = [p for p, parent in enumerate(frame["ParentKey"])
             if parent is None or parent not in keys]
    roots.sort(key=lambda p: (frame.at[p, "Host"], stamp.iloc[p], p))
    order, depth, tree, path_names, path_keys = [], {}, {}, {}, {}
    seen = set()
    for root in roots:
        stack = [(root, 0, [], [])]
        while stack:
            position, level, names, route = stack.pop()
            if position in seen:
                continue
            seen.add(position)
            key = frame.at[position, "ProcessKey"]
            names = names + [frame.at[position, "ProcessName"] or "?"]
            route = route + [key]
            order.append(position)
            depth[position], tree[position] = level, frame.at[root, "ProcessKey"]
            path_names[position], path_keys[position] = " > ".join(names), route
            for child in reversed(children.get(key, [])):
                stack.append((child, level + 1, names, route))
    result = frame.iloc[order].copy()
    result["Depth"] = [depth[p] for p in order]
    result["TreeId"] = [tree[p] for p in order]
    result["Path"] = [path_names[p] for p in order]
    result["PathKeys"] = [path_keys[p] for p in order]
    result["ChildCount"] = [len(children.get(frame.at[p, "ProcessKey"], [])) for p in order]
    result["IsRoot"] = result["Depth"] == 0
    result["NodeType"] = np.where(result["IsRoot"], "root",
                                  np.where(result["ChildCount"] > 0, "branch", "leaf"))
    return result.reset_index(drop=True)


def build_process_tree(events):
    """The process tree of 4688 or Sysmon 1 events (a DataFrame, or a list of DataFrames of
    either kind).

    Returns a DataFrame in depth-first order (roots by host then time, children by time)
    with columns ProcessKey, ParentKey (None for roots), Host, Pid, ParentPid,
    ProcessName, ParentName, CommandLine, TimeGenerated (UTC), LogonId, User, Source
    ("4688" / "sysmon"), Synthetic, IsRoot, Depth (0 at roots), NodeType (root / branch /
    leaf), ChildCount, TreeId (the root's key), Path (names from the root, " > "), PathKeys.
    Raises KeyError for a missing required column, ValueError for a bad process id.
    """
    frames = events if isinstance(events, (list, tuple)) else [events]
    normalised = [_normalise(frame) for frame in frames]
    frame = pd.concat(normalised, ignore_index=True) if normalised else pd.DataFrame()
    if frame.empty:
        return pd.DataFrame(columns=_COLUMNS)
    return _walk(_find_parents(frame))[_COLUMNS]


def _basename(path):
    return path.replace("\\", "/").rsplit("/", 1)[-1] if path else "?"


def _label(row, width):
    stamp = row.TimeGenerated.strftime("%Y-%m-%d %H:%M:%S") if not pd.isna(row.TimeGenerated) \
        else "(not in data)"
    command = row.CommandLine if len(row.CommandLine) <= width else row.CommandLine[:width] + "…"
    return f"{_basename(row.ProcessName)} [{row.Pid:#x}] {stamp} {command}".rstrip()


def process_tree_text(tree, width=80):
    """A plain-text rendering: one line per process, indented by depth, with hosts as
    headings. Command lines are cut to `width` characters."""
    lines, host = [], None
    for row in tree.itertuples():
        if row.Host != host:
            host = row.Host
            lines.append(f"{host or '(no host)'}")
        prefix = "  " * row.Depth + ("└─ " if row.Depth else "")
        lines.append("  " + prefix + _label(row, width))
    return "\n".join(lines)


def process_tree_html(tree, width=120):
    """An HTML rendering (nested lists, everything escaped); the full command line is in
    each item's title."""
    parts, depth_stack = ['<div class="huntbook-process-tree">'], []
    for row in tree.itertuples():
        while depth_stack and depth_stack[-1] >= row.Depth:
            parts.append("</li></ul>")
            depth_stack.pop()
        parts.append(f'<ul><li title="{html.escape(row.CommandLine)}">'
                     f"<code>{html.escape(_label(row, width))}</code>")
        depth_stack.append(row.Depth)
    parts.extend("</li></ul>" for _ in depth_stack)
    parts.append("</div>")
    return "".join(parts)


def process_tree_graph(tree):
    """A networkx DiGraph: nodes are ProcessKeys (attributes: name, pid, host, time,
    command line, depth), edges parent -> child."""
    import networkx as nx
    graph = nx.DiGraph()
    for row in tree.itertuples():
        graph.add_node(row.ProcessKey, name=row.ProcessName, pid=row.Pid, host=row.Host,
                       time=row.TimeGenerated, command_line=row.CommandLine, depth=row.Depth)
    for row in tree.itertuples():
        if row.ParentKey is not None and row.ParentKey in graph:
            graph.add_edge(row.ParentKey, row.ProcessKey)
    return graph


def plot_process_tree(tree, title="Process tree"):
    """A plotly figure: x is the depth, y the depth-first order, edges join parent and
    child; hovering a node shows its name, pid, time, host and command line."""
    import plotly.graph_objects as go
    position = {key: (depth, -i) for i, (key, depth) in
                enumerate(zip(tree["ProcessKey"], tree["Depth"]))}
    edge_x, edge_y = [], []
    for key, parent in zip(tree["ProcessKey"], tree["ParentKey"]):
        if parent in position:
            (x0, y0), (x1, y1) = position[parent], position[key]
            edge_x += [x0, x0, x1, None]
            edge_y += [y0, y1, y1, None]
    hover = [html.escape(f"{name} [{pid:#x}]") + "<br>" + html.escape(str(time)) + "<br>" +
             html.escape(host) + "<br>" + html.escape(command[:300])
             for name, pid, time, host, command in
             zip(tree["ProcessName"], tree["Pid"], tree["TimeGenerated"], tree["Host"],
                 tree["CommandLine"])]
    figure = go.Figure()
    figure.add_trace(go.Scatter(x=edge_x, y=edge_y, mode="lines", hoverinfo="skip",
                                line={"color": "#999", "width": 1}, name="parent → child"))
    figure.add_trace(go.Scatter(
        x=[position[k][0] for k in tree["ProcessKey"]],
        y=[position[k][1] for k in tree["ProcessKey"]],
        mode="markers+text", text=[_basename(n) for n in tree["ProcessName"]],
        textposition="middle right", hovertext=hover, hoverinfo="text",
        marker={"size": 10, "color": ["#d62728" if s else "#1f77b4" for s in tree["Synthetic"]]},
        name="process"))
    figure.update_layout(title=title, showlegend=False,
                         xaxis={"title": "depth", "dtick": 1},
                         yaxis={"showticklabels": False}, height=max(300, 22 * len(tree)))
    return figure
