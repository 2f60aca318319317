#!/usr/bin/env bash
# rounds.sh - `symbiose rounds --vrp`: solves copied CVRPLIB instances,
# re-checks each printed solution with an independent awk script (every
# customer once, capacity, cost recomputed from the file), checks that a
# seed gives the same output, and that malformed input fails cleanly.
source "$(dirname "$0")/lib.sh"
DATA=$ROOT/tests/data/cvrp

# verify FILE.vrp SOLUTION: prints the recomputed cost, fails if invalid.
# EXACT_2D distances are real (the stated cost has 4 decimals); DISTANCE
# bounds each route's length plus SERVICE_TIME per customer; VEHICLES
# bounds the number of routes.
verify() {
  awk '
    FNR == 1 { f++ }
    f == 1 && /^CAPACITY/ { sub(/.*:/, ""); cap = $1 + 0 }
    f == 1 && /^DIMENSION/ { sub(/.*:/, ""); dim = $1 + 0 }
    f == 1 && /^EDGE_WEIGHT_TYPE/ { exact = /EXACT_2D/ }
    f == 1 && /^DISTANCE/ { sub(/.*:/, ""); limit = $1 + 0 }
    f == 1 && /^SERVICE_TIME/ { sub(/.*:/, ""); service = $1 + 0 }
    f == 1 && /^VEHICLES/ { sub(/.*:/, ""); fleet = $1 + 0 }
    f == 1 && /_SECTION/ { sec = $1; next }
    f == 1 && sec == "NODE_COORD_SECTION" && NF == 3 { x[$1 - 1] = $2; y[$1 - 1] = $3 }
    f == 1 && sec == "DEMAND_SECTION" && NF == 2 { d[$1 - 1] = $2 }
    function dist(a, b, e) {
      e = sqrt((x[a] - x[b]) ^ 2 + (y[a] - y[b]) ^ 2)
      return exact ? e : int(e + 0.5)
    }
    f == 2 && /^Route #/ {
      prev = 0; load = 0; len = 0; routes++
      for (i = 3; i <= NF; i++) {
        c = $i + 0
        if (c < 1 || c >= dim || seen[c]++) { print "bad or repeated customer " c; bad = 1 }
        load += d[c]; len += dist(prev, c); prev = c
      }
      len += dist(prev, 0); cost += len
      if (load > cap) { print "route over capacity: " $0; bad = 1 }
      if (limit && len + service * (NF - 2) > limit + 1e-6) { print "route over DISTANCE: " $0; bad = 1 }
    }
    f == 2 && /^Cost / { stated = $2 }
    END {
      for (c = 1; c < dim; c++) if (!seen[c]) { print "customer " c " missing"; bad = 1 }
      if (fleet && routes > fleet) { print routes " routes, VEHICLES " fleet; bad = 1 }
      if (!exact && stated != cost) { print "stated " stated " recomputed " cost; bad = 1 }
      if (exact && (stated - cost > 0.01 || cost - stated > 0.01)) { print "stated " stated " recomputed " cost; bad = 1 }
      print (exact ? sprintf("%.2f", cost) : cost)
      exit bad
    }' "$1" "$2"
}

