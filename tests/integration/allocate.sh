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
"$SYM" allocate >/dev/null 2>&1
check "allocate without --dimacs is a usage error for now" test $? = 2

finish
