"""The `timespan` argument of query(): Log Analytics' time range.

Accepted forms:
    datetime.timedelta               the last span up to now
    (start, end)                     two datetimes (naive = UTC)
    (start, timedelta)               from start for that long
    ISO 8601 text                    "PT1H", "P1D", "PT3600.0S", "start/end",
                                     "start/duration", "duration/end"
to_ticks() gives [start, end) ticks for the in-process engine; to_iso() the text the HTTP
API takes.
"""

import datetime as _dt
import re

from .parameters import datetime_ticks, format_datetime, format_timespan, timespan_ticks

__all__ = ["to_ticks", "to_iso", "parse_iso_duration"]

_DURATION = re.compile(
    r"^P(?:(?P<weeks>\d+(?:\.\d+)?)W)?(?:(?P<days>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<hours>\d+(?:\.\d+)?)H)?(?:(?P<minutes>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$")
_UNIT_TICKS = {"weeks": 7 * 864_000_000_000, "days": 864_000_000_000,
               "hours": 36_000_000_000, "minutes": 600_000_000, "seconds": 10_000_000}


def parse_iso_duration(text):
    """Ticks of an ISO 8601 duration such as PT1H or P1DT2H; ValueError otherwise."""
    match = _DURATION.match(text.strip().upper())
    if not match or text.strip().upper() in ("P", "PT") or text.strip().upper().endswith("T"):
        raise ValueError(f"'{text}' is not an ISO 8601 duration")
    ticks = 0
    for unit, amount in match.groupdict().items():
        if amount:
            ticks += round(float(amount) * _UNIT_TICKS[unit])
    return ticks


def _parse_instant(text):
    text = text.strip()
    if text.endswith("Z") or text.endswith("z"):
        text = text[:-1] + "+00:00"
    # fromisoformat takes at most 6 fraction digits; Kusto writes 7.
    text = re.sub(r"(\.\d{6})\d+", r"\1", text)
    try:
        return datetime_ticks(_dt.datetime.fromisoformat(text))
    except ValueError:
        raise ValueError(f"'{text}' is not an ISO 8601 datetime") from None


def _now_ticks():
    return datetime_ticks(_dt.datetime.now(_dt.timezone.utc))


def to_ticks(timespan, now_ticks=None):
    """[start, end) ticks, or None when timespan is None."""
    if timespan is None:
        return None
    now = _now_ticks() if now_ticks is None else now_ticks
    if isinstance(timespan, _dt.timedelta) or type(timespan).__name__ == "timedelta64":
        return (now - timespan_ticks(timespan), now)
    if isinstance(timespan, (tuple, list)):
        if len(timespan) != 2:
            raise ValueError("timespan is (start, end) or (start, duration)")
        start = datetime_ticks(timespan[0])
        second = timespan[1]
        if isinstance(second, _dt.timedelta) or type(second).__name__ == "timedelta64":
            return (start, start + timespan_ticks(second))
        return (start, datetime_ticks(second))
    if isinstance(timespan, str):
        parts = timespan.split("/")
        if len(parts) == 1:
            return (now - parse_iso_duration(parts[0]), now)
        if len(parts) != 2:
            raise ValueError(f"'{timespan}' is not an ISO 8601 interval")
        first, second = parts
        if first.strip().upper().startswith("P"):
            end = _parse_instant(second)
            return (end - parse_iso_duration(first), end)
        start = _parse_instant(first)
        if second.strip().upper().startswith("P"):
            return (start, start + parse_iso_duration(second))
        return (start, _parse_instant(second))
    raise TypeError(f"timespan: {type(timespan).__name__} is not a time range")


def to_iso(timespan):
    """ISO 8601 text of a timespan argument, or None."""
    if timespan is None:
        return None
    if isinstance(timespan, str):
        to_ticks(timespan)  # validates
        return timespan
    if isinstance(timespan, _dt.timedelta) or type(timespan).__name__ == "timedelta64":
        return f"PT{timespan_ticks(timespan) / 10_000_000}S"
    start, end = to_ticks(timespan)
    return f"{format_datetime(start)}/{format_datetime(end)}"


__all__ += ["format_timespan"]
