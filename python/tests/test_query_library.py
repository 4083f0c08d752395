"""The YAML query library: loading, documentation, typed binding, a type check of every
query against the table schemas (huntbook check), and a run of every query on the sample
workspace."""

import datetime as _dt
import textwrap

import pytest

import huntbook
from conftest import requires_native
from huntbook.queries import LibraryError, QueryProvider, load_library_files
from huntbook.queries.schema_check import check_queries
from sample_workspace import huntbook_binary, sample_workspace, schemas_dir

NOW = _dt.datetime(2026, 11, 1, tzinfo=_dt.timezone.utc)


@pytest.fixture(scope="module")
def qp():
    return QueryProvider(now=NOW)


def test_at_least_40_documented_queries_in_families(qp):
    assert len(qp.list_queries()) >= 40
    assert {"WindowsSecurity", "Sysmon", "LinuxSyslog", "AzureSignins", "Network", "Alerts",
            "AzureActivity", "Office365", "ThreatIntel", "Bookmarks"} <= set(qp.families)
    for query in qp.queries():
        definition = query.definition
        assert definition.description and query.__doc__.startswith(definition.full_name)
        for parameter in definition.parameters.values():
            assert parameter.description, (definition.full_name, parameter.name)
            assert parameter.name in definition.text  # every parameter is used
    assert "list_host_processes" in dir(qp.WindowsSecurity)
    assert qp.list_queries("Bookmarks") == ["Bookmarks.bookmarks_for_entity",
                                             "Bookmarks.list_bookmarks"]


def test_help_shows_parameters_defaults_and_query(qp, capsys):
    qp.help("WindowsSecurity.list_host_processes")
    text = capsys.readouterr().out
    assert "host (string, required)" in text and "start (datetime, default '-7d')" in text
    assert "SecurityEvent" in text and "Example: host='WS-FIN-07'" in text
    qp.help()
    assert len(capsys.readouterr().out.splitlines()) == len(qp.list_queries())


def test_parameters_are_declared_typed_and_defaults_filled(qp):
    query = qp.WindowsSecurity.password_spray_then_logon
    assert query.query_text.startswith(
        "declare query_parameters(start:datetime, end:datetime, min_accounts:long, "
        "window:timespan);\n")
    values = query.parameters(start="-2d", window="90m")
    assert values == {"start": NOW - _dt.timedelta(days=2), "end": NOW, "min_accounts": 5,
                      "window": _dt.timedelta(minutes=90)}
    values = qp.Alerts.list_alerts.parameters(start="2026-10-01", end=_dt.date(2026, 10, 3))
    assert values["start"] == _dt.datetime(2026, 10, 1, tzinfo=_dt.timezone.utc)
    assert values["severities"] == ["High", "Medium", "Low", "Informational"]


@pytest.mark.parametrize("arguments, message", [
    ({}, "parameter 'host' is required"),
    ({"host": "x", "hots": "y"}, r"unknown parameter\(s\) \['hots'\]"),
    ({"host": 5}, "parameter 'host' \\(string\\): expected a string, got int"),
    ({"host": "x", "start": "last tuesday"}, "parameter 'start' \\(datetime\\)"),
])
def test_bad_arguments_name_the_parameter(qp, arguments, message):
    with pytest.raises(LibraryError, match=message):
        qp.WindowsSecurity.list_host_processes.parameters(**arguments)
    with pytest.raises(LibraryError, match="expected an integer"):
        qp.WindowsSecurity.logon_failures_by_source.parameters(min_accounts=True)
    with pytest.raises(AttributeError, match="no query 'nope'"):
        qp.WindowsSecurity.nope


def test_malformed_library_files_are_errors_naming_the_file(tmp_path):
    (tmp_path / "bad.yaml").write_text(textwrap.dedent("""\
        metadata: {family: Custom}
        queries:
          q1:
            description: d
            parameters: {n: {type: integer}}
            query: T | take n
        """))
    with pytest.raises(LibraryError, match=r"bad.yaml: q1: parameter 'n' has type 'integer'"):
        load_library_files([str(tmp_path)])
    (tmp_path / "bad.yaml").write_text("metadata: {}\nqueries: {}\n")
    with pytest.raises(LibraryError, match="bad.yaml: metadata.family"):
        load_library_files([str(tmp_path)])


def test_extra_directories_extend_the_library(tmp_path):
    (tmp_path / "mine.yaml").write_text(textwrap.dedent("""\
        metadata: {family: Custom}
        queries:
          failures:
            description: Failed logons of one account.
            parameters: {account: {type: string, description: Account.}}
            query: SecurityEvent | where EventID == 4625 and TargetUserName =~ account
        """))
    provider = QueryProvider(directories=[huntbook.queries.LIBRARY_DIR, str(tmp_path)])
    assert "Custom.failures" in provider.list_queries()
    assert provider.Custom.failures.query_text.startswith(
        "declare query_parameters(account:string);\n")


def test_every_query_binds_against_the_table_schemas(qp, tmp_path):
    binary = huntbook_binary()
    assert binary, "no huntbook binary: build it, or set HUNTBOOK_BINARY_DIR"
    results = check_queries(binary, schemas_dir(), provider=qp)
    failures = [(name, message) for name, ok, message in results if not ok]
    assert failures == [] and len(results) == len(qp.list_queries())
    # and the check fails exactly the queries that name a column the schema lacks or
    # compare a parameter with a column of another type, among good ones
    (tmp_path / "broken.yaml").write_text(textwrap.dedent("""\
        metadata: {family: Broken, tables: [SecurityEvent, Syslog]}
        queries:
          a_good:
            description: Fine.
            parameters: {host: {type: string, description: Host.}}
            query: SecurityEvent | where Computer == host
          b_typo:
            description: A column that does not exist.
            parameters: {host: {type: string, description: Host.}}
            query: |
              SecurityEvent
              | where Computr == host
          c_good:
            description: Fine.
            query: Syslog | take 1
          d_type:
            description: A long parameter against a datetime column.
            parameters: {n: {type: long, description: N.}}
            query: Syslog | where EventTime > n
        """))
    broken = QueryProvider(directories=[str(tmp_path)])
    results = check_queries(binary, schemas_dir(), provider=broken)
    assert [(name, ok) for name, ok, _ in results] == [
        ("Broken.a_good", True), ("Broken.b_typo", False), ("Broken.c_good", True),
        ("Broken.d_type", False)]
    assert "Computr" in results[1][2] and results[3][2]


@requires_native
def test_every_query_runs_on_the_sample_workspace():
    ws = sample_workspace()
    empty = []
    for query in ws.provider.queries():
        definition = query.definition
        arguments = dict(definition.example)
        if "start" in definition.parameters:
            arguments["start"] = "-30d"
        frame = query(**arguments)
        if definition.example and frame.empty:
            empty.append(definition.full_name)
    assert empty == []  # each example names an entity of the sample workspace


@requires_native
def test_values_are_bound_not_pasted():
    ws = sample_workspace()
    hostile = 'WS-FIN-07" or Computer != "'
    frame = ws.provider.WindowsSecurity.list_host_processes(host=hostile, start="-30d")
    assert frame.empty
    assert hostile not in ws.provider.WindowsSecurity.list_host_processes.query_text


@requires_native
def test_connection_exposes_the_library():
    ws = sample_workspace()
    provider = ws.connection.queries
    assert isinstance(provider, QueryProvider) and provider is ws.connection.queries
    assert provider.connection is ws.connection
    frame = provider.Network.host_inventory(start="2026-10-25", end="2026-11-01")
    assert len(frame) == 11 and set(frame["OSType"]) == {"Windows", "Linux"}
