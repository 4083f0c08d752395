#!/usr/bin/env bash
# The README's `make demo` promise, minus the build: scripts/demo.sh loads the sample
# workspace into a fresh directory, starts `huntbook serve` and Jupyter on free loopback
# ports, and both answer (DEMO_SMOKE=1 stops them again).
# Usage: demo_smoke_test.sh HUNTBOOK_BINARY SOURCE_DIR
set -uo pipefail
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=checks.sh
source "$src/test/integration/checks.sh"
free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

out=$(HUNTBOOK_PORT=$(free_port) JUPYTER_PORT=$(free_port) DEMO_SMOKE=1 DEMO_NOTEBOOKS="$work/notebooks" \
  timeout 300 "$src/scripts/demo.sh" "$bin" "$work/data" 2>&1)
code=$?
check "demo.sh exits 0" test "$code" -eq 0
check "both servers answered" contains "$out" "demo smoke: both servers answer"
rows=$(grep -o '"rows":\[\[[0-9]*\]\]' <<<"$out" | grep -o '[0-9]\+')
check "the sample workspace is loaded" test "${rows:-0}" -gt 1000
check "the notebooks are connected by config.json" grep -q "datasourceurl='http://127.0.0.1:" "$work/notebooks/config.json"
for template in "$src"/notebooks/*.ipynb; do
  [ -e "$template" ] || continue
  check "template $(basename "$template") copied" test -f "$work/notebooks/$(basename "$template")"
done
[ "$code" -eq 0 ] || echo "$out" | tail -20
finish demo_smoke_test
