#!/usr/bin/env bash
# serve_guard.sh - the options of `symbiose serve` that guard sessions:
# the session cookie is Secure with --behind-tls (and not on plain
# 127.0.0.1 without it), and bad values of the new options are refused.
source "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { not_ok "curl missing"; finish; exit 1; }
DB=$WORK/guard.db
"$SYM" --db "$DB" init >/dev/null || { not_ok "init"; finish; exit 1; }
echo "motdepasse-garde-1" | "$SYM" --db "$DB" user add garde@test.fr --role observer --password-stdin \
  >/dev/null || { not_ok "user add"; finish; exit 1; }
PID=
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT

# serve_login NAME ARGS...: starts serve with ARGS, logs in, keeps the headers in $WORK/NAME.h
serve_login() {
  local name=$1; shift
  "$SYM" --db "$DB" serve --port 0 --web "$ROOT/web" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
  PID=$!
  for _ in $(seq 100); do grep -q "http://127.0.0.1:" "$WORK/$name.out" 2>/dev/null && break; sleep 0.1; done
  local base
  base=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/$name.out" | head -1)
  curl -s -o /dev/null -D "$WORK/$name.h" -X POST "$base/api/v1/auth/login" \
    -H 'Content-Type: application/json' --data-binary '{"email":"garde@test.fr","password":"motdepasse-garde-1"}'
  kill $PID; wait $PID 2>/dev/null; PID=
}

serve_login plain
check "login on plain 127.0.0.1 sets the cookie" grep -qi '^Set-Cookie: symbiose_session=' "$WORK/plain.h"
check_fails "no Secure flag on plain 127.0.0.1" grep -qi '^Set-Cookie: symbiose_session=.*; Secure' "$WORK/plain.h"
serve_login tls --behind-tls --idle-timeout 15 --trusted-proxy 127.0.0.1 --max-conn-per-ip 8
check "the cookie is Secure behind TLS" grep -qi '^Set-Cookie: symbiose_session=.*; Secure' "$WORK/tls.h"
check "HttpOnly and SameSite=Strict stay" grep -qi '^Set-Cookie: .*HttpOnly; SameSite=Strict' "$WORK/tls.h"

for bad in "--idle-timeout 0" "--idle-timeout 481" "--idle-timeout x" "--trusted-proxy localhost" \
           "--trusted-proxy 10.0.0.0/8" "--max-conn-per-ip 0" "--max-conn-per-ip 1001"; do
  # shellcheck disable=SC2086
  check_fails "serve refuses $bad" "$SYM" --db "$DB" serve --port 0 $bad
done
finish
