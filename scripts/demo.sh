#!/usr/bin/env bash
# `make demo`: loads the sample workspace into DATA_DIR (once), starts `huntbook serve` and a
# Jupyter server holding the notebook templates, and waits until Ctrl-C stops both.
#
# Usage: demo.sh HUNTBOOK_BINARY DATA_DIR
# Environment:
#   HUNTBOOK_PORT (8080), JUPYTER_PORT (8888): loopback ports of the two servers.
#   DEMO_NOTEBOOKS: where the notebooks are copied for use (default DATA_DIR/../notebooks-work);
#     the templates in notebooks/ stay untouched, and a copy the user changed is kept.
#   DEMO_SMOKE=1: start everything, check that both servers answer, then stop (a test).
set -euo pipefail
binary=$(realpath "$1")
data=$(realpath -m "$2")
root=$(cd "$(dirname "$0")/.." && pwd)
python=/usr/bin/python3
server_port=${HUNTBOOK_PORT:-8080}
jupyter_port=${JUPYTER_PORT:-8888}
notebooks=$(realpath -m "${DEMO_NOTEBOOKS:-$data/../notebooks-work}")

if [ ! -f "$data/.sample-data-loaded" ]; then
  echo "== loading the sample workspace into $data"
  "$root/scripts/load_sample_data.sh" "$binary" "$data"
  touch "$data/.sample-data-loaded"
fi

run() {
  echo
  echo "== $1"
  "$binary" query --data "$data" "$1"
}
run 'SecurityEvent | summarize count() by EventID | sort by count_'
run 'SecurityEvent | where EventID == 4688 | where CommandLine has "powershell" | summarize n = count() by Account | top 5 by n'
run 'SecurityEvent | where EventID == 4624 | summarize Logons = count(), Hosts = dcount(Computer) by TargetUserName | sort by Logons'
run 'Syslog | summarize count() by Facility, bin(TimeGenerated, 1h) | take 5'
# two of the attack stories planted in the generated workspace (all: .sample-files/ground_truth.json)
run 'SigninLogs | summarize Accounts = dcountif(UserPrincipalName, ResultType == "50126"), FailureShare = round(1.0 * countif(ResultType == "50126") / count(), 2) by IPAddress | where Accounts > 5'
run 'SecurityEvent | where EventID == 4688 and ParentProcessName has "winword.exe" | project TimeGenerated, Computer, CommandLine'
echo
echo "The planted attack stories and their ground truth: $data/.sample-files/ground_truth.json"

pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT TERM

wait_for() {  # wait_for NAME URL: up to 60 s
  for _ in $(seq 1 300); do
    if curl -fsS -o /dev/null "$2" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "demo: $1 did not start ($2)" >&2
  return 1
}

echo "== starting huntbook serve on 127.0.0.1:$server_port"
"$binary" serve --data "$data" --listen "127.0.0.1:$server_port" --anonymous &
pids+=($!)
wait_for "huntbook serve" "http://127.0.0.1:$server_port/healthz"

# The notebooks connect through config.json (python/huntbook/config.py) to the server.
mkdir -p "$notebooks"
if [ -d "$root/notebooks" ]; then
  for template in "$root"/notebooks/*.ipynb; do
    [ -e "$template" ] || continue
    [ -e "$notebooks/$(basename "$template")" ] || cp "$template" "$notebooks/"
  done
fi
cat >"$notebooks/config.json" <<EOF
{"huntbook": {"connection_string": "loganalytics://anonymous;workspace='default';datasourceurl='http://127.0.0.1:$server_port'",
              "workspace": "default"}}
EOF

echo "== starting Jupyter on 127.0.0.1:$jupyter_port (notebooks in $notebooks)"
token=$("$python" -c 'import secrets; print(secrets.token_hex(16))')
native_dir=$(dirname "$binary")/python/huntbook
as_root=()
[ "$(id -u)" -eq 0 ] && as_root=(--allow-root)
PYTHONPATH="$root/python${PYTHONPATH:+:$PYTHONPATH}" HUNTBOOK_NATIVE_DIR="$native_dir" \
  "$python" -m notebook --no-browser --ip 127.0.0.1 --port "$jupyter_port" \
  --notebook-dir "$notebooks" --NotebookApp.token="$token" "${as_root[@]}" >"$notebooks/.jupyter.log" 2>&1 &
pids+=($!)
wait_for "Jupyter" "http://127.0.0.1:$jupyter_port/api/status?token=$token"

if [ "${DEMO_SMOKE:-0}" = 1 ]; then
  count=$(curl -fsS "http://127.0.0.1:$server_port/v1/workspaces/default/query" \
    -H 'Content-Type: application/json' -d '{"query": "union * | count"}')
  echo "demo smoke: rows in the workspace: $count"
  curl -fsS "http://127.0.0.1:$jupyter_port/api/contents?token=$token" >/dev/null
  echo "demo smoke: both servers answer"
  exit 0
fi

cat <<EOF

huntbook is ready.
  Notebooks:  http://127.0.0.1:$jupyter_port/tree?token=$token
  Query API:  http://127.0.0.1:$server_port/v1/workspaces/default/query  (Log Analytics shape)
  Command line: $binary query --data $data 'SecurityEvent | take 10'
              (stop the demo first: the server holds the data directory)
Ctrl-C stops both servers.
EOF
wait -n "${pids[@]}"
