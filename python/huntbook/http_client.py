"""HttpConnection: a client of `huntbook serve` (stdlib urllib only).

Queries without parameters go to the Log Analytics query API,
POST /v1/workspaces/{ws}/query {"query", "timespan"} with `Prefer: include-render=true,
include-statistics=true` (PROTOCOLS.md §2). Queries with scalar parameters go to ADX's
POST /v1/rest/query {"db", "csl", "properties": {"Parameters": {...}}} (§3.1), since the
Log Analytics API has no parameters; values travel as typed literals, never inside the
query text. Tabular parameters need the in-process engine (ingest the DataFrame instead).
"""

import json
import urllib.error
import urllib.parse
import urllib.request
import uuid

from .connection import Connection, split_parameters
from .errors import KqlError
from .parameters import kql_literal, to_kql_parameter
from .results import QueryResult
from .timespan import to_iso
from .wire_format import frame_from_json_table

__all__ = ["HttpConnection", "error_from_body"]

_TRUNCATION_CODES = {"E_QUERY_RESULT_SET_TOO_LARGE", "LimitsExceeded"}


def _find_position(error):
    """(line, column) anywhere in an error tree (details, innererror), else (0, 0)."""
    stack = [error]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            line = node.get("line")
            if isinstance(line, int) and line > 0:
                return line, int(node.get("column") or node.get("pos") or 0)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return 0, 0


def error_from_body(body, status=None):
    """KqlError from a Log Analytics / ADX error body ({"error": {...}})."""
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return KqlError("HttpError", f"HTTP {status}: {str(body)[:500]}")
    code, message = error.get("code"), error.get("message")
    inner = error.get("innererror")
    while isinstance(inner, dict):  # the innermost code is the most specific
        code = inner.get("code") or code
        message = inner.get("message") or message
        inner = inner.get("innererror")
    details = [d for d in error.get("details") or [] if isinstance(d, dict) and d.get("code")]
    if not isinstance(error.get("innererror"), dict) and details:
        code, message = details[0]["code"], details[0].get("message") or message
    line, column = _find_position(error)
    return KqlError(code, message, line, column)


def _contains_code(error, codes):
    text = json.dumps(error)
    return any(code in text for code in codes)


