#!/usr/bin/env bash
# collect_demo.sh - the demo region carries a social-economy collector (one
# depot, one vehicle, a collector account) and a pooled collection of small
# quantities of cardboard and pallets, so that rounds can be computed right
# after `symbiose demo`; a second load adds none of it again.
. "$(dirname "$0")/lib.sh"
DB="$WORK/c.db"
"$SYM" --db "$DB" demo >"$WORK/d1.txt" 2>&1
check "demo loads" test $? = 0
check "demo says it added one pool" grep -q "1 collectes mutualisées" "$WORK/d1.txt"
check "demo lists the collector account" grep -q "collecte@demo.symbiose.fr .*collector" "$WORK/d1.txt"
"$SYM" --db "$DB" collectors list >"$WORK/k.txt"
check "one collector with a depot and a vehicle" \
  bash -c "grep -c '^collecteur ' '$WORK/k.txt' | grep -qx 1 && grep -q 'dépôt 1' '$WORK/k.txt' && grep -q 'véhicule 1' '$WORK/k.txt'"
members=$(sqlite3 "$DB" "SELECT count(DISTINCT organisation_id) FROM net_collection_items WHERE collection_id = 1")
check "the pool has 8 to 12 members" test "$members" -ge 8 -a "$members" -le 12
terrs=$(sqlite3 "$DB" "SELECT count(DISTINCT o.territory_id) FROM net_collection_items i JOIN organisations o ON o.id = i.organisation_id")
check "members all of one territory" test "$terrs" = 1
"$SYM" --db "$DB" rounds --pool 1 >"$WORK/r.txt" 2>&1
check "rounds of the demo pool" test $? = 0
check "rounds visit every member" grep -q "$members arrêts" "$WORK/r.txt"
"$SYM" --db "$DB" demo >"$WORK/d2.txt" 2>&1
check "second demo adds nothing" grep -q "0 territoires, 0 organisations, 0 flux, 0 comptes, 0 synergies, 0 collectes" "$WORK/d2.txt"
check "second demo adds no pool" test "$(sqlite3 "$DB" "SELECT count(*) FROM net_collections")" = 1
check "second demo adds no collector" test "$(sqlite3 "$DB" "SELECT count(*) FROM collectors") $(sqlite3 "$DB" "SELECT count(*) FROM collector_vehicles")" = "1 1"
finish
