#!/usr/bin/env bash
# match_db.sh - `symbiose match` on the database: suggestions saved as
# synergies "suggested"; a second run updates, never duplicates, and never
# brings back one a facilitator abandoned.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
export SYMBIOSE_DB=$WORK/m.db
"$SYM" init >/dev/null
cat > orgs.csv <<'CSV'
siret,name,naf,commune_insee,lat,lon
55210055400013,Cartonnerie,17.21A,44109,47.2000,-1.5500
55210055400021,Papeterie,17.12Z,44109,47.2500,-1.5500
55210055400039,Recycleur,38.32Z,44109,47.2300,-1.5600
55210055400047,Menuiserie,16.23Z,44109,47.2100,-1.5400
CSV
cat > flows.csv <<'CSV'
siret,direction,code,quantity,unit
55210055400013,offer,150101,40,t
55210055400021,need,150101,60,t
55210055400047,offer,030105,20,t
CSV
check "organisations imported" "$SYM" import organisations orgs.csv
check "flows imported" "$SYM" import flows flows.csv
syn() { python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute(sys.argv[2]).fetchone()[0])" "$SYMBIOSE_DB" "$1"; }
check "match on the database" "$SYM" match -o first.csv
n_rows=$(($(wc -l < first.csv) - 1))
check "some suggestions" test "$n_rows" -ge 2
check "one synergy per suggestion" test "$(syn "select count(*) from synergies")" = "$n_rows"
check "saved as suggested" test "$(syn "select count(*) from synergies where status <> 'suggested'")" = 0
check "declared need first, with SIRETs" grep -q '^1,55210055400013,55210055400021,declared,150101,' first.csv
check "potential receiver with its activity" grep -q ',potential,.*activité 38.32Z' first.csv
check "explanation kept as the note" test "$(syn "select count(*) from synergies where note like 'même code 15 01 01%'")" = 1
check "estimates saved" test "$(syn "select count(*) from synergies where est_co2e_t is null or est_eur_saved is null")" = 0
check "second run" "$SYM" match -o second.csv
check "no duplicates" test "$(syn "select count(*) from synergies")" = "$n_rows"
check "same suggestions" cmp -s first.csv second.csv
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"update synergies set status='abandoned', reason='refus' where need_flow_id is not null and receiver_org_id=(select id from organisations where siret='55210055400021')\"); c.commit()" "$SYMBIOSE_DB"
check "third run" "$SYM" match -o third.csv
check "abandoned not shown again" test "$(grep -c ',55210055400021,declared' third.csv)" = 0
check "abandoned stays abandoned" test "$(syn "select count(*) from synergies where status='abandoned'")" = 1
check "still no duplicates" test "$(syn "select count(*) from synergies")" = "$n_rows"
check "ranks renumbered" test "$(grep -c '^1,55210055400013,' third.csv)" = 1
check_fails "missing database refused" env SYMBIOSE_DB=$WORK/none.db "$SYM" match
finish
