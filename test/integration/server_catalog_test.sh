#!/bin/bash
# The catalog routes on a real `huntbook serve` (token auth, loopback): a workspace made
# over HTTP is queryable and ingestable at once, bookmarks become HuntingBookmark rows,
# secrets round-trip, data written by `huntbook ingest` is adopted, everything survives a
# restart, and deleting a workspace removes its data directory.
# usage: server_catalog_test.sh HUNTBOOK_BINARY
set -u
BIN="$1"
WORK="$(mktemp -d)"
DATA="$WORK/data"
LOG="$WORK/server.log"
PID=""
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill -KILL "$PID" 2>/dev/null; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

passed=0
failed=0
expect() {  # expect NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then passed=$((passed + 1)); echo "ok $1"
  else failed=$((failed + 1)); echo "FAIL $1: expected $2, got $3"; fi
}

start() {  # start [extra serve args...]
  : >"$LOG"
  "$BIN" serve --data "$DATA" --listen 127.0.0.1:0 --threads 2 "$@" >"$LOG" 2>&1 &
  PID=$!
  URL=""
  for _ in $(seq 1 300); do
    URL="$(sed -n 's/^huntbook serve: listening on \(http:[^ ]*\)$/\1/p' "$LOG")"
    [ -n "$URL" ] && break
    sleep 0.1
  done
  if [ -z "$URL" ]; then echo "server did not start"; cat "$LOG"; exit 1; fi
}
stop() { kill -TERM "$PID"; wait "$PID" 2>/dev/null; PID=""; }

# Data written before the server knew the workspace.
printf 'Id\n7\n' >"$WORK/legacy.csv"
"$BIN" ingest --data "$DATA" --workspace legacy --table Old "$WORK/legacy.csv" >/dev/null || exit 1

echo "correct horse battery staple" >"$WORK/password"
start --admin-password-file "$WORK/password" --print-admin-token
TOKEN="$(sed -n 's/^huntbook serve: admin token (shown once): \(hbk_[^ ]*\)$/\1/p' "$LOG")"
[ -n "$TOKEN" ] || { echo "no admin token"; cat "$LOG"; exit 1; }
CURL=(curl -s -m 30 -o "$WORK/body" -w "%{http_code}" -H "Authorization: Bearer $TOKEN"
      -H 'Content-Type: application/json')
query() {  # query WORKSPACE KQL -> first cell
  "${CURL[@]}" -X POST --data "{\"query\":\"$2\"}" "$URL/v1/workspaces/$1/query" >/dev/null
  /usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["tables"][0]["rows"][0][0])' \
    "$WORK/body" 2>/dev/null || cat "$WORK/body"
}

expect "no token" 401 "$(curl -s -o /dev/null -w '%{http_code}' "$URL/v1/workspaces")"
expect "adopted legacy workspace" 7 "$(query legacy 'Old | project Id')"
expect "create group" 201 "$("${CURL[@]}" -X PUT "$URL/v1/resourcegroups/soc")"
expect "create workspace" 201 "$("${CURL[@]}" -X PUT \
  --data '{"location":"lab","properties":{"retentionInDays":90}}' \
  "$URL/v1/resourcegroups/soc/workspaces/hunt")"
expect "bad retention names the field" 400 "$("${CURL[@]}" -X PUT \
  --data '{"properties":{"retentionInDays":"long"}}' "$URL/v1/resourcegroups/soc/workspaces/x")"
grep -q "properties.retentionInDays" "$WORK/body" && expect "field named" yes yes \
  || expect "field named" yes "$(cat "$WORK/body")"
expect "ingest into new workspace" 200 "$("${CURL[@]}" -X POST --data '[{"Id":1},{"Id":2}]' \
  "$URL/v1/workspaces/hunt/tables/Events/ingest")"
expect "query new workspace" 2 "$(query hunt 'Events | count')"
expect "bookmark" 201 "$("${CURL[@]}" -X POST \
  --data '{"name":"b1","labels":["x"],"eventTime":"2024-05-01T10:00:00Z","entities":[]}' \
  "$URL/v1/workspaces/hunt/bookmarks")"
expect "secret" 200 "$("${CURL[@]}" -X PUT --data '{"value":"k3y"}' \
  "$URL/v1/workspaces/hunt/secrets/ti-key")"
