#!/usr/bin/env bash
# report.sh - the yearly evaluation end to end on the demo region: a
# facilitator enters the mandatory values and closes the year through the
# API; `symbiose report` writes the territory and regional PDF and XLSX;
# the XLSX read back with openpyxl (typed cells, frozen headers, widths)
# and the PDF read back with pdftotext hold the API's figures; the
# regional total is the sum of the territories; an observer's download is
# anonymised and a member gets none; bad command lines are refused; an
# edited framework (SYMBIOSE_DATA) is used, a broken one refused (FILE:LINE).
source "$(dirname "$0")/lib.sh"
for c in curl python3 pdftotext pdfinfo sqlite3; do
  command -v $c >/dev/null || { not_ok "$c is installed (scripts/setup.sh)"; finish; exit 1; }
done
# Debian's python3-openpyxl belongs to Debian's python3, which another
# python3 earlier in PATH may hide
PY=
for p in python3 /usr/bin/python3; do
  "$p" -c 'import openpyxl' 2>/dev/null && { PY=$p; break; }
done
[ -n "$PY" ] || { not_ok "python3-openpyxl is installed"; finish; exit 1; }
DB=$WORK/r.db
Y=$(date -u +%Y)
"$SYM" --db "$DB" demo >/dev/null || { not_ok "demo loads"; finish; exit 1; }
printf 'motdepasse-observateur\n' | "$SYM" --db "$DB" user add financeur@test.fr --role observer --password-stdin >/dev/null
"$SYM" --db "$DB" serve --port 0 --web "$ROOT/web" >"$WORK/serve.out" 2>"$WORK/serve.err" &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do grep -q "http://127.0.0.1:" "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
BASE=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.out" | head -1)
[ -n "$BASE" ] || { not_ok "server starts"; finish; exit 1; }

req() { # WHO METHOD PATH [BODY]: status; body in $WORK/b
  local args=(-s -o "$WORK/b" -w '%{http_code}' -X "$2" "$BASE$3")
  [ -n "$1" ] && args+=(-b "$WORK/$1.jar" -c "$WORK/$1.jar" -H "X-CSRF-Token: $(cat "$WORK/$1.csrf" 2>/dev/null)")
  [ -n "${4:-}" ] && args+=(-H "Content-Type: application/json" --data-binary "$4")
  curl "${args[@]}"
}
is() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got $3, want $2): $(head -c 300 "$WORK/b")"; fi; }
session() {
  req "$1" POST /api/v1/auth/login "{\"email\":\"$2\",\"password\":\"$3\"}" >/dev/null
  sed -E 's/.*"csrf_token":"([0-9a-f]+)".*/\1/' "$WORK/b" >"$WORK/$1.csrf"
}
session ad admin@demo.symbiose.fr demo-admin-2026
session f1 animation1@demo.symbiose.fr demo-animation-2026
session m1 membre1@demo.symbiose.fr demo-membre-2026
session ob financeur@test.fr motdepasse-observateur
T=$(sqlite3 "$DB" "SELECT territory_id FROM account_territories a JOIN accounts c ON c.id = a.account_id WHERE c.email = 'animation1@demo.symbiose.fr'")
EV=/api/v1/territories/$T/evaluations/$Y

is "a negative budget is refused" 422 "$(req f1 PUT "$EV" '{"values":{"eco_budget_eur":-3}}')"
check "the refusal is French and names the field" grep -q 'values.eco_budget_eur.*ne peut pas être négative' "$WORK/b"
is "closing with missing indicators is refused" 422 "$(req f1 POST "$EV/close")"
check "the refusal names what is missing" grep -q 'gov_carrier_structure' "$WORK/b"
is "the facilitator enters the values" 200 "$(req f1 PUT "$EV" '{"values":{"gov_carrier_structure":3,"gov_co_carriers":2,"gov_political_support":4,"gov_steering_meetings":3,"eco_budget_eur":"185 000","eco_public_funding_pct":70,"eco_facilitation_fte":"1,5","eco_sustainability":2}}')"
is "the year closes" 200 "$(req f1 POST "$EV/close")"
is "a closed year is read-only" 409 "$(req f1 PUT "$EV" '{"values":{"gov_co_carriers":5}}')"
is "the admin reads the evaluation" 200 "$(req ad GET "$EV")"
cp "$WORK/b" "$WORK/eval.json"
is "the admin reads all territories" 200 "$(req ad GET "/api/v1/evaluations?year=$Y")"
cp "$WORK/b" "$WORK/all.json"

