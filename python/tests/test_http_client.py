"""The HTTP client's requests and response parsing, against a stdlib fake that returns
Log Analytics-shaped JSON (PROTOCOLS.md §2, §3.2). Tests against a real `huntbook serve`
come with the server."""

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest

import huntbook
from fake_log_analytics import FakeServer

LA_BODY = {
    "tables": [{
        "name": "PrimaryResult",
        "columns": [{"name": "TimeGenerated", "type": "datetime"},
                    {"name": "Computer", "type": "string"},
                    {"name": "EventID", "type": "int"},
                    {"name": "Bytes", "type": "long"},
                    {"name": "Ratio", "type": "real"},
                    {"name": "Ok", "type": "bool"},
                    {"name": "Took", "type": "timespan"},
                    {"name": "Bag", "type": "dynamic"},
                    {"name": "Id", "type": "guid"}],
        "rows": [
            ["2015-01-01T01:01:01.0000001Z", "web01", 4624, 9007199254740993, 0.5, True,
             "-2.00:00:02.0020002", "{\"a\":[1,2]}", "74be27de-1e4e-49d9-b579-fe0b331d3642"],
            [None, "", None, None, "NaN", None, None, None, ""],
        ],
    }],
    "render": {"visualization": "timechart", "title": "Logons", "kind": ""},
    "statistics": {"query": {"executionTime": 0.01}},
}


def test_log_analytics_rows_get_engine_dtypes():
    with FakeServer() as server:
        server.responses["/v1/workspaces/soc/query"] = (200, LA_BODY)
        connection = huntbook.connect(
            f"loganalytics://anonymous;workspace='soc';datasourceurl='{server.url}'")
        result = connection.execute("Events | take 2", timespan=dt.timedelta(hours=1))
        method, path, headers, body = server.requests[0]
    assert (method, path) == ("POST", "/v1/workspaces/soc/query")
    assert body == {"query": "Events | take 2", "timespan": "PT3600.0S"}
    assert "include-render=true" in headers["Prefer"]
    assert "Authorization" not in headers
    df = result.dataframe
    assert {c: str(df[c].dtype) for c in df.columns} == {
        "TimeGenerated": "datetime64[ns, UTC]", "Computer": "object", "EventID": "Int32",
        "Bytes": "Int64", "Ratio": "float64", "Ok": "boolean", "Took": "timedelta64[ns]",
        "Bag": "object", "Id": "object"}
    assert df["TimeGenerated"][0] == pd.Timestamp("2015-01-01T01:01:01.0000001Z")
    assert pd.isna(df["TimeGenerated"][1])
    assert df["Bytes"][0] == 9007199254740993  # no float rounding
    assert np.isnan(df["Ratio"][1]) and pd.isna(df["EventID"][1]) and pd.isna(df["Ok"][1])
    assert df["Took"][0] == -pd.Timedelta(days=2, seconds=2, microseconds=2000, nanoseconds=200)
    assert df["Bag"].tolist() == [{"a": [1, 2]}, None]
    assert result.render == {"visualization": "timechart", "properties": {"title": "Logons"}}
    assert result.statistics["server"] == {"query": {"executionTime": 0.01}}


def test_errors_carry_code_and_position():
    error_body = {"error": {"code": "BadArgumentError", "message": "The request had some "
                            "invalid properties", "details": [{"code": "SyntaxError",
                            "message": "expected an expression", "line": 2, "column": 9}],
                            "innererror": {"code": "SyntaxError",
                                           "message": "expected an expression"}}}
    with FakeServer() as server:
        server.responses["/v1/workspaces/default/query"] = (400, error_body)
        connection = huntbook.connect(server.url, token="t0k")
        with pytest.raises(huntbook.KqlError) as caught:
            connection.query("Events\n| where ")
        headers = server.requests[0][2]
    assert headers["Authorization"] == "Bearer t0k"
    error = caught.value
    assert (error.code, error.message, error.line, error.column) == (
        "SyntaxError", "expected an expression", 2, 9)


def test_partial_truncation_is_flagged_other_partial_errors_raise():
    truncated = dict(LA_BODY, error={"code": "PartialError", "message": "partial",
                                     "details": [{"code": "E_QUERY_RESULT_SET_TOO_LARGE",
                                                  "message": "limit 500000"}]})
    failed = dict(LA_BODY, error={"code": "PartialError", "message": "runaway",
                                  "details": [{"code": "E_RUNAWAY_QUERY", "message": "x"}]})
    with FakeServer() as server:
        server.responses["/v1/workspaces/a/query"] = (200, truncated)
        server.responses["/v1/workspaces/b/query"] = (200, failed)
        with pytest.warns(huntbook.TruncatedResultWarning):
            result = huntbook.connect(server.url, workspace="a").execute("T")
        assert result.truncated and len(result.dataframe) == 2
        with pytest.raises(huntbook.KqlError, match="x"):
            huntbook.connect(server.url, workspace="b").execute("T")


def test_parameters_travel_as_typed_adx_parameters():
    v1 = {"Tables": [
        {"TableName": "Table_0", "Columns": [{"ColumnName": "n", "DataType": "Int64",
                                              "ColumnType": "long"}], "Rows": [[5]]},
        {"TableName": "@ExtendedProperties", "Columns": [{"ColumnName": "Value",
                                                          "DataType": "String"}],
         "Rows": [["{\"Visualization\":\"piechart\",\"Title\":\"t\"}"]]},
    ]}
    with FakeServer() as server:
        server.responses["/v1/rest/query"] = (200, v1)
        connection = huntbook.connect(
            f"azuredataexplorer://anonymous;cluster='{server.url}';database='SecLogs'")
        query = "declare query_parameters(h:string, n:long, t:datetime); print n"
        result = connection.execute(query, params={"h": "a'b", "n": 5,
                                                   "t": dt.datetime(2024, 1, 1)})
        body = server.requests[0][3]
    assert body["db"] == "SecLogs" and body["csl"] == query  # the text is untouched
    assert json.loads(body["properties"])["Parameters"] == {
        "h": "a'b", "n": 5, "t": "datetime(2024-01-01T00:00:00Z)"}
    assert result.dataframe["n"].tolist() == [5]
    assert result.render == {"visualization": "piechart", "properties": {"title": "t"}}


def test_tabular_parameters_need_the_local_engine():
    connection = huntbook.connect("http://127.0.0.1:9")
    with pytest.raises(huntbook.KqlError, match="not supported: tabular parameters"):
        connection.query("T", params={"T": pd.DataFrame({"a": [1]})})


def test_unreachable_server_is_a_connection_error():
    with pytest.raises(huntbook.KqlError) as caught:
        huntbook.connect("http://127.0.0.1:9", ).query("print 1")
    assert caught.value.code == "ConnectionError"