for inst in P-n16-k8:450 P-n19-k2:212 A-n32-k5:784; do
  name=${inst%%:*}; opt=${inst#*:}
  if "$SYM" rounds --vrp "$DATA/$name.vrp" --iterations 20000 >"$WORK/$name.sol"; then
    ok "$name solved"
  else
    not_ok "$name solved"
  fi
  cost=$(verify "$DATA/$name.vrp" "$WORK/$name.sol")
  check "$name solution valid (independent awk check)" test $? = 0
  check "$name reaches the optimum $opt" test "${cost##*$'\n'}" = "$opt"
done

# the keywords of the Christofides-Mingozzi-Toth files: real distances, a
# route duration limit with a service time per customer, a fleet
CMT=$DATA/A-n32-k5-cmt.vrp
"$SYM" rounds --vrp "$CMT" --iterations 20000 >"$WORK/cmt.sol"
check "CMT keywords: solved" test $? = 0
check "CMT keywords: cost with decimals" grep -q '^Cost [0-9]*\.[0-9]\{4\}$' "$WORK/cmt.sol"
cmt_cost=$(verify "$CMT" "$WORK/cmt.sol")
check "CMT keywords: every route within DISTANCE and VEHICLES (awk check)" test $? = 0
grep -v '^DISTANCE' "$CMT" >"$WORK/free.vrp"
"$SYM" rounds --vrp "$WORK/free.vrp" --iterations 20000 >"$WORK/free.sol"
free_cost=$(verify "$WORK/free.vrp" "$WORK/free.sol")
check "without DISTANCE: valid" test $? = 0
check_fails "the limit binds: the solution found without it breaks it" verify "$CMT" "$WORK/free.sol"
check "the limit binds: without it the cost is lower ($free_cost < $cmt_cost)" \
  awk -v a="$free_cost" -v b="$cmt_cost" 'BEGIN { exit !(a + 0 < b + 0) }'
sed 's/^DISTANCE : 300$/DISTANCE : 150/' "$CMT" >"$WORK/tight.vrp"
"$SYM" rounds --vrp "$WORK/tight.vrp" >"$WORK/out" 2>"$WORK/err"
check "DISTANCE below a round trip: exit 65" test $? = 65
check "DISTANCE below a round trip: FILE:LINE and the customer" \
  grep -q "tight.vrp:8: DISTANCE : le client [0-9]* ne peut être servi" "$WORK/err"
check "DISTANCE below a round trip: no output" test ! -s "$WORK/out"
for bad in "VEHICLES : 0" "VEHICLES : deux" "DISTANCE : -1" "DISTANCE : 0" "SERVICE_TIME : -5" "SERVICE_TIME : x"; do
  key=${bad%% *}
  sed "s/^$key : .*/$bad/" "$CMT" >"$WORK/bad.vrp"
  "$SYM" rounds --vrp "$WORK/bad.vrp" >"$WORK/out" 2>"$WORK/err"
  check "$bad: exit 65" test $? = 65
  check "$bad: FILE:LINE: $key" grep -q "bad.vrp:[0-9]*: $key : " "$WORK/err"
done
sed 's/^VEHICLES : 8$/VEHICLES : 4/' "$CMT" >"$WORK/k4.vrp"
"$SYM" rounds --vrp "$WORK/k4.vrp" --iterations 2000 >"$WORK/out" 2>"$WORK/err"
check "VEHICLES 4 is too small (410 of demand, capacity 100): exit 65" test $? = 65
check "VEHICLES 4: message" grep -q "aucune solution en 4 tournées" "$WORK/err"
"$SYM" rounds --vrp "$WORK/k4.vrp" --vehicles 6 --iterations 20000 >"$WORK/k6.sol"
check "--vehicles 6 overrides the file's VEHICLES 4" test $? = 0
check "--vehicles 6: at most 6 routes" test "$(grep -c '^Route' "$WORK/k6.sol")" -le 6

"$SYM" rounds --vrp "$DATA/A-n32-k5.vrp" --seed 7 --iterations 3000 >"$WORK/a.sol"
"$SYM" rounds --vrp "$DATA/A-n32-k5.vrp" --seed 7 --iterations 3000 >"$WORK/b.sol"
check "same seed, same output" cmp -s "$WORK/a.sol" "$WORK/b.sol"
check "time limit accepted" "$SYM" rounds --vrp "$DATA/P-n16-k8.vrp" --time-limit 0.5 >/dev/null

"$SYM" rounds --vrp "$DATA/P-n16-k8.vrp" --vehicles 8 --iterations 20000 >"$WORK/k8.sol"
check "fleet of 8: optimum within 8 routes" test "$(grep -c '^Route' "$WORK/k8.sol")/$(tail -1 "$WORK/k8.sol")" = "8/Cost 450"
"$SYM" rounds --vrp "$DATA/P-n16-k8.vrp" --vehicles 7 --iterations 2000 >"$WORK/out" 2>"$WORK/err"
check "fleet of 7 is too small: exit 65" test $? = 65
check "fleet of 7 is too small: message" grep -q "aucune solution en 7 tournées" "$WORK/err"

# malformed input: non-zero exit, "FILE:LINE: reason" on stderr, nothing on stdout
sed 's/^3 30$/3 300/' "$DATA/P-n16-k8.vrp" >"$WORK/over.vrp"
"$SYM" rounds --vrp "$WORK/over.vrp" >"$WORK/out" 2>"$WORK/err"
check "demand over capacity: exit 65" test $? = 65
check "demand over capacity: message" grep -q "over.vrp:27: DEMAND_SECTION : nœud 3 : demande 300 au-delà de la capacité 35" "$WORK/err"
check "demand over capacity: no output" test ! -s "$WORK/out"
sed 's/EUC_2D/GEO/' "$DATA/P-n16-k8.vrp" >"$WORK/geo.vrp"
"$SYM" rounds --vrp "$WORK/geo.vrp" 2>"$WORK/err"
check "unsupported edge weight: exit 65" test $? = 65
check "unsupported edge weight: message" grep -q "geo.vrp:5: EDGE_WEIGHT_TYPE : type « GEO » non pris en charge" "$WORK/err"
grep -v DEPOT_SECTION "$DATA/P-n16-k8.vrp" >"$WORK/nodepot.vrp"
check_fails "missing depot section fails" "$SYM" rounds --vrp "$WORK/nodepot.vrp"
check_fails "missing file fails" "$SYM" rounds --vrp "$WORK/none.vrp"
"$SYM" rounds 2>/dev/null
check "no --vrp: usage error" test $? = 2
"$SYM" rounds --vrp "$DATA/P-n16-k8.vrp" --seed -3 2>/dev/null
check "bad seed: usage error" test $? = 2
"$SYM" rounds --vrp "$DATA/P-n16-k8.vrp" --bogus 2>/dev/null
check "unknown option: usage error" test $? = 2
finish
