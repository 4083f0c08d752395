#!/usr/bin/env bash
# `huntbook ingest` of Windows .evtx logs (README "Windows event logs"): Security-channel events
# become SecurityEvent rows and the others Event rows, shaped as Microsoft Sentinel stores
# them; broken files are refused whole with the file and record named, never a crash.
# The .evtx files are written by test/data/evtx_writer.py and read through libevtx.
# Usage: evtx_ingest_test.sh HUNTBOOK_BINARY SOURCE_DIR
set -uo pipefail
bin=$1
src=$2
python=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data=$work/data
# shellcheck source=checks.sh
source "$src/test/integration/checks.sh"
query() { "$bin" query --data "$data" --format csv "$1" 2>&1; }

cat >"$work/incident.json" <<'JSON'
[
 {"event_id": 4625, "time": "2026-11-01T09:59:58Z", "computer": "DC01.contoso.local", "task": 12544,
  "data": {"TargetUserName": "alice", "TargetDomainName": "CONTOSO", "LogonType": "3",
           "IpAddress": "203.0.113.7", "Status": "0xc000006d"}},
 {"event_id": 4624, "time": "2026-11-01T10:00:00.1234567Z", "computer": "DC01.contoso.local", "task": 12544,
  "data": {"SubjectUserSid": "S-1-5-18", "SubjectUserName": "DC01$", "SubjectDomainName": "CONTOSO",
           "TargetUserName": "alice", "TargetDomainName": "CONTOSO", "LogonType": "0xA", "IpAddress": "203.0.113.7"}},
 {"event_id": 4688, "time": "2026-11-01T10:01:00Z", "computer": "WS1.contoso.local", "task": 13312,
  "data": {"SubjectUserName": "alice", "SubjectDomainName": "CONTOSO", "TargetUserName": "-",
           "NewProcessId": "0x1a2c", "NewProcessName": "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
           "CommandLine": "powershell -enc SQBFAFgA & \"<x>\"", "ParentProcessName": "C:\\Program Files\\Microsoft Office\\WINWORD.EXE",
           "Computer": "spoofed", "LogonType": "not a number"}},
 {"event_id": 1102, "time": "2026-11-01T10:02:00Z", "computer": "DC01.contoso.local", "provider": "Microsoft-Windows-Eventlog",
  "user_data": {"LogFileCleared": {"SubjectUserName": "mallory", "SubjectDomainName": "CONTOSO"}}},
 {"event_id": 1, "time": "2026-11-01T10:01:01Z", "computer": "WS1.contoso.local", "level": 4,
  "provider": "Microsoft-Windows-Sysmon", "channel": "Microsoft-Windows-Sysmon/Operational",
  "data": {"Image": "C:\\Windows\\System32\\cmd.exe", "CommandLine": "cmd /c whoami", "ProcessId": "4242",
           "ParentImage": "C:\\Windows\\explorer.exe"}},
 {"event_id": 7045, "time": "2026-11-01T10:03:00Z", "computer": "WS1.contoso.local", "level": 2,
  "provider": "Service Control Manager", "channel": "System",
  "data": {"ServiceName": "PSEXESVC", "ImagePath": "%SystemRoot%\\PSEXESVC.exe"}}
]
JSON
"$python" "$src/test/data/evtx_writer.py" "$work/incident.evtx" "$work/incident.json"

out=$("$bin" ingest --data "$data" "$work/incident.evtx" 2>&1)
check "routes by channel without --table" contains "$out" "4 events into default.SecurityEvent"
check "other channels go to Event" contains "$out" "2 events into default.Event"

out=$(query 'SecurityEvent | where EventID == 4624 | project TimeGenerated, Activity, Account, AccountType, SubjectAccount, LogonType, IpAddress, Computer')
check "4624 row as Sentinel shapes it" contains "$out" '2026-11-01T10:00:00.1234567Z,4624 - An account was successfully logged on.,CONTOSO\alice,User,CONTOSO\DC01$,10,203.0.113.7,DC01.contoso.local'

out=$(query 'SecurityEvent | where EventID == 4688 | project Account, NewProcessId, CommandLine, Computer, isnull(LogonType), EventData has "spoofed"')
check "4688: subject account, hex pid kept as text, data cannot overwrite Computer, bad int is null" \
  contains "$out" 'CONTOSO\alice,0x1a2c,"powershell -enc SQBFAFgA & ""<x>""",WS1.contoso.local,true,true'

