#!/usr/bin/env bash
# import_scope.sh - a facilitator's CSV import does not tell whether a
# SIRET is enrolled outside its territories: a flow naming a company of
# another territory gets the very words of a flow naming no company, and
# nothing is written. Also: a conflict (409) shows no SQL.
source "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { echo "curl missing: skipped"; finish; exit 0; }
DB=$WORK/imp.db
"$SYM" --db "$DB" demo >/dev/null || { not_ok "demo loads"; finish; exit 1; }
"$SYM" --db "$DB" serve --port 0 >"$WORK/serve.out" 2>"$WORK/serve.err" &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do grep -q "http://127.0.0.1:" "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
BASE=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.out" | head -1)
[ -n "$BASE" ] || { not_ok "server starts"; finish; exit 1; }

# req WHO METHOD PATH [BODY-FILE] [CONTENT-TYPE]: status; body in $WORK/b
req() {
  local args=(-s -o "$WORK/b" -w '%{http_code}' -X "$2" "$BASE$3")
  if [ -n "$1" ]; then
    args+=(-b "$WORK/$1.jar" -c "$WORK/$1.jar" -H "X-CSRF-Token: $(cat "$WORK/$1.csrf" 2>/dev/null)")
  fi
  [ -n "${4:-}" ] && args+=(-H "Content-Type: ${5:-application/json}" --data-binary "@$4")
  curl "${args[@]}"
}
is() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got $3, want $2): $(head -c 300 "$WORK/b")"; fi; }
json() { printf '%s' "$1" >"$WORK/in.json"; echo "$WORK/in.json"; }
session() { # NAME EMAIL PASSWORD
  req "$1" POST /api/v1/auth/login "$(json "{\"email\":\"$2\",\"password\":\"$3\"}")" >/dev/null
  sed -E 's/.*"csrf_token":"([0-9a-f]+)".*/\1/' "$WORK/b" >"$WORK/$1.csrf"
}
session ad admin@demo.symbiose.fr demo-admin-2026
session f1 animation1@demo.symbiose.fr demo-animation-2026

# a company of territory 2, which facilitator 1 may not read
OTHER=$(sqlite3 "$DB" "SELECT siret FROM organisations WHERE territory_id = 2 LIMIT 1")
OWN=$(sqlite3 "$DB" "SELECT siret FROM organisations WHERE territory_id = 1 LIMIT 1")
NONE=12345678200010 # a valid SIRET enrolled nowhere
check "the SIRETs exist where expected" test -n "$OTHER" -a -n "$OWN" \
  -a "$(sqlite3 "$DB" "SELECT count(*) FROM organisations WHERE siret = '$NONE'")" = 0
N_FLOWS=$(sqlite3 "$DB" "SELECT count(*) FROM flows")
printf 'siret,direction,code,quantity,unit\n%s,offer,15 01 01,10,t\n%s,offer,15 01 01,10,t\n%s,offer,15 01 01,10,t\n' \
  "$OWN" "$OTHER" "$NONE" >"$WORK/flows.csv"
is "the import is refused" 422 "$(req f1 POST /api/v1/import/flows "$WORK/flows.csv" text/csv)"
python3 - "$WORK/b" "$OTHER" "$NONE" >"$WORK/lines.txt" <<'PY'
import json, sys
lines = json.load(open(sys.argv[1]))['error'].get('lines', [])
# each line with its line number and SIRET blanked: the words alone
for l in lines:
    print(l.replace(sys.argv[2], 'SIRET').replace(sys.argv[3], 'SIRET').replace(':3:', ':N:').replace(':4:', ':N:'))
PY
check "both outside SIRETs are reported" test "$(wc -l <"$WORK/lines.txt")" = 2
check "a company elsewhere and no company read the same" test "$(sort -u "$WORK/lines.txt" | wc -l)" = 1
check "nothing imported" test "$(sqlite3 "$DB" "SELECT count(*) FROM flows")" = "$N_FLOWS"

# a conflict names no table, column or SQL
is "a territory's name twice" 409 "$(req ad POST /api/v1/territories "$(json '{"name":"Nantes Métropole"}')")"
check "the 409 shows no SQL" bash -c "! grep -qiE 'constraint|UNIQUE|territories\\.' '$WORK/b'"
finish
