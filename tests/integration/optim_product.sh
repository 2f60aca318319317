#!/usr/bin/env bash
# optim_product.sh - the product side of the optimisation: `allocate
# --save` on the demo database records a plan that the JSON shows; a
# pooled collection of 8 clustered companies becomes rounds of a
# registered collector (`collectors add`, `rounds --pool --save`): saved,
# capacity respected, km > 0, CO2e below the baseline of each company
# driving to the nearest treatment site; bad input fails cleanly.
. "$(dirname "$0")/lib.sh"
DB="$WORK/o.db"
# pyt FILE EXPR: passes if the Python expression EXPR is true of the JSON
# document in FILE (bound to `d`); extra NAME=VALUE arguments bind integers
pyt() {
  python3 - "$@" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
env = {"d": d}
for a in sys.argv[3:]:
    k, v = a.split("=", 1)
    env[k] = int(v)
sys.exit(0 if eval(sys.argv[2], env) else 1)
PY
}
"$SYM" --db "$DB" demo >/dev/null 2>&1
check "demo database" test $? = 0

# --- allocation plan
"$SYM" --db "$DB" allocate --save >"$WORK/a.out" 2>"$WORK/a.err"
check "allocate --save" test $? = 0
plan=$(sed -n 's/^plan \([0-9]*\) enregistré$/\1/p' "$WORK/a.out")
check "allocate --save prints the plan id" test -n "$plan"
check "plan row in the database" test "$(sqlite3 "$DB" "SELECT count(*) FROM alloc_plans WHERE id = $plan")" = 1
lines=$(sqlite3 "$DB" "SELECT count(*) FROM alloc_plan_lines WHERE plan_id = $plan")
check "plan lines recorded" test "$lines" -gt 0
"$SYM" --db "$DB" allocate --save --format json >"$WORK/a.json"
check "allocate --format json is JSON" pyt "$WORK/a.json" True
check "json: optimum at least the greedy plan" \
  pyt "$WORK/a.json" 'd["optimal"]["eur"] >= d["greedy"]["eur"] and d["optimal"]["t"] > 0 and len(d["lines"]) > 0'
check "json: kept lines carry names" pyt "$WORK/a.json" 'len([l for l in d["lines"] if l["kept"]][0]["offer_org"]) > 0'
check "json: lines sum to the optimal tonnes" \
  pyt "$WORK/a.json" 'sum(l["t"] for l in d["lines"]) == d["optimal"]["t"]'
"$SYM" --db "$DB" export allocations --format json >"$WORK/x.json"
check "export allocations lists both plans" pyt "$WORK/x.json" 'len(d) == 2 and d[0]["id"] > d[1]["id"]'
check "export allocations: totals of the first plan" \
  pyt "$WORK/x.json" '[x for x in d if x["id"] == p][0]["optimal"]["t"] > 0' p="$plan"
"$SYM" --db "$DB" allocate --format csv >"$WORK/a.csv"
check "allocate --format csv header" grep -q '^row,synergy_id,offer_flow_id,need_flow_id,receiver_org_id,t,greedy_t,eur,co2e_t$' "$WORK/a.csv"
check "csv has optimal and greedy rows" test "$(grep -c '^optimal,\|^greedy,' "$WORK/a.csv")" = 2
n_before=$(sqlite3 "$DB" "SELECT count(*) FROM alloc_plans")
"$SYM" --db "$DB" allocate >/dev/null
check "allocate without --save writes nothing" test "$(sqlite3 "$DB" "SELECT count(*) FROM alloc_plans")" = "$n_before"
"$SYM" --db "$DB" allocate --format xml 2>/dev/null
check "allocate: bad format is a usage error" test $? = 2

# --- a collector and a pooled collection of 8 clustered companies (Carquefou)
"$SYM" --db "$DB" import organisations "$ROOT/tests/data/optim/cluster.csv" >/dev/null 2>"$WORK/i.err"
check "import the cluster" test $? = 0
"$SYM" --db "$DB" collectors add --org 98765432100015 --lat 47.29 --lon -1.48 --capacity-kg 900 \
  >/dev/null 2>"$WORK/c.err"
check "a plain company cannot be a collector" test $? = 65
check "collector refusal says why" grep -q "économie sociale" "$WORK/c.err"
"$SYM" --db "$DB" collectors add --org 98765432100007 --lat 47.2950 --lon -1.4800 \
  --capacity-kg 1000 --depot-name "Dépôt de Carquefou" --vehicle-name "Porteur 12 t" \
  --cost-per-km 1.2 >"$WORK/c.out"
