"""Time-series anomalies (series_decompose_anomalies), command-line clustering, timelines.

Algorithm of the Python decomposition:
https://learn.microsoft.com/kusto/query/series-decompose-anomalies-function and
https://learn.microsoft.com/kusto/query/series-decompose-function
"""

import numpy as np
import pandas as pd
import pytest

from huntbook.analysis import (cluster_command_lines, count_anomalies, detect_period,
                               normalise_command_line, plot_anomalies, series_anomalies,
                               series_decompose_anomalies, timeline, timeline_series,
                               timeline_static)
from conftest import requires_native


def daily_cycle(days=7, spike_at=100, spike=40.0):
    values = [10 + 5 * np.sin(2 * np.pi * i / 24) for i in range(24 * days)]
    values[spike_at] += spike
    return values


def test_seasonal_series_flags_only_the_spike():
    values = daily_cycle()
    assert detect_period(values) == 24
    flags, scores, baseline = series_decompose_anomalies(values)
    assert list(np.nonzero(flags)[0]) == [100] and flags[100] == 1 and scores[100] > 1.5
    # baseline = the phase's median (the spike does not move it) + the average of the rest
    expected = 10 + 5 * np.sin(2 * np.pi * (100 % 24) / 24) + 40.0 / len(values)
    assert baseline[100] == pytest.approx(expected, abs=1e-9)
    dips = daily_cycle(spike=-30.0)
    assert series_decompose_anomalies(dips)[0][100] == -1


def test_trend_options_and_explicit_period():
    line = np.arange(60.0) * 2 + 1
    flags, _, baseline = series_decompose_anomalies(line, trend="linefit")
    assert not flags.any() and np.allclose(baseline, line)
    _, _, flat = series_decompose_anomalies(line, trend="avg", seasonality=0)
    assert np.allclose(flat, line.mean())
    short = np.array([1.0, 2.0, 3.0] * 20)
    short[30] = 9
    assert list(np.nonzero(series_decompose_anomalies(short, seasonality=3)[0])[0]) == [30]
    noise = np.random.default_rng(3).normal(10, 1, 200)
    assert detect_period(noise) == 0


def test_tukey_scores_follow_the_fence_definition():
    residual_series = [0.0] * 10 + [1.0] * 10 + [2.0] * 10 + [20.0]
    _, scores, baseline = series_decompose_anomalies(residual_series, seasonality=0,
                                                     trend="none", ad_method="tukey")
    q25, q75 = 0.0, 2.0  # 25th and 75th percentiles of the values (baseline 0)
    assert scores[-1] == pytest.approx((20.0 - q75) / (q75 - q25))
    assert not baseline.any()


@pytest.mark.parametrize("options, message", [
    ({"trend": "cubic"}, "trend"), ({"ad_method": "zscore"}, "ad_method"),
    ({"seasonality": -2}, "seasonality"), ({"test_points": 99}, "test_points")])
def test_bad_options_are_errors(options, message):
    with pytest.raises(ValueError, match=message):
        series_decompose_anomalies([1.0, 2.0, 3.0, 4.0], **options)


@requires_native
def test_count_anomalies_through_the_engine(tmp_path):
    import huntbook
    rng = np.random.default_rng(1)
    times = []
    for hour in range(72):
        burst = 60 if hour == 50 else 5
        for host in ("web01", "db01"):
            count = burst if host == "web01" else 5
            times += [(host, pd.Timestamp("2024-01-01", tz="UTC") + pd.Timedelta(hours=hour)
                       + pd.Timedelta(seconds=int(s))) for s in rng.integers(0, 3600, count)]
    events = pd.DataFrame(times, columns=["Computer", "TimeGenerated"])
    with huntbook.connect(str(tmp_path / "data")) as connection:
        connection.ingest("SecurityEvent", events)
        result = count_anomalies(connection, "SecurityEvent", "2024-01-01T00:00Z",
                                 "2024-01-04T00:00Z", "1h", by="Computer")
        with pytest.raises(ValueError, match="not a KQL identifier"):
            count_anomalies(connection, "SecurityEvent | take 1", "2024-01-01", "2024-01-02")
        with pytest.raises(huntbook.KqlError):
            series_anomalies(connection, "SecurityEvent | make-series Count = count() on "
                             "NoSuchColumn step 1h", "Count")
    # The engine has no series_decompose_anomalies yet (NotSupported), so the Python
    # decomposition ran; once it does, ComputedBy says "engine" and the rows must agree.
    assert result.attrs["ComputedBy"] in ("engine", "python")
    assert list(result.columns) == ["Computer", "TimeGenerated", "Count", "anomalies", "score",
                                    "baseline"]
    assert len(result) == 2 * 72 and result["Count"].sum() == len(events)
    flagged = result[result["anomalies"] != 0]
    assert list(zip(flagged["Computer"], flagged["TimeGenerated"])) == \
        [("web01", pd.Timestamp("2024-01-03T02:00Z"))]
    figure = plot_anomalies(result, by="Computer")
    assert any(trace.name == "web01 anomaly +" for trace in figure.data)


