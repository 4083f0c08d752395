#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in build-fuzz and runs each for its
# share of $FUZZ_SECONDS (default 36 in all): parser_fuzz (KQL text) and http_request_fuzz
# (the server's HTTP parsing, routing and JSON bodies). Exits non-zero on a crash, leak,
# timeout or sanitizer report. Seed corpora are test/fuzz/seeds/<target>; inputs found
# during a run are kept in build-fuzz/fuzz-corpus/<target> (not in the source tree).
# FUZZ_TARGETS="http_request_fuzz" runs a subset.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SOURCE_DIR="${FUZZ_SOURCE_DIR:-$ROOT}"
BUILD="${FUZZ_BUILD:-$ROOT/build-fuzz}"
SECONDS_TOTAL="${FUZZ_SECONDS:-36}"
JOBS="${JOBS:-$(nproc)}"
TARGETS=(${FUZZ_TARGETS:-parser_fuzz http_request_fuzz})
CXX_COMPILER="${FUZZ_CXX:-$(command -v clang++ || command -v clang++-14 || true)}"
C_COMPILER="${FUZZ_CC:-$(command -v clang || command -v clang-14 || true)}"

if [[ -z "$CXX_COMPILER" || -z "$C_COMPILER" ]]; then
  echo "fuzz.sh: clang/clang++ not found (install clang and libclang-rt-14-dev)" >&2
  exit 1
fi

if [[ ! -f "$BUILD/build.ninja" ]]; then
  cmake -S "$SOURCE_DIR" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_C_COMPILER="$C_COMPILER" -DCMAKE_CXX_COMPILER="$CXX_COMPILER" \
    -DHUNTBOOK_SANITIZE=address,undefined \
    -DCMAKE_CXX_FLAGS="-O1 -g -fsanitize=fuzzer-no-link" \
    -DCMAKE_C_FLAGS="-O1 -g -fsanitize=fuzzer-no-link"
fi
cmake --build "$BUILD" --target "${TARGETS[@]}" -j "$JOBS"

SHARE=$(( SECONDS_TOTAL / ${#TARGETS[@]} ))
(( SHARE > 0 )) || SHARE=1
for TARGET in "${TARGETS[@]}"; do
  FUZZER="$(find "$BUILD" -type f -name "$TARGET" -perm -u+x | head -n 1)"
  if [[ -z "$FUZZER" ]]; then
    echo "fuzz.sh: $TARGET was not built" >&2
    exit 1
  fi
  SEEDS="$ROOT/test/fuzz/seeds/${TARGET%_fuzz}"
  WORK="$BUILD/fuzz-corpus/${TARGET%_fuzz}"
  ARTIFACTS="$BUILD/fuzz-artifacts/${TARGET%_fuzz}-"
  mkdir -p "$WORK" "$(dirname "$ARTIFACTS")"
  echo "fuzz.sh: running $TARGET for ${SHARE}s"
  ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" \
  UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
    "$FUZZER" -max_total_time="$SHARE" -max_len=8192 -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$ARTIFACTS" \
    "$WORK" "$SEEDS"
done
