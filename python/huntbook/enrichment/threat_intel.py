"""Threat-intelligence lookups of IoCs against the workspace's own indicator table.

The provider is a KQL query over `ThreatIntelligenceIndicator` (Microsoft Sentinel's
schema: NetworkIP, DomainName, Url, FileHashValue, EmailSenderAddress, ...), or over a
table with the newer `ObservableValue` column (ThreatIntelIndicators). The IoCs travel as
typed `dynamic` query parameters, never in the query text; the only names written into the
query are the table (checked to be an identifier) and column names from the fixed list
below that the table actually has.

Results are normalised, one row per IoC looked up (found or not):
    Ioc, IocType, QuerySubtype (the indicator column that matched), Provider, Result
    (True when an indicator matched), Severity ("high" / "warning" / "information"),
    Details (threat type, description, confidence), RawResult (the indicator row as a
    dict), Reference (IndicatorId), Status ("active", "expired", "inactive", or
    "not found").
Of several rows for one IndicatorId the latest (TimeGenerated) wins, as in Sentinel.
Severity is huntbook's mapping: ThreatSeverity >= 4, or ConfidenceScore (Confidence in the
newer table) >= 75 without a severity, is high; >= 2 (>= 50) a warning; else information.
Expired and inactive indicators are reported with their Status and Severity "information".
"""

import datetime as _dt
import re

import pandas as pd

from .iocs import IOC_TYPES, extract_iocs

__all__ = ["INDICATOR_COLUMNS", "lookup_iocs", "ioc_type_of"]

# IoC type -> indicator columns it is compared with (case-insensitively).
INDICATOR_COLUMNS = {
    "ipv4": ("NetworkIP", "NetworkSourceIP", "NetworkDestinationIP", "EmailSourceIpAddress"),
    "ipv6": ("NetworkIP", "NetworkSourceIP", "NetworkDestinationIP", "EmailSourceIpAddress"),
    "domain": ("DomainName", "EmailSourceDomain"),
    "url": ("Url",),
    "email": ("EmailSenderAddress", "EmailRecipient"),
    "md5": ("FileHashValue",),
    "sha1": ("FileHashValue",),
    "sha256": ("FileHashValue",),
    "windows_path": ("FilePath",),
    "linux_path": ("FilePath",),
}
_ANY_TYPE_COLUMNS = ("ObservableValue",)
_OUTPUT_COLUMNS = ["Ioc", "IocType", "QuerySubtype", "Provider", "Result", "Severity",
                   "Details", "RawResult", "Reference", "Status"]


def ioc_type_of(value):
    """The IoC type of a whole value (the first extract_iocs() match covering all of it;
    any scheme://... without spaces is a url), or None."""
    text = str(value).strip()
    if re.fullmatch(r"(?i)(?:https?|ftp)://\S+", text):
        return "url"
    for kind, observable in extract_iocs(value):
        if observable.lower() == str(value).strip().lower():
            return kind
    return None


def _ioc_and_type(pair):
    """(ioc, type) from an (ioc, type) pair or the (type, ioc) pairs extract_iocs() returns."""
    first, second = pair
    if first in IOC_TYPES and second not in IOC_TYPES:
        return second, first
    return first, second


def _normalised_input(iocs):
    """[(ioc, type)] from strings, (ioc, type) or (type, ioc) pairs (extract_iocs() gives
    the latter), or an extract_iocs_from_frame() frame."""
    if isinstance(iocs, pd.DataFrame):
        if not {"Observable", "IoCType"} <= set(iocs.columns):
            raise KeyError("an IoC DataFrame needs columns Observable and IoCType "
                           "(as extract_iocs_from_frame() returns)")
        pairs = list(zip(iocs["Observable"], iocs["IoCType"]))
    else:
        pairs = [_ioc_and_type(item) if isinstance(item, tuple) else (item, ioc_type_of(item))
                 for item in iocs]
    result, seen = [], set()
    for ioc, kind in pairs:
        if kind is not None and kind not in IOC_TYPES:
            raise ValueError(f"unknown IoC type {kind!r} for {ioc!r}; known: {list(IOC_TYPES)}")
        key = (str(ioc).lower(), kind)
        if key not in seen:
            seen.add(key)
            result.append((str(ioc), kind))
    return result


