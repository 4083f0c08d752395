"""The sample workspace generator: deterministic files whose columns follow the Log
Analytics schemas, and every planted attack story findable by a KQL query."""

import datetime as _dt
import filecmp
import json
import os

import pytest

from conftest import requires_native
from huntbook.sample_data import DEFAULT_END, TABLES, generate, load_ground_truth
from sample_workspace import sample_workspace, schemas_dir, utc

_JSON_KINDS = {"string": str, "int": int, "long": int, "real": float, "bool": bool,
               "dynamic": (dict, list), "datetime": str, "guid": str, "timespan": str}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    out = str(tmp_path_factory.mktemp("small"))
    return out, generate(out, end="2026-11-01", scale=0.1)


def test_same_seed_and_end_give_identical_files(small, tmp_path):
    first, truth = small
    again = str(tmp_path / "again")
    generate(again, end=DEFAULT_END, scale=0.1)
    names = [f"{t}.jsonl" for t in TABLES] + ["ground_truth.json", "tables.tsv"]
    match, mismatch, errors = filecmp.cmpfiles(first, again, names, shallow=False)
    assert mismatch == [] and errors == [] and len(match) == len(names)
    other = str(tmp_path / "other-seed")
    generate(other, end=DEFAULT_END, scale=0.1, seed=8)
    assert not filecmp.cmp(os.path.join(first, "SecurityEvent.jsonl"),
                           os.path.join(other, "SecurityEvent.jsonl"), shallow=False)


def test_window_and_story_times_follow_end(small, tmp_path):
    _, truth = small
    assert truth["start"] == "2026-10-02T00:00:00.000Z"
    assert truth["end"] == "2026-11-01T00:00:00.000Z"
    shifted = generate(str(tmp_path / "shifted"), end="2026-12-01T17:45:00Z", scale=0.1)
    assert shifted["end"] == "2026-12-01T00:00:00.000Z"
    spray = truth["stories"]["password_spray"]
    moved = shifted["stories"]["password_spray"]
    assert utc(moved["start"]) - utc(spray["start"]) == _dt.timedelta(days=30)


def test_bad_arguments_are_errors(tmp_path):
    with pytest.raises(ValueError, match="scale"):
        generate(str(tmp_path), scale=0)
    with pytest.raises(ValueError, match="days"):
        generate(str(tmp_path), days=3)


def test_columns_and_value_kinds_follow_the_schemas(small):
    directory, truth = small
    for table in TABLES:
        with open(os.path.join(schemas_dir(), f"{table}.json"), encoding="utf-8") as source:
            schema = {c["name"]: c["type"] for c in json.load(source)["columns"]}
        with open(os.path.join(directory, f"{table}.jsonl"), encoding="utf-8") as rows:
            for number, line in enumerate(rows, 1):
                for column, value in json.loads(line).items():
                    assert column in schema, f"{table}.{column} is not in the schema"
                    if value is None:
                        continue
                    kind = schema[column]
                    assert isinstance(value, _JSON_KINDS[kind]) and not (
                        kind in ("int", "long", "real") and isinstance(value, bool)), \
                        f"{table} line {number}: {column} ({kind}) = {value!r}"
                    if kind == "datetime":
                        utc(value)
        assert truth["rows"][table] == number


def test_ground_truth_names_tables_times_and_iocs(small):
    directory, truth = small
    assert load_ground_truth(directory) == truth
    start, end = utc(truth["start"]), utc(truth["end"])
    assert set(truth["stories"]) == {
        "password_spray", "office_encoded_powershell", "credential_dumping",
        "linux_base64_commands", "secrets_in_command_lines", "download_spike",
        "threat_intel_match"}
    for story in truth["stories"].values():
        assert story["title"] and set(story["tables"]) <= set(TABLES)
        for key in ("start", "time", "success_time", "lateral_time"):
            if key in story:
                assert start <= utc(story[key]) < end, (story["id"], key)


def test_volume_scales_with_scale(small):
    """Scale shrinks the default ~60k rows (heartbeats, cron and sign-ins per user do not
    scale); the test workspace is scale 0.5."""
    _, truth = small
    tenth = sum(n for t, n in truth["rows"].items() if t != "Heartbeat")
    assert 5_000 <= tenth <= 15_000, truth["rows"]
    half = sample_workspace().truth["rows"]
    assert 20_000 <= sum(n for t, n in half.items() if t != "Heartbeat") <= 45_000, half


# ---- the stories, found by queries on the ingested workspace ---------------------------

@pytest.fixture(scope="module")
def ws():
    return sample_workspace()


@requires_native
def test_password_spray_then_success(ws):
    truth = ws.stories("password_spray")
    spray = ws.provider.AzureSignins.password_spray_success(start="-30d")
    assert list(spray["IPAddress"]) == [truth["attacker_ip"]]
    assert list(spray["CompromisedAccount"]) == [truth["compromised_upn"]]
    assert spray["FailedAccounts"][0] == truth["sprayed_accounts"]
    assert spray["Failures"][0] == truth["failed_signins"]
    windows = ws.provider.WindowsSecurity.password_spray_then_logon(start="-30d")
    assert list(windows["IpAddress"]) == [truth["attacker_ip"]]
    assert list(windows["TargetUserName"]) == [truth["compromised_account"]]
    assert windows["LogonType"][0] == 10
    # what the attacker did with the account, by plain KQL
    azure = ws.connection.query(
        "declare query_parameters(ip:string); AzureActivity | where CallerIpAddress == ip "
        "| summarize make_set(OperationNameValue)", params={"ip": truth["attacker_ip"]})
    assert sorted(azure.iloc[0, 0]) == sorted(truth["azure_operations"])
    rules = ws.provider.Office365.inbox_rules(start="-30d")
    assert rules["Forwarding"].tolist() == [True]
    assert truth["inbox_rule_forward_to"] in str(rules["Parameters"][0])


