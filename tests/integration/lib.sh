# lib.sh - helpers for integration scripts that drive the real binary.
# Each script sources this, calls check/expect_*, and ends with `finish`,
# which prints "PASS: n" and "FAIL: m" for tests/run.sh to count.
SYMBIOSE_BIN=${SYMBIOSE_BIN:-build/test/symbiose}
SYM=$(cd "$(dirname "$SYMBIOSE_BIN")" && pwd)/$(basename "$SYMBIOSE_BIN")
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
n_pass=0; n_fail=0
ok() { n_pass=$((n_pass + 1)); echo "ok - $1"; }
not_ok() { n_fail=$((n_fail + 1)); echo "not ok - $1"; }
# check NAME CMD...: passes if CMD exits 0
check() { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }
# check_fails NAME CMD...: passes if CMD exits non-zero
check_fails() { local name=$1; shift; if "$@"; then not_ok "$name"; else ok "$name"; fi; }
finish() { echo "PASS: $n_pass"; echo "FAIL: $n_fail"; [ "$n_fail" = 0 ]; }
