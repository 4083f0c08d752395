"""Hunting bookmarks from a notebook: one bookmark per result row, through the server's API.

    conn = huntbook.connect()                     # a `huntbook serve` connection
    df = conn.query("SigninLogs | where ResultType == '0' | take 3")
    made = conn.create_bookmark("Spray success", query=text, rows=df.head(1),
                                notes="Right after the spray", labels=["spray"])
    conn.list_bookmarks(); conn.update_bookmark(made[0]["id"], notes="..."); conn.delete_bookmark(id)

Bookmarks live in the server's catalog (`POST/GET /v1/workspaces/{ws}/bookmarks`,
`GET/PATCH/DELETE /v1/workspaces/{ws}/bookmarks/{id}`); every change is also a row of the
workspace's `HuntingBookmark` table, which is what queries read. An in-process connection
(a data directory) has no catalog, so these calls raise HuntbookError there.

A bookmark's body: name, notes, labels[], query, queryStartTime, queryEndTime, eventTime
(ISO 8601), queryResultRow (the row as JSON, datetimes in ISO 8601, plus `__entityMapping`
{value: entity type}) and entities [{"Type": ..., "Value": ...}]. Entities, unless given,
come from the row's entity-like columns (ENTITY_COLUMNS).
"""

import datetime as _dt
import math

from .errors import HuntbookError

__all__ = ["ENTITY_COLUMNS", "row_to_json", "entities_of_row", "bookmark_bodies",
           "BookmarkClient"]

# Column name (lower case) -> entity type, as Sentinel's entity mapping names them.
ENTITY_COLUMNS = {
    **dict.fromkeys(["account", "targetusername", "subjectusername", "userprincipalname",
                     "accountname", "caller", "userid", "user", "username", "acct"], "Account"),
    **dict.fromkeys(["computer", "host", "hostname", "devicename", "compromisedentity"],
                    "Host"),
    **dict.fromkeys(["ipaddress", "clientip", "calleripaddress",
                     "sourceip", "destinationip", "remoteip", "srcipaddr", "dstipaddr",
                     "clientipaddress", "sourceipaddress", "destinationipaddress"], "Ip"),
    **dict.fromkeys(["url", "requesturl"], "Url"),
    **dict.fromkeys(["domainname", "domain", "fqdn"], "Dns"),
    **dict.fromkeys(["filehash", "sha256", "sha1", "md5", "filehashvalue"], "FileHash"),
    **dict.fromkeys(["processname", "newprocessname", "image"], "Process"),
}