check "collectors add" test $? = 0
collector=$(sed -n 's/^collecteur \([0-9]*\) :.*/\1/p' "$WORK/c.out")
check "collector listed" grep -q "Ressourcerie de l'Erdre" <("$SYM" --db "$DB" collectors list)
sqlite3 "$DB" <"$ROOT/tests/data/optim/pool.sql"
pool=$(sqlite3 "$DB" "SELECT max(id) FROM net_collections")
check "pool of 8 members" test "$(sqlite3 "$DB" "SELECT count(*) FROM net_collection_items WHERE collection_id = $pool")" = 8
"$SYM" --db "$DB" rounds --pool "$pool" --save --iterations 2000 >"$WORK/r.out" 2>"$WORK/r.err"
check "rounds --pool --save" test $? = 0
check "rounds name the organisations" grep -q "Boulangerie Delta" "$WORK/r.out"
check "rounds print the baseline" grep -q "^référence" "$WORK/r.out"
round=$(sed -n 's/^tournées \([0-9]*\) enregistrées$/\1/p' "$WORK/r.out")
check "rounds saved" test "$(sqlite3 "$DB" "SELECT count(*) FROM collection_round_stops WHERE round_id = ${round:-0}")" = 8
check "rounds use the registered collector" \
  test "$(sqlite3 "$DB" "SELECT collector_id FROM collection_rounds WHERE id = ${round:-0}")" = "$collector"
check "capacity respected on every route" test "$(sqlite3 "$DB" \
  "SELECT count(*) FROM (SELECT sum(demand_kg) AS l FROM collection_round_stops WHERE round_id = ${round:-0} GROUP BY route_no) WHERE l > 1000")" = 0
check "300 kg x 8 in 1000 kg: at least 3 routes" \
  test "$(sqlite3 "$DB" "SELECT n_routes >= 3 FROM collection_rounds WHERE id = ${round:-0}")" = 1
check "km > 0 and CO2e below the baseline" test "$(sqlite3 "$DB" \
  "SELECT km > 0 AND co2e_kg > 0 AND co2e_kg < baseline_co2e_kg AND km < baseline_km FROM collection_rounds WHERE id = ${round:-0}")" = 1
check "cost from the vehicle" test "$(sqlite3 "$DB" \
  "SELECT abs(cost_eur - 1.2 * km) < 1e-6 FROM collection_rounds WHERE id = ${round:-0}")" = 1
"$SYM" --db "$DB" rounds --pool "$pool" --format json --iterations 2000 >"$WORK/r.json"
check "rounds json" pyt "$WORK/r.json" 'd["n_stops"] == 8 and d["km"] > 0 and d["baseline"]["co2e_kg"] > d["co2e_kg"]'
check "rounds json: geometry has one line per route" \
  pyt "$WORK/r.json" 'len(d["geometry"]["coordinates"]) == d["n_routes"] and all(r["load_kg"] <= 1000 for r in d["routes"])'
check "rounds json: nearest site named" pyt "$WORK/r.json" '"Alcéa" in d["routes"][0]["stops"][0]["site"] or "Arc-en-Ciel" in d["routes"][0]["stops"][0]["site"]'
"$SYM" --db "$DB" rounds --pool "$pool" --iterations 2000 --speed 20 --stop-min 0 --format json >"$WORK/s.json"
check "time follows the speed" pyt "$WORK/s.json" 'abs(d["duration_min"] - d["km"] * 3) < 0.01'

# --- errors: nothing written
n_rounds=$(sqlite3 "$DB" "SELECT count(*) FROM collection_rounds")
"$SYM" --db "$DB" rounds --pool 9999 --save >/dev/null 2>"$WORK/e.err"
check "unknown pool fails" test $? != 0
check "unknown pool named" grep -q "9999" "$WORK/e.err"
"$SYM" --db "$DB" rounds --pool "$pool" --detour 0.5 --save >/dev/null 2>"$WORK/e.err"
check "detour below 1 refused" test $? = 65
"$SYM" --db "$DB" collectors add --org 98765432100007 --lat 47.29 --lon -1.48 --capacity-kg 200 >/dev/null
small=$(sqlite3 "$DB" "SELECT max(id) FROM collector_vehicles")
"$SYM" --db "$DB" rounds --pool "$pool" --vehicle "$small" --save >/dev/null 2>"$WORK/e.err"
check "a stop over the vehicle's capacity fails" test $? = 65
check "capacity message" grep -q "capacité du véhicule" "$WORK/e.err"
check "failed rounds write nothing" test "$(sqlite3 "$DB" "SELECT count(*) FROM collection_rounds")" = "$n_rounds"
"$SYM" --db "$DB" rounds --pool x 2>/dev/null
check "bad pool id is a usage error" test $? = 2
"$SYM" --db "$DB" rounds --pool "$pool" --date 2026-13-01 2>/dev/null
check "bad date is a usage error" test $? = 2
finish
