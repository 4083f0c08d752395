"""Entity graphs of alerts: SecurityAlert's `Entities` JSON as a networkx graph.

`Entities` is a JSON array of objects with a `Type` (host, account, ip, process, file,
filehash, url, dns, ...) and an `$id`. An object that appears again is written as
`{"$ref": "<id>"}`, and an entity refers to others through its properties (a process's
`Host`, `Account`, `ImageFile`, `ParentProcess`; an account's `Host`). parse_entities()
resolves the references; entity_graph() makes one node per alert and per distinct entity,
an edge alert -> entity for each entity the alert lists, and an edge entity -> entity
(labelled with the property name) for each reference. Entities of several alerts merge by
(type, label), so two alerts about the same host share its node. Unknown entity types are
kept: their label is their first string property.
"""

import json

import pandas as pd

__all__ = ["parse_entities", "entity_label", "entity_graph", "plot_entity_graph"]

# Type -> properties forming its label, in order of preference.
_LABEL_PROPERTIES = {
    "host": ("HostName", "NetBiosName", "FQDN", "AzureID"),
    "account": ("Name", "UPNSuffix", "AadUserId", "Sid"),
    "ip": ("Address",),
    "process": ("CommandLine", "ProcessId"),
    "file": ("Name", "Directory"),
    "filehash": ("Value",),
    "url": ("Url",),
    "dns": ("DomainName",),
    "mailbox": ("MailboxPrimaryAddress", "Upn"),
    "registry-key": ("Key",),
    "registry-value": ("Name", "Value"),
    "cloud-application": ("Name", "AppId"),
    "azure-resource": ("ResourceId",),
    "malware": ("Name",),
}


def _load(entities):
    if entities is None or (not isinstance(entities, (str, list, dict)) and pd.isna(entities)):
        return []
    if isinstance(entities, str):
        if not entities.strip():
            return []
        try:
            entities = json.loads(entities)
        except json.JSONDecodeError as error:
            raise ValueError(f"Entities is not JSON: {error.msg} at line {error.lineno}, "
                             f"column {error.colno}") from None
    return entities if isinstance(entities, list) else [entities]


def parse_entities(entities):
    """The entities of one alert, with references resolved.

    entities: the JSON text (or its parsed list). Returns a list of dicts: each holds the
    entity's own properties, `$id`, `Type` (lower-cased) and `References`: a list of
    (property name, $id of the referenced entity). Nested entities (an object with a
    Type inside another) are entities of their own. Bad JSON raises ValueError with the
    position; a `$ref` to an unknown id is kept as a reference to that id.
    """
    found, order, counter = {}, [], [0]

    def visit(value):
        """Registers entities inside `value`; returns the $id when value is an entity."""
        if isinstance(value, list):
            for item in value:
                visit(item)
            return None
        if not isinstance(value, dict):
            return None
        if set(value) == {"$ref"}:
            return str(value["$ref"])
        if "Type" not in value:
            for item in value.values():
                visit(item)
            return None
        ident = str(value.get("$id") or f"_{counter[0]}")
        counter[0] += 1
        entity = {"$id": ident, "Type": str(value["Type"]).lower(), "References": []}
        found[ident] = entity
        order.append(ident)
        for key, item in value.items():
            if key in ("$id", "Type"):
                continue
            children = item if isinstance(item, list) else [item]
            refs = [visit(child) for child in children if isinstance(child, (dict, list))]
            refs = [ref for ref in refs if ref is not None]
            if refs:
                entity["References"].extend((key, ref) for ref in refs)
            elif not isinstance(item, (dict, list)):
                entity[key] = item
        return ident

    top = [visit(item) for item in _load(entities)]
    entities_list = [found[ident] for ident in order]
    for entity in entities_list:
        entity["TopLevel"] = entity["$id"] in top
    return entities_list


def entity_label(entity):
    """A short text naming the entity (e.g. the host name, the IP address)."""
    kind = entity.get("Type", "")
    for prop in _LABEL_PROPERTIES.get(kind, ()):
        value = entity.get(prop)
        if value not in (None, ""):
            if kind == "account" and entity.get("NTDomain"):
                return f"{entity['NTDomain']}\\{value}"
            if kind == "file" and prop == "Name" and entity.get("Directory"):
                return f"{entity['Directory'].rstrip(chr(92) + '/')}\\{value}"
            return str(value)
    for key, value in entity.items():
        internal = key in ("$id", "Type", "References", "TopLevel")
        if not internal and isinstance(value, str) and value:
            return value
    return f"{kind} {entity.get('$id', '')}".strip()


