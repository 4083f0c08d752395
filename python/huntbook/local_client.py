"""LocalConnection: the engine in this process, over a data directory (no server)."""

import os
import threading
import time
import weakref

from .connection import Connection, split_parameters
from .errors import KqlError
from .frames import dataframe_columns
from .native_loader import load_native
from .parameters import to_kql_parameter
from .results import QueryResult, frame_from_native_columns
from .timespan import to_ticks

__all__ = ["LocalConnection"]


def _check(reply):
    if "error" in reply:
        raise KqlError.from_native(reply["error"])
    return reply


# One engine per data directory in this process: connections to the same directory (e.g.
# the magics' and a notebook's own) share it, so one store writes each directory.
_engines = weakref.WeakValueDictionary()
_engines_lock = threading.Lock()


def _open_engine(path):
    with _engines_lock:
        engine = _engines.get(path)
        if engine is None:
            engine = _check(load_native().open_engine(path))["engine"]
            _engines[path] = engine
        return engine


class LocalConnection(Connection):
    """Opens (creating if needed) a huntbook data directory in-process. The engine closes
    (flushing the store) when the last connection to its directory is closed."""

    def __init__(self, path, workspace="default"):
        self.path = os.path.realpath(os.path.expanduser(str(path)))
        self.workspace = workspace or "default"
        self._engine = _open_engine(self.path)

    def __repr__(self):
        return f"LocalConnection({self.path!r}, workspace={self.workspace!r})"

    def execute(self, kql, params=None, timespan=None, max_rows=0, now=None):
        """See Connection.execute. `now` (a datetime) pins now() for the query."""
        scalars, tables = split_parameters(params)
        typed = []
        for name, value in scalars.items():
            try:
                kind, payload = to_kql_parameter(name, value)
            except (TypeError, ValueError) as error:
                raise KqlError("InvalidArgument", str(error)) from None
            typed.append((name, kind, payload))
        try:
            table_columns = [(name, dataframe_columns(frame)) for name, frame in tables.items()]
            time_range = to_ticks(timespan)
        except (TypeError, ValueError) as error:
            raise KqlError("InvalidArgument", str(error)) from None
        now_ticks = None
        if now is not None:
            from .parameters import datetime_ticks
            now_ticks = datetime_ticks(now)
        start = time.perf_counter()
        reply = _check(self._live_engine.query(kql, self.workspace, typed, table_columns,
                                          time_range, int(max_rows), now_ticks))
        frame = frame_from_native_columns(reply["columns"])
        total = time.perf_counter() - start
        statistics = {
            "rows": reply["rows"],
            "query_seconds": reply["query_seconds"],
            "convert_seconds": total - reply["query_seconds"],
        }
        types = [(c["name"], c["type"]) for c in reply["columns"]]
        return QueryResult(frame, kql, types, reply["truncated"], reply["render"], statistics)

    def ingest(self, table, data, format="auto"):
        if self._is_path(data):
            reply = self._live_engine.ingest_file(self.workspace, table, os.fspath(data), format)
        else:
            try:
                columns = dataframe_columns(data)
            except (TypeError, ValueError) as error:
                raise KqlError("InvalidArgument", str(error)) from None
            reply = self._live_engine.append(self.workspace, table, columns)
        return _check(reply)["rows"]

    def tables(self):
        return sorted(self._live_engine.list_tables(self.workspace))

    def schema(self, table):
        """[(column, KQL type)] of a stored table."""
        reply = self._live_engine.schema(self.workspace, table)
        if isinstance(reply, dict):
            _check(reply)
        return list(reply)

    def close(self):
        self._engine = None

    @property
    def _live_engine(self):
        if self._engine is None:
            raise KqlError("InvalidArgument", "the connection is closed")
        return self._engine