def _severity(row):
    severity = row.get("ThreatSeverity")
    if severity is not None and not pd.isna(severity):
        return "high" if severity >= 4 else "warning" if severity >= 2 else "information"
    confidence = row.get("ConfidenceScore", row.get("Confidence"))  # the newer table's name
    if confidence is not None and not pd.isna(confidence):
        return "high" if confidence >= 75 else "warning" if confidence >= 50 else "information"
    return "warning"


def _status(row, now):
    active = row.get("Active")
    if active is not None and not pd.isna(active) and not bool(active):
        return "inactive"
    expires = row.get("ExpirationDateTime")
    if expires is not None and not pd.isna(expires) and pd.Timestamp(expires) <= now:
        return "expired"
    return "active"


def _indicator_rows(connection, table, columns, values):
    available = set(connection.query(f"{table} | getschema")["ColumnName"])
    used = [column for column in columns if column in available]
    if not used:
        return pd.DataFrame(), []
    condition = " or ".join(f"{column} in~ (iocs)" for column in used)
    latest = (" | summarize arg_max(TimeGenerated, *) by IndicatorId"
              if {"IndicatorId", "TimeGenerated"} <= available else "")
    frame = connection.query(f"declare query_parameters(iocs:dynamic);\n{table}\n"
                             f"| where {condition}{latest}", params={"iocs": values})
    return frame, used


def lookup_iocs(connection, iocs, table="ThreatIntelligenceIndicator", now=None):
    """Looks up IoCs in the workspace's indicator table; returns the normalised DataFrame
    described in the module docstring, one row per (IoC, matching indicator), or one
    "not found" row for an IoC without one.

    iocs: strings (their type is inferred; an untyped string is compared with every
        column), (ioc, type) pairs, extract_iocs() output ((type, ioc) pairs), or a
        DataFrame from extract_iocs_from_frame().
    table: the indicator table; must be a KQL identifier (ValueError otherwise).
    now: the time expiry is judged against (default: the current UTC time).
    Raises KqlError when the query fails (e.g. the table does not exist).
    """
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", table or ""):
        raise ValueError(f"table {table!r} is not a KQL identifier")
    pairs = _normalised_input(iocs)
    if not pairs:
        return pd.DataFrame(columns=_OUTPUT_COLUMNS)
    now = pd.Timestamp(now or _dt.datetime.now(_dt.timezone.utc))
    if now.tzinfo is None:
        now = now.tz_localize("UTC")
    columns = sorted({c for columns in INDICATOR_COLUMNS.values() for c in columns}) + \
        list(_ANY_TYPE_COLUMNS)
    frame, used = _indicator_rows(connection, table, columns, [ioc for ioc, _ in pairs])
    provider = f"huntbook:{table}"
    rows = []
    records = frame.to_dict("records") if not frame.empty else []
    for ioc, kind in pairs:
        typed = INDICATOR_COLUMNS.get(kind, ()) if kind else tuple(used)
        candidates = [c for c in typed if c in used] + \
            [c for c in _ANY_TYPE_COLUMNS if c in used and c not in typed]
        matched = False
        for record in records:
            for column in candidates:
                value = record.get(column)
                if isinstance(value, str) and value.lower() == ioc.lower():
                    status = _status(record, now)
                    details = {key: record.get(key) for key in
                               ("ThreatType", "Description", "ConfidenceScore", "Tags")
                               if key in record}
                    rows.append((ioc, kind, column, provider, True,
                                 _severity(record) if status == "active" else "information",
                                 details, record, record.get("IndicatorId"), status))
                    matched = True
                    break
        if not matched:
            rows.append((ioc, kind, None, provider, False, "information", {}, None, None,
                         "not found"))
    return pd.DataFrame(rows, columns=_OUTPUT_COLUMNS)
