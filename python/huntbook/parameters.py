"""Python values as typed KQL query parameters.

A value becomes a (kind, payload) pair: kind is the KQL type it maps to, the payload a plain
Python value the engine reads without guessing (ticks for datetime and timespan, JSON text
for dynamic). Values are never pasted into query text.

    bool -> bool            int -> long              float -> real
    str -> string           uuid.UUID -> guid        decimal.Decimal -> decimal
    datetime, date, pandas.Timestamp, numpy.datetime64 -> datetime (naive = UTC)
    timedelta, pandas.Timedelta, numpy.timedelta64 -> timespan
    list, tuple, set, dict, pandas.Series, numpy arrays -> dynamic
    None -> null (the declared type's null)
A pandas DataFrame is a tabular parameter instead (see frames.py).
"""

import datetime as _dt
import decimal
import json
import math
import numbers
import uuid

__all__ = ["UNIX_EPOCH_TICKS", "to_kql_parameter", "datetime_ticks", "timespan_ticks",
           "to_json_text", "kql_literal", "format_timespan"]

UNIX_EPOCH_TICKS = 621355968000000000
_TICKS_PER_SECOND = 10_000_000
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)


def _pandas():
    try:
        import pandas
        return pandas
    except ImportError:  # pragma: no cover - pandas is a dependency of query results
        return None


def datetime_ticks(value):
    """100-ns ticks since 0001-01-01 UTC of a datetime-like value (naive = UTC)."""
    pd = _pandas()
    if pd is not None and isinstance(value, pd.Timestamp):
        if value is pd.NaT:
            raise ValueError("NaT is not a datetime")
        if value.tzinfo is not None:
            value = value.tz_convert("UTC")
        return UNIX_EPOCH_TICKS + value.value // 100
    if type(value).__name__ == "datetime64":
        import numpy
        return UNIX_EPOCH_TICKS + int(value.astype("datetime64[ns]").astype(numpy.int64)) // 100
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=_dt.timezone.utc)
        delta = value - _EPOCH
    elif isinstance(value, _dt.date):
        delta = _dt.datetime(value.year, value.month, value.day, tzinfo=_dt.timezone.utc) - _EPOCH
    else:
        raise TypeError(f"{type(value).__name__} is not a datetime")
    return UNIX_EPOCH_TICKS + timespan_ticks(delta)


def timespan_ticks(value):
    """100-ns ticks of a timedelta-like value."""
    pd = _pandas()
    if pd is not None and isinstance(value, pd.Timedelta):
        return value.value // 100
    if type(value).__name__ == "timedelta64":
        import numpy
        return int(value.astype("timedelta64[ns]").astype(numpy.int64)) // 100
    if isinstance(value, _dt.timedelta):
        micros = (value.days * 86400 + value.seconds) * 1_000_000 + value.microseconds
        return micros * 10
    raise TypeError(f"{type(value).__name__} is not a timedelta")


def format_datetime(ticks):
    """Kusto's text form of datetime ticks: 2024-01-01T00:00:00.1234567Z."""
    seconds, fraction = divmod(ticks - UNIX_EPOCH_TICKS, _TICKS_PER_SECOND)
    base = (_EPOCH + _dt.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S")
    return base + (f".{fraction:07d}".rstrip("0") if fraction else "") + "Z"


def format_timespan(ticks):
    """Kusto's text form of timespan ticks: [-][d.]hh:mm:ss[.fffffff]."""
    sign = "-" if ticks < 0 else ""
    ticks = abs(ticks)
    seconds, fraction = divmod(ticks, _TICKS_PER_SECOND)
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    text = f"{sign}{str(days) + '.' if days else ''}{hours:02d}:{minutes:02d}:{seconds:02d}"
    return text + (f".{fraction:07d}" if fraction else "")


def _json_default(value):
    if isinstance(value, (_dt.datetime, _dt.date)) or type(value).__name__ == "datetime64":
        return format_datetime(datetime_ticks(value))
    if isinstance(value, _dt.timedelta) or type(value).__name__ == "timedelta64":
        return format_timespan(timespan_ticks(value))
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if hasattr(value, "tolist"):  # numpy arrays and scalars, pandas Series
        return value.tolist()
    if hasattr(value, "to_dict"):
        return value.to_dict()
    raise TypeError(f"{type(value).__name__} cannot be put in a dynamic value")


def to_json_text(value):
    """JSON text of a dynamic value (datetimes and timespans as Kusto text, NaN as null)."""
    def clean(item):
        if isinstance(item, float) and not math.isfinite(item):
            return None
        if isinstance(item, dict):
            return {str(k): clean(v) for k, v in item.items()}
        if isinstance(item, (list, tuple, set, frozenset)):
            return [clean(v) for v in item]
        if hasattr(item, "tolist") and not isinstance(item, (str, bytes)):
            return clean(item.tolist())
        return item
    return json.dumps(clean(value), default=_json_default, ensure_ascii=False,
                      separators=(",", ":"))


def to_kql_parameter(name, value):
    """(kind, payload) for a Python value; TypeError naming the parameter otherwise."""
    pd = _pandas()
    if value is None:
        return ("null", None)
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return ("bool", bool(value))
    if pd is not None and value is pd.NaT:
        return ("null", None)
    if isinstance(value, (_dt.datetime, _dt.date)) or type(value).__name__ == "datetime64":
        return ("datetime", datetime_ticks(value))
    if isinstance(value, _dt.timedelta) or type(value).__name__ == "timedelta64":
        return ("timespan", timespan_ticks(value))
    if isinstance(value, numbers.Integral):
        return ("long", int(value))
    if isinstance(value, decimal.Decimal):
        return ("decimal", float(value))
    if isinstance(value, numbers.Real):
        return ("real", float(value))
    if isinstance(value, str):
        return ("string", value)
    if isinstance(value, uuid.UUID):
        return ("guid", str(value))
    if pd is not None and isinstance(value, pd.DataFrame):
        raise TypeError(f"parameter '{name}': a DataFrame is a table, pass it in tables")
    if isinstance(value, (list, tuple, set, frozenset, dict)) or hasattr(value, "tolist"):
        return ("dynamic", to_json_text(value))
    raise TypeError(f"parameter '{name}': {type(value).__name__} has no KQL type")


def kql_literal(kind, payload):
    """KQL literal text of a (kind, payload) pair, as ADX's request Parameters carry it."""
    if payload is None:
        return f"{'dynamic' if kind == 'null' else kind}(null)"
    if kind == "bool":
        return "true" if payload else "false"
    if kind in ("long", "int"):
        return f"{kind}({payload})"
    if kind in ("real", "decimal"):
        if math.isnan(payload):
            return f"{kind}(nan)"
        if math.isinf(payload):
            return f"{kind}({'-' if payload < 0 else '+'}inf)"
        return f"{kind}({payload!r})"
    if kind == "string":
        return json.dumps(payload)
    if kind == "guid":
        return f"guid({payload})"
    if kind == "datetime":
        return f"datetime({format_datetime(payload)})"
    if kind == "timespan":
        return f"time({format_timespan(payload)})"
    if kind == "dynamic":
        return f"dynamic({payload})"
    raise ValueError(f"unknown kind {kind}")
