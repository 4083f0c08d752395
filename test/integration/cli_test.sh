#!/usr/bin/env bash
# The CLI contract (README "Command line"): ingest, query in every format, errors as JSON
# with positions and a non-zero exit, check against schema files, bad input rejected whole.
# Usage: cli_test.sh HUNTBOOK_BINARY SOURCE_DIR
set -uo pipefail
bin=$1
src=$2
corpus=${HUNTBOOK_CORPUS_DATA:-$src/../shared/corpus/data}
schemas=$src/../shared/corpus/schemas
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data=$work/data
# shellcheck source=checks.sh
source "$src/test/integration/checks.sh"

out=$("$bin" ingest --data "$data" --table SecurityEvent "$corpus/host_logons.csv")
check "ingest reports rows" contains "$out" "ingested 14 rows into default.SecurityEvent"

out=$("$bin" query --data "$data" --format json 'SecurityEvent | count')
check "json body" test "$out" = '{"tables":[{"name":"PrimaryResult","columns":[{"name":"Count","type":"long"}],"rows":[[14]]}]}'

out=$("$bin" query --data "$data" --format json 'print d = datetime(2024-01-01 10:00), t = 90m, x = dynamic({"a":[1,2]}), r = real(nan), s = "q\"t"')
check "json value forms" test "$out" = '{"tables":[{"name":"PrimaryResult","columns":[{"name":"d","type":"datetime"},{"name":"t","type":"timespan"},{"name":"x","type":"dynamic"},{"name":"r","type":"real"},{"name":"s","type":"string"}],"rows":[["2024-01-01T10:00:00Z","01:30:00","{\"a\":[1,2]}","NaN","q\"t"]]}]}'

out=$("$bin" query --data "$data" --format csv 'SecurityEvent | summarize n = count() by LogonType | sort by LogonType asc')
check "csv header" contains "$out" "LogonType,n"

out=$(HUNTBOOK_DATA=$data "$bin" query 'SecurityEvent | take 1 | project TargetUserName')
check "HUNTBOOK_DATA and table format" contains "$out" "(1 row)"

echo 'SecurityEvent | where EventID == 4624 | count' >"$work/q.kql"
out=$("$bin" query --data "$data" --format csv -f "$work/q.kql")
check "query from file" test "$out" = $'Count\n14'

out=$("$bin" query --data "$data" --format json 'SecurityEvent | where EventID = = 1')
code=$?
check "syntax error exits non-zero" test "$code" -ne 0
check "syntax error json" contains "$out" '{"error":{"code":"SyntaxError","message":'
check "syntax error position" contains "$out" '"line":1,"column":'

out=$("$bin" query --data "$data" --format json 'SecurityEvent | fork (take 1)')
check "not supported names the operator" contains "$out" "not supported: operator 'fork'"

printf 'a,b\n1,x\n2,y\n' >"$work/good.csv"
printf 'a,b\n3,z\nnot-a-number,w\n' >"$work/bad.csv"
"$bin" ingest --data "$data" --table T "$work/good.csv" >/dev/null
err=$("$bin" ingest --data "$data" --table T "$work/bad.csv" 2>&1)
code=$?
check "bad file exits non-zero" test "$code" -ne 0
check "bad file names file, line and column" contains "$err" "bad.csv"
check "bad file names the line" contains "$err" "line 3"
out=$("$bin" query --data "$data" --format csv 'T | count')
check "rejected file leaves nothing" test "$out" = $'Count\n2'

out=$("$bin" check --schemas "$schemas" 'SecurityEvent | where EventID == 4625 | summarize count() by Account')
check "check binds against schemas" contains "$out" "OK"
out=$("$bin" check --schemas "$schemas" 'SecurityEvent | where NoSuchColumn == 1')
code=$?
check "check reports unknown column" test "$code" -ne 0
check "check names the column" contains "$out" "NoSuchColumn"
# A schema file's advanced_hunting_columns (Defender XDR names) bind beside its columns.
out=$("$bin" check --schemas "$schemas" 'IdentityInfo | where Timestamp > ago(1d) and TimeGenerated > ago(1d) | project AccountUpn, OnPremSid')
check "check binds Defender XDR columns of a schema" contains "$out" "OK"

# check prints the plan after the engine's rewrites: the pushdowns that storage/pushdown.test
# relies on must really happen (that suite alone would pass with a plain scan).
out=$("$bin" check --schemas "$schemas" 'SecurityEvent | where CommandLine has "mimikatz" and TimeGenerated > datetime(2024-01-01)')
check "has pushes an index term" contains "$out" "term(CommandLine:mimikatz)"
check "datetime bound pushes a time bound" contains "$out" "time(TimeGenerated)"
out=$("$bin" check --schemas "$schemas" 'AuditLogs | where tostring(InitiatedBy.user.id) == "abc123"')
check "dynamic path equality pushes a term" contains "$out" "term(InitiatedBy:abc123)"
out=$("$bin" check --schemas "$schemas" 'AuditLogs | where InitiatedBy.user has "abc123"')
check "has on a dynamic path is not pushed" bash -c '! grep -qF "term(" <<<"$1"' _ "$out"

# --result-schema: the result's columns as name:type (int + int is long); --jsonl: one verdict
# line per query, in order, and Defender XDR columns (Timestamp) bind from the schema files.
out=$("$bin" check --schemas "$schemas" --result-schema 'SecurityEvent | summarize n = count() by EventID | extend m = EventID + EventID')
check "result schema" test "$out" = $'OK\nEventID:int\nn:long\nm:long'
out=$(printf '%s\n' '{"id":"a","query":"DeviceProcessEvents | project Timestamp"}' '{"query":"print x="}' |
  "$bin" check --schemas "$schemas" --jsonl -)
check "jsonl binds" contains "$out" '{"id":"a","parse_ok":true,"bind_ok":true,"first_error":null,"result_schema":[{"name":"Timestamp","type":"datetime"}]}'
check "jsonl reports a syntax error" contains "$out" '{"line":1,"parse_ok":false,"bind_ok":false,"first_error":{"message":"SyntaxError: '
printf 'not json\n' | "$bin" check --schemas "$schemas" --jsonl - >/dev/null 2>&1
check "jsonl bad line exits 2" test $? -eq 2

# Without data, bag_unpack's columns are unknown: names after it bind as dynamic (the schema
# is open) until a project closes it. With data the columns come from the rows, and a name
# no row has is an error.
out=$("$bin" check --schemas "$schemas" --result-schema 'SecurityEvent | extend b = parse_json(EventData) | evaluate bag_unpack(b) | where Signer startswith "INVALID" | project Signer, Account')
check "open schema after bag_unpack" test "$out" = $'OK\nSigner:dynamic\nAccount:string'
out=$("$bin" check --schemas "$schemas" 'SecurityEvent | extend b = parse_json(EventData) | evaluate bag_unpack(b) | project Account | where Signer == 1')
check "project closes the open schema" contains "$out" "unknown column or name 'Signer'"
out=$("$bin" query --data "$data" 'print b = dynamic({"x": 1}) | evaluate bag_unpack(b) | where Signer == 1' 2>&1)
check "with data an unpacked name must exist" contains "$out" "unknown column or name 'Signer'"

"$bin" query --data "$data" >/dev/null 2>&1
check "usage error exits 2" test $? -eq 2

finish cli_test
