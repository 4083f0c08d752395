# Shared by the shell integration tests: `check NAME COMMAND...` counts a pass when the command
# succeeds and prints "FAIL: NAME" otherwise; `finish NAME` prints the tally and fails the test
# when any check failed. Sourced, not run.
passed=0
failed=0
check() {
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $name"
  fi
}
contains() { grep -qF -- "$2" <<<"$1"; }
finish() {
  echo "$1: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
