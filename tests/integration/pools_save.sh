#!/usr/bin/env bash
# pools_save.sh - `symbiose pools --save` turns the suggested pooled
# collections into pooled collections (members' offers as items, the
# nearest collector's depot), once: a second run saves nothing; --pool N
# saves one suggestion, refuses one that is not a collection; rounds can
# be computed on a saved one.
. "$(dirname "$0")/lib.sh"
DB="$WORK/p.db"
"$SYM" --db "$DB" demo >/dev/null 2>&1
check "demo database" test $? = 0
"$SYM" --db "$DB" pools >"$WORK/p.csv"
n_sugg=$(grep -c '^[0-9]*,collecte,' "$WORK/p.csv")
check "the demo has collection suggestions" test "$n_sugg" -gt 0
first=$(grep -m1 '^[0-9]*,collecte,' "$WORK/p.csv" | cut -d, -f1)
room=$(grep -m1 '^[0-9]*,salle,' "$WORK/p.csv" | cut -d, -f1)
check_fails "--pool of a room suggestion is refused" "$SYM" --db "$DB" pools --save --pool "$room"
check_fails "--pool without --save is refused" "$SYM" --db "$DB" pools --pool "$first"
before=$(sqlite3 "$DB" "SELECT count(*) FROM net_collections")
"$SYM" --db "$DB" pools --save --pool "$first" >"$WORK/one.txt"
check "--save --pool saves one" test "$(sqlite3 "$DB" "SELECT count(*) FROM net_collections")" = $((before + 1))
id=$(sed -n 's/^collecte \([0-9]*\) enregistrée.*/\1/p' "$WORK/one.txt")
members=$(grep -m1 "^$first,collecte," "$WORK/p.csv" | cut -d, -f6)
check "its members became items" \
  test "$(sqlite3 "$DB" "SELECT count(DISTINCT organisation_id) FROM net_collection_items WHERE collection_id = $id")" = "$members"
"$SYM" --db "$DB" pools --save >"$WORK/all.txt"
check "--save saves the others" test "$(sqlite3 "$DB" "SELECT count(*) FROM net_collections")" = $((before + n_sugg))
check "the first is not saved twice" grep -q "déjà enregistrée" "$WORK/all.txt"
"$SYM" --db "$DB" pools --save >"$WORK/again.txt"
check "a second run saves nothing" grep -q "^0 collecte(s)" "$WORK/again.txt"
check "rounds of a saved pool" bash -c "\"\$0\" --db \"\$1\" rounds --pool \"\$2\" >/dev/null" "$SYM" "$DB" "$id"
finish
