#!/usr/bin/env bash
# csv_export.sh - every CSV the CLI writes is neutralised against
# spreadsheet formula injection: text starting with = + - @ (or a tab or
# carriage return) gets a leading apostrophe, numeric columns keep their
# sign (a negative temperature stays the number -3.5).
source "$(dirname "$0")/lib.sh"
cd "$WORK"
export SYMBIOSE_DB=$WORK/a.db

"$SYM" init >/dev/null
cat > orgs.csv <<'CSV'
siret,name,naf,commune_insee,address,postal_code,headcount,kind
73282932000074,"=HYPERLINK(""http://evil.example"",""clic"")",16.10A,44109,@SUM(A1:A9),44000,25,company
44306184100047,+33 4 50 00 00 00,1712Z,49007,-2+3,,120,
CSV
cat > flows.csv <<'CSV'
siret,direction,code,quantity,unit,temperature_c,description
73282932000074,offer,heat,2,MWh,-3.5,=cmd|' /C calc'!A0
44306184100047,need,03 01 05,40,t,,-sciure
CSV
check "import organisations with formula-like names" "$SYM" import organisations orgs.csv
check "import flows with formula-like descriptions" "$SYM" import flows flows.csv
# the API is where notes are typed; the store is filled directly here
check "a synergy with formula-like text is stored" sqlite3 a.db \
  "INSERT INTO synergies (kind, status, offer_flow_id, receiver_org_id, reason, note,
     created_at, updated_at)
   SELECT 'substitution', 'suggested', f.id, o.id, '@reason', '=1+1', 0, 0
   FROM flows f, organisations o WHERE f.direction = 'offer' AND o.id <> f.organisation_id LIMIT 1"
"$SYM" export organisations --format csv > orgs_out.csv
"$SYM" export flows --format csv > flows_out.csv
"$SYM" export synergies --format csv > syn_out.csv

# A cell is dangerous when, once unquoted, it starts with a formula
# character and is not a plain number (a spreadsheet reads -0.55 as a
# number); python's csv module unquotes the cells as a spreadsheet would.
cat > cells.py <<'PY'
import csv, sys
def is_number(c):
    try:
        float(c)
        return True
    except ValueError:
        return False
bad = [c for row in list(csv.reader(open(sys.argv[1], newline='')))[1:] for c in row
       if c[:1] in ('=', '+', '-', '@', '\t', '\r') and not is_number(c)]
if bad:
    print('formula cells:', bad)
sys.exit(1 if bad else 0)
PY
# cell FILE SIRET COLUMN: the cell of that column in the first row of SIRET
cell() {
    python3 -c "import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], newline='')) if r['siret'] == sys.argv[2]]
print(rows[0][sys.argv[3]])" "$@"
}
check "organisations CSV has no formula cell" python3 cells.py orgs_out.csv
check "flows CSV has no formula cell" python3 cells.py flows_out.csv
check "synergies CSV has no formula cell" python3 cells.py syn_out.csv
check "a name is kept behind its apostrophe" \
    grep -qF "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"clic\"\")\"" orgs_out.csv
check "an address is kept behind its apostrophe" grep -qF "'@SUM(A1:A9)" orgs_out.csv
check "a description is kept behind its apostrophe" grep -qF "'=cmd|' /C calc'!A0" flows_out.csv
check "a negative temperature stays the number -3.5" \
    test "$(cell flows_out.csv 73282932000074 temperature_c)" = "-3.5"
check "a negative longitude stays a number" \
    grep -qE '^-0\.[0-9]+$' <<<"$(cell orgs_out.csv 44306184100047 lon)"
check "a text cell that looks like a negative number is text" \
    test "$(cell flows_out.csv 44306184100047 description)" = "'-sciure"
check "a synergy's note is neutralised" grep -qF ",'=1+1" syn_out.csv
check "a synergy's reason is neutralised" grep -qF ",'@reason," syn_out.csv

finish
