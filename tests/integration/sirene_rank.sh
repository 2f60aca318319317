#!/usr/bin/env bash
# sirene_rank.sh - `symbiose sirene rank`: prospects of a territory ranked
# by the likely synergies of their estimated flows, with French reasons,
# filters by activity and size, and nothing written (estimates are never
# stored as flows).
source "$(dirname "$0")/lib.sh"
cd "$WORK"
export SYMBIOSE_DB=$WORK/r.db
"$SYM" init >/dev/null
q() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$SYMBIOSE_DB" "$1"; }
read -r P1 P2 P3 P4 P5 ORG <<<"$(python3 -c "
import importlib.util,random
spec=importlib.util.spec_from_file_location('g','$ROOT/tools/sirene_gen.py'); g=importlib.util.module_from_spec(spec); spec.loader.exec_module(g)
r=random.Random(21); print(' '.join(g.make_siret(r)[1] for _ in range(6)))")"
python3 -c "
import sqlite3,sys
c=sqlite3.connect(sys.argv[1])
c.execute(\"INSERT INTO territories (id, name, kind, created_at) VALUES (9, 'Essai', 'intercommunality', 0)\")
c.executemany('INSERT INTO territory_communes VALUES (9, ?)', [('44109',), ('44143',)])
c.commit()" "$SYMBIOSE_DB"
# an enrolled boiler house that needs sawdust
printf 'siret,name,naf,commune_insee\n%s,Chaufferie bois,35.30Z,44109\n' "$ORG" > org.csv
printf 'siret,direction,code,quantity,unit\n%s,need,030105,800,t\n' "$ORG" > flows.csv
"$SYM" import organisations org.csv >/dev/null && "$SYM" import flows flows.csv >/dev/null
H='siret,codeCommuneEtablissement,etatAdministratifEtablissement,trancheEffectifsEtablissement,activitePrincipaleEtablissement,nomenclatureActivitePrincipaleEtablissement,denominationUsuelleEtablissement,statutDiffusionEtablissement'
printf '%s\n%s,44109,A,12,16.10A,NAFRev2,SCIERIE UN,O\n%s,44109,A,12,62.01Z,NAFRev2,LOGICIEL DEUX,O\n%s,44109,F,12,16.10A,NAFRev2,SCIERIE FERMEE,O\n%s,44143,A,11,16.10A,NAFRev2,SCIERIE QUATRE,O\n%s,44109,A,12,35.30Z,NAFRev2,CHAUFFERIE INSCRITE,O\n' \
  "$H" "$P1" "$P2" "$P3" "$P4" "$ORG" > p.csv
"$SYM" sirene import p.csv >/dev/null
flows_before=$(q "SELECT count(*) FROM flows")
"$SYM" sirene rank --territory 9 > rank.csv 2>err.txt
check "rank runs" test -s rank.csv
cut -d, -f1-5,9-13 rank.csv
python3 - "$P1" "$P2" "$P4" "$ORG" <<'PY' > verdict.txt
import csv, sys
p1, p2, p4, org = sys.argv[1:5]
rows = list(csv.DictReader(open("rank.csv", encoding="utf-8")))
sirets = [r["siret"] for r in rows]
print("members", "ok" if sorted(sirets) == sorted([p1, p2, p4]) else "bad %s" % sirets)
top = rows[0]
print("top", "ok" if top["siret"] in (p1, p4) and int(top["n_with_enrolled"]) >= 1 else "bad %s" % top)
print("last", "ok" if rows[-1]["siret"] == p2 and rows[-1]["n_matches"] == "0" and rows[-1]["n_estimated_flows"] == "0" else "bad")
print("reasons", "ok" if "estimé" in top["reasons"] and "organisation inscrite" in top["reasons"] else "bad %s" % top["reasons"])
print("order", "ok" if [float(r["score"]) for r in rows] == sorted((float(r["score"]) for r in rows), reverse=True) else "bad")
PY
for k in members top last reasons order; do
  check "rank: $k" grep -qx "$k ok" verdict.txt
done
check "closed and enrolled establishments are not ranked" sh -c '! grep -q "FERMEE\|INSCRITE" rank.csv'
check "activity filter" test "$("$SYM" sirene rank --territory 9 --naf 62 | tail -n +2 | cut -d, -f2)" = "$P2"
check "size filter drops the 10-19 band" sh -c '! "$0" sirene rank --territory 9 --min-employees 20 | grep -q "$1"' "$SYM" "$P4"
check "limit" test "$("$SYM" sirene rank --territory 9 --limit 1 | wc -l)" = 2
check "estimated flows are never stored" test "$(q "SELECT count(*) FROM flows")" = "$flows_before"
check_fails "territory is required" "$SYM" sirene rank
# one-step enrolment: SIRET, address and position kept, estimated flows as drafts only
"$SYM" sirene enrol "$P1" --territory 9 > enrol.txt
check "enrol runs" grep -q "3 flux estimés en brouillon" enrol.txt
check "enrolled organisation keeps the prospect's position" test "$(q "SELECT count(*) FROM organisations o JOIN prospects p ON p.organisation_id = o.id WHERE o.siret = '$P1' AND o.lat = p.lat AND o.lon = p.lon AND o.name = 'SCIERIE UN' AND o.territory_id = 9 AND o.naf = '16.10A'")" = 1
check "estimated flows became drafts" test "$(q "SELECT count(*) FROM flow_drafts d JOIN organisations o ON o.id = d.organisation_id WHERE o.siret = '$P1'")" = 3
check "drafts are not flows" test "$(q "SELECT count(*) FROM flows")" = "$flows_before"
check_fails "enrolling twice is refused" "$SYM" sirene enrol "$P1"
check_fails "a closed establishment cannot be enrolled" "$SYM" sirene enrol "$P3"
check_fails "an unknown SIRET cannot be enrolled" "$SYM" sirene enrol 73282932000074
check "an enrolled prospect leaves the call list" sh -c '! "$0" sirene rank --territory 9 | grep -q "$1"' "$SYM" "$P1"
# a bad typical-flows table is reported with its line
mkdir data && cp "$ROOT"/data/*.csv data/
sed -i '2s/^[^,]*,/99.99,/' data/typical_flows.csv
SYMBIOSE_DATA=$WORK/data "$SYM" sirene rank --territory 9 >/dev/null 2>err.txt
check "bad typical_flows.csv names FILE:LINE" grep -q "typical_flows.csv:2: naf: unknown NACE code" err.txt
finish
