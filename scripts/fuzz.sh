#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in build-fuzz and runs the KQL
# parser fuzzer for $FUZZ_SECONDS seconds (default 30). Exits non-zero on a crash, leak,
# timeout or sanitizer report. The seed corpus is test/fuzz/seeds/parser; inputs found
# during the run are kept in build-fuzz/fuzz-corpus/parser (not in the source tree).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SOURCE_DIR="${FUZZ_SOURCE_DIR:-$ROOT}"
BUILD="${FUZZ_BUILD:-$ROOT/build-fuzz}"
SECONDS_TO_RUN="${FUZZ_SECONDS:-30}"
JOBS="${JOBS:-$(nproc)}"
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
cmake --build "$BUILD" --target parser_fuzz -j "$JOBS"

FUZZER="$(find "$BUILD" -type f -name parser_fuzz -perm -u+x | head -n 1)"
if [[ -z "$FUZZER" ]]; then
  echo "fuzz.sh: parser_fuzz was not built" >&2
  exit 1
fi

WORK="$BUILD/fuzz-corpus/parser"
ARTIFACTS="$BUILD/fuzz-artifacts/"
mkdir -p "$WORK" "$ARTIFACTS"
echo "fuzz.sh: running parser_fuzz for ${SECONDS_TO_RUN}s"
ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" \
UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
  "$FUZZER" -max_total_time="$SECONDS_TO_RUN" -max_len=4096 -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$ARTIFACTS" \
  "$WORK" "$ROOT/test/fuzz/seeds/parser"
