#!/usr/bin/env bash
# pools.sh - `symbiose pools`: mutualisation pools from the database.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
export SYMBIOSE_DB=$WORK/p.db
"$SYM" init >/dev/null
cat > orgs.csv <<'CSV'
siret,name,naf,commune_insee,lat,lon
55210055400013,Garage,45.20A,44109,47.2000,-1.5500
55210055400021,Boulangerie,10.71C,44109,47.2100,-1.5500
55210055400039,Imprimerie,18.12Z,44109,47.2200,-1.5600
55210055400047,Menuiserie,16.23Z,44109,47.6000,-1.0000
55210055400054,Hôtel,55.10Z,44109,47.2050,-1.5450
CSV
cat > flows.csv <<'CSV'
siret,direction,code,quantity,unit
55210055400013,offer,150101,3,t
55210055400021,offer,150101,2,t
55210055400039,offer,150101,4,t
55210055400047,offer,150101,5,t
55210055400039,offer,150102,40,t
55210055400013,need,safety,1,unit
55210055400021,need,safety,1,unit
55210055400039,need,packaging,2,t
55210055400021,need,packaging,3,t
55210055400054,offer,meeting_room,200,h
55210055400013,need,meeting_room,20,h
CSV
check "organisations imported" "$SYM" import organisations orgs.csv
check "flows imported" "$SYM" import flows flows.csv
check "pools" "$SYM" pools -o pools.csv
cat pools.csv
check "csv header" test "$(head -1 pools.csv)" = "pool,kind,territory_id,code,members,n_members,total_quantity,gain_eur_per_yr,explanation"
check "pooled collection of the three near small offers" grep -q '^[0-9]*,collecte,0,150101,55210055400013;55210055400021;55210055400039,3,9.00,' pools.csv
check "the far one is left out" test "$(grep -c 55210055400047 pools.csv)" = 0
check "big offers are not pooled" test "$(grep -c ',150102,' pools.csv)" = 0
check "group purchase" grep -q ',achat,0,packaging,55210055400021;55210055400039,2,5.00,' pools.csv
check "joint training" grep -q ',formation,0,safety,55210055400013;55210055400021,2,' pools.csv
check "shared room" grep -q ',salle,0,meeting_room,55210055400054;55210055400013,2,' pools.csv
check "explanation in French" grep -q 'collecte mutualisée de 15 01 01 — 3 organisations proches — 9 t/an au total, au plus 4 t/an chacune — gain estimé' pools.csv
check "json" python3 -c 'import json,sys; rows=json.load(open(sys.argv[1])); assert len(rows) == 4, rows' <("$SYM" pools --format json)
check "threshold option" test "$("$SYM" pools --threshold 2.5 | grep -c collecte)" = 0
check_fails "bad threshold" "$SYM" pools --threshold -1
finish
