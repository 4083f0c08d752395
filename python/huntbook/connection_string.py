"""Connection strings, in the forms Kqlmagic users know, resolved to huntbook targets.

    /path/to/data, ./data, ~/data              a data directory (in-process)
    huntbook://<path>[;workspace='ws']         the same, explicitly
    http://host:port[/v1/workspaces/<ws>]      `huntbook serve` (Log Analytics query API)
    loganalytics://anonymous;workspace='ws';datasourceurl='http://host:port'
    azuredataexplorer://anonymous;cluster='http://host:port';database='ws'
        (also kusto://, adx://; a database is a huntbook workspace)
Authentication keys: `anonymous`, `token='…'` (Bearer), `appkey='…'` (x-api-key). Azure AD
flows (username, clientid, tenant, code, ...) are not supported: huntbook has no Azure AD.

Values in '…' or "…" are literals. As in Kqlmagic, an unquoted value names a Python
variable: parse_connection_string(text, resolve=...) calls resolve(name) for it (the
magics look the name up in the user namespace); without resolve it is taken literally.
"""

import dataclasses
import os
import re
from urllib.parse import urlsplit, unquote

from .errors import HuntbookError

__all__ = ["ConnectionString", "parse_connection_string", "looks_like_connection_string"]

_SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://", re.ASCII)
_LOG_ANALYTICS = {"loganalytics", "la"}
_DATA_EXPLORER = {"azuredataexplorer", "kusto", "adx", "azure-data-explorer"}
_UNSUPPORTED_AUTH = {"username", "password", "clientid", "clientsecret", "certificate",
                     "certificate_thumbprint", "tenant", "code", "msi", "azcli", "vscode",
                     "interactive"}


@dataclasses.dataclass
class ConnectionString:
    kind: str                # "local" or "http"
    text: str = ""           # as written
    path: str = ""           # local: the data directory
    url: str = ""            # http: base URL of the server
    workspace: str = "default"
    token: str = None
    api_key: str = None
    alias: str = None        # a short name to refer to the connection in magics


def looks_like_connection_string(text):
    """True for text that starts with a known scheme (used by %kql to split its line)."""
    match = _SCHEME.match(text.strip())
    if not match:
        return False
    scheme = match.group("scheme").lower()
    return scheme in _LOG_ANALYTICS | _DATA_EXPLORER | {"huntbook", "http", "https"}


def _split_pairs(body):
    """[(key, value, quoted)] of "anonymous;key='v';k2=v2" (';' inside quotes is kept)."""
    pairs = []
    for match in re.finditer(r"""\s*([^;=\s]+)\s*(?:=\s*('(?:[^']*)'|"(?:[^"]*)"|[^;]*))?\s*(?:;|$)""",
                             body):
        key, value = match.group(1), match.group(2)
        if key is None:
            continue
        if value is None:
            pairs.append((key.lower(), None, False))
        elif len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            pairs.append((key.lower(), value[1:-1], True))
        else:
            pairs.append((key.lower(), value.strip(), False))
    return pairs


def _values(body, resolve, allowed):
    values = {}
    for key, value, quoted in _split_pairs(body):
        if key in _UNSUPPORTED_AUTH:
            raise HuntbookError(f"not supported: '{key}' authentication (huntbook takes "
                                "anonymous, token='…' or appkey='…')")
        if key not in allowed:
            raise HuntbookError(f"unknown connection string key '{key}'")
        if value is not None and not quoted and resolve is not None:
            value = resolve(value)
        values[key] = True if value is None else value
    return values


def _check_url(url, what):
    parts = urlsplit(str(url))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise HuntbookError(f"{what} must be an http:// or https:// URL, got '{url}'")
    return str(url).rstrip("/")


def parse_connection_string(text, resolve=None):
    """ConnectionString for a target string; HuntbookError saying what is wrong."""
    raw = text.strip()
    match = _SCHEME.match(raw)
    if not match:
        if not raw:
            raise HuntbookError("empty connection string")
        return ConnectionString(kind="local", text=text, path=os.path.expanduser(raw))
    scheme = match.group("scheme").lower()
    body = raw[match.end():]
    if scheme == "huntbook":
        path, _, rest = body.partition(";")
        values = _values(rest, resolve, {"workspace", "alias", "path"})
        path = values.get("path", path)
        if not path:
            raise HuntbookError("huntbook:// needs a data directory path")
        return ConnectionString(kind="local", text=text, path=os.path.expanduser(unquote(path)),
                                workspace=values.get("workspace", "default"),
                                alias=values.get("alias"))
    if scheme in ("http", "https"):
        parts = urlsplit(raw)
        workspace = "default"
        found = re.search(r"/v1/workspaces/([^/]+)", parts.path)
        if found:
            workspace = unquote(found.group(1))
        return ConnectionString(kind="http", text=text, url=f"{parts.scheme}://{parts.netloc}",
                                workspace=workspace)
    common = {"anonymous", "token", "appkey", "alias"}
    if scheme in _LOG_ANALYTICS:
        values = _values(body, resolve, common | {"workspace", "datasourceurl"})
        if "datasourceurl" not in values:
            raise HuntbookError("loganalytics:// needs datasourceurl='http://host:port' (the "
                                "huntbook server)")
        url = _check_url(values["datasourceurl"], "datasourceurl")
        workspace = values.get("workspace", "default")
    elif scheme in _DATA_EXPLORER:
        values = _values(body, resolve, common | {"cluster", "database"})
        if "cluster" not in values:
            raise HuntbookError(f"{scheme}:// needs cluster='http://host:port'")
        url = _check_url(values["cluster"], "cluster")
        workspace = values.get("database", "default")
    else:
        raise HuntbookError(f"unknown connection string scheme '{scheme}://'")
    token = values.get("token")
    api_key = values.get("appkey")
    if not (values.get("anonymous") or token or api_key):
        raise HuntbookError("the connection string needs anonymous, token='…' or appkey='…'")
    return ConnectionString(kind="http", text=text, url=url, workspace=str(workspace),
                            token=token, api_key=api_key, alias=values.get("alias"))
