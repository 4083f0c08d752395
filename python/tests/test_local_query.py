"""In-process queries through huntbook._native: dtypes, nulls, ingestion, errors."""

import datetime as dt
import uuid
import warnings

import numpy as np
import pandas as pd
import pytest

import huntbook
from conftest import requires_native

pytestmark = requires_native

# Null literals of every type: https://learn.microsoft.com/kusto/query/scalar-data-types/null-values
EVERY_TYPE = """
print b = true, nb = bool(null), i = int(7), ni = int(null), l = long(9000000000),
      nl = long(null), r = 2.5, nr = real(null), m = decimal(1.25),
      d = datetime(2024-03-01 12:30:00.1234567), nd = datetime(null),
      t = 1d + 2h + 3ms, nt = time(null), s = "héllo", g = guid(74be27de-1e4e-49d9-b579-fe0b331d3642),
      y = dynamic({"a": [1, 2.5, "x", null, true]}), ny = dynamic(null)
"""


def test_every_type_has_its_dtype_and_nulls(workspace):
    df = workspace.query(EVERY_TYPE)
    assert len(df) == 1
    expected = {"b": "boolean", "nb": "boolean", "i": "Int32", "ni": "Int32", "l": "Int64",
                "nl": "Int64", "r": "float64", "nr": "float64", "m": "float64",
                "d": "datetime64[ns, UTC]", "nd": "datetime64[ns, UTC]",
                "t": "timedelta64[ns]", "nt": "timedelta64[ns]", "s": "object", "g": "object",
                "y": "object", "ny": "object"}
    assert {c: str(df[c].dtype) for c in df.columns} == expected
    row = df.iloc[0]
    assert row["b"] is np.True_ or row["b"] == True  # noqa: E712
    for column in ("nb", "ni", "nl", "nd", "nt"):
        assert pd.isna(row[column]), column
    assert np.isnan(row["nr"])
    assert row["ny"] is None
    assert row["i"] == 7 and row["l"] == 9_000_000_000
    assert row["r"] == 2.5 and row["m"] == 1.25
    assert row["d"] == pd.Timestamp("2024-03-01T12:30:00.1234567Z")
    assert row["t"] == pd.Timedelta(days=1, hours=2, milliseconds=3)
    assert row["s"] == "héllo"
    assert row["g"] == "74be27de-1e4e-49d9-b579-fe0b331d3642"
    assert row["y"] == {"a": [1, 2.5, "x", None, True]}
    types = df.attrs["huntbook"]["column_types"]
    assert types["m"] == "decimal" and types["g"] == "guid" and types["y"] == "dynamic"


def test_ingested_file_round_trips_with_nulls(workspace):
    df = workspace.query("Events | sort by TimeGenerated asc")
    assert list(df["Computer"]) == ["web01", "web02", "db01"]
    assert str(df["TimeGenerated"].dtype) == "datetime64[ns, UTC]"
    assert df["TimeGenerated"][1] == pd.Timestamp("2024-01-01T11:30:00.1234567Z")
    assert str(df["EventID"].dtype) == "Int64"
    assert df["EventID"].isna().tolist() == [False, True, False]
    assert str(df["Success"].dtype) == "boolean"
    assert df["Success"].tolist() == [True, pd.NA, False]
    assert np.isnan(df["Score"][1]) and df["Score"][2] == -2.25
    assert df["Details"].tolist() == [{"ip": "10.0.0.1", "n": 1}, None, [1, "two", None]]
    assert workspace.tables() == ["Events"]
    assert dict(workspace.schema("Events"))["EventID"] == "long"


def test_empty_result_keeps_column_types(workspace):
    df = workspace.query("Events | where Computer == 'nobody' | project TimeGenerated, EventID")
    assert len(df) == 0
    assert str(df["TimeGenerated"].dtype) == "datetime64[ns, UTC]"
    assert str(df["EventID"].dtype) == "Int64"


def test_datetimes_outside_pandas_range_become_nat(workspace):
    df = workspace.query("print early = datetime(1500-01-01), ok = datetime(2000-01-01)")
    assert pd.isna(df["early"][0])
    assert df["ok"][0] == pd.Timestamp("2000-01-01", tz="UTC")