"${CURL[@]}" -X POST --data '{"db":"default","csl":".show databases"}' "$URL/v1/rest/mgmt" >/dev/null
expect ".show databases" "default,hunt,legacy" "$(/usr/bin/python3 -c \
  'import json,sys; print(",".join(r[0] for r in json.load(open(sys.argv[1]))["Tables"][0]["Rows"]))' \
  "$WORK/body")"

stop
start
expect "workspace survives restart" 2 "$(query hunt 'Events | count')"
expect "bookmark row survives restart" b1 "$(query hunt 'HuntingBookmark | project BookmarkName')"
"${CURL[@]}" "$URL/v1/workspaces/hunt/secrets/ti-key" >/dev/null
expect "secret survives restart" k3y "$(/usr/bin/python3 -c \
  'import json,sys; print(json.load(open(sys.argv[1]))["value"])' "$WORK/body")"
# Portal sessions: password login sets an HttpOnly cookie; a change made with the cookie
# needs the session's X-CSRF-Token; logout ends the session.
JAR="$WORK/cookies"
SESSION=(curl -s -m 30 -o "$WORK/body" -w "%{http_code}" -b "$JAR" -c "$JAR"
         -H 'Content-Type: application/json')
expect "login with a wrong password" 401 "$("${SESSION[@]}" -X POST \
  --data '{"user":"admin","password":"wrong"}' "$URL/v1/session")"
expect "login" 200 "$("${SESSION[@]}" -X POST \
  --data '{"user":"admin","password":"correct horse battery staple"}' "$URL/v1/session")"
CSRF="$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrfToken"])'   "$WORK/body")"
grep -q "HttpOnly" <(curl -s -D - -o /dev/null -H 'Content-Type: application/json' -X POST   --data '{"user":"admin","password":"correct horse battery staple"}' "$URL/v1/session")   && expect "session cookie is HttpOnly" yes yes || expect "session cookie is HttpOnly" yes no
expect "cookie reads" 200 "$("${SESSION[@]}" "$URL/v1/workspaces/hunt/bookmarks")"
expect "cookie change without CSRF token refused" 401 "$("${SESSION[@]}" -X POST \
  --data '{"name":"csrf"}' "$URL/v1/workspaces/hunt/bookmarks")"
expect "cookie change with a wrong CSRF token refused" 401 "$("${SESSION[@]}" -X POST \
  -H "X-CSRF-Token: nope" --data '{"name":"csrf"}' "$URL/v1/workspaces/hunt/bookmarks")"
expect "no bookmark made by the refused changes" 0 \
  "$(query hunt "HuntingBookmark | where BookmarkName == 'csrf' | count")"
expect "cookie change with CSRF token" 201 "$("${SESSION[@]}" -X POST -H "X-CSRF-Token: $CSRF"   --data '{"name":"via-portal"}' "$URL/v1/workspaces/hunt/bookmarks")"
COOKIE="$(awk '$6 == "huntbook_session" {print $7}' "$JAR" | tail -1)"
expect "logout" 200 "$("${SESSION[@]}" -X DELETE -H "X-CSRF-Token: $CSRF" "$URL/v1/session")"
expect "ended session refused" 401 "$(curl -s -o /dev/null -w '%{http_code}' \
  -H "Cookie: huntbook_session=$COOKIE" "$URL/v1/workspaces")"

# DNS rebinding: a loopback server answers only to its own names.
expect "foreign Host refused" 403 "$(curl -s -o "$WORK/body" -w '%{http_code}'   -H "Host: evil.example.com" -H "Authorization: Bearer $TOKEN" "$URL/v1/workspaces")"
grep -q "allowed-host evil.example.com" "$WORK/body" && expect "Host error says how to allow" yes yes \
  || expect "Host error says how to allow" yes "$(cat "$WORK/body")"
expect "localhost Host answered" 200 "$(curl -s -o /dev/null -w '%{http_code}'   -H "Host: LOCALHOST:1" -H "Authorization: Bearer $TOKEN" "$URL/v1/workspaces")"

expect "delete workspace" 200 "$("${CURL[@]}" -X DELETE "$URL/v1/resourcegroups/soc/workspaces/hunt")"
[ -e "$DATA/hunt" ] && expect "data directory removed" gone present \
  || expect "data directory removed" gone gone
expect "deleted reads as forbidden" 403 "$("${CURL[@]}" -X POST --data '{"query":"print 1"}' \
  "$URL/v1/workspaces/hunt/query")"
expect "delete empty group" 200 "$("${CURL[@]}" -X DELETE "$URL/v1/resourcegroups/soc")"
stop

echo "passed $passed, failed $failed"
[ "$failed" -eq 0 ]
