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

# --- a server on 127.0.0.1 and the JSON API through curl (installed by set-up)
# web_start DB: serves DB on a free port in the background, sets BASE and
# PID, stops it and removes $WORK at exit; a missing curl or a server that
# does not start fails the script (a check that cannot run is not a pass).
web_start() {
  command -v curl >/dev/null || { not_ok "curl missing (scripts/setup.sh installs it)"; finish; exit 1; }
  "$SYM" --db "$1" serve --port 0 --web "$ROOT/web" >"$WORK/serve.out" 2>"$WORK/serve.err" &
  PID=$!
  WEB_DB=$1
  trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK" "$WEB_DB.files"' EXIT
  for _ in $(seq 100); do grep -q "http://127.0.0.1:" "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
  BASE=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.out" | head -1)
  [ -n "$BASE" ] || { not_ok "server starts"; finish; exit 1; }
}
# req WHO METHOD PATH [BODY-FILE] [CONTENT-TYPE]: prints the status; body in
# $WORK/b, headers in $WORK/h; WHO empty for no session
req() {
  local args=(-s -D "$WORK/h" -o "$WORK/b" -w '%{http_code}' -X "$2" "$BASE$3")
  if [ -n "$1" ]; then
    args+=(-b "$WORK/$1.jar" -c "$WORK/$1.jar" -H "X-CSRF-Token: $(cat "$WORK/$1.csrf" 2>/dev/null)")
  fi
  [ -n "${4:-}" ] && args+=(-H "Content-Type: ${5:-application/json}" --data-binary "@$4")
  curl "${args[@]}"
}
# is NAME WANT GOT: an HTTP status check that shows the body when it fails
is() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got $3, want $2): $(head -c 300 "$WORK/b")"; fi; }
# json TEXT: writes a request body and prints its file
json() { printf '%s' "$1" >"$WORK/in.json"; echo "$WORK/in.json"; }
# session NAME EMAIL PASSWORD: logs in; cookie jar and CSRF token under NAME
session() {
  req "$1" POST /api/v1/auth/login "$(json "{\"email\":\"$2\",\"password\":\"$3\"}")" >/dev/null
  sed -E 's/.*"csrf_token":"([0-9a-f]+)".*/\1/' "$WORK/b" >"$WORK/$1.csrf"
}
