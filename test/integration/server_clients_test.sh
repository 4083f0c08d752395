#!/bin/bash
# Starts the real `huntbook serve --anonymous` on a free loopback port and runs stock
# clients against it: Python stdlib the way Kqlmagic posts to Log Analytics (plus malformed
# HTTP on raw sockets), curl for ingestion, and the npm azure-kusto-data SDK.
# usage: server_clients_test.sh HUNTBOOK_BINARY SOURCE_DIR
set -u
BIN="$1"
SRC="$2"
WORK="$(mktemp -d)"
LOG="$WORK/server.log"
PID=""
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill -KILL "$PID" 2>/dev/null; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

"$BIN" serve --data "$WORK/data" --listen 127.0.0.1:0 --anonymous --threads 4 \
  --max-ingest-bytes 4096 >"$LOG" 2>&1 &
PID=$!
URL=""
for _ in $(seq 1 200); do
  URL="$(sed -n 's/^huntbook serve: listening on \(http:[^ ]*\)$/\1/p' "$LOG")"
  [ -n "$URL" ] && break
  sleep 0.1
done
if [ -z "$URL" ]; then
  echo "server did not start"; cat "$LOG"; exit 1
fi
echo "server at $URL"

passed=0
failed=0
expect() {  # expect NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then passed=$((passed + 1)); echo "ok $1"
  else failed=$((failed + 1)); echo "FAIL $1: expected $2, got $3"; fi
}
CURL=(curl -s -m 30 -o "$WORK/body" -w "%{http_code}")

# Ingestion: JSON array, JSON Lines, CSV; a rejected batch keeps nothing; 413 above the limit.
expect "ingest json" 200 "$("${CURL[@]}" -X POST -H 'Content-Type: application/json' \
  --data '[{"Account":"a","EventID":4625},{"Account":"b","EventID":4624}]' \
  "$URL/v1/workspaces/default/tables/SecurityEvent/ingest")"
expect "ingest jsonl" 200 "$("${CURL[@]}" -X POST --data-binary $'{"Account":"c","EventID":4625}\n' \
  "$URL/v1/workspaces/default/tables/SecurityEvent/ingest?format=jsonl")"
expect "ingest csv" 200 "$("${CURL[@]}" -X POST -H 'Content-Type: text/csv' \
  --data-binary $'Account,EventID\nd,4625\n' "$URL/v1/workspaces/default/tables/SecurityEvent/ingest")"
expect "rejected batch" 400 "$("${CURL[@]}" -X POST \
  --data-binary $'{"Account":"e","EventID":1}\n{"Account":"f","EventID":"oops"}\n' \
  "$URL/v1/workspaces/default/tables/SecurityEvent/ingest?format=jsonl")"
grep -q "line 2" "$WORK/body" && expect "rejection names the row" yes yes \
  || expect "rejection names the row" yes "$(cat "$WORK/body")"
expect "logs ingestion api" 204 "$("${CURL[@]}" -X POST -H 'Content-Type: application/json' \
  --data '[{"Account":"g","EventID":4625}]' \
  "$URL/dataCollectionRules/default/streams/Custom-SecurityEvent?api-version=2023-01-01")"
head -c 5000 /dev/zero | tr '\0' 'x' >"$WORK/big"
expect "413 over the body limit" 413 "$("${CURL[@]}" -X POST --data-binary @"$WORK/big" \
  "$URL/v1/workspaces/default/tables/SecurityEvent/ingest")"
expect "count after ingestion" 200 "$("${CURL[@]}" -X POST -H 'Content-Type: application/json' \
  --data '{"query":"SecurityEvent | where EventID == 4625 | count"}' "$URL/v1/workspaces/default/query")"
grep -q '"rows":\[\[4\]\]' "$WORK/body" && expect "rows kept" 4 4 \
  || expect "rows kept" 4 "$(cat "$WORK/body")"
expect "malformed json 400" 400 "$("${CURL[@]}" -X POST --data '{"query":' "$URL/v1/workspaces/default/query")"
expect "metrics" 200 "$("${CURL[@]}" "$URL/metrics")"
grep -q '^huntbook_ingested_rows_total{workspace="default"} 5' "$WORK/body" \
  && expect "ingested rows metric" yes yes || expect "ingested rows metric" yes "$(grep ingested "$WORK/body")"

# Kqlmagic-style Log Analytics and raw-socket malformed HTTP.
if /usr/bin/python3 "$SRC/test/integration/server_la_client_test.py" "$URL"; then
  passed=$((passed + 1)); echo "ok python client"
else failed=$((failed + 1)); echo "FAIL python client"; fi

# The npm SDK (installed once into test/clients/node_modules).
CLIENTS="$SRC/test/clients"
if command -v npm >/dev/null 2>&1; then
  if [ ! -d "$CLIENTS/node_modules/azure-kusto-data" ]; then
    (cd "$CLIENTS" && timeout 300 npm ci --no-audit --no-fund >/dev/null 2>&1) || \
      (cd "$CLIENTS" && timeout 300 npm install --no-audit --no-fund >/dev/null 2>&1)
  fi
  if timeout 120 node "$SRC/test/integration/server_kusto_sdk_test.mjs" "$URL" "$CLIENTS"; then
    passed=$((passed + 1)); echo "ok node sdk"
  else failed=$((failed + 1)); echo "FAIL node sdk"; fi
else
  echo "npm not found: node SDK test skipped"
fi

# Graceful stop on SIGTERM.
kill -TERM "$PID"
for _ in $(seq 1 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$PID" 2>/dev/null; then expect "stops on SIGTERM" stopped running
else wait "$PID"; expect "stops on SIGTERM with 0" 0 "$?"; fi
PID=""

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
