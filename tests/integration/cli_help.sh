#!/usr/bin/env bash
# cli_help.sh - every command listed by `symbiose help` has a help text
# (`symbiose help CMD` and `symbiose CMD --help`, identical, on stdout,
# exit 0) with a usage line, an example and the exit statuses, naming
# every option its source file reads; usage errors are French, end with a
# newline and exit 2. A new command without help fails here.
. "$(dirname "$0")/lib.sh"
"$SYM" help >"$WORK/help.out" 2>"$WORK/help.err"
check "help exits 0" test $? = 0
check "help lists commands" grep -q '^commandes :$' "$WORK/help.out"
check "help lists exit statuses" grep -q '^codes de sortie : 0 réussite' "$WORK/help.out"
cmds=$(sed -n '/^commandes :$/,/^$/s/^  \([a-z][a-z_-]*\) .*/\1/p' "$WORK/help.out")
check "help lists at least 14 commands" test "$(echo "$cmds" | wc -l)" -ge 14
"$SYM" >/dev/null 2>&1
check "no command: exit 2" test $? = 2
ends_nl() { [ -s "$1" ] && [ "$(tail -c 1 "$1" | od -An -c | tr -d ' ')" = '\n' ]; }
for c in $cmds; do
  "$SYM" help "$c" >"$WORK/$c.help" 2>"$WORK/$c.err"
  check "$c: help exits 0, nothing on stderr" test $? = 0 -a ! -s "$WORK/$c.err"
  "$SYM" "$c" --help >"$WORK/$c.help2" 2>/dev/null
  check "$c: --help exits 0" test $? = 0
  "$SYM" "$c" -h >"$WORK/$c.help3" 2>/dev/null
  check "$c: --help, -h and help agree" cmp -s "$WORK/$c.help" "$WORK/$c.help2"
  check "$c: -h agrees" cmp -s "$WORK/$c.help" "$WORK/$c.help3"
  check "$c: usage line" grep -q "^usage : symbiose $c" "$WORK/$c.help"
  check "$c: options" grep -q '^options' "$WORK/$c.help"
  check "$c: example runs the command" grep -A1 '^exemple :$' "$WORK/$c.help" | grep -q "symbiose $c"
  check "$c: exit statuses" grep -q '^codes de sortie' "$WORK/$c.help"
  # every option the command's file reads is documented
  src="$ROOT/src/cli/cmd_$c.c"
  check "$c: source file exists" test -f "$src"
  missing=
  for o in $(grep -o 'cli_opt[_a-z]*(argc, argv, used, "[^"]*"' "$src" | sed 's/.*"\(.*\)"/\1/' | sort -u); do
    grep -q -- "$o\b" "$WORK/$c.help" || missing="$missing $o"
  done
  check "$c: documents every option it reads${missing:+ (missing:$missing)}" test -z "$missing"
  # an unknown option is a usage error, in French, ending with a newline
  "$SYM" --db "$WORK/h.db" "$c" --pas-une-option >/dev/null 2>"$WORK/$c.bad"
  check "$c: unknown option exits 2" test $? = 2
  check "$c: error ends with a newline" ends_nl "$WORK/$c.bad"
  check "$c: error in French" grep -q 'inattendu\|attendu\|inconnu' "$WORK/$c.bad"
done
"$SYM" help pas-une-commande >/dev/null 2>"$WORK/u.err"
check "help of an unknown command exits 2" test $? = 2
check "unknown command: French, newline" sh -c "grep -q 'commande inconnue « pas-une-commande »' '$WORK/u.err'"
check "unknown command: ends with a newline" ends_nl "$WORK/u.err"
"$SYM" rounds --vrp 2>"$WORK/r.err" >/dev/null
check "rounds --vrp without a file: exit 2" test $? = 2
check "rounds: error ends with a newline" ends_nl "$WORK/r.err"
# the README documents the exit statuses as the program does
check "README lists the exit statuses" grep -q '| 65 |' "$ROOT/README.md"
finish
