#!/usr/bin/env bash
# run.sh - runs every unit test binary given as arguments, then every
# integration script in tests/integration, and prints one summary line
# "N passed, N failed" counting individual test cases.
set -uo pipefail
cd "$(dirname "$0")/.."
passed=0; failed=0; bad=()
export SYMBIOSE_BIN=${SYMBIOSE_BIN:-build/test/symbiose}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
count() { # $1 = output file, $2 = name, $3 = exit code
  local p f
  p=$(grep -Eo '^\[  PASSED  \] [0-9]+' "$1" | awk '{s+=$4} END {print s+0}')
  f=$(grep -Eo '^\[  FAILED  \] [0-9]+ test' "$1" | awk '{s+=$4} END {print s+0}')
  p2=$(grep -Eo '^PASS: [0-9]+' "$1" | awk '{s+=$2} END {print s+0}')
  f2=$(grep -Eo '^FAIL: [0-9]+' "$1" | awk '{s+=$2} END {print s+0}')
  p=$((p + p2)); f=$((f + f2))
  if [ "$3" != 0 ] && [ "$f" = 0 ]; then f=1; fi
  passed=$((passed + p)); failed=$((failed + f))
  [ "$3" = 0 ] && [ "$f" = 0 ] || bad+=("$2")
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for t in "$@"; do
  n=$(basename "$t")
  "$t" >"$tmp/$n.out" 2>&1; rc=$?
  cat "$tmp/$n.out"
  count "$tmp/$n.out" "$n" $rc
done
for s in tests/integration/*.sh; do
  [ -e "$s" ] || continue
  case "$s" in */lib.sh) continue ;; esac
  n=$(basename "$s")
  echo "== integration: $n"
  bash "$s" >"$tmp/$n.out" 2>&1; rc=$?
  cat "$tmp/$n.out"
  count "$tmp/$n.out" "$n" $rc
done
[ ${#bad[@]} -eq 0 ] || echo "failing: ${bad[*]}"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