def _json_value(value):
    """A JSON-ready value: datetimes as ISO 8601 (UTC, Z), timespans as Kusto text, missing
    values as null, numpy scalars as Python ones; dynamic values (dict/list) as they are."""
    import numpy as np
    import pandas as pd
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, (dict, list, tuple)):
        return [_json_value(v) for v in value] if not isinstance(value, dict) else {
            str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, (pd.Timestamp, _dt.datetime)):
        stamp = pd.Timestamp(value)
        stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
        return stamp.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    if isinstance(value, (pd.Timedelta, _dt.timedelta, np.timedelta64)):
        total = pd.Timedelta(value)
        sign, total = ("-", -total) if total < pd.Timedelta(0) else ("", total)
        days, rest = divmod(int(total.value // 100), 864_000_000_000)
        seconds, ticks = divmod(rest, 10_000_000)
        hours, seconds = divmod(seconds, 3600)
        minutes, seconds = divmod(seconds, 60)
        text = f"{sign}{days}.{hours:02}:{minutes:02}:{seconds:02}" if days else \
            f"{sign}{hours:02}:{minutes:02}:{seconds:02}"
        return text + (f".{ticks:07}" if ticks else "")
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def row_to_json(row):
    """{column: JSON value} of one result row (a pandas Series or a dict)."""
    items = row.items() if hasattr(row, "items") else dict(row).items()
    return {str(column): _json_value(value) for column, value in items}


def entities_of_row(row_json):
    """[{"Type": type, "Value": text}] of the row's entity-like columns (ENTITY_COLUMNS),
    without empty values or repeats, in column order."""
    entities, seen = [], set()
    for column, value in row_json.items():
        kind = ENTITY_COLUMNS.get(column.lower())
        if kind is None or value in (None, "") or isinstance(value, (dict, list, bool)):
            continue
        text = str(value)
        if (kind, text) not in seen:
            seen.add((kind, text))
            entities.append({"Type": kind, "Value": text})
    return entities


def _rows_of(rows):
    """The rows as a list of JSON dicts: a DataFrame, a Series (one row), a dict or a list
    of dicts/Series. ValueError for anything else or for no rows."""
    import pandas as pd
    if isinstance(rows, pd.DataFrame):
        result = [row_to_json(row) for _, row in rows.iterrows()]
    elif isinstance(rows, (pd.Series, dict)):
        result = [row_to_json(rows)]
    elif isinstance(rows, (list, tuple)):
        result = [row_to_json(row) for row in rows]
    else:
        raise ValueError(f"rows: expected a DataFrame, a row or a list of rows, "
                         f"not {type(rows).__name__}")
    if not result:
        raise ValueError("rows: no rows to bookmark")
    return result


def _iso(value, field):
    if value is None:
        return None
    try:
        return _json_value(_parse_time(value))
    except (TypeError, ValueError):
        raise ValueError(f"{field}: {value!r} is not a datetime") from None


def _parse_time(value):
    import pandas as pd
    stamp = pd.Timestamp(value)
    if stamp is pd.NaT:
        raise ValueError("missing")
    return stamp


def _event_time(row_json, time_column):
    value = row_json.get(time_column)
    return value if isinstance(value, str) and value else None


def bookmark_bodies(name, query, rows, notes="", labels=(), entities=None,
                    query_start=None, query_end=None, time_column="TimeGenerated"):
    """The request bodies create_bookmark() posts: one per row. A bookmark of several rows
    is named "<name> (i/n)". ValueError naming the field for bad input."""
    if not isinstance(name, str) or not name.strip():
        raise ValueError("name: a bookmark needs a non-empty name")
    if not isinstance(query, str):
        raise ValueError("query: expected the KQL text of the query the rows came from")
    if isinstance(labels, str):
        labels = [labels]
    labels = list(labels or [])
    if not all(isinstance(label, str) for label in labels):
        raise ValueError("labels: expected a list of strings")
    if entities is not None and not (isinstance(entities, list) and all(
            isinstance(e, dict) and e.get("Type") and e.get("Value") for e in entities)):
        raise ValueError('entities: expected a list of {"Type": ..., "Value": ...}')
    row_list = _rows_of(rows)
    start, end = _iso(query_start, "query_start"), _iso(query_end, "query_end")
    bodies = []
    for index, row_json in enumerate(row_list):
        row_entities = list(entities) if entities is not None else entities_of_row(row_json)
        result_row = dict(row_json)
        result_row["__entityMapping"] = {e["Value"]: e["Type"] for e in row_entities}
        body = {
            "name": name if len(row_list) == 1 else f"{name} ({index + 1}/{len(row_list)})",
            "notes": notes or "", "labels": labels, "query": query,
            "queryResultRow": result_row, "entities": row_entities,
        }
        event_time = _event_time(row_json, time_column)
        for key, value in (("eventTime", event_time), ("queryStartTime", start),
                           ("queryEndTime", end)):
            if value is not None:
                body[key] = value
        bodies.append(body)
    return bodies


class BookmarkClient:
    """Bookmark calls over a connection's HTTP transport. `connection` must offer
    `_request(method, path, body)` -> (status, parsed JSON) and `workspace` (HttpConnection
    does); anything else gets HuntbookError naming why."""

    def __init__(self, connection):
        if not hasattr(connection, "_request") or not getattr(connection, "url", None):
            raise HuntbookError(
                f"bookmarks need a server connection: {type(connection).__name__} is "
                "in-process, and bookmarks live in the server's catalog (connect to "
                "`huntbook serve`, e.g. huntbook.connect('http://127.0.0.1:8080'))")
        self._connection = connection

    def _path(self, bookmark_id=None):
        import urllib.parse
        path = f"/v1/workspaces/{urllib.parse.quote(self._connection.workspace, safe='')}" \
               "/bookmarks"
        if bookmark_id is not None:
            if not isinstance(bookmark_id, str) or not bookmark_id:
                raise ValueError("bookmark_id: expected the id a bookmark was created with")
            path += "/" + urllib.parse.quote(bookmark_id, safe="")
        return path

    def create(self, bodies):
        return [self._connection._request("POST", self._path(), body)[1] for body in bodies]

    def list(self):
        _, reply = self._connection._request("GET", self._path())
        return list(reply.get("value", [])) if isinstance(reply, dict) else []

    def get(self, bookmark_id):
        return self._connection._request("GET", self._path(bookmark_id))[1]

    def update(self, bookmark_id, changes):
        return self._connection._request("PATCH", self._path(bookmark_id), changes)[1]

    def delete(self, bookmark_id):
        self._connection._request("DELETE", self._path(bookmark_id))

