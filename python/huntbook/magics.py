"""%kql and %%kql for IPython / Jupyter.

    %load_ext huntbook
    %kql huntbook:///var/lib/huntbook                 connect (also loganalytics://...,
                                                      azuredataexplorer://..., http://...)
    %kql SecurityEvent | take 5                       line query
    %%kql                                             cell query; the first line may hold
    logons << SecurityEvent | where EventID == 4624   options, a connection string and
                                                      `name <<` (assign the DataFrame)
Options (before the query): -quiet/-q (no display), -ad (return the DataFrame), -timespan V
(ISO 8601 text or a variable), -params_dict VAR (explicit parameters), -max_rows N,
-query VAR (query text from a variable), --connections (list them), --config (settings).

Parameters: names in the query's `declare query_parameters(...)` are taken from the user
namespace and passed typed (never pasted into the text); DataFrames named in the query are
passed as tables for that query. The last result is `_kql_raw_result_` (a QueryResult).
At load, config.json next to the notebook (see config.py) connects without code.
"""

import re

from IPython.core.magic import Magics, line_cell_magic, magics_class

from .connection_string import looks_like_connection_string, parse_connection_string
from .errors import HuntbookError, KqlError
from .query_text import declared_parameters, identifiers

__all__ = ["KqlMagics", "load_ipython_extension", "split_magic_line"]

_OPTIONS_WITH_VALUE = {"timespan", "params_dict", "max_rows", "query", "conn"}
_FLAGS = {"quiet", "q", "ad", "as_dataframe", "connections", "config"}
_ASSIGN = re.compile(r"^\s*([A-Za-z_][A-Za-z_0-9]*)\s*<<")


def _take_token(text):
    """(token, rest): the first whitespace-delimited token, quotes kept together."""
    text = text.lstrip()
    i, quote = 0, None
    while i < len(text):
        char = text[i]
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char.isspace():
            break
        i += 1
    return text[:i], text[i:]


def split_magic_line(line, cell=None):
    """(options, connection string or None, assign-to name or None, query text)."""
    options, text = {}, line
    while True:
        token, rest = _take_token(text)
        if not token.startswith("-") or token.startswith("--") and len(token) == 2:
            break
        name = token.lstrip("-")
        if name in _OPTIONS_WITH_VALUE:
            value, rest = _take_token(rest)
            if not value:
                raise HuntbookError(f"option -{name} needs a value")
            options[name] = value
        elif name in _FLAGS:
            options[name] = True
        else:
            break  # not an option: a query may start with '-'? (it cannot), stop here
        text = rest
    connection = None
    token, rest = _take_token(text)
    if token and looks_like_connection_string(token):
        connection, text = token, rest
    match = _ASSIGN.match(text)
    target = None
    if match:
        target, text = match.group(1), text[match.end():]
    query = text.strip()
    if cell is not None:
        if not match and cell:
            first_assign = _ASSIGN.match(cell)
            if first_assign and not query:
                target, cell = first_assign.group(1), cell[first_assign.end():]
        query = (query + "\n" + cell).strip() if query else cell.strip()
    return options, connection, target, query


@magics_class
class KqlMagics(Magics):
    def __init__(self, shell):
        super().__init__(shell)
        self.connections = {}   # connection string text -> Connection
        self.current = None

    # -- connections ---------------------------------------------------------------------
    def _resolve(self, name):
        namespace = self.shell.user_ns
        if name in namespace:
            return namespace[name]
        raise HuntbookError(f"connection string value '{name}' is unquoted and no Python "
                            "variable has that name (quote literals)")

    def connect(self, text_or_spec):
        from . import connect
        spec = text_or_spec
        if isinstance(text_or_spec, str):
            spec = parse_connection_string(text_or_spec, resolve=self._resolve)
        key = spec.text or repr(spec)
        if key not in self.connections:
            self.connections[key] = connect(spec)
        self.current = self.connections[key]
        if spec.alias:
            self.connections[spec.alias] = self.current
        return self.current

    def connect_from_config(self):
        from .config import find_connection_string
        target = find_connection_string()
        if target is not None:
            return self.connect(target)
        return None

    # -- parameters ----------------------------------------------------------------------
    def _parameters(self, query, options):
        import pandas as pd
        namespace = self.shell.user_ns
        params = {}
        for name in declared_parameters(query):
            if name in namespace:
                params[name] = namespace[name]
        for name in identifiers(query):
            value = namespace.get(name)
            if not name.startswith("_") and isinstance(value, pd.DataFrame):
                params.setdefault(name, value)
        if "params_dict" in options:
            explicit = self._value(options["params_dict"])
            if not isinstance(explicit, dict):
                raise HuntbookError("-params_dict names a variable that is not a dict")
            params.update(explicit)
        return params

    def _value(self, token):
        if len(token) >= 2 and token[0] == token[-1] and token[0] in "'\"":
            return token[1:-1]
        return self._resolve(token)

    # -- the magic -----------------------------------------------------------------------
    @line_cell_magic
    def kql(self, line, cell=None):
        options, connection_text, target, query = split_magic_line(line, cell)
        if options.get("connections"):
            return sorted(self.connections)
        if options.get("config"):
            from .config import find_config
            return find_config()
        if "conn" in options:
            connection_text = self._value(options["conn"])
        if connection_text:
            connection = self.connections.get(connection_text) or self.connect(connection_text)
            self.current = connection
            if not query and "query" not in options:
                print(f"huntbook: connected to {connection!r}")
                return None
        if "query" in options:
            query = self._value(options["query"])
        if not query:
            raise HuntbookError("%kql: no query")
        if self.current is None and self.connect_from_config() is None:
            raise HuntbookError("%kql: not connected; run %kql huntbook://<data dir> or "
                                "%kql loganalytics://anonymous;workspace='…';datasourceurl='…'")
        timespan = options.get("timespan")
        if timespan is not None and not re.match(r"^[Pp0-9]", timespan):
            timespan = self._value(timespan)
        try:
            result = self.current.execute(query, params=self._parameters(query, options),
                                          timespan=timespan,
                                          max_rows=int(options.get("max_rows", 0)))
        except KqlError as error:
            error.query = query
            raise
        self.shell.user_ns["_kql_raw_result_"] = result
        if target:
            self.shell.user_ns[target] = result.dataframe
        if options.get("quiet") or options.get("q"):
            return None
        if options.get("ad") or options.get("as_dataframe"):
            return result.dataframe
        return result


def load_ipython_extension(ipython):
    magics = KqlMagics(ipython)
    ipython.register_magics(magics)
    try:
        magics.connect_from_config()
    except HuntbookError as error:
        print(f"huntbook: config.json: {error}")
    except KqlError as error:
        print(f"huntbook: could not connect from config.json: {error}")
    ipython.user_ns.setdefault("_kql_magics_", magics)