def entity_graph(alerts, entities_column="Entities", name_column=None, id_column=None):
    """A networkx Graph of one or more alerts and their entities.

    alerts: a SecurityAlert DataFrame (or one row as a Series / dict).
    Nodes: ("alert", <id>) with attributes kind="alert", label (the alert name), time;
        (<type>, <label lower-cased>) with kind=<type>, label, properties (merged dicts).
    Edges: alert -- entity (relation="has entity"), entity -- entity (relation = the
        referencing property, e.g. "Host", "ImageFile").
    name_column / id_column default to AlertName (else DisplayName, AlertDisplayName) and
    SystemAlertId (else the row index). A missing Entities column raises KeyError.
    """
    import networkx as nx
    if isinstance(alerts, dict):
        alerts = pd.DataFrame([alerts])
    elif isinstance(alerts, pd.Series):
        alerts = alerts.to_frame().T
    if entities_column not in alerts.columns:
        raise KeyError(f"column {entities_column!r} not in the alerts "
                       f"(they have {list(alerts.columns)})")
    name_column = name_column or next((c for c in ("AlertName", "DisplayName", "AlertDisplayName")
                                       if c in alerts.columns), None)
    id_column = id_column or ("SystemAlertId" if "SystemAlertId" in alerts.columns else None)
    graph = nx.Graph()
    for index, alert in alerts.iterrows():
        alert_id = alert[id_column] if id_column else index
        alert_node = ("alert", str(alert_id))
        graph.add_node(alert_node, kind="alert",
                       label=str(alert[name_column]) if name_column else str(alert_id),
                       time=alert.get("TimeGenerated"))
        try:
            entities = parse_entities(alert[entities_column])
        except ValueError as error:
            raise ValueError(f"alert {alert_id}: {error}") from None
        node_of = {}
        for entity in entities:
            label = entity_label(entity)
            node = (entity["Type"], label.lower())
            node_of[entity["$id"]] = node
            if node not in graph:
                graph.add_node(node, kind=entity["Type"], label=label, properties={})
            graph.nodes[node]["properties"].update(
                {k: v for k, v in entity.items() if k not in ("References", "TopLevel")})
            if entity["TopLevel"]:
                graph.add_edge(alert_node, node, relation="has entity")
        for entity in entities:
            for relation, ref in entity["References"]:
                if ref in node_of and node_of[ref] != node_of[entity["$id"]]:
                    graph.add_edge(node_of[entity["$id"]], node_of[ref], relation=relation)
    return graph


_COLOURS = {"alert": "#d62728", "host": "#1f77b4", "account": "#2ca02c", "ip": "#ff7f0e",
            "process": "#9467bd", "file": "#8c564b", "filehash": "#e377c2", "url": "#17becf",
            "dns": "#bcbd22"}


def plot_entity_graph(graph, title="Alert entities", seed=7):
    """A plotly figure of an entity_graph() (spring layout with a fixed seed, so the same
    graph draws the same way): nodes coloured by kind, hover shows kind and label, edge
    midpoints show the relation."""
    import networkx as nx
    import plotly.graph_objects as go
    layout = nx.spring_layout(graph, seed=seed) if len(graph) else {}
    figure = go.Figure()
    edge_x, edge_y, mid_x, mid_y, mid_text = [], [], [], [], []
    for a, b, data in graph.edges(data=True):
        (x0, y0), (x1, y1) = layout[a], layout[b]
        edge_x += [x0, x1, None]
        edge_y += [y0, y1, None]
        mid_x.append((x0 + x1) / 2)
        mid_y.append((y0 + y1) / 2)
        mid_text.append(data.get("relation", ""))
    figure.add_trace(go.Scatter(x=edge_x, y=edge_y, mode="lines", hoverinfo="skip",
                                line={"color": "#aaa", "width": 1}, showlegend=False))
    figure.add_trace(go.Scatter(x=mid_x, y=mid_y, mode="markers", hovertext=mid_text,
                                hoverinfo="text", marker={"size": 2, "color": "#aaa"},
                                showlegend=False))
    kinds = sorted({data["kind"] for _, data in graph.nodes(data=True)})
    for kind in kinds:
        nodes = [n for n, data in graph.nodes(data=True) if data["kind"] == kind]
        labels = [graph.nodes[n]["label"] for n in nodes]
        figure.add_trace(go.Scatter(
            x=[layout[n][0] for n in nodes], y=[layout[n][1] for n in nodes],
            mode="markers+text", name=kind, text=[label[:40] for label in labels],
            textposition="top center", hovertext=[f"{kind}: {label}" for label in labels],
            hoverinfo="text", marker={"size": 16 if kind == "alert" else 12,
                                      "color": _COLOURS.get(kind, "#7f7f7f")}))
    figure.update_layout(title=title, xaxis={"visible": False}, yaxis={"visible": False})
    return figure
