"""Typed query parameters: Python values -> KQL types, and their use by the engine.

`declare query_parameters`: https://learn.microsoft.com/kusto/query/query-parameters-statement
"""

import datetime as dt
import decimal
import uuid

import numpy as np
import pandas as pd
import pytest

import huntbook
from conftest import requires_native
from huntbook.frames import dataframe_columns
from huntbook.parameters import (UNIX_EPOCH_TICKS, format_timespan, kql_literal,
                                 to_kql_parameter)
from huntbook.timespan import parse_iso_duration, to_iso, to_ticks


@pytest.mark.parametrize("value, kind", [
    (True, "bool"), (np.bool_(False), "bool"), (5, "long"), (np.int32(5), "long"),
    (2.5, "real"), (np.float32(0.5), "real"), ("web01", "string"),
    (uuid.UUID(int=1), "guid"), (decimal.Decimal("1.5"), "decimal"),
    (dt.datetime(2024, 1, 1), "datetime"), (dt.date(2024, 1, 1), "datetime"),
    (pd.Timestamp("2024-01-01", tz="Europe/Paris"), "datetime"),
    (np.datetime64("2024-01-01T00:00:00"), "datetime"),
    (dt.timedelta(hours=1), "timespan"), (pd.Timedelta("1h"), "timespan"),
    (np.timedelta64(1, "h"), "timespan"), (["10.0.0.1"], "dynamic"), ({"a": 1}, "dynamic"),
    ({"x"}, "dynamic"), (pd.Series([1, 2]), "dynamic"), (None, "null"),
])
def test_python_types_map_to_kql_types(value, kind):
    assert to_kql_parameter("p", value)[0] == kind


def test_datetime_ticks_are_utc_and_exact():
    naive = to_kql_parameter("p", dt.datetime(1970, 1, 1, 0, 0, 0, 1))
    assert naive == ("datetime", UNIX_EPOCH_TICKS + 10)
    paris = to_kql_parameter("p", pd.Timestamp("2024-01-01T01:00:00.0000001", tz="Europe/Paris"))
    utc = to_kql_parameter("p", pd.Timestamp("2024-01-01T00:00:00.0000001", tz="UTC"))
    assert paris == utc
    assert to_kql_parameter("p", dt.timedelta(days=-1, seconds=1)) == ("timespan",
                                                                      -86399 * 10_000_000)


def test_unsupported_values_are_type_errors():
    with pytest.raises(TypeError, match="parameter 'p'"):
        to_kql_parameter("p", object())
    with pytest.raises(TypeError, match="DataFrame"):
        to_kql_parameter("p", pd.DataFrame({"a": [1]}))


def test_kql_literals_for_the_http_path():
    assert kql_literal("string", 'a"b') == '"a\\"b"'
    assert kql_literal("datetime", UNIX_EPOCH_TICKS + 1) == \
        "datetime(1970-01-01T00:00:00.0000001Z)"
    assert kql_literal("timespan", 36_000_000_000 + 5) == "time(01:00:00.0000005)"
    assert kql_literal("dynamic", '["a"]') == 'dynamic(["a"])'
    assert kql_literal("long", None) == "long(null)"
    # Kusto's timespan text: https://learn.microsoft.com/kusto/query/scalar-data-types/timespan
    assert format_timespan(-(2 * 864_000_000_000 + 20_020_002)) == "-2.00:00:02.0020002"


def test_iso_timespans():
    assert parse_iso_duration("PT1H") == 36_000_000_000
    assert parse_iso_duration("P1D") == 864_000_000_000
    assert parse_iso_duration("PT3600.0S") == 36_000_000_000
    start, end = to_ticks("2024-01-01T00:00:00Z/P1D")
    assert end - start == 864_000_000_000
    start2, end2 = to_ticks("PT1H/2024-01-02T00:00:00Z")
    assert end2 == end and end2 - start2 == 36_000_000_000
    assert to_iso(dt.timedelta(hours=1)) == "PT3600.0S"
    with pytest.raises(ValueError):
        parse_iso_duration("1h")


def test_dataframe_columns_are_typed():
    frame = pd.DataFrame({"a": [1, 2], "b": ["x", None], "c": [None, {"k": 1}],
                          "d": pd.to_datetime(["2024-01-01", None])})
    columns = {name: (kind, values, mask) for name, kind, values, mask in
               dataframe_columns(frame)}
    assert columns["a"][0] == "long" and columns["a"][1].dtype == np.int64
    assert columns["b"] == ("string", ["x", ""], None)
    assert columns["c"][0] == "dynamic" and columns["c"][1] == [None, '{"k":1}']
    assert columns["d"][0] == "datetime" and columns["d"][2].tolist() == [False, True]


@requires_native
def test_scalar_parameters_are_bound_typed(workspace):
    df = workspace.query(
        "declare query_parameters(host:string, since:datetime, ids:dynamic, n:long);"
        "Events | where Computer == host or EventID in (ids) | where TimeGenerated >= since"
        " | take n | sort by Computer asc",
        params={"host": "web02", "since": dt.datetime(2024, 1, 1, 11),
                "ids": [4625], "n": 5})
    assert df["Computer"].tolist() == ["db01", "web02"]


@requires_native
def test_quotes_in_parameters_do_not_change_the_query(workspace):
    df = workspace.query("declare query_parameters(host:string); Events | where Computer == host",
                         params={"host": "web01\" or 1==1 or Computer == \""})
    assert len(df) == 0


@requires_native
def test_missing_parameter_without_default_is_an_error(workspace):
    with pytest.raises(huntbook.KqlError):
        workspace.query("declare query_parameters(host:string); Events | where Computer == host")


@requires_native
def test_dataframe_parameter_is_a_table_for_one_query(workspace):
    watch = pd.DataFrame({"Computer": ["web01", "db01"], "Owner": ["alice", "bob"]})
    df = workspace.query("Events | join kind=inner (Watch) on Computer "
                         "| project Computer, Owner | sort by Computer asc",
                         params={"Watch": watch})
    assert df.values.tolist() == [["db01", "bob"], ["web01", "alice"]]
    with pytest.raises(huntbook.KqlError):
        workspace.query("Watch")  # gone after that query
