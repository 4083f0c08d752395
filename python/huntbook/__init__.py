"""huntbook: KQL threat hunting from Python and Jupyter.

    import huntbook
    ws = huntbook.connect("/var/lib/huntbook")          # in-process, no server
    ws = huntbook.connect("http://localhost:8080", workspace="default", token="...")
    df = ws.query("SecurityEvent | where Computer == host | take 10",
                  params={"host": "web01"})              # typed, never pasted

In IPython/Jupyter: `%load_ext huntbook`, then `%kql` / `%%kql` (see magics.py).
Analysis and enrichment of results: `huntbook.analysis` (timelines, process trees, entity
graphs, anomalies, clustering) and `huntbook.enrichment` (IoCs, base64, TI, GeoIP), loaded
on first use.
"""

from .connection import Connection
from .connection_string import ConnectionString, parse_connection_string
from .errors import HuntbookError, KqlError, TruncatedResultWarning
from .results import QueryResult
from .queries import LibraryError, QueryProvider

__all__ = ["connect", "Connection", "ConnectionString", "parse_connection_string",
           "HuntbookError", "KqlError", "TruncatedResultWarning", "QueryResult",
           "QueryProvider", "LibraryError", "load_ipython_extension", "analysis",
           "enrichment"]

__version__ = "0.1.0"


def connect(target=None, workspace=None, token=None, api_key=None, timeout=300):
    """Opens a connection.

    target:
        a data directory path or `huntbook://<path>`  -> in-process engine
        `http://host:port` (also https)              -> `huntbook serve` (Log Analytics API)
        `loganalytics://...`, `azuredataexplorer://...` connection strings (Kqlmagic forms)
        None                                          -> config.json next to the notebook
                                                         (see config.py), else $HUNTBOOK_CONNECTION
    workspace: the workspace (default "default"; ADX's `database`, LA's `workspace`).
    token / api_key: credentials for HTTP (Bearer token / x-api-key).
    """
    if target is None:
        from .config import find_connection_string
        target = find_connection_string()
        if target is None:
            raise HuntbookError("no target given, and no config.json or $HUNTBOOK_CONNECTION")
    spec = parse_connection_string(str(target)) if not isinstance(target, ConnectionString) \
        else target
    if workspace:
        spec.workspace = workspace
    if token:
        spec.token = token
    if api_key:
        spec.api_key = api_key
    if spec.kind == "local":
        from .local_client import LocalConnection
        return LocalConnection(spec.path, workspace=spec.workspace)
    from .http_client import HttpConnection
    return HttpConnection(spec.url, workspace=spec.workspace, token=spec.token,
                          api_key=spec.api_key, timeout=timeout)


def __getattr__(name):
    """`huntbook.analysis` / `huntbook.enrichment` import on first use (they pull in
    numpy-heavy code that a plain query does not need)."""
    if name in ("analysis", "enrichment"):
        import importlib
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'huntbook' has no attribute {name!r}")


def load_ipython_extension(ipython):
    """`%load_ext huntbook`: registers %kql / %%kql."""
    from .magics import load_ipython_extension as load
    load(ipython)
