#!/usr/bin/env bash
# import_scope.sh - a facilitator's CSV import does not tell whether a
# SIRET is enrolled outside its territories: a flow naming a company of
# another territory gets the very words of a flow naming no company, and
# nothing is written. Also: a conflict (409) shows no SQL.
source "$(dirname "$0")/lib.sh"
DB=$WORK/imp.db
"$SYM" --db "$DB" demo >/dev/null || { not_ok "demo loads"; finish; exit 1; }
web_start "$DB"

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
