#!/usr/bin/env bash
# cli_foundation.sh - init, demo (twice: idempotent), import/export round
# trip, list filters, GeoJSON validity, user add.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
export SYMBIOSE_DB=$WORK/a.db

check "init creates the database" "$SYM" init
check "init again is harmless" "$SYM" init
check_fails "list without a database fails" "$SYM" --db "$WORK/none.db" organisations list

cat > orgs.csv <<'CSV'
siret,name,naf,commune_insee,lat,lon,address,postal_code,headcount,kind
73282932000074,"Scierie du Bocage, SA",16.10A,44109,,,"2 rue des Scieurs",44000,25,company
44306184100047,Papeterie de l'Erdre,1712Z,49007,47.47,-0.55,,,120,
CSV
cat > flows.csv <<'CSV'
siret,direction,code,quantity,unit,period,temperature_c,availability,description,confidentiality
73282932000074,offer,03 01 05,400,t,an,,continuous,"sciure, copeaux",public
73282932000074,offer,heat,2,MWh,mois,90,seasonal:10-3,chaleur du séchoir,anonymised
44306184100047,need,15.01.01,2000,t,,,,cartons,facilitator_only
44306184100047,need,safety,6,place,,,one_off,formation,public
CSV
check "import organisations" "$SYM" import organisations orgs.csv
check "import flows" "$SYM" import flows flows.csv
"$SYM" export organisations --format csv -o orgs_out.csv
"$SYM" export flows --format csv -o flows_out.csv
check "export writes -o files" test -s orgs_out.csv -a -s flows_out.csv
"$SYM" --db b.db init >/dev/null
check "exported organisations import again" "$SYM" --db b.db import organisations orgs_out.csv
check "exported flows import again" "$SYM" --db b.db import flows flows_out.csv
"$SYM" --db b.db export organisations --format csv > orgs_out2.csv
"$SYM" --db b.db export flows --format csv > flows_out2.csv
check "round trip keeps organisations" cmp -s orgs_out.csv orgs_out2.csv
check "round trip keeps flows" cmp -s flows_out.csv flows_out2.csv
check "flows list --direction need" bash -c "'$SYM' flows list --direction need | grep -q '^2 flux'"
check "flows list --code 03" bash -c "'$SYM' flows list --code 03 | grep -q '^1 flux'"
check_fails "flows list --direction bogus is a usage error" "$SYM" flows list --direction bogus

# demo, twice
check "demo loads" bash -c "'$SYM' --db demo.db demo > demo1.txt"
"$SYM" --db demo.db export organisations --format csv > d_orgs1.csv
"$SYM" --db demo.db export flows --format csv > d_flows1.csv
"$SYM" --db demo.db export synergies --format csv > d_syn1.csv
check "demo again" bash -c "'$SYM' --db demo.db demo > demo2.txt"
"$SYM" --db demo.db export organisations --format csv > d_orgs2.csv
"$SYM" --db demo.db export flows --format csv > d_flows2.csv
check "demo twice leaves the same organisations" cmp -s d_orgs1.csv d_orgs2.csv
check "demo twice leaves the same flows" cmp -s d_flows1.csv d_flows2.csv
"$SYM" --db demo.db export synergies --format csv > d_syn2.csv
check "demo twice leaves the same synergies" cmp -s d_syn1.csv d_syn2.csv
check "second demo adds nothing" grep -q "0 territoires, 0 organisations, 0 flux, 0 comptes" demo2.txt
check "demo prints accounts with passwords" grep -q "admin@demo.symbiose.fr .*mot de passe" demo1.txt
check "demo has >= 600 organisations" test "$(($(wc -l < d_orgs1.csv) - 1))" -ge 600
check "demo has >= 2400 flows" test "$(($(wc -l < d_flows1.csv) - 1))" -ge 2400
check "demo has 20 territories" test "$(grep -c ' communes ' demo1.txt)" = 20
check "demo organisations list filtered by territory" \
  bash -c "'$SYM' --db demo.db organisations list --territory 1 | grep -q '^42 organisation'"
check "demo sawmills offer sawdust" \
  bash -c "'$SYM' --db demo.db flows list --code 030105 --direction offer | grep -q '030105'"

"$SYM" --db demo.db export organisations --format geojson -o orgs.geojson
"$SYM" --db demo.db export flows --format geojson > flows.geojson
"$SYM" --db demo.db export synergies --format geojson > syn.geojson
"$SYM" --db demo.db export synergies --format json > syn.json
"$SYM" --db demo.db export flows --format json > flows.json
for f in orgs.geojson flows.geojson syn.geojson; do
  check "$f is valid GeoJSON with points in the region" python3 - "$f" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["type"] == "FeatureCollection" and d["features"]
for ft in d["features"]:
    assert ft["type"] == "Feature" and ft["geometry"]["type"] == "Point"
    lon, lat = ft["geometry"]["coordinates"]
    assert -3.0 < lon < 1.0 and 46.0 < lat < 48.7, (lon, lat)
    assert isinstance(ft["properties"], dict)
PY
done
check "json exports parse" python3 -c "import json; assert json.load(open('flows.json')) and json.load(open('syn.json'))"
check_fails "unknown export format" "$SYM" --db demo.db export flows --format xml

# accounts
check "user add" bash -c "echo 'un mot de passe' | '$SYM' --db demo.db user add new@example.fr --role observer --password-stdin"
check_fails "user add twice" bash -c "echo 'un mot de passe' | '$SYM' --db demo.db user add NEW@example.fr --role observer --password-stdin"
check_fails "user add bad role" bash -c "echo 'un mot de passe' | '$SYM' --db demo.db user add x@example.fr --role boss --password-stdin"
check_fails "user add short password" bash -c "echo 'court' | '$SYM' --db demo.db user add y@example.fr --role observer --password-stdin"
check_fails "user add facilitator without territory" bash -c "echo 'un mot de passe' | '$SYM' --db demo.db user add z@example.fr --role facilitator --password-stdin"
check "user add facilitator" bash -c "echo 'un mot de passe' | '$SYM' --db demo.db user add f@example.fr --role facilitator --territory 2 --password-stdin"
check_fails "user add member of unknown organisation" bash -c "echo 'un mot de passe' | '$SYM' --db demo.db user add m@example.fr --role member --org 99999 --password-stdin"
finish
