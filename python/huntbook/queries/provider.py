"""QueryProvider: the query library bound to a connection.

    qp = huntbook.QueryProvider(conn)          # or conn.queries
    qp.list_queries()                          # ['Alerts.alert_counts', ...]
    qp.WindowsSecurity.list_host_processes(host="WS-FIN-07", start="-2d")
    help(qp.WindowsSecurity.list_host_processes)
    qp.WindowsSecurity.list_host_processes.query_text   # the KQL with its declaration

Relative datetimes ("now", "-7d", "now-2h") are resolved against `now` (default: the current
UTC time; pass the sample workspace's end to hunt in generated data).
"""

import datetime as _dt

from .library_file import LibraryError, load_library_files

__all__ = ["QueryProvider", "QueryFamily", "LibraryQuery"]


class LibraryQuery:
    """A callable library query: call it with keyword arguments to run it."""

    def __init__(self, provider, definition):
        self._provider = provider
        self.definition = definition
        self.__name__ = definition.name
        self.__qualname__ = definition.full_name
        self.__doc__ = definition.help_text()

    @property
    def query_text(self):
        return self.definition.declaration() + self.definition.text

    def parameters(self, **arguments):
        """The typed values a call with these arguments binds (defaults filled in)."""
        return self.definition.bind(arguments, self._provider.now())

    def __call__(self, **arguments):
        """Runs the query; returns a pandas DataFrame. LibraryError for bad arguments,
        KqlError from the engine."""
        values = self.parameters(**arguments)
        connection = self._provider.connection
        if connection is None:
            raise LibraryError(f"{self.definition.full_name}: the provider has no connection")
        return connection.query(self.query_text, params=values)

    def __repr__(self):
        return f"<query {self.definition.full_name}({', '.join(self.definition.parameters)})>"


class QueryFamily:
    """The queries of one data family, as attributes."""

    def __init__(self, provider, name, metadata, definitions):
        self.name = name
        self.metadata = metadata
        self._queries = {d.name: LibraryQuery(provider, d) for d in definitions}
        self.__doc__ = f"{name}: {metadata.get('description', '')}"

    def __getattr__(self, name):
        queries = self.__dict__.get("_queries", {})
        if name in queries:
            return queries[name]
        raise AttributeError(f"{self.__dict__.get('name')} has no query '{name}'; "
                             f"it has {sorted(queries)}")

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self._queries))

    def __iter__(self):
        return iter(self._queries.values())

    def list_queries(self):
        return sorted(self._queries)

    def __repr__(self):
        return f"<query family {self.name}: {len(self._queries)} queries>"


class QueryProvider:
    """The library (shipped YAML files plus `directories`) bound to `connection`."""

    def __init__(self, connection=None, directories=None, now=None):
        self.connection = connection
        self._now = now
        self._families = {name: QueryFamily(self, name, metadata, definitions)
                          for name, (metadata, definitions)
                          in load_library_files(directories).items()}

    def now(self):
        """The time relative datetimes are resolved against."""
        if self._now is not None:
            return self._now if self._now.tzinfo else self._now.replace(
                tzinfo=_dt.timezone.utc)
        return _dt.datetime.now(_dt.timezone.utc)

    def __getattr__(self, name):
        families = self.__dict__.get("_families", {})
        if name in families:
            return families[name]
        raise AttributeError(f"no query family '{name}'; families: {sorted(families)}")

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self._families))

    @property
    def families(self):
        return sorted(self._families)

    def queries(self):
        """Every LibraryQuery, by family then name."""
        return [query for name in self.families for query in
                sorted(self._families[name], key=lambda q: q.definition.name)]

    def list_queries(self, family=None):
        """'Family.name' of every query (of one family when given)."""
        return [q.definition.full_name for q in self.queries()
                if family is None or q.definition.family == family]

    def query_help(self, name):
        """The documentation of 'Family.name'."""
        family, _, query = name.partition(".")
        return getattr(getattr(self, family), query).definition.help_text()

    def help(self, name=None):
        """Prints the documentation of one query, or a one-line summary of each."""
        if name:
            print(self.query_help(name))
            return
        for query in self.queries():
            definition = query.definition
            print(f"{definition.full_name}({', '.join(definition.parameters)}): "
                  f"{definition.description}")

    def __repr__(self):
        return f"<QueryProvider: {len(self.queries())} queries in {len(self.families)} families>"
