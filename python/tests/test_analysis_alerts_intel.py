"""Alert entity graphs, and threat-intelligence lookups through the in-process engine."""

import json

import pandas as pd
import pytest

from huntbook.analysis import entity_graph, parse_entities, plot_entity_graph
from huntbook.enrichment import extract_iocs, extract_iocs_from_frame, lookup_iocs
from conftest import requires_native

ENTITIES = [
    {"$id": "3", "HostName": "vm3", "Type": "host"},
    {"$id": "4", "Name": "admin", "NTDomain": "contoso", "Host": {"$ref": "3"},
     "Type": "account"},
    {"$id": "5", "CommandLine": "C:\\Documents\\BudgetReport.pdf.exe",
     "ImageFile": {"$id": "6", "Directory": "c:\\documents", "Name": "budgetreport.pdf.exe",
                   "Type": "file"},
     "Account": {"$ref": "4"}, "Host": {"$ref": "3"}, "Type": "process"},
    {"$id": "7", "Address": "203.0.113.7", "Type": "ip"},
    {"$id": "8", "Gizmo": "flux-capacitor", "Type": "Something-New"},
]


def alerts():
    return pd.DataFrame([
        {"SystemAlertId": "a1", "AlertName": "Double extension", "Entities": json.dumps(ENTITIES),
         "TimeGenerated": pd.Timestamp("2024-01-01T10:00Z")},
        {"SystemAlertId": "a2", "AlertName": "Suspicious logon",
         "Entities": json.dumps([{"$id": "1", "HostName": "VM3", "Type": "host"},
                                 {"$id": "2", "Address": "198.51.100.2", "Type": "ip"}]),
         "TimeGenerated": pd.Timestamp("2024-01-01T11:00Z")}])


def test_parse_entities_resolves_refs_and_nested_entities():
    parsed = {e["$id"]: e for e in parse_entities(json.dumps(ENTITIES))}
    assert parsed["5"]["References"] == [("ImageFile", "6"), ("Account", "4"), ("Host", "3")]
    assert parsed["6"]["Type"] == "file" and not parsed["6"]["TopLevel"]
    assert parsed["8"]["Type"] == "something-new"
    with pytest.raises(ValueError, match="line 1, column"):
        parse_entities('[{"Type": "host",')
    assert parse_entities(None) == [] and parse_entities("") == []


def test_entity_graph_links_alerts_through_shared_entities():
    graph = entity_graph(alerts())
    host = ("host", "vm3")
    assert graph.nodes[host]["label"] == "vm3"
    assert set(graph[host]) >= {("alert", "a1"), ("alert", "a2"), ("account", "contoso\\admin"),
                                ("process", "c:\\documents\\budgetreport.pdf.exe")}
    process = ("process", "c:\\documents\\budgetreport.pdf.exe")
    file_node = ("file", "c:\\documents\\budgetreport.pdf.exe")
    assert graph.edges[process, file_node]["relation"] == "ImageFile"
    assert graph.edges[("alert", "a1"), ("ip", "203.0.113.7")]["relation"] == "has entity"
    assert ("something-new", "flux-capacitor") in graph  # unknown types are kept
    assert not graph.has_edge(("alert", "a1"), file_node)  # nested, so linked via its process
    figure = plot_entity_graph(graph)
    assert {trace.name for trace in figure.data if trace.name} >= {"alert", "host", "ip"}
    bad = alerts().assign(Entities=["[{", "[]"])
    with pytest.raises(ValueError, match="alert a1: Entities is not JSON"):
        entity_graph(bad)


