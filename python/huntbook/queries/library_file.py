"""The query library's YAML files: reading, validating, and the typed parameters.

A file (huntbook/queries/library/*.yaml) holds one data family:

    metadata:  {family: WindowsSecurity, version: 1, description: ..., tables: [...]}
    defaults:
      parameters: {start: {type: datetime, default: -7d, description: ...}, ...}
    queries:
      list_host_processes:
        description: ...
        parameters: {host: {type: string, description: ...}}   # no default = required
        example: {host: WS-FIN-07}                             # optional, for docs and tests
        query: |
          SecurityEvent | where TimeGenerated between (start .. end) and Computer =~ host

A query sees the family's default parameters it names in its text plus its own. Values are
bound as typed `declare query_parameters(...)`, never pasted into the text. Errors are
LibraryError naming the file and the field.
"""

import datetime as _dt
import os
import re

__all__ = ["LibraryError", "Parameter", "QueryDefinition", "load_library_files",
           "PARAMETER_TYPES", "LIBRARY_DIR"]

LIBRARY_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "library")
PARAMETER_TYPES = ("string", "long", "real", "bool", "datetime", "timespan", "dynamic")
_TIMESPAN = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(d|h|m|s|ms)\s*$")
_UNITS = {"d": 86400.0, "h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class LibraryError(ValueError):
    """A malformed library file, or a bad argument to a library query."""


def parse_timespan(text):
    """'1h', '30m', '7d', '90s', '250ms' (optionally negative) -> timedelta."""
    match = _TIMESPAN.match(str(text))
    if not match:
        raise ValueError(f"{text!r} is not a timespan like 30m, 1h or 7d")
    return _dt.timedelta(seconds=float(match.group(1)) * _UNITS[match.group(2)])


def parse_datetime(value, now):
    """A datetime from a datetime/date/pandas Timestamp, 'now', 'now-7d' or '-7d' (relative to
    `now`), or ISO 8601 text (naive = UTC)."""
    if isinstance(value, _dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=_dt.timezone.utc)
    if isinstance(value, _dt.date):
        return _dt.datetime(value.year, value.month, value.day, tzinfo=_dt.timezone.utc)
    if hasattr(value, "to_pydatetime"):
        return parse_datetime(value.to_pydatetime(), now)
    if not isinstance(value, str):
        raise ValueError(f"{type(value).__name__} is not a datetime")
    text = value.strip()
    if text == "now":
        return now
    relative = text[3:] if text.startswith("now") else text
    if relative.startswith(("-", "+")) and _TIMESPAN.match(relative.lstrip("+")):
        return now + parse_timespan(relative.lstrip("+"))
    try:
        parsed = _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{value!r} is not a datetime (ISO 8601, now, now-7d or -7d)") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=_dt.timezone.utc)


class Parameter:
    """A typed query parameter; `required` when it has no default."""

    def __init__(self, name, spec, where):
        if not isinstance(spec, dict):
            raise LibraryError(f"{where}: parameter '{name}' must be a mapping")
        if not _IDENTIFIER.match(str(name)):
            raise LibraryError(f"{where}: parameter name {name!r} is not an identifier")
        self.name = name
        self.type = spec.get("type")
        if self.type not in PARAMETER_TYPES:
            raise LibraryError(f"{where}: parameter '{name}' has type {self.type!r}; "
                               f"expected one of {', '.join(PARAMETER_TYPES)}")
        self.description = str(spec.get("description", "")).strip()
        self.required = "default" not in spec
        self.default = spec.get("default")
        if not self.required and self.default is not None:
            try:  # a bad default is the file's error, found when loading
                self.convert(self.default, _dt.datetime(2000, 1, 1, tzinfo=_dt.timezone.utc))
            except (TypeError, ValueError) as error:
                raise LibraryError(f"{where}: default of '{name}': {error}") from None

    def convert(self, value, now):
        """`value` as the Python type that binds to this KQL type (see parameters.py)."""
        kind = self.type
        if value is None:
            return None
        if kind == "string":
            if not isinstance(value, str):
                raise TypeError(f"expected a string, got {type(value).__name__}")
            return value
        if kind == "long":
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"expected an integer, got {type(value).__name__}")
            return value
        if kind == "real":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError(f"expected a number, got {type(value).__name__}")
            return float(value)
        if kind == "bool":
            if not isinstance(value, bool):
                raise TypeError(f"expected True or False, got {type(value).__name__}")
            return value
        if kind == "datetime":
            return parse_datetime(value, now)
        if kind == "timespan":
            if isinstance(value, _dt.timedelta):
                return value
            if hasattr(value, "to_pytimedelta"):
                return value.to_pytimedelta()
            return parse_timespan(value)
        if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple, set, dict)):
            raise TypeError(f"expected a list or dict, got {type(value).__name__}")
        return list(value) if isinstance(value, (tuple, set)) else value

    def placeholder(self):
        """A KQL literal of this type, for binding the query without values."""
        return {"string": '""', "long": "long(0)", "real": "real(0)", "bool": "false",
                "datetime": "datetime(2000-01-01)", "timespan": "time(1d)",
                "dynamic": "dynamic([])"}[self.type]

    def describe(self):
        default = "required" if self.required else f"default {self.default!r}"
        return f"{self.name} ({self.type}, {default}): {self.description}"


