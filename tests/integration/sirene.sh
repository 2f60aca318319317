#!/usr/bin/env bash
# sirene.sh - `symbiose sirene import|list` on generated register files
# (tools/sirene_gen.py: the real header and column order) and on malformed
# ones: positions checked against an independent Lambert-93 formula,
# re-import semantics, enrolled organisations left alone, filters, and
# every malformed file reported as FILE:LINE with nothing written.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
export SYMBIOSE_DB=$WORK/s.db
"$SYM" init >/dev/null
GEN=$ROOT/tools/sirene_gen.py
count() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$SYMBIOSE_DB" "$1"; }

# --- a generated file: what is kept, and where
python3 "$GEN" --rows 3000 --seed 7 --other-share 0.1 gen.csv
check "generated file imports" "$SYM" sirene import gen.csv
"$SYM" sirene list --format csv > list.csv
python3 - "$ROOT" gen.csv list.csv <<'EOF' > check.txt
import csv, sys, importlib.util
root, gen, lst = sys.argv[1:4]
spec = importlib.util.spec_from_file_location("g", root + "/tools/sirene_gen.py")
g = importlib.util.module_from_spec(spec); spec.loader.exec_module(g)
region = {r[0] for r in g.load_communes()}
src = {r["siret"]: r for r in csv.DictReader(open(gen, encoding="utf-8"))}
want = {s for s, r in src.items() if r["etatAdministratifEtablissement"] == "A"
        and r["nomenclatureActivitePrincipaleEtablissement"] == "NAFRev2"
        and r["codeCommuneEtablissement"] in region}
got = list(csv.DictReader(open(lst, encoding="utf-8")))
print("kept", "ok" if {r["siret"] for r in got} == want else "differs %d vs %d" % (len(got), len(want)))
bad_pos = bad_hidden = n_sirene = 0
for r in got:
    s = src[r["siret"]]
    if r["position"] == "sirene":
        n_sirene += 1
        x, y = g.lambert93(float(r["lat"]), float(r["lon"]))
        if abs(x - float(s["coordonneeLambertAbscisseEtablissement"])) > 1.0 or \
           abs(y - float(s["coordonneeLambertOrdonneeEtablissement"])) > 1.0:
            bad_pos += 1
    if s["statutDiffusionEtablissement"] != "O" and (r["name"] or r["position"] != "commune"):
        bad_hidden += 1
print("positions", "ok" if bad_pos == 0 and n_sirene > 100 else "bad %d of %d" % (bad_pos, n_sirene))
print("hidden", "ok" if bad_hidden == 0 else "bad %d" % bad_hidden)
EOF
check "kept rows are the active NAF rev. 2 rows of the region" grep -qx "kept ok" check.txt
check "PROJ positions agree with the Lambert-93 formula within 1 m" grep -qx "positions ok" check.txt
check "non-public establishments show no name and the commune's point" grep -qx "hidden ok" check.txt
"$SYM" sirene list --format json > list.json
check "json list parses and has every row" python3 -c "import json,sys; a=json.load(open('list.json')); sys.exit(len(a) != $(($(wc -l < list.csv) - 1)))"
check "json list names the band and the status" python3 -c "import json,sys; a=json.load(open('list.json')); r=a[0]; sys.exit(not all(k in r for k in ('siret','name','naf','employee_band','commune_insee','lat','lon','status')))"
check_fails "unknown format is refused" "$SYM" sirene list --format xml

# --- older header (no Lambert columns): every position is the commune's
python3 "$GEN" --rows 300 --seed 8 --old-header old.csv
rm -f o.db
check "older header imports" env SYMBIOSE_DB=$WORK/o.db sh -c '"$0" init >/dev/null && "$0" sirene import old.csv' "$SYM"
check "older header: all at the commune" test "$(SYMBIOSE_DB=$WORK/o.db "$SYM" sirene list | tail -n +2 | grep -vc ',commune$')" = 0

