#!/usr/bin/env bash
# knowledge.sh - the valorisation knowledge from the outside: `symbiose
# rules CODE`, local routes (--rules FILE and local_rules.csv in a
# SYMBIOSE_DATA folder), checked errors, and the negative check on the demo
# region: share of family-level routes in the top 5, and no hazardous entry
# sent to a receiver that neither declares it nor holds a permit by its
# activity (the route says so).
source "$(dirname "$0")/lib.sh"

"$SYM" rules "10 01 02" > "$WORK/r.txt"
check "rules: header names the entry" grep -q '^10 01 02 cendres volantes de charbon : [0-9]* voie(s)' "$WORK/r.txt"
check "rules: own entry route first" grep -q '^R028 | R5 | code propre | .*23.51 Fabrication de ciment' <(sed -n 2p "$WORK/r.txt")
check "rules: inherited from the sub-chapter" grep -q '| hérité du sous-chapitre 10 01 |' "$WORK/r.txt"
check "rules: family fallback named" grep -q '| voie générique de la famille « ash_slag » |' "$WORK/r.txt"
check "rules: every line has a source" test "$(tail -n +2 "$WORK/r.txt" | grep -vc '| source : .')" = 0
check "rules: heat kind" grep -q '^V[0-9]* | - | énergie ou eau | chaleur fatale' <("$SYM" rules heat)
check_fails "rules: unknown code" "$SYM" rules 999999
check_fails "rules: no code" "$SYM" rules

# every entry of the List of Waste has at least one route
python3 - "$ROOT/data/low.csv" > "$WORK/entries.txt" <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding='utf-8')):
    if r['level'] == '3':
        print(r['code'])
PY
none=0
for c in $(sed -n '1~23p' "$WORK/entries.txt"); do # a sample across every chapter
  n=$("$SYM" rules "$c" | head -1 | sed 's/.* : \([0-9]*\) voie.*/\1/')
  [ "$n" -gt 0 ] || { echo "no route for $c"; none=$((none + 1)); }
done
check "rules: sampled entries all have a route" test "$none" = 0

cat > "$WORK/local.csv" <<'CSV'
id,outputs,inputs,receivers,operation,hazardous_ok,frequency,min_temp_c,use_fr,virgin_factor,purchase_eur_per_t,source
L01,101112,,96.09,R5,0,common,,verre broyé pour décoration (atelier local),,,Réseau régional EIT 2025
CSV
check "rules --rules: local route listed" grep -q '^L01 | R5 | code propre | .* | voie locale |' <("$SYM" rules 101112 --rules "$WORK/local.csv")
printf 'id,outputs,inputs,receivers,operation,hazardous_ok,frequency,min_temp_c,use_fr,virgin_factor,purchase_eur_per_t,source\nL02,101112,,99.99,R5,0,common,,x,,,s\n' > "$WORK/bad.csv"
"$SYM" rules 101112 --rules "$WORK/bad.csv" > /dev/null 2> "$WORK/err.txt"
check "rules --rules: bad NACE named with file and line" grep -q "bad.csv:2: receivers: unknown NACE code '99.99'" "$WORK/err.txt"
printf 'id,outputs,inputs,receivers,operation,hazardous_ok,frequency,min_temp_c,use_fr,virgin_factor,purchase_eur_per_t,source\nR001,101112,,23.13,R5,0,common,,x,,,s\n' > "$WORK/dup.csv"
"$SYM" rules 101112 --rules "$WORK/dup.csv" > /dev/null 2> "$WORK/err.txt"
check "rules --rules: duplicate id refused" grep -q "dup.csv:2: id: duplicate 'R001'" "$WORK/err.txt"

# the shipped data folder, with a local_rules.csv, read through SYMBIOSE_DATA
mkdir -p "$WORK/data"
cp "$ROOT"/data/*.csv "$WORK/data/"
cp "$WORK/local.csv" "$WORK/data/local_rules.csv"
check "SYMBIOSE_DATA: local_rules.csv used" grep -q '^L01 ' <(SYMBIOSE_DATA="$WORK/data" "$SYM" rules 101112)
printf 'id,outputs,inputs,receivers,operation,hazardous_ok,frequency,min_temp_c,use_fr,virgin_factor,purchase_eur_per_t,source\nL03,101112,,23.13,R14,0,common,,x,,,s\n' > "$WORK/data/local_rules.csv"
SYMBIOSE_DATA="$WORK/data" "$SYM" rules 101112 > /dev/null 2> "$WORK/err.txt"
check "SYMBIOSE_DATA: bad operation named" grep -q "local_rules.csv:2: operation: 'R14' is not a recovery operation" "$WORK/err.txt"
rm "$WORK/data/local_rules.csv"
sed -i '3s/^010102,[a-z_]*/010102,Wood/' "$WORK/data/low_families.csv"
SYMBIOSE_DATA="$WORK/data" "$SYM" rules 150101 > /dev/null 2> "$WORK/err.txt"
check "SYMBIOSE_DATA: bad family named" grep -q "low_families.csv:3: family: expected a lower-case word" "$WORK/err.txt"

# a local route is used by the next detection, without rebuilding
cat > "$WORK/flows.csv" <<'CSV'
establishment_id,lat,lon,direction,code,quantity_t_per_year
A,47.2000,-1.5500,offer,101112,40
CSV
check "match --rules: accepted" "$SYM" match --input "$WORK/flows.csv" --rules "$WORK/local.csv" -o /dev/null

# negative check on the demo region
export SYMBIOSE_DB="$WORK/demo.db"
"$SYM" init > /dev/null && "$SYM" demo > /dev/null
"$SYM" match --format json --top 5 > "$WORK/demo.json"
check "demo: family share reported, no hazardous entry to an undeclared receiver" python3 - "$WORK/demo.json" "$ROOT/data/low.csv" <<'PY'
import csv, json, sys
rows = json.load(open(sys.argv[1]))
hz = {r['code'] for r in csv.DictReader(open(sys.argv[2], encoding='utf-8')) if r['hazardous'] == '1'}
assert rows, 'no suggestion on the demo'
fam = sum(1 for r in rows if r.get('route') and r['route']['level'] == 'family')
print('demo: %d suggestions in the top 5, %d from family-level routes (%.1f%%)'
      % (len(rows), fam, 100.0 * fam / len(rows)))
bad = [r for r in rows if r['code'] in hz and r['kind'] == 'potential'
       and not (r['route'] and r['route']['hazardous_ok'])]
assert not bad, bad[:3]
PY
finish