# the command line
check "report --help prints the usage" sh -c "'$SYM' report --help | grep -q 'symbiose report'"
check_fails "report needs --territory or --region" "$SYM" --db "$DB" report --year "$Y" --format pdf -o "$WORK/x.pdf"
check_fails "report refuses year 1999" "$SYM" --db "$DB" report --region --year 1999 --format pdf -o "$WORK/x.pdf"
check_fails "report refuses format doc" "$SYM" --db "$DB" report --region --year "$Y" --format doc -o "$WORK/x.doc"
check_fails "report refuses an unknown territory" "$SYM" --db "$DB" report --territory 999 --year "$Y" --format pdf -o "$WORK/x.pdf"
for f in pdf xlsx; do
  check "territory $f written" "$SYM" --db "$DB" report --territory "$T" --year "$Y" --format $f -o "$WORK/t.$f"
  check "region $f written" "$SYM" --db "$DB" report --region --year "$Y" --format $f -o "$WORK/r.$f"
done

# the framework is editable without a rebuild (SYMBIOSE_DATA), and checked
mkdir -p "$WORK/data"
cp "$ROOT"/data/*.csv "$WORK/data/"
sed -i 's/^eco_budget_eur,modele_economique,Budget annuel de la démarche,/eco_budget_eur,modele_economique,Budget consolidé du programme,/' "$WORK/data/indicators.csv"
check "an edited framework is used without a rebuild" env SYMBIOSE_DATA="$WORK/data" "$SYM" --db "$DB" report --territory "$T" --year "$Y" --format pdf -o "$WORK/edited.pdf"
check "the edited label is in the report" sh -c "pdftotext '$WORK/edited.pdf' - | grep -q 'Budget consolidé du programme'"
sed -i '4s/,gouvernance,/,finances,/' "$WORK/data/indicators.csv"
SYMBIOSE_DATA="$WORK/data" "$SYM" --db "$DB" report --territory "$T" --year "$Y" --format pdf -o "$WORK/bad.pdf" 2>"$WORK/bad.err"
is "a broken framework is refused" 65 "$?"
check "the refusal names FILE:LINE and the column" grep -q "$WORK/data/indicators.csv:4: family: 'finances'" "$WORK/bad.err"
check_fails "nothing is written from a broken framework" test -s "$WORK/bad.pdf"

# the XLSX read back: typed cells, frozen headers, widths, the API's figures
check "the territory workbook holds the API's figures" "$PY" - "$WORK/t.xlsx" "$WORK/eval.json" "$Y" <<'PY'
import json, sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ev = json.load(open(sys.argv[2])); year = sys.argv[3]
ws = wb["Indicateurs"]
assert ws.freeze_panes == "A2", ws.freeze_panes
head = [c.value for c in ws[1]]
col = head.index(year)
assert ws.column_dimensions["C"].width > 30
api = {i["id"]: i["value"] for i in ev["indicators"]}
seen = 0
for row in ws.iter_rows(min_row=2, values_only=True):
    v = row[col]
    want = api[row[1]]
    if want is None:
        assert v is None, (row[1], v)
        continue
    assert isinstance(v, (int, float)), (row[1], v)
    assert abs(round(v, 3) - want) < 1e-6, (row[1], v, want)  # the API gives 0.001
    seen += 1
assert seen >= 20 and api["eco_budget_eur"] == 185000
syn = wb["Synergies réalisées"]
assert syn.freeze_panes == "A2"
rows = list(syn.iter_rows(min_row=2, values_only=True))
assert len(rows) == api["act_synergies_implemented"], (len(rows), api["act_synergies_implemented"])
for r in rows:
    assert isinstance(r[4], (int, float)) and isinstance(r[8], datetime.datetime), r
assert abs(sum(r[4] for r in rows) - api["act_tonnes_diverted"]) < 1e-6
PY
check "the regional workbook: territories sum to the region, as the API says" "$PY" - "$WORK/r.xlsx" "$WORK/all.json" <<'PY'
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
api = json.load(open(sys.argv[2]))
ws = wb["Territoires"]
assert ws.freeze_panes == "B2", ws.freeze_panes
head = [c.value for c in ws[1]]
rows = list(ws.iter_rows(min_row=2, values_only=True))
terr, total = rows[:-1], rows[-1]
assert total[0] == "Région (total)" and len(terr) == len(api["territories"])
labels = {i["label"]: i["id"] for i in api["framework"]}
for k, h in enumerate(head[3:], start=3):
    ind = labels[h]
    s = sum(r[k] for r in terr if r[k] is not None)
    fw = next(i for i in api["framework"] if i["id"] == ind)
    want = api["region"]["values"][ind]
    if want is None:
        continue
    assert abs(round(total[k], 3) - want) < 1e-6, (ind, total[k], want)  # the API gives 0.001
    if fw["kind"] == "computed":
        assert abs(round(s, 3) - want) < 1e-6, (ind, s, want)
by_name = {t["name"]: t for t in api["territories"]}
for r in terr:
    t = by_name[r[0]]
    for k, h in enumerate(head[3:], start=3):
        want = t["values"][labels[h]]
        assert (r[k] is None) == (want is None) and (want is None or abs(round(r[k], 3) - want) < 1e-6), (r[0], h)
PY

# the PDF read back
pdftotext -layout "$WORK/t.pdf" "$WORK/t.txt"
pdftotext -layout "$WORK/r.pdf" "$WORK/r.txt"
fr() { "$PY" -c "import sys; v=float(sys.argv[1]); d=int(sys.argv[2]); print(f'{v:,.{d}f}'.replace(',', ' ').replace('.', ','))" "$1" "$2"; }
val() { "$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); print(next(i['value'] for i in d['indicators'] if i['id']==sys.argv[2]))" "$WORK/eval.json" "$1"; }
NAME=$("$PY" -c "import json; print(json.load(open('$WORK/eval.json'))['territory']['name'])")
check "the territory PDF names the territory and the year" grep -q "$NAME — $Y" "$WORK/t.txt"
check "the PDF's tonnes are the API's" grep -q "$(fr "$(val act_tonnes_diverted)" 1) t/an" "$WORK/t.txt"
check "the PDF's euros are the API's" grep -q "$(fr "$(val act_eur_saved)" 0) €/an" "$WORK/t.txt"
check "the PDF's budget is the entered one" grep -q "185 000 €" "$WORK/t.txt"
check "the PDF says the year is closed" grep -q "Année close" "$WORK/t.txt"
check "the PDF has the method stage and next steps" grep -q "Prochaines étapes" "$WORK/t.txt"
REG_T=$("$PY" -c "import json; print(json.load(open('$WORK/all.json'))['region']['values']['act_tonnes_diverted'])")
check "the regional PDF's total is the API's" grep -q "Région (total).*$(fr "$REG_T" 1)" "$WORK/r.txt"
N=$("$PY" -c "import json; print(len(json.load(open('$WORK/all.json'))['territories']))")
P=$(pdfinfo "$WORK/r.pdf" | awk '/^Pages:/ {print $2}')
is "the regional PDF has one page per territory after the region's three" $((N + 3)) "$P"
# names are cut to fit a column: look for their first 20 characters
miss=$("$PY" - "$WORK/all.json" "$WORK/r.txt" <<'PY'
import json, sys
text = open(sys.argv[2], encoding="utf-8").read()
print(sum(1 for t in json.load(open(sys.argv[1]))["territories"] if t["name"][:20] not in text))
PY
)
is "the regional PDF names every territory" 0 "$miss"

# who gets which document
ORG=$(sqlite3 "$DB" "SELECT substr(o.name, 1, 20) FROM synergies s JOIN flows f ON f.id = s.offer_flow_id JOIN organisations o ON o.id = f.organisation_id WHERE s.status = 'implemented' AND o.territory_id = $T LIMIT 1")
check "the CLI report names the companies" grep -q "$ORG" "$WORK/t.txt"
is "the facilitator downloads the territory PDF" 200 "$(req f1 GET "$EV/report?format=pdf")"
pdftotext -layout "$WORK/b" "$WORK/f.txt"
check "the facilitator's PDF names the companies" grep -q "$ORG" "$WORK/f.txt"
is "an observer downloads the territory PDF" 200 "$(req ob GET "$EV/report?format=pdf")"
pdftotext -layout "$WORK/b" "$WORK/o.txt"
check_fails "the observer's PDF names no company" grep -q "$ORG" "$WORK/o.txt"
check "the observer's PDF says it is anonymised" grep -q "Version anonymisée" "$WORK/o.txt"
check "the observer's PDF has the same tonnes" grep -q "$(fr "$(val act_tonnes_diverted)" 1) t/an" "$WORK/o.txt"
is "an observer downloads the regional XLSX" 200 "$(req ob GET "/api/v1/evaluations/report?year=$Y&format=xlsx")"
cp "$WORK/b" "$WORK/o.xlsx"
check "the observer's XLSX is a workbook" "$PY" -c "import openpyxl; openpyxl.load_workbook('$WORK/o.xlsx')"
check_fails "the observer's XLSX names no company" "$PY" -c "
import openpyxl,sys; wb=openpyxl.load_workbook('$WORK/o.xlsx')
sys.exit(0 if any('$ORG' in str(c) for r in wb['Synergies réalisées'].iter_rows(values_only=True) for c in r) else 1)"
# the observer's parties are the labels of the API's anonymised views,
# each shared by at least five organisations
for page in 1 2 3 4 5; do
  req ob GET "/api/v1/organisations?per_page=200&page=$page" >/dev/null
  cp "$WORK/b" "$WORK/orgs$page.json"
done
check "the observer's XLSX shows the API's k-anonymous labels" "$PY" - "$WORK/o.xlsx" "$WORK"/orgs*.json <<'PY'
import collections, json, sys, openpyxl
labels = collections.Counter()
for f in sys.argv[2:]:
    for o in json.load(open(f)).get("items", []):
        if "area" in o:
            labels["%s (%s)" % (o["activity"], o["area"])] += 1
assert labels, "no anonymised organisation in the API's list"
wb = openpyxl.load_workbook(sys.argv[1])
rows = list(wb["Synergies réalisées"].iter_rows(min_row=2, values_only=True))
parties = {r[k] for r in rows for k in (1, 2) if r[k] and r[k] != "mutualisation"}
assert parties, "no party in the workbook"
for p in parties:
    assert p in labels, (p, "not an anonymised label of the API")
PY
is "the regional admin downloads the territory PDF" 200 "$(req ad GET "$EV/report?format=pdf")"
pdftotext -layout "$WORK/b" "$WORK/a.txt"
check_fails "the admin's PDF names no company (the region reads companies anonymised)" grep -q "$ORG" "$WORK/a.txt"
check "the admin's PDF says it is anonymised" grep -q "Version anonymisée" "$WORK/a.txt"
is "a member gets no report" 403 "$(req m1 GET "$EV/report?format=pdf")"
is "a member gets no evaluation" 403 "$(req m1 GET "$EV")"
is "the values export as CSV" 200 "$(req ob GET "/api/v1/evaluations/export?year=$Y&format=csv")"
check "the CSV export has the entered budget and hides who entered it" "$PY" - "$WORK/b" "$T" "$Y" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
r = next(r for r in rows if r["territory_id"] == sys.argv[2] and r["indicator"] == "eco_budget_eur")
assert float(r["value"]) == 185000 and r["entered_by"] == "" and r["closed"] == "1", r
assert len(rows) == 29 * len({r["territory_id"] for r in rows})
PY

# a receiver in another territory stays anonymised in the facilitator's
# report (it reads only its territories' companies in full); the command
# line, run by the database's holder, names it
SYN=$(sqlite3 "$DB" "SELECT s.id FROM synergies s JOIN flows f ON f.id = s.offer_flow_id JOIN organisations o ON o.id = f.organisation_id WHERE s.status = 'implemented' AND s.receiver_org_id IS NOT NULL AND o.territory_id = $T LIMIT 1")
FAR=$(sqlite3 "$DB" "SELECT id FROM organisations WHERE territory_id <> $T ORDER BY id LIMIT 1")
FARNAME=$(sqlite3 "$DB" "SELECT substr(name, 1, 20) FROM organisations WHERE id = $FAR")
check "an implemented synergy of the territory takes a receiver elsewhere" \
  sqlite3 "$DB" "UPDATE synergies SET receiver_org_id = $FAR WHERE id = $SYN"
is "the facilitator downloads the territory PDF again" 200 "$(req f1 GET "$EV/report?format=pdf")"
pdftotext -layout "$WORK/b" "$WORK/f2.txt"
check "  it still names the territory's company" grep -q "$ORG" "$WORK/f2.txt"
check_fails "  it does not name the receiver of another territory" grep -q "$FARNAME" "$WORK/f2.txt"
"$SYM" --db "$DB" report --territory "$T" --year "$Y" --format pdf -o "$WORK/t2.pdf"
pdftotext -layout "$WORK/t2.pdf" "$WORK/t2.txt"
check "the command line's report names it" grep -q "$FARNAME" "$WORK/t2.txt"

# the first accepted years, whose curves reach back before 2000
is "the evaluation of 2001 reads" 200 "$(req f1 GET "/api/v1/territories/$T/evaluations/2001")"
is "a value of 2001 is entered" 200 "$(req f1 PUT "/api/v1/territories/$T/evaluations/2001" '{"values":{"gov_co_carriers":2}}')"
check "the report of 2000 is written" "$SYM" --db "$DB" report --territory "$T" --year 2000 --format xlsx -o "$WORK/y2000.xlsx"
finish