class QueryDefinition:
    """One named query of a family."""

    def __init__(self, family, name, spec, defaults, where):
        if not isinstance(spec, dict):
            raise LibraryError(f"{where}: query '{name}' must be a mapping")
        if not _IDENTIFIER.match(str(name)):
            raise LibraryError(f"{where}: query name {name!r} is not an identifier")
        self.family = family
        self.name = name
        self.description = " ".join(str(spec.get("description", "")).split())
        if not self.description:
            raise LibraryError(f"{where}: query '{name}' has no description")
        self.text = spec.get("query")
        if not isinstance(self.text, str) or not self.text.strip():
            raise LibraryError(f"{where}: query '{name}' has no query text")
        self.text = self.text.strip()
        own = {key: Parameter(key, value, f"{where}: {name}")
               for key, value in (spec.get("parameters") or {}).items()}
        used = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", self.text))
        self.parameters = {key: p for key, p in defaults.items() if key in used and key not in own}
        self.parameters.update(own)
        self.example = spec.get("example") or {}
        unknown = set(self.example) - set(self.parameters)
        if unknown:
            raise LibraryError(f"{where}: example of '{name}' names unknown parameters "
                               f"{sorted(unknown)}")

    @property
    def full_name(self):
        return f"{self.family}.{self.name}"

    def declaration(self, placeholders=False):
        """`declare query_parameters(...)`; with placeholders, each has a typed default so
        the query binds without values (for `huntbook check`)."""
        if not self.parameters:
            return ""
        items = [f"{p.name}:{p.type}" + (f" = {p.placeholder()}" if placeholders else "")
                 for p in self.parameters.values()]
        return "declare query_parameters(" + ", ".join(items) + ");\n"

    def bind(self, arguments, now):
        """{name: Python value} for every parameter: arguments, else defaults. LibraryError
        naming the parameter for an unknown or missing argument or a value of the wrong type."""
        unknown = set(arguments) - set(self.parameters)
        if unknown:
            raise LibraryError(f"{self.full_name}: unknown parameter(s) {sorted(unknown)}; "
                               f"it takes {sorted(self.parameters)}")
        values = {}
        for name, parameter in self.parameters.items():
            if name in arguments:
                value = arguments[name]
            elif parameter.required:
                raise LibraryError(f"{self.full_name}: parameter '{name}' is required "
                                   f"({parameter.type}: {parameter.description})")
            else:
                value = parameter.default
            try:
                values[name] = parameter.convert(value, now)
            except (TypeError, ValueError) as error:
                raise LibraryError(f"{self.full_name}: parameter '{name}' ({parameter.type}): "
                                   f"{error}") from None
        return values

    def help_text(self):
        lines = [f"{self.full_name}: {self.description}"]
        if self.parameters:
            lines.append("Parameters:")
            lines += ["  " + p.describe() for p in self.parameters.values()]
        if self.example:
            lines.append("Example: " + ", ".join(f"{k}={v!r}" for k, v in self.example.items()))
        lines += ["Query:", *("  " + line for line in self.text.splitlines())]
        return "\n".join(lines)


def _load_file(path, yaml):
    where = os.path.basename(path)
    with open(path, encoding="utf-8") as source:
        try:
            document = yaml.safe_load(source)
        except yaml.YAMLError as error:
            raise LibraryError(f"{where}: not valid YAML: {error}") from None
    if not isinstance(document, dict):
        raise LibraryError(f"{where}: expected a mapping with metadata and queries")
    metadata = document.get("metadata") or {}
    family = metadata.get("family")
    if not isinstance(family, str) or not _IDENTIFIER.match(family):
        raise LibraryError(f"{where}: metadata.family must be an identifier")
    defaults = {key: Parameter(key, value, f"{where}: defaults")
                for key, value in ((document.get("defaults") or {}).get("parameters")
                                   or {}).items()}
    queries = document.get("queries")
    if not isinstance(queries, dict) or not queries:
        raise LibraryError(f"{where}: no queries")
    return family, metadata, [QueryDefinition(family, name, spec, defaults, where)
                              for name, spec in queries.items()]


def load_library_files(directories=None):
    """{family: (metadata, [QueryDefinition])} from every *.yaml file of the directories
    (default: the shipped library). A family may span files; a repeated query name is an
    error."""
    import yaml  # python3-yaml
    families = {}
    for directory in directories or [LIBRARY_DIR]:
        for name in sorted(os.listdir(directory)):
            if not name.endswith((".yaml", ".yml")):
                continue
            family, metadata, queries = _load_file(os.path.join(directory, name), yaml)
            known_metadata, known = families.setdefault(family, (metadata, []))
            names = {q.name for q in known}
            for query in queries:
                if query.name in names:
                    raise LibraryError(f"{name}: query {family}.{query.name} is defined twice")
                known.append(query)
    return families