def test_dataframe_ingest_round_trips_types(workspace):
    frame = pd.DataFrame({
        "When": pd.to_datetime(["2024-05-01T00:00:00Z", None], utc=True),
        "Host": ["a", None],
        "Count": pd.array([3, None], dtype="Int64"),
        "Small": np.array([1, 2], dtype=np.int32),
        "Ratio": [0.5, np.nan],
        "Flag": pd.array([True, None], dtype="boolean"),
        "Took": pd.to_timedelta(["00:00:01.5", None]),
        "Bag": [{"k": [1, 2]}, None],
        "Id": [uuid.UUID("74be27de-1e4e-49d9-b579-fe0b331d3642"), None],
    })
    assert workspace.ingest("FromPandas", frame) == 2
    df = workspace.query("FromPandas")
    types = df.attrs["huntbook"]["column_types"]
    assert types == {"When": "datetime", "Host": "string", "Count": "long", "Small": "int",
                     "Ratio": "real", "Flag": "bool", "Took": "timespan", "Bag": "dynamic",
                     "Id": "guid"}
    assert df["When"][0] == pd.Timestamp("2024-05-01", tz="UTC") and pd.isna(df["When"][1])
    assert df["Host"].tolist() == ["a", ""]  # strings have no null in Kusto
    assert df["Count"].tolist() == [3, pd.NA]
    assert df["Flag"].tolist() == [True, pd.NA]
    assert df["Took"][0] == pd.Timedelta(seconds=1.5) and pd.isna(df["Took"][1])
    assert df["Bag"].tolist() == [{"k": [1, 2]}, None]
    assert df["Id"].tolist() == ["74be27de-1e4e-49d9-b579-fe0b331d3642", ""]


def test_data_persists_across_connections(workspace, data_dir):
    workspace.close()
    again = huntbook.connect(f"huntbook://{data_dir}")
    assert again.query("Events | count")["Count"][0] == 3


def test_syntax_error_carries_position(workspace):
    with pytest.raises(huntbook.KqlError) as caught:
        workspace.query("Events\n| where Computer == ")
    error = caught.value
    assert error.code == "SyntaxError"
    assert error.line == 2 and error.column > 1
    assert "line 2" in str(error)


def test_unknown_table_and_column_are_semantic_errors(workspace):
    with pytest.raises(huntbook.KqlError) as caught:
        workspace.query("NoSuchTable | take 1")
    assert caught.value.code == "SemanticError"
    assert caught.value.line == 1 and caught.value.column == 1
    with pytest.raises(huntbook.KqlError) as caught:
        workspace.query("Events | project Nope")
    assert caught.value.code == "SemanticError" and caught.value.column == 18


def test_bad_ingest_file_is_an_error_naming_the_file(workspace, tmp_path):
    with pytest.raises(huntbook.KqlError) as caught:
        workspace.ingest("Events", str(tmp_path / "missing.csv"))
    assert "missing.csv" in caught.value.message


def test_render_hint_is_result_metadata(workspace):
    result = workspace.execute(
        "Events | summarize n = count() by Computer | render barchart with (title='Per host')")
    assert result.render["visualization"] == "barchart"
    assert result.render["properties"]["title"] == "Per host"
    assert result.dataframe.attrs["huntbook"]["render"] == result.render


def test_truncation_warns_and_is_flagged(workspace):
    with pytest.warns(huntbook.TruncatedResultWarning):
        result = workspace.execute("Events", max_rows=2)
    assert len(result.dataframe) == 2 and result.truncated
    assert result.dataframe.attrs["huntbook"]["truncated"] is True
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert not workspace.execute("Events", max_rows=3).truncated


def test_timespan_restricts_time_generated(workspace):
    start = dt.datetime(2024, 1, 1, 11, 0, tzinfo=dt.timezone.utc)
    df = workspace.query("Events", timespan=(start, dt.timedelta(hours=2)))
    assert df["Computer"].tolist() == ["web02"]
    df = workspace.query("Events", timespan="2024-01-01T00:00:00Z/2024-01-01T11:00:00Z")
    assert df["Computer"].tolist() == ["web01"]


def test_statistics_are_reported(workspace):
    result = workspace.execute("Events | count")
    assert result.statistics["rows"] == 1
    assert result.statistics["query_seconds"] >= 0
