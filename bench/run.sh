#!/usr/bin/env bash
# huntbook vs DuckDB benchmark (`make bench` runs `bench/run.sh build/huntbook`).
#
#   bench/run.sh [PATH/TO/huntbook]
#
# Environment: BENCH_ROWS (default 1000000), BENCH_RUNS (3), BENCH_WORK_DIR (bench/work),
# BENCH_OUT (bench/results/<date>-<rows>.md), BENCH_QUERY_TIMEOUT_S (30),
# BENCH_HUNTBOOK_BUDGET_S (420), BENCH_INGEST_TIMEOUT_S (600), BENCH_QUERIES (comma-separated ids, default all),
# BENCH_DUCKDB_JSONL (1 = also time DuckDB loading the JSON Lines file).
# Needs node + npm; installs @duckdb/node-api into bench/node_modules when it is missing.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(dirname "$BENCH_DIR")"
HUNTBOOK="${1:-$REPO_DIR/build/huntbook}"
[[ "$HUNTBOOK" = /* ]] || HUNTBOOK="$PWD/$HUNTBOOK"
BUILD_DIR="$(dirname "$HUNTBOOK")"
WORK_DIR="${BENCH_WORK_DIR:-$BENCH_DIR/work}"
mkdir -p "$WORK_DIR"

die() { echo "bench/run.sh: $*" >&2; exit 1; }

command -v node >/dev/null || die "node is required (Debian: apt-get install nodejs npm)"
command -v npm >/dev/null || die "npm is required (Debian: apt-get install npm)"

# The binary may live elsewhere in the build tree (e.g. build/tools/huntbook).
if [[ ! -x "$HUNTBOOK" && -d "$BUILD_DIR" ]]; then
  found="$(find "$BUILD_DIR" -maxdepth 3 -type f -name huntbook -perm -u+x 2>/dev/null | head -n 1)"
  if [[ -n "$found" ]]; then
    echo "bench/run.sh: using $found ($HUNTBOOK does not exist)" >&2
    HUNTBOOK="$found"
  fi
fi

# The data generator: from the CMake build when possible, else compiled directly (it only
# needs the C++ standard library).
GENERATOR="$BUILD_DIR/bench/huntbook-bench-gen"
if [[ -f "$BUILD_DIR/build.ninja" || -f "$BUILD_DIR/Makefile" ]]; then
  cmake --build "$BUILD_DIR" --target huntbook-bench-gen >&2 || true
fi
if [[ ! -x "$GENERATOR" ]]; then
  GENERATOR="$WORK_DIR/huntbook-bench-gen"
  sources=()
  for source in "$BENCH_DIR"/*.cc; do
    [[ "$source" == *_test.cc ]] || sources+=("$source")
  done
  newest="$(ls -t "${sources[@]}" "$BENCH_DIR"/*.h | head -n 1)"
  if [[ ! -x "$GENERATOR" || "$newest" -nt "$GENERATOR" ]]; then
    echo "bench/run.sh: compiling $GENERATOR" >&2
    "${CXX:-c++}" -std=c++20 -O2 -Wall -Wextra -o "$GENERATOR" "${sources[@]}"
  fi
fi

if [[ ! -f "$BENCH_DIR/node_modules/@duckdb/node-api/package.json" ]]; then
  echo "bench/run.sh: installing @duckdb/node-api into bench/node_modules" >&2
  npm ci --prefix "$BENCH_DIR" --no-audit --no-fund >&2 ||
    npm install --prefix "$BENCH_DIR" --no-audit --no-fund >&2
fi

exec node "$BENCH_DIR/run.mjs" --huntbook "$HUNTBOOK" --generator "$GENERATOR" --work "$WORK_DIR"
