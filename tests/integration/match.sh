#!/usr/bin/env bash
# match.sh - `symbiose match --input`: output contract, options, bad input.
source "$(dirname "$0")/lib.sh"

cat > "$WORK/flows.csv" <<'CSV'
establishment_id,lat,lon,direction,code,quantity_t_per_year
A,47.2000,-1.5500,offer,150101,40
A,47.2000,-1.5500,offer,030105,20
B,47.3079,-1.5500,need,150101,60
C,47.2300,-1.5500,need,150101,10
D,47.2100,-1.5400,need,150103,50
E,,,need,150101,30
CSV

check "match --input succeeds" "$SYM" match --input "$WORK/flows.csv" -o "$WORK/out.csv"
check "csv header is the contract" test "$(head -1 "$WORK/out.csv")" = \
  "rank,offer_siret,receiver_siret,kind,code,distance_km,quantity,unit,gain_eur_per_yr,co2e_avoided_t_per_yr,explanation"
check "same code 12 km, read aloud" grep -q '^1,A,B,declared,150101,15.60,40.00,t/an,.*"même code 15 01 01 — 16 km — 40 t/an sur 60 t/an demandées — gain estimé' "$WORK/out.csv"
check "rank restarts per offer" test "$(grep -c '^1,A,' "$WORK/out.csv")" = 2
check "rule match for sawdust" grep -q '^1,A,D,declared,030105,.*valorisation 03 01 05 → 15 01 03' "$WORK/out.csv"
check "no coordinates: never matched" test "$(grep -c ',E,' "$WORK/out.csv")" = 0
"$SYM" match --input "$WORK/flows.csv" -o "$WORK/out2.csv" 2> "$WORK/err.txt"
check "no coordinates: reported with file and line" grep -q "flows.csv:7: lat, lon: pas de coordonnées" "$WORK/err.txt"
check "--top 1 keeps one per offer" test "$("$SYM" match --input "$WORK/flows.csv" --top 1 | tail -n +2 | cut -d, -f1 | sort -u)" = 1
check "--same-code drops rule matches" test "$("$SYM" match --input "$WORK/flows.csv" --same-code | grep -c valorisation)" = 0
check "--radius-km 5 keeps the near ones" test "$("$SYM" match --input "$WORK/flows.csv" --radius-km 5 | tail -n +2 | cut -d, -f3 | sort | tr '\n' ' ')" = "C D "
check "--detour 1 gives the straight line" grep -q '^1,A,B,declared,150101,12.00,' <("$SYM" match --input "$WORK/flows.csv" --detour 1)
check "json is valid and has the fields" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
assert rows and set(rows[0]) >= {"rank", "offer_siret", "receiver_siret", "kind", "code", "distance_km",
    "quantity", "unit", "gain_eur_per_yr", "co2e_avoided_t_per_yr", "explanation"}, rows[0]
' <("$SYM" match --input "$WORK/flows.csv" --format json)
check "--all-pairs lists pairs by row" test "$("$SYM" match --input "$WORK/flows.csv" --all-pairs --same-code --detour 1 | head -2 | tr '\n' ' ')" = "offer_row,need_row,distance_km 1,3,11.9979 "
check "deterministic" cmp -s <("$SYM" match --input "$WORK/flows.csv") <("$SYM" match --input "$WORK/flows.csv")

# more flows than one chunk of a search thread (4096), spread over 60 km
awk 'BEGIN { srand(7); print "establishment_id,lat,lon,direction,code,quantity_t_per_year";
  split("150101 150102 200301 170504 030105 150103", c, " ");
  for (i = 1; i <= 9000; i++) printf "%d,%.5f,%.5f,%s,%s,%.1f\n", int(i / 3), 47 + rand() / 2,
    -1.5 + rand() / 2, (rand() < 0.5 ? "offer" : "need"), c[1 + int(rand() * 6)], 1 + rand() * 90 }' \
  > "$WORK/many.csv"
"$SYM" match --input "$WORK/many.csv" --radius-km 20 -o "$WORK/t1.csv"
check "--threads 2: same rows in the same order" cmp -s "$WORK/t1.csv" \
  <("$SYM" match --input "$WORK/many.csv" --radius-km 20 --threads 2)
check "--threads 3: same rows in the same order" cmp -s "$WORK/t1.csv" \
  <("$SYM" match --input "$WORK/many.csv" --radius-km 20 --threads 3)
check "--threads 2 with --all-pairs: same pairs" cmp -s \
  <("$SYM" match --input "$WORK/many.csv" --radius-km 20 --all-pairs) \
  <("$SYM" match --input "$WORK/many.csv" --radius-km 20 --all-pairs --threads 2)
"$SYM" match --input "$WORK/flows.csv" --threads 0 > /dev/null 2>&1; rc=$?
check "--threads 0 is a usage error" test "$rc" = 2

cat > "$WORK/bad.csv" <<'CSV'
establishment_id,lat,lon,direction,code,quantity_t_per_year
A,47.2,-1.55,offer,150101,40
B,47.3,-1.55,give,150101,60
C,47.3,,need,150101,60
D,47.3,-1.55,need,999999,60
CSV
rm -f "$WORK/never.csv"
"$SYM" match --input "$WORK/bad.csv" -o "$WORK/never.csv" 2> "$WORK/bad.txt"; rc=$?
check "bad rows fail with a data error" test "$rc" = 65
check "bad direction named by line" grep -q "bad.csv:3: direction:" "$WORK/bad.txt"
check "half coordinates named by line" grep -q "bad.csv:4: lon:" "$WORK/bad.txt"
check "unknown code named by line" grep -q "bad.csv:5: code:" "$WORK/bad.txt"
check "no output on bad input" test ! -e "$WORK/never.csv"
printf 'establishment_id,lat,lon,direction,code\n' > "$WORK/hdr.csv"
check_fails "missing column refused" "$SYM" match --input "$WORK/hdr.csv"
check_fails "missing file refused" "$SYM" match --input "$WORK/nope.csv"
"$SYM" match --input "$WORK/flows.csv" --top zero > /dev/null 2>&1; rc=$?
check "bad option is a usage error" test "$rc" = 2
"$SYM" match --input "$WORK/flows.csv" --frobnicate > /dev/null 2>&1; rc=$?
check "unknown option is a usage error" test "$rc" = 2
finish
