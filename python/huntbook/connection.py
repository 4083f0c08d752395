"""The interface every huntbook connection offers (in-process or HTTP)."""

import os

__all__ = ["Connection", "split_parameters"]


def split_parameters(params):
    """(scalar parameters, tabular parameters) from a params dict: DataFrames are tables."""
    import pandas as pd
    scalars, tables = {}, {}
    for name, value in (params or {}).items():
        if not isinstance(name, str) or not name.isidentifier():
            raise ValueError(f"parameter name {name!r} is not a KQL identifier")
        (tables if isinstance(value, pd.DataFrame) else scalars)[name] = value
    return scalars, tables


class Connection:
    """A workspace to query. Subclasses: LocalConnection (a data directory, in-process) and
    HttpConnection (a `huntbook serve` URL)."""

    workspace = "default"

    def execute(self, kql, params=None, timespan=None, max_rows=0):
        """Runs a query; returns a QueryResult (DataFrame + metadata); raises KqlError.

        params: {name: value} for the query's `declare query_parameters(...)`; scalar values
            are typed (see parameters.py), DataFrames become tables usable by name for this
            query only. Nothing is pasted into the query text.
        timespan: restricts TimeGenerated (see timespan.py).
        max_rows: at most this many rows (0 = no limit); more sets result.truncated.
        """
        raise NotImplementedError

    def query(self, kql, params=None, timespan=None, max_rows=0):
        """Like execute(), returning the DataFrame (metadata in df.attrs['huntbook'])."""
        return self.execute(kql, params=params, timespan=timespan, max_rows=max_rows).dataframe

    def ingest(self, table, data, format="auto"):
        """Appends a DataFrame or a CSV/JSON/JSON Lines file to a table; returns the row
        count once the rows are durable."""
        raise NotImplementedError

    @property
    def queries(self):
        """The query library bound to this connection (a QueryProvider, made once)."""
        provider = self.__dict__.get("_query_provider")
        if provider is None:
            from .queries import QueryProvider
            provider = self.__dict__["_query_provider"] = QueryProvider(self)
        return provider

    # -- bookmarks (server connections only; see bookmarks.py) ---------------------------
    def create_bookmark(self, name, query, rows, notes="", labels=(), entities=None,
                        query_start=None, query_end=None, time_column="TimeGenerated"):
        """Bookmarks `rows` (a DataFrame: one bookmark per row; or one row) found by `query`.
        Entities, unless given as [{"Type", "Value"}], come from the row's entity-like
        columns. Returns the created bookmark objects (id, createdBy, created, ...).
        HuntbookError for an in-process connection; ValueError naming a bad field; KqlError
        for a refusal by the server."""
        from .bookmarks import BookmarkClient, bookmark_bodies
        client = BookmarkClient(self)
        return client.create(bookmark_bodies(name, query, rows, notes, labels, entities,
                                             query_start, query_end, time_column))

    def list_bookmarks(self):
        """The workspace's bookmarks (a list of bookmark objects)."""
        from .bookmarks import BookmarkClient
        return BookmarkClient(self).list()

    def get_bookmark(self, bookmark_id):
        from .bookmarks import BookmarkClient
        return BookmarkClient(self).get(bookmark_id)

    def update_bookmark(self, bookmark_id, **changes):
        """Changes fields (name, notes, labels, ...) of a bookmark; returns it."""
        from .bookmarks import BookmarkClient
        if not changes:
            raise ValueError("update_bookmark: no fields to change")
        return BookmarkClient(self).update(bookmark_id, changes)

    def delete_bookmark(self, bookmark_id):
        from .bookmarks import BookmarkClient
        BookmarkClient(self).delete(bookmark_id)

    def tables(self):
        """Names of the workspace's tables."""
        return list(self.execute(
            "union withsource=TableName * | distinct TableName").dataframe["TableName"])

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @staticmethod
    def _is_path(data):
        return isinstance(data, (str, os.PathLike))
