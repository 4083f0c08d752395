"""Process trees from 4688 and Sysmon 1 events: parent matching, depth, paths, rendering."""

import os

import pandas as pd
import pytest

from huntbook.analysis import (build_process_tree, plot_process_tree, process_tree_graph,
                               process_tree_html, process_tree_text)
from conftest import requires_native

# The shared corpus sits beside the repository (../shared from its root), as for `make demo`.
CORPUS_DATA = os.environ.get("HUNTBOOK_CORPUS_DATA") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "corpus", "data")


def event_4688(time, pid, ppid, name, parent, command="", host="web01"):
    return {"EventID": 4688, "TimeGenerated": time, "Computer": host, "NewProcessId": pid,
            "ProcessId": ppid, "NewProcessName": name, "ParentProcessName": parent,
            "CommandLine": command, "SubjectLogonId": "0x3e7", "TargetLogonId": "0x0",
            "SubjectUserName": "SYSTEM"}


WORD = "C:\\Program Files\\Microsoft Office\\WINWORD.EXE"
CMD = "C:\\Windows\\System32\\cmd.exe"
PS = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"
EXPLORER = "C:\\Windows\\explorer.exe"


def sample_4688():
    return pd.DataFrame([
        event_4688("2024-01-01T09:00:00Z", "0x100", "0x4", EXPLORER, ""),
        event_4688("2024-01-01T10:00:00Z", "0x1a2c", "0x100", WORD, EXPLORER, "winword /n x.docm"),
        event_4688("2024-01-01T10:01:00Z", "0x200", "0x1a2c", CMD, WORD, "cmd /c powershell"),
        event_4688("2024-01-01T10:01:01Z", 768, "0x200", PS, CMD, "powershell -enc AAAA"),
        # pid 0x200 reused later by another cmd.exe whose parent is not in the data
        event_4688("2024-01-01T11:00:00Z", "0x200", "0x999", CMD, "C:\\x\\svc.exe", "cmd /c ver"),
        # a powershell whose parent pid 0x200 was last cmd.exe #2: it must link to #2
        event_4688("2024-01-01T11:00:05Z", "0x300", "0x200", PS, CMD, "powershell whoami"),
        # same pids on another host: a separate tree
        event_4688("2024-01-01T10:00:30Z", "0x1a2c", "0x100", WORD, EXPLORER, "", host="db01"),
        # not a 4688 event: ignored
        {**event_4688("2024-01-01T10:00:00Z", "0x1", "0x2", CMD, ""), "EventID": 4624},
    ])


def test_parents_matched_backwards_in_time_by_host_and_pid():
    tree = build_process_tree(sample_4688())
    by_command = {row.CommandLine: row for row in tree.itertuples() if not row.Synthetic}
    key = {c: r.ProcessKey for c, r in by_command.items()}
    assert by_command["cmd /c powershell"].ParentKey == key["winword /n x.docm"]
    assert by_command["powershell -enc AAAA"].ParentKey == key["cmd /c powershell"]
    assert by_command["powershell whoami"].ParentKey == key["cmd /c ver"]
    assert by_command["powershell -enc AAAA"].Depth == 4  # System(0x4) > explorer > word > cmd
    assert by_command["powershell -enc AAAA"].Path.endswith(
        "explorer.exe > " + WORD + " > " + CMD + " > " + PS)
    assert by_command["powershell -enc AAAA"].Pid == 0x300 and by_command["cmd /c ver"].Pid == 0x200
    db01 = tree[tree["Host"] == "db01"]
    assert list(db01["Synthetic"]) == [True, False]  # its own synthesised explorer.exe
    assert 4624 not in set(tree["Pid"])


def test_roots_synthesised_once_and_node_types():
    tree = build_process_tree(sample_4688())
    roots = tree[tree["IsRoot"]]
    assert sorted(zip(roots["Host"], roots["Pid"])) == [("db01", 0x100), ("web01", 0x4),
                                                         ("web01", 0x999)]
    assert roots["Synthetic"].all() and (roots["NodeType"] == "root").all()
    assert len(tree) == 7 + 3
    leaf = tree[tree["CommandLine"] == "powershell whoami"].iloc[0]
    assert leaf.NodeType == "leaf" and leaf.ChildCount == 0
    assert leaf.LogonId == "0x3e7"  # TargetLogonId 0x0 falls back to SubjectLogonId
    assert tree.iloc[0]["Depth"] == 0  # depth-first order starts at a root
    for position in range(1, len(tree)):
        assert tree.iloc[position]["Depth"] <= tree.iloc[position - 1]["Depth"] + 1