out=$(query 'SecurityEvent | where EventID == 1102 | project Activity, SubjectUserName, Account')
check "1102 UserData values become columns" contains "$out" 'The audit log was cleared.,mallory,CONTOSO\mallory'

out=$(query 'SecurityEvent | getschema | where ColumnName in ("EventID", "LogonType", "TimeGenerated") | project ColumnName, ColumnType')
check "typed columns" test "$out" = $'ColumnName,ColumnType\nTimeGenerated,datetime\nEventID,long\nLogonType,long'

out=$(query 'Event | where EventID == 1 | project Source, EventLog, EventLevelName, ParameterXml, EventData has "<Data Name=\"ParentImage\">C:\\Windows\\explorer.exe</Data>"')
check "Sysmon event in Event with DataItem XML" \
  contains "$out" 'Microsoft-Windows-Sysmon,Microsoft-Windows-Sysmon/Operational,Information,<Param>C:\Windows\System32\cmd.exe</Param><Param>cmd /c whoami</Param><Param>4242</Param><Param>C:\Windows\explorer.exe</Param>,true'

out=$(query 'Event | where EventID == 7045 | project EventLevel, EventLevelName, EventData startswith "<DataItem type=\"System.XmlData\""')
check "System channel event" test "$out" = $'EventLevel,EventLevelName,Column1\n2,Error,true'

# --table puts every event in one table; an existing table keeps its column types.
out=$("$bin" ingest --data "$data" --table Incident --format evtx "$work/incident.evtx" 2>&1)
check "--table collects all events" contains "$out" "6 events into default.Incident"

# A log bigger than one 64 KiB chunk.
"$python" - "$work/big.json" <<'PY'
import json, sys
events = [{"event_id": 4625, "time": "2026-11-02T00:%02d:%02dZ" % (i // 60 % 60, i % 60),
           "computer": "DC01", "data": {"TargetUserName": "user%d" % (i % 50), "IpAddress": "198.51.100.%d" % (i % 200),
                                        "LogonType": "3"}} for i in range(3000)]
json.dump(events, open(sys.argv[1], "w"))
PY
"$python" "$src/test/data/evtx_writer.py" "$work/big.evtx" "$work/big.json"
"$bin" ingest --data "$data" "$work/big.evtx" >/dev/null 2>&1
out=$(query 'SecurityEvent | where TimeGenerated >= datetime(2026-11-02) | summarize n = count(), users = dcount(TargetUserName), ips = dcount(IpAddress)')
check "multi-chunk log read whole" test "$out" = $'n,users,ips\n3000,50,200'

# Broken input: refused with a message naming the file, nothing stored, never a crash.
before=$(query 'SecurityEvent | count')
printf 'not an event log' >"$work/fake.evtx"
out=$("$bin" ingest --data "$data" "$work/fake.evtx" 2>&1)
code=$?
check "non-EVTX file refused" test "$code" -eq 1
check "non-EVTX error names the file" contains "$out" "fake.evtx: not a readable EVTX file"
head -c 6000 "$work/incident.evtx" >"$work/truncated.evtx"
out=$("$bin" ingest --data "$data" "$work/truncated.evtx" 2>&1)
check "truncated file refused" test $? -eq 1
check "truncated file: the error says so" contains "$out" "truncated.evtx: truncated: the header declares 1 chunks (69632 bytes) but the file has 6000 bytes"
"$python" - "$work/big.evtx" "$work/corrupt.evtx" <<'PY'
import random, sys
data = bytearray(open(sys.argv[1], "rb").read())
rng = random.Random(7)
for _ in range(400):
    data[rng.randrange(4096 + 512, len(data))] = rng.randrange(256)
open(sys.argv[2], "wb").write(data)
PY
out=$("$bin" ingest --data "$work/corrupt-data" "$work/corrupt.evtx" 2>&1)
code=$?
check "corrupted records refused whole, no crash" test "$code" -eq 1
check "corrupted records: the error names file and record" contains "$out" "corrupt.evtx: record "
check "corrupted records: nothing stored" test ! -e "$work/corrupt-data/default/SecurityEvent"
out=$("$bin" ingest --data "$data" --format evtx "$src/test/data/evtx_writer.py" 2>&1)
check "--format evtx on a text file refused" test $? -eq 1
check "the store is unchanged after refusals" test "$(query 'SecurityEvent | count')" = "$before"
out=$("$bin" ingest --data "$data" "$work/incident.json" 2>&1)
check "non-evtx without --table asks for it" contains "$out" "ingest needs --table T"

finish evtx_ingest_test