def test_command_line_clusters_rare_first():
    lines = ([f"C:\\Windows\\system32\\cscript.exe /nologo job{n}.vbs" for n in range(30)] +
             [f"\\??\\C:\\Windows\\system32\\conhost.exe 0x{n:x} -ForceV1" for n in range(20)] +
             ["powershell -nop -w hidden -enc SQBFAFgA", "C:\\Users\\bob\\mimikatz.exe"])
    frame = pd.DataFrame({"CommandLine": lines, "Computer": ["h1"] * 50 + ["h2", "h2"],
                          "TimeGenerated": pd.date_range("2024-01-01", periods=52, freq="min",
                                                         tz="UTC")})
    clusters, labels = cluster_command_lines(frame)
    assert list(clusters["Count"]) == [1, 1, 20, 30]
    assert set(clusters["Exemplar"][:2]) == {"powershell -nop -w hidden -enc SQBFAFgA",
                                             "C:\\Users\\bob\\mimikatz.exe"}
    assert clusters.iloc[3]["DistinctLines"] == 1  # job numbers normalised away
    assert clusters.iloc[2]["Hosts"] == ["h1"] and clusters.iloc[0]["Hosts"] == ["h2"]
    assert labels.index.equals(frame.index) and labels.nunique() == 4
    assert normalise_command_line("C:\\Users\\Alice\\x.exe {6F9619FF-8B86-D011-B42D-00C04FC964FF}"
                                  " 10.1.2.3 0x1F") == "c:\\users\\<user>\\x.exe <guid> <ip> <hex>"
    with pytest.raises(KeyError, match="Cmd"):
        cluster_command_lines(frame, "Cmd")
    empty_clusters, empty_labels = cluster_command_lines(frame.iloc[0:0])
    assert empty_clusters.empty and empty_labels.empty


def test_timeline_lanes_hover_and_static_fallback():
    logons = pd.DataFrame({"TimeGenerated": ["2024-01-01T10:00Z", "2024-01-01T09:00Z", None],
                           "Computer": ["b", "a", "a"], "Account": ["x", "y", "z"]})
    alerts = pd.DataFrame({"TimeGenerated": ["2024-01-01T09:30Z"], "AlertName": ["Spray"]})
    lanes = timeline_series({"SecurityEvent": logons, "SecurityAlert": alerts})
    assert [(name, len(frame)) for name, frame in lanes] == [("SecurityEvent", 2),
                                                            ("SecurityAlert", 1)]
    assert list(lanes[0][1]["Computer"]) == ["a", "b"]  # sorted by time, NaT dropped
    by_host = timeline_series(logons, group_by="Computer")
    assert [name for name, _ in by_host] == ["a", "b"]
    figure = timeline({"SecurityEvent": logons, "SecurityAlert": alerts},
                      hover_columns=["Account", "AlertName"], reference_time="2024-01-01T09:45Z")
    assert [trace.name for trace in figure.data] == ["SecurityEvent", "SecurityAlert"]
    assert "Account: y" in figure.data[0].hovertext[0]
    assert "AlertName: Spray" in figure.data[1].hovertext[0]
    assert len(figure.layout.shapes) == 1
    static = timeline_static(logons, group_by="Computer", reference_time="2024-01-01T09:45Z")
    assert [label.get_text() for label in static.axes[0].get_yticklabels()] == ["a", "b"]
    with pytest.raises(KeyError, match="'When' not found in 'SecurityAlert'"):
        timeline({"SecurityAlert": alerts}, time_column="When")