@requires_native
def test_threat_intel_lookup_in_workspace(tmp_path):
    import huntbook
    indicators = pd.DataFrame({
        "TimeGenerated": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-01", "2024-01-01",
                                         "2024-01-01"], utc=True),
        "IndicatorId": ["i1", "i1", "i2", "i3", "i4"],
        "NetworkIP": ["203.0.113.7", "203.0.113.7", "", "", ""],
        "DomainName": ["", "", "Evil.Example.com", "", ""],
        "FileHashValue": ["", "", "", "D41D8CD98F00B204E9800998ECF8427E", ""],
        "Url": ["", "", "", "", "http://evil.example.com/x"],
        "ThreatType": ["C2", "C2", "Phishing", "Malware", "Phishing"],
        "ThreatSeverity": [1, 5, 3, 5, 2],
        "Active": [True, True, True, True, False],
        "ExpirationDateTime": pd.to_datetime(["2099-01-01", "2099-01-01", "2099-01-01",
                                              "2023-06-01", "2099-01-01"], utc=True)})
    with huntbook.connect(str(tmp_path / "data")) as connection:
        connection.ingest("ThreatIntelligenceIndicator", indicators)
        iocs = extract_iocs_from_frame(pd.DataFrame({"CommandLine": [
            "curl http://evil.example.com/x from 203.0.113.7 then evil.example.com",
            "hash d41d8cd98f00b204e9800998ecf8427e and 198.51.100.99"]}), "CommandLine")
        found = lookup_iocs(connection, iocs, now="2024-02-01T00:00:00Z")
        # extract_iocs() gives (type, value) pairs; they look up the same as the frame.
        from_pairs = lookup_iocs(connection, extract_iocs(
            "curl http://evil.example.com/x from 203.0.113.7"), now="2024-02-01T00:00:00Z")
        assert set(from_pairs.loc[from_pairs.Result, "Ioc"]) == \
            {"http://evil.example.com/x", "203.0.113.7", "evil.example.com"}
        with pytest.raises(huntbook.KqlError):
            lookup_iocs(connection, ["1.2.3.4"], table="NoSuchTable")
        with pytest.raises(ValueError, match="not a KQL identifier"):
            lookup_iocs(connection, ["1.2.3.4"], table="T | take 1")
    by_ioc = {row.Ioc: row for row in found.itertuples()}
    ip = by_ioc["203.0.113.7"]
    # The latest row of indicator i1 (severity 5) wins.
    assert (ip.Result, ip.QuerySubtype, ip.Severity, ip.Reference, ip.Status) == \
        (True, "NetworkIP", "high", "i1", "active")
    assert (by_ioc["evil.example.com"].Severity, by_ioc["evil.example.com"].Details["ThreatType"]) \
        == ("warning", "Phishing")
    assert by_ioc["d41d8cd98f00b204e9800998ecf8427e"].Status == "expired"
    assert by_ioc["d41d8cd98f00b204e9800998ecf8427e"].Severity == "information"
    url = by_ioc["http://evil.example.com/x"]
    assert (url.Result, url.QuerySubtype, url.Status, url.Severity) == \
        (True, "Url", "inactive", "information")
    assert (by_ioc["198.51.100.99"].Result, by_ioc["198.51.100.99"].Status) == (False, "not found")
    assert list(found.columns) == ["Ioc", "IocType", "QuerySubtype", "Provider", "Result",
                                   "Severity", "Details", "RawResult", "Reference", "Status"]


@requires_native
def test_threat_intel_inactive_and_untyped_values(tmp_path):
    import huntbook
    indicators = pd.DataFrame({
        "TimeGenerated": pd.to_datetime(["2024-01-01"], utc=True), "IndicatorId": ["x"],
        "Url": ["http://a.example.org/p?q='1'"], "Active": [False], "ConfidenceScore": [90.0]})
    with huntbook.connect(str(tmp_path / "data")) as connection:
        connection.ingest("ThreatIntelligenceIndicator", indicators)
        found = lookup_iocs(connection, ["http://a.example.org/p?q='1'", "no such thing"])
    assert list(found["Status"]) == ["inactive", "not found"]
    assert list(found["IocType"]) == ["url", None]


@requires_native
def test_threat_intel_observable_value_table(tmp_path):
    """The newer ThreatIntelIndicators shape: one ObservableValue column for every type."""
    import huntbook
    indicators = pd.DataFrame({
        "TimeGenerated": pd.to_datetime(["2024-01-01", "2024-01-01"], utc=True),
        "ObservableKey": ["ipv4-addr:value", "domain-name:value"],
        "ObservableValue": ["198.51.100.20", "bad.example.net"], "Confidence": [80, 40]})
    with huntbook.connect(str(tmp_path / "data")) as connection:
        connection.ingest("ThreatIntelIndicators", indicators)
        found = lookup_iocs(connection, ["BAD.example.net", "198.51.100.20", "192.0.2.1"],
                            table="ThreatIntelIndicators")
    assert list(zip(found["Ioc"], found["Result"], found["QuerySubtype"])) == [
        ("BAD.example.net", True, "ObservableValue"),
        ("198.51.100.20", True, "ObservableValue"), ("192.0.2.1", False, None)]
    assert list(found["Severity"]) == ["information", "high", "information"]