@requires_native
def test_office_launches_encoded_powershell(ws):
    truth = ws.stories("office_encoded_powershell")
    found = ws.provider.WindowsSecurity.encoded_powershell(start="-30d")
    assert len(found) == 1
    assert found["Decoded"][0] == truth["decoded_command"]
    assert found["Computer"][0] == truth["host"]
    assert found["ParentProcessName"][0].upper().endswith(truth["parent_process"])
    spawned = ws.provider.WindowsSecurity.office_apps_spawning_processes(start="-30d")
    assert spawned["CommandLine"].tolist() == [truth["command_line"]]
    tree = ws.provider.WindowsSecurity.list_host_processes(host="WS-FIN-07", start="-30d")
    children = tree[tree["ProcessId"] == truth["process_id"]]["CommandLine"].tolist()
    assert children[:3] == truth["recon_commands"]  # then the credential dumping tools
    alert = ws.provider.Alerts.alert_entities(
        start="-30d", alert_name="Suspicious PowerShell launched by an Office application")
    assert {"host", "account", "process", "ip", "dns"} == set(alert["EntityType"])
    assert truth["c2_domain"] in alert["EntityValue"].tolist()


@requires_native
def test_credential_dumping(ws):
    truth = ws.stories("credential_dumping")
    commands = ws.provider.WindowsSecurity.credential_dumping_commands(start="-30d")
    assert sorted(commands["CommandLine"]) == sorted(truth["command_lines"])
    assert set(commands["Computer"]) == {truth["host"]}
    access = ws.provider.Sysmon.lsass_access(start="-30d")
    assert len(access) == 3 and set(access["Computer"]) == {truth["host"]}
    assert set(access["GrantedAccess"]) == {"0x1fffff", "0x1010"}
    dump = ws.provider.Sysmon.file_creations(host="WS-FIN-07", pattern="dmp", start="-30d")
    assert dump["TargetFilename"].tolist() == [truth["dump_file"]]
    changes = ws.provider.WindowsSecurity.account_changes(start="-30d")
    assert truth["created_account"] in changes["Target"].tolist()
    assert truth["created_account_group"] in changes["Group"].tolist()
    cleared = ws.provider.WindowsSecurity.audit_log_cleared(start="-30d")
    assert cleared["Computer"].tolist() == [truth["host"]]
    lateral = ws.provider.WindowsSecurity.list_account_logons(account=truth["lateral_account"],
                                                              start="-30d")
    ntlm = lateral[(lateral["AuthenticationPackageName"] == "NTLM")]
    assert ntlm["Computer"].tolist() == [truth["lateral_host"]]


@requires_native
def test_base64_piped_linux_commands(ws):
    truth = ws.stories("linux_base64_commands")
    found = ws.provider.LinuxSyslog.base64_encoded_commands(start="-30d")
    assert sorted(found["Decoded"]) == sorted(truth["decoded_commands"])
    assert set(found["Computer"]) == {truth["host"]} and set(found["User"]) == {"www-data"}
    assert found["PipedToShell"].all()
    flows = ws.provider.Network.flows_to_ip(ip=truth["c2_ip"], start="-30d")
    assert flows["Computer"].tolist() == [truth["host"]]


@requires_native
def test_secrets_in_command_lines(ws):
    truth = ws.stories("secrets_in_command_lines")
    windows = ws.provider.WindowsSecurity.secrets_in_command_lines(start="-30d")
    linux = ws.provider.LinuxSyslog.secrets_in_command_lines(start="-30d")
    lines = windows["CommandLine"].tolist() + linux["CommandLine"].tolist()
    for leak in truth["leaks"]:
        assert any(leak["secret"] in line for line in lines), leak
    assert len(lines) == len(truth["leaks"])  # and nothing else


@requires_native
def test_download_spike_is_the_only_anomaly(ws):
    truth = ws.stories("download_spike")
    anomalies = ws.provider.Office365.download_anomalies(start="-30d")
    assert anomalies["UserId"].tolist() == [truth["upn"]]
    hour = anomalies["TimeGenerated"][0].to_pydatetime()
    assert hour == utc(truth["start"]).replace(minute=0, second=0, microsecond=0)
    assert anomalies["Downloads"][0] == truth["downloads"]


@requires_native
def test_threat_intel_matches(ws):
    truth = ws.stories("threat_intel_match")
    ips = ws.provider.ThreatIntel.ip_matches(start="-30d")
    sightings = set(zip(ips["Ip"], ips["Source"]))
    c2, spray = truth["matched_ips"]
    assert {(c2, "DnsEvents"), (c2, "CommonSecurityLog"), (c2, "VMConnection"),
            (c2, "OfficeActivity"), (spray, "SigninLogs")} <= sightings
    assert set(ips["Ip"]) == set(truth["matched_ips"])  # no accidental matches
    domains = ws.provider.ThreatIntel.domain_matches(start="-30d")
    assert domains["Name"].tolist() == truth["matched_domains"]
    hashes = ws.provider.ThreatIntel.filehash_matches(start="-30d")
    assert hashes["Sha256"].tolist() == truth["matched_hashes"]
    assert hashes["Image"][0].endswith("m64.exe")
