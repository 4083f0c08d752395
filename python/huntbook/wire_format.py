"""Result tables in JSON (Log Analytics and ADX v1 shapes) as typed DataFrames.

Cells arrive as JSON values: datetimes as ISO text, timespans as [-][d.]hh:mm:ss[.fffffff],
reals possibly as "NaN"/"Infinity"/"-Infinity", guid and decimal as text, dynamic as JSON
text (or, from some servers, native JSON). Each column is converted in one pass to the
same dtypes as the in-process engine gives (see results.py).
"""

import json
import math
import re

import numpy as np
import pandas as pd

from .results import series_from_values

__all__ = ["frame_from_json_table", "parse_timespan_ticks"]

_TIMESPAN = re.compile(r"^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$")
_NAT = np.iinfo(np.int64).min
_SPECIAL_REALS = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}
# Log Analytics / ADX type names (ColumnType, or lower-cased DataType) -> KQL names.
_TYPE_ALIASES = {"boolean": "bool", "sbyte": "bool", "int32": "int", "int64": "long",
                 "double": "real", "datetime": "datetime", "timespan": "timespan",
                 "sqldecimal": "decimal", "object": "dynamic", "guid": "guid",
                 "string": "string", "date": "datetime", "time": "timespan", "float": "real"}


def kql_type_name(name):
    name = (name or "string").lower().replace("system.", "")
    return _TYPE_ALIASES.get(name, name)


def parse_timespan_ticks(text):
    """Ticks of Kusto's timespan text; None for null or text that is not a timespan."""
    if text is None:
        return None
    match = _TIMESPAN.match(str(text).strip())
    if not match:
        return None
    sign, days, hours, minutes, seconds, fraction = match.groups()
    ticks = ((int(days or 0) * 24 + int(hours)) * 60 + int(minutes)) * 60 + int(seconds)
    ticks = ticks * 10_000_000 + int((fraction or "").ljust(7, "0"))
    return -ticks if sign else ticks


def _real(value):
    if value is None:
        return math.nan
    if isinstance(value, str):
        return _SPECIAL_REALS.get(value, float(value) if value else math.nan)
    return float(value)


def _dynamic(value):
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _series(kind, cells):
    rows = len(cells)
    if kind in ("bool", "int", "long"):
        mask = np.fromiter((c is None for c in cells), dtype=bool, count=rows)
        dtype = {"bool": bool, "int": np.int32, "long": np.int64}[kind]
        values = np.fromiter((0 if c is None else int(c) for c in cells), dtype=np.int64,
                             count=rows).astype(dtype)
        return series_from_values(kind, values, mask)
    if kind in ("real", "decimal"):
        return np.fromiter((_real(c) for c in cells), dtype=np.float64, count=rows)
    if kind == "datetime":
        parsed = pd.to_datetime(pd.Series(cells, dtype=object), utc=True, errors="coerce")
        return parsed.array
    if kind == "timespan":
        ticks = (parse_timespan_ticks(c) for c in cells)
        nanos = np.fromiter((_NAT if t is None else t * 100 for t in ticks), dtype=np.int64,
                            count=rows)
        return series_from_values("timespan", nanos)
    if kind == "dynamic":
        values = np.empty(rows, dtype=object)
        for i, c in enumerate(cells):
            values[i] = _dynamic(c)
        return values
    values = np.empty(rows, dtype=object)
    for i, c in enumerate(cells):
        values[i] = "" if c is None else str(c)
    return values


def frame_from_json_table(columns, rows):
    """(DataFrame, [(name, KQL type)]) from column descriptors and row lists.

    columns: [{"name"/"ColumnName", "type"/"ColumnType"/"DataType"}].
    """
    names, kinds = [], []
    for column in columns:
        names.append(column.get("name", column.get("ColumnName")))
        kinds.append(kql_type_name(column.get("type") or column.get("ColumnType")
                                   or column.get("DataType")))
    by_column = list(zip(*rows)) if rows else [() for _ in names]
    data = {name: _series(kind, list(cells))
            for name, kind, cells in zip(names, kinds, by_column)}
    frame = pd.DataFrame(data, columns=names, copy=False)
    return frame, list(zip(names, kinds))
