#!/usr/bin/env bash
# rounds.sh - `symbiose rounds --vrp`: solves copied CVRPLIB instances,
# re-checks each printed solution with an independent awk script (every
# customer once, capacity, cost recomputed from the file), checks that a
# seed gives the same output, and that malformed input fails cleanly.
source "$(dirname "$0")/lib.sh"
DATA=$ROOT/tests/data/cvrp

# verify FILE.vrp SOLUTION: prints the recomputed cost, fails if invalid
verify() {
  awk '
    FNR == 1 { f++ }
    f == 1 && /^CAPACITY/ { sub(/.*:/, ""); cap = $1 + 0 }
    f == 1 && /^DIMENSION/ { sub(/.*:/, ""); dim = $1 + 0 }
    f == 1 && /_SECTION/ { sec = $1; next }
    f == 1 && sec == "NODE_COORD_SECTION" && NF == 3 { x[$1 - 1] = $2; y[$1 - 1] = $3 }
    f == 1 && sec == "DEMAND_SECTION" && NF == 2 { d[$1 - 1] = $2 }
    function dist(a, b) { return int(sqrt((x[a] - x[b]) ^ 2 + (y[a] - y[b]) ^ 2) + 0.5) }
    f == 2 && /^Route #/ {
      prev = 0; load = 0
      for (i = 3; i <= NF; i++) {
        c = $i + 0
        if (c < 1 || c >= dim || seen[c]++) { print "bad or repeated customer " c; bad = 1 }
        load += d[c]; cost += dist(prev, c); prev = c
      }
      cost += dist(prev, 0)
      if (load > cap) { print "route over capacity: " $0; bad = 1 }
    }
    f == 2 && /^Cost / { stated = $2 }
    END {
      for (c = 1; c < dim; c++) if (!seen[c]) { print "customer " c " missing"; bad = 1 }
      if (stated != cost) { print "stated " stated " recomputed " cost; bad = 1 }
      print cost
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

"$SYM" rounds --vrp "$DATA/A-n32-k5.vrp" --seed 7 --iterations 3000 >"$WORK/a.sol"
"$SYM" rounds --vrp "$DATA/A-n32-k5.vrp" --seed 7 --iterations 3000 >"$WORK/b.sol"
check "same seed, same output" cmp -s "$WORK/a.sol" "$WORK/b.sol"
check "time limit accepted" "$SYM" rounds --vrp "$DATA/P-n16-k8.vrp" --time-limit 0.5 >/dev/null

"$SYM" rounds --vrp "$DATA/P-n16-k8.vrp" --vehicles 8 --iterations 20000 >"$WORK/k8.sol"
check "fleet of 8: optimum within 8 routes" test "$(grep -c '^Route' "$WORK/k8.sol")/$(tail -1 "$WORK/k8.sol")" = "8/Cost 450"
"$SYM" rounds --vrp "$DATA/P-n16-k8.vrp" --vehicles 7 --iterations 2000 >"$WORK/out" 2>"$WORK/err"
check "fleet of 7 is too small: exit 65" test $? = 65
check "fleet of 7 is too small: message" grep -q "no solution with 7 routes" "$WORK/err"

# malformed input: non-zero exit, "FILE:LINE: reason" on stderr, nothing on stdout
sed 's/^3 30$/3 300/' "$DATA/P-n16-k8.vrp" >"$WORK/over.vrp"
"$SYM" rounds --vrp "$WORK/over.vrp" >"$WORK/out" 2>"$WORK/err"
check "demand over capacity: exit 65" test $? = 65
check "demand over capacity: message" grep -q "over.vrp:27: DEMAND_SECTION: node 3: demand 300 over capacity 35" "$WORK/err"
check "demand over capacity: no output" test ! -s "$WORK/out"
sed 's/EUC_2D/GEO/' "$DATA/P-n16-k8.vrp" >"$WORK/geo.vrp"
"$SYM" rounds --vrp "$WORK/geo.vrp" 2>"$WORK/err"
check "unsupported edge weight: exit 65" test $? = 65
check "unsupported edge weight: message" grep -q "geo.vrp:5: EDGE_WEIGHT_TYPE: unsupported" "$WORK/err"
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
