#!/usr/bin/env bash
# allocate.sh - `symbiose allocate --dimacs`: the DIMACS solution on
# stdout, clear errors and exit status 65 on malformed, infeasible,
# unbalanced and unbounded problems, usage errors.
. "$(dirname "$0")/lib.sh"

cat >"$WORK/ok.min" <<'EOF'
c two sawmills, three boilers, sink 6
p min 6 9
n 1 10
n 2 8
n 6 -18
a 1 3 0 6 -50
a 1 4 0 6 -40
a 2 3 0 6 -45
a 2 5 0 6 -10
a 1 6 0 10 0
a 2 6 0 8 0
a 3 6 0 6 0
a 4 6 0 6 0
a 5 6 0 6 0
EOF
cat >"$WORK/ok.want" <<'EOF'
s -590
f 1 3 4
f 1 4 6
f 2 3 2
f 2 5 6
f 3 6 6
f 4 6 6
f 5 6 6
EOF
"$SYM" allocate --dimacs "$WORK/ok.min" >"$WORK/ok.out" 2>"$WORK/ok.err"
check "solves a transportation problem" test $? = 0
check "prints s then f lines in input order" cmp -s "$WORK/ok.out" "$WORK/ok.want"
check "nothing on stderr when solved" test ! -s "$WORK/ok.err"

# lower bounds, parallel arcs and a self-loop
printf 'p min 2 4\nn 1 6\nn 2 -6\na 1 2 0 2 5\na 1 2 1 3 1\na 1 2 0 9 2\na 2 2 0 4 -1\n' >"$WORK/lb.min"
"$SYM" allocate --dimacs "$WORK/lb.min" >"$WORK/lb.out"
check "lower bounds, parallel arcs, self-loop" \
  test "$(tr '\n' ';' <"$WORK/lb.out")" = "s 5;f 1 2 3;f 1 2 3;f 2 2 4;"

# expect_fail NAME FILE_CONTENT STDERR_PATTERN
expect_fail() {
  printf "$2" >"$WORK/bad.min"
  "$SYM" allocate --dimacs "$WORK/bad.min" >"$WORK/bad.out" 2>"$WORK/bad.err"
  local rc=$?
  if [ $rc = 65 ] && grep -q -- "$3" "$WORK/bad.err" && [ ! -s "$WORK/bad.out" ]; then
    ok "$1"
  else
    not_ok "$1 (rc $rc: $(cat "$WORK/bad.err"))"
  fi
}
expect_fail "malformed arc line" 'p min 2 1\na 1 2 0 x 1\n' "bad.min:2: a: capacity: not an integer"
expect_fail "arc out of range" 'p min 2 1\na 1 3 0 1 1\n' "bad.min:2: a: head: node 3"
expect_fail "no problem line" 'c nothing\n' "bad.min:2: no problem line"
expect_fail "arc count mismatch" 'p min 2 2\na 1 2 0 1 1\n\n\n\n\n\n\n\n' "bad.min:1: p: arc count"
expect_fail "infeasible" 'p min 2 1\nn 1 5\nn 2 -5\na 1 2 0 4 1\n' "bad.min: mcf: infeasible"
expect_fail "unbalanced supplies" 'p min 2 1\nn 1 5\nn 2 -4\na 1 2 0 9 1\n' "supplies sum to 1"
expect_fail "unbounded" 'p min 2 2\na 1 2 0 9223372036854775807 -1\na 2 1 0 9223372036854775807 0\n' \
  "bad.min: mcf: unbounded"

"$SYM" allocate --dimacs "$WORK/missing.min" >/dev/null 2>"$WORK/err"
rc=$?
check "missing file fails with an I/O status" test $rc = 74
check "missing file is named" grep -q "missing.min" "$WORK/err"
"$SYM" allocate --dimacs "$WORK/ok.min" --bogus >/dev/null 2>&1
check "unknown option is a usage error" test $? = 2
# allocate on the database: two offers and three needs compete
"$SYM" --db "$WORK/none.db" allocate >/dev/null 2>"$WORK/err"
check "allocate on a missing database fails" test $? != 0
DB="$WORK/d.db"
"$SYM" --db "$DB" demo >/dev/null 2>&1
check "demo database for allocate" test $? = 0
if command -v sqlite3 >/dev/null; then
  sqlite3 "$DB" <<'EOF'
UPDATE synergies SET status = 'implemented';
CREATE TEMP TABLE o AS SELECT id, organisation_id AS org FROM flows WHERE direction = 'offer' ORDER BY id LIMIT 2;
CREATE TEMP TABLE d AS SELECT id, organisation_id AS org FROM flows WHERE direction = 'need' ORDER BY id LIMIT 3;
UPDATE flows SET qty_per_yr = 10 WHERE id = (SELECT min(id) FROM o);
UPDATE flows SET qty_per_yr = 8 WHERE id = (SELECT max(id) FROM o);
UPDATE flows SET qty_per_yr = 6 WHERE id IN (SELECT id FROM d);
CREATE TEMP TABLE p (oi INTEGER, di INTEGER, t REAL, eur REAL);
INSERT INTO p VALUES (0, 0, 6, 300), (0, 1, 6, 240), (1, 0, 6, 270), (1, 2, 6, 60);
INSERT INTO synergies (kind, offer_flow_id, need_flow_id, receiver_org_id, status, est_t_diverted,
  est_eur_saved, est_co2e_t, created_at, updated_at)
SELECT 'substitution', oo.id, dd.id, dd.org, 'suggested', p.t, p.eur, p.t / 10, 0, 0 FROM p
  JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i FROM o) oo ON oo.i = p.oi
  JOIN (SELECT id, org, row_number() OVER (ORDER BY id) - 1 AS i FROM d) dd ON dd.i = p.di;
EOF
  "$SYM" --db "$DB" allocate >"$WORK/db.out" 2>"$WORK/db.err"
  check "allocate on the database" test $? = 0
  check "optimal plan gains 590 euros" grep -q "^total optimal : 18 t/an échangées (4 paires), 590.00 €/an" "$WORK/db.out"
  check "greedy plan gains 520 euros" grep -q "^glouton .*: 16 t/an échangées (3 paires), 520.00 €/an" "$WORK/db.out"
  check "gain over greedy" grep -q "gain de l'optimum sur le glouton : 70.00 €/an" "$WORK/db.out"
  # a potential receiver (no declared need) of offer 2 for 3 t at 50 euros/t
  sqlite3 "$DB" "INSERT INTO synergies (kind, offer_flow_id, need_flow_id, receiver_org_id, status,
    est_t_diverted, est_eur_saved, est_co2e_t, created_at, updated_at)
    SELECT 'substitution', max(f.id), NULL, 1, 'studied', 3, 150, 0.3, 0, 0 FROM
    (SELECT id FROM flows WHERE direction = 'offer' ORDER BY id LIMIT 2) f;"
  "$SYM" --db "$DB" allocate >"$WORK/db2.out" 2>"$WORK/db.err"
  check "potential receiver: optimum" grep -q "^total optimal : 18 t/an échangées (5 paires), 710.00 €/an" "$WORK/db2.out"
  check "potential receiver: greedy" grep -q "^glouton .*: 18 t/an échangées (4 paires), 660.00 €/an" "$WORK/db2.out"
  check "potential receiver is listed" grep -q -- "-> receveur 1 : 3 t/an, 150.00 €/an" "$WORK/db2.out"
  cat "$WORK/db2.out"
else
  ok "sqlite3 missing: database scenario skipped"
fi

finish