def test_sysmon_guid_wins_over_pid():
    guid = "{11111111-2222-3333-4444-555555555555}"
    events = pd.DataFrame([
        {"EventID": 1, "UtcTime": "2024-01-01 10:00:00.000", "Computer": "h",
         "ProcessGuid": guid, "ProcessId": 10, "ParentProcessGuid": "", "ParentProcessId": 1,
         "Image": "/usr/bin/bash", "ParentImage": "/sbin/init", "CommandLine": "bash"},
        {"EventID": 1, "UtcTime": "2024-01-01 10:05:00.000", "Computer": "h",
         "ProcessGuid": "{aaaaaaaa-2222-3333-4444-555555555555}", "ProcessId": 10,
         "ParentProcessGuid": "", "ParentProcessId": 1, "Image": "/usr/bin/bash",
         "ParentImage": "/sbin/init", "CommandLine": "bash #2"},
        {"EventID": 1, "UtcTime": "2024-01-01 10:06:00.000", "Computer": "h",
         "ProcessGuid": "{bbbbbbbb-2222-3333-4444-555555555555}", "ProcessId": 11,
         "ParentProcessGuid": guid.upper(), "ParentProcessId": 10, "Image": "/usr/bin/curl",
         "ParentImage": "/usr/bin/bash", "CommandLine": "curl x"},
    ])
    tree = build_process_tree(events)
    curl = tree[tree["CommandLine"] == "curl x"].iloc[0]
    assert curl.ParentKey == guid.strip("{}").lower() and curl.Source == "sysmon"


def test_bad_input_errors_name_the_problem():
    with pytest.raises(KeyError, match="NewProcessName"):
        build_process_tree(pd.DataFrame({"NewProcessId": [1], "ProcessId": [2]}))
    bad = sample_4688()
    bad.loc[1, "NewProcessId"] = "0xZZ"
    with pytest.raises(ValueError, match="row 1: process id '0xZZ'"):
        build_process_tree(bad)
    assert build_process_tree(sample_4688().iloc[0:0]).empty


def test_renderings_and_graph():
    tree = build_process_tree(sample_4688())
    text = process_tree_text(tree)
    assert "└─ powershell.exe [0x300] 2024-01-01 10:01:01 powershell -enc AAAA" in text
    markup = process_tree_html(pd.concat([tree, tree.iloc[:1].assign(
        CommandLine="<script>", Depth=0)], ignore_index=True))
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert markup.count("<ul>") == markup.count("</ul>")
    graph = process_tree_graph(tree)
    assert graph.number_of_nodes() == len(tree) and graph.number_of_edges() == len(tree) - 3
    figure = plot_process_tree(tree)
    assert len(figure.data[1].x) == len(tree)


@requires_native
def test_tree_from_4688_events_queried_in_process(tmp_path):
    """The real 4688 sample (hex pids) ingested, queried back, and built into the same
    tree as from the file itself."""
    import huntbook
    source = pd.read_csv(f"{CORPUS_DATA}/processes_on_host.csv", index_col=0)
    with huntbook.connect(str(tmp_path / "data")) as connection:
        connection.ingest("SecurityEvent", source)
        events = connection.query(
            "declare query_parameters(host:string);\n"
            "SecurityEvent | where EventID == 4688 and Computer =~ host",
            params={"host": "msticalertswin1"})
    assert len(events) == len(source)
    tree = build_process_tree(events)
    assert (~tree["Synthetic"]).sum() == len(source)
    shape = sorted(zip(tree["Pid"], tree["Depth"], tree["Path"], tree["NodeType"]))
    assert shape == sorted(zip(*(build_process_tree(source)[c] for c in
                                 ("Pid", "Depth", "Path", "NodeType"))))
    # Every parent in the data was created at or before its child.
    time_of = dict(zip(tree["ProcessKey"], tree["TimeGenerated"]))
    linked = tree[tree["ParentKey"].map(lambda key: not pd.isna(time_of.get(key, pd.NaT)))]
    assert len(linked) == 202  # the other 161 hang under 6 synthesised (pre-capture) parents
    assert all(time_of[row.ParentKey] <= row.TimeGenerated for row in linked.itertuples())
    assert tree["Synthetic"].sum() == 6 and tree["Depth"].max() == 4