# --- filters
rm -f f.db
SYMBIOSE_DB=$WORK/f.db "$SYM" init >/dev/null
check "departement filter" env SYMBIOSE_DB=$WORK/f.db "$SYM" sirene import gen.csv --departements 44,85
check "only 44 and 85 kept" test "$(SYMBIOSE_DB=$WORK/f.db "$SYM" sirene list | tail -n +2 | cut -d, -f5 | cut -c1-2 | sort -u | tr '\n' ' ')" = "44 85 "
check_fails "bad departement list is a usage error" "$SYM" sirene import gen.csv --departements 4x
python3 -c "
import sqlite3,sys
c=sqlite3.connect(sys.argv[1])
c.execute(\"INSERT INTO territories (id, name, kind, created_at) VALUES (9, 'Essai', 'intercommunality', 0)\")
c.executemany('INSERT INTO territory_communes VALUES (9, ?)', [('44109',), ('44184',), ('44143',)])
c.commit()" "$WORK/f.db"
check "territory filter on list" test "$(SYMBIOSE_DB=$WORK/f.db "$SYM" sirene list --territory 9 | tail -n +2 | cut -d, -f5 | sort -u | grep -vc '^44109$\|^44184$\|^44143$')" = 0
check_fails "import for an unknown territory fails" env SYMBIOSE_DB=$WORK/f.db "$SYM" sirene import gen.csv --territory 42

# --- re-import: update, close, add; an enrolled organisation is left alone
S=$(python3 -c "
import importlib.util,random
spec=importlib.util.spec_from_file_location('g','$GEN'); g=importlib.util.module_from_spec(spec); spec.loader.exec_module(g)
r=random.Random(5); print(' '.join(g.make_siret(r)[1] for _ in range(4)))")
read -r S1 S2 S3 S4 <<<"$S"
H='siret,codeCommuneEtablissement,etatAdministratifEtablissement,trancheEffectifsEtablissement,activitePrincipaleEtablissement,nomenclatureActivitePrincipaleEtablissement,denominationUsuelleEtablissement,statutDiffusionEtablissement'
rm -f r.db
export SYMBIOSE_DB=$WORK/r.db
"$SYM" init >/dev/null
printf 'siret,name,naf,commune_insee\n%s,Fonderie inscrite,24.51Z,44109\n' "$S4" > org.csv
"$SYM" import organisations org.csv >/dev/null
printf '%s\n%s,44109,A,11,16.10A,NAFRev2,SCIERIE UN,O\n%s,44109,A,12,10.71C,NAFRev2,BOULANGERIE DEUX,O\n%s,44109,A,21,24.51Z,NAFRev2,AUTRE NOM,O\n' "$H" "$S1" "$S2" "$S4" > v1.csv
check "first import" "$SYM" sirene import v1.csv
printf '%s\n%s,44109,A,11,16.10A,NAFRev2,SCIERIE RENOMMEE,O\n%s,44109,F,12,10.71C,NAFRev2,BOULANGERIE DEUX,O\n%s,49007,A,03,25.62B,NAFRev2,USINAGE TROIS,O\n%s,44109,F,21,24.51Z,NAFRev2,AUTRE NOM,O\n' "$H" "$S1" "$S2" "$S3" "$S4" > v2.csv
"$SYM" sirene import v2.csv > re.txt
check "re-import counts: 1 added, 1 updated, 1 closed, 1 enrolled flagged" sh -c 'grep -q "1 ajoutés, 1 mis à jour, 1 fermés" re.txt && grep -q "1 signalées fermées" re.txt'
check "updated name" test "$(count "SELECT name FROM prospects WHERE siret='$S1'")" = "SCIERIE RENOMMEE"
check "closed status" test "$(count "SELECT status FROM prospects WHERE siret='$S2'")" = "closed"
check "enrolled organisation keeps its name" test "$(count "SELECT name FROM organisations WHERE siret='$S4'")" = "Fonderie inscrite"
check "enrolled organisation flagged closed" test "$(count "SELECT status FROM prospects WHERE siret='$S4'")" = "closed"
check "closure written to the audit log" test "$(count "SELECT count(*) FROM audit_log WHERE action='sirene_closed'")" = 1
check "list shows the enrolled and closed states" sh -c '"$0" sirene list | grep -q "^$1,.*,closed,"' "$SYM" "$S2"

# --- malformed files: FILE:LINE, nothing written (also with --check)
rows() { count "SELECT count(*) || '/' || sum(length(name)) FROM prospects"; }
before=$(rows)
G="$S3,44109,A,11,16.10A,NAFRev2,X,O"
L="siret,codeCommuneEtablissement,etatAdministratifEtablissement,trancheEffectifsEtablissement,activitePrincipaleEtablissement,nomenclatureActivitePrincipaleEtablissement,coordonneeLambertAbscisseEtablissement,coordonneeLambertOrdonneeEtablissement"
cases=(
  "missing column|siret,codeCommuneEtablissement,etatAdministratifEtablissement\n$S1,44109,A\n|bad.csv:1: header: missing column 'activitePrincipaleEtablissement'"
  "one Lambert column only|siret,codeCommuneEtablissement,etatAdministratifEtablissement,trancheEffectifsEtablissement,activitePrincipaleEtablissement,nomenclatureActivitePrincipaleEtablissement,coordonneeLambertAbscisseEtablissement\n|bad.csv:1: header: missing column 'coordonneeLambertOrdonneeEtablissement'"
  "bad siret (Luhn)|$H\n$G\n${S1%?}$(( (${S1: -1} + 1) % 10 )),44109,A,11,16.10A,NAFRev2,X,O\n|bad.csv:3: siret:"
  "short siret|$H\n1234,44109,A,11,16.10A,NAFRev2,X,O\n|bad.csv:2: siret:"
  "unknown NAF|$H\n$G\n$S1,44109,A,11,99.99Z,NAFRev2,X,O\n|bad.csv:3: activitePrincipaleEtablissement: unknown NAF"
  "NACE class without letter|$H\n$S1,44109,A,11,16.10,NAFRev2,X,O\n|bad.csv:2: activitePrincipaleEtablissement"
  "unknown tranche|$H\n$S1,44109,A,99,16.10A,NAFRev2,X,O\n|bad.csv:2: trancheEffectifsEtablissement"
  "bad state|$H\n$S1,44109,C,11,16.10A,NAFRev2,X,O\n|bad.csv:2: etatAdministratifEtablissement"
  "coordinates outside France|$L\n$S1,44109,A,11,16.10A,NAFRev2,2500000,6700000\n|bad.csv:2: coordonneeLambertAbscisseEtablissement:"
  "coordinates not a number|$L\n$S1,44109,A,11,16.10A,NAFRev2,abc,6700000\n|bad.csv:2: coordonneeLambertAbscisseEtablissement: not a number"
  "non UTF-8|$H\n$G\n$S1,44109,A,11,16.10A,NAFRev2,CAF\xe9,O\n|bad.csv:3: field 7: not valid UTF-8"
  "quoted newline|$H\n$G\n$S1,44109,A,11,16.10A,NAFRev2,\"DEUX\nLIGNES\",O\n$G\n|bad.csv:3: quoted field spans 2 lines"
  "unterminated quote|$H\n$S1,44109,A,11,16.10A,NAFRev2,\"OUVERT,O\n|bad.csv:2:"
  "wrong field count|$H\n$S1,44109,A,11,16.10A\n|bad.csv:2: 5 fields, the header has 8"
  "bad commune|$H\n$S1,4410,A,11,16.10A,NAFRev2,X,O\n|bad.csv:2: codeCommuneEtablissement"
  "empty file||bad.csv:1: empty file"
)
for c in "${cases[@]}"; do
  IFS='|' read -r name content want <<<"$c"
  printf "$content" > bad.csv
  "$SYM" sirene import bad.csv 2>err.txt >/dev/null
  rc=$?
  "$SYM" sirene import bad.csv --check 2>err2.txt >/dev/null
  rc2=$?
  if [ "$rc" = 65 ] && [ "$rc2" = 65 ] && grep -qF -- "$want" err.txt && [ "$(rows)" = "$before" ]; then
    ok "sirene import rejects: $name"
  else
    not_ok "sirene import rejects: $name (rc $rc/$rc2, stderr: $(head -c 300 err.txt))"
  fi
done
# every bad row is reported, and the good rows are not written either
printf '%s\n%s\n1234,44109,A,11,16.10A,NAFRev2,X,O\n%s,44109,A,11,99.99Z,NAFRev2,X,O\n' "$H" "$G" "$S1" > many.csv
"$SYM" sirene import many.csv 2>err.txt >/dev/null
check "both bad rows reported" test "$(grep -c '^many.csv:[34]: ' err.txt)" = 2
check "nothing written after a partly bad file" test "$(rows)" = "$before"
# skipped on purpose, not errors: closed, older nomenclature, other regions, no activity
printf '%s\n%s,44109,F,11,16.10A,NAFRev2,X,O\n%s,75056,A,11,16.10A,NAFRev2,X,O\n%s,44109,A,11,52.1D,NAFRev1,X,O\n' "$H" "$(python3 -c "
import importlib.util,random
spec=importlib.util.spec_from_file_location('g','$GEN'); g=importlib.util.module_from_spec(spec); spec.loader.exec_module(g)
print(g.make_siret(random.Random(11))[1])")" "$S1" "$S1" > skip.csv
check "closed, other regions and older nomenclatures are skipped, not errors" "$SYM" sirene import skip.csv --check
printf '%s\n%s\n' "$H" "$G" > ok.csv
"$SYM" sirene import ok.csv --check > /dev/null
check "--check writes nothing" test "$(rows)" = "$before"
check_fails "missing file fails" "$SYM" sirene import nosuch.csv
check "--help prints the usage" sh -c '"$0" sirene --help | grep -q "sirene import"' "$SYM"
finish