class HttpConnection(Connection):
    def __init__(self, url, workspace="default", token=None, api_key=None, timeout=300):
        self.url = url.rstrip("/")
        self.workspace = workspace or "default"
        self.token = token
        self.api_key = api_key
        self.timeout = timeout

    def __repr__(self):
        return f"HttpConnection({self.url!r}, workspace={self.workspace!r})"

    def _request(self, method, path, body=None, headers=None, content_type="application/json"):
        data = None
        if body is not None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Accept", "application/json")
        request.add_header("x-ms-client-request-id", f"huntbook.python;{uuid.uuid4()}")
        if data is not None:
            request.add_header("Content-Type", content_type)
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        if self.api_key:
            request.add_header("x-api-key", self.api_key)
        for key, value in (headers or {}).items():
            request.add_header(key, value)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read()
                return response.status, (json.loads(raw) if raw else {})
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                parsed = json.loads(raw)
            except ValueError:
                parsed = raw.decode("utf-8", "replace")
            raise error_from_body(parsed, error.code) from None
        except urllib.error.URLError as error:
            raise KqlError("ConnectionError", f"{self.url}: {error.reason}") from None

    def execute(self, kql, params=None, timespan=None, max_rows=0):
        scalars, tables = split_parameters(params)
        if tables:
            raise KqlError("NotSupported", "not supported: tabular parameters over HTTP "
                           f"({', '.join(tables)}); ingest the DataFrame into a table instead")
        try:
            iso = to_iso(timespan)
            typed = {name: to_kql_parameter(name, value) for name, value in scalars.items()}
        except (TypeError, ValueError) as error:
            raise KqlError("InvalidArgument", str(error)) from None
        if typed:
            return self._execute_data_explorer(kql, typed, max_rows)
        body = {"query": kql}
        if iso:
            body["timespan"] = iso
        prefer = "include-render=true, include-statistics=true"
        workspace = urllib.parse.quote(self.workspace, safe="")
        _, reply = self._request("POST", f"/v1/workspaces/{workspace}/query", body,
                                 {"Prefer": prefer})
        return self._result_from_log_analytics(kql, reply, max_rows)

    def _result_from_log_analytics(self, kql, reply, max_rows):
        tables = reply.get("tables") or reply.get("Tables")
        if not tables:
            raise error_from_body(reply) if "error" in reply else KqlError(
                "HttpError", "the response has no tables")
        primary = tables[0]
        rows = primary.get("rows", [])
        truncated = False
        if "error" in reply:  # a partial failure: rows came back, but not all of them
            if not _contains_code(reply["error"], _TRUNCATION_CODES):
                raise error_from_body(reply)
            truncated = True
        if max_rows and len(rows) > max_rows:
            rows, truncated = rows[:max_rows], True
        frame, types = frame_from_json_table(primary.get("columns", []), rows)
        render = None
        if reply.get("render"):
            source = dict(reply["render"])
            visualization = source.pop("visualization", None)
            properties = {k: str(v) for k, v in source.items() if v not in (None, "")}
            render = {"visualization": visualization, "properties": properties}
        statistics = {"rows": len(frame), "server": reply.get("statistics")}
        return QueryResult(frame, kql, types, truncated, render, statistics)

    def _execute_data_explorer(self, kql, typed, max_rows):
        # ADX request Parameters: strings and longs as JSON values, others as literal text.
        parameters = {}
        for name, (kind, payload) in typed.items():
            parameters[name] = payload if kind in ("string", "long") and payload is not None \
                else kql_literal(kind, payload)
        properties = {"Options": {}, "Parameters": parameters}
        body = {"db": self.workspace, "csl": kql, "properties": json.dumps(properties)}
        _, reply = self._request("POST", "/v1/rest/query", body)
        tables = reply.get("Tables") or []
        if reply.get("Exceptions"):
            raise KqlError("QueryError", "; ".join(map(str, reply["Exceptions"])))
        if not tables:
            raise error_from_body(reply)
        primary, render = tables[0], None
        for table in tables[1:]:
            if table.get("TableName") == "@ExtendedProperties":
                for row in table.get("Rows", []):
                    value = json.loads(row[-1]) if isinstance(row[-1], str) else row[-1]
                    if isinstance(value, dict) and "Visualization" in value:
                        render = {"visualization": value.get("Visualization"),
                                  "properties": {k[0].lower() + k[1:]: str(v)
                                                 for k, v in value.items()
                                                 if k != "Visualization" and v not in (None, "")}}
        rows = primary.get("Rows", [])
        truncated = bool(max_rows and len(rows) > max_rows)
        frame, types = frame_from_json_table(primary.get("Columns", []),
                                             rows[:max_rows] if truncated else rows)
        return QueryResult(frame, kql, types, truncated, render, {"rows": len(frame)})

    def ingest(self, table, data, format="auto"):
        """Posts rows to /v1/workspaces/{ws}/tables/{table}/ingest (JSON array for a
        DataFrame, the file's bytes for a path)."""
        workspace = urllib.parse.quote(self.workspace, safe="")
        path = f"/v1/workspaces/{workspace}/tables/{urllib.parse.quote(table, safe='')}/ingest"
        if self._is_path(data):
            with open(data, "rb") as handle:
                payload = handle.read()
            content_type = "text/csv" if str(data).endswith(".csv") else "application/json"
            self._request("POST", path, payload, content_type=content_type)
            return None
        records = json.loads(data.to_json(orient="records", date_format="iso"))
        self._request("POST", path, records)
        return len(records)

    def tables(self):
        workspace = urllib.parse.quote(self.workspace, safe="")
        _, reply = self._request("GET", f"/v1/workspaces/{workspace}/metadata")
        return sorted(t["name"] for t in reply.get("tables", []))
