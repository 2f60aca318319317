#!/usr/bin/env bash
# setup_tools.sh - every command the test scripts, the Makefile and the
# entry points call is installed by scripts/setup.sh or comes with a bare
# Debian 12 (minbase): scripts/check-tools.py. First, the check itself
# must catch calls to tools nothing installs, in a fixture tree.
. "$(dirname "$0")/lib.sh"
FX=$WORK/fixture
mkdir -p "$FX/tests/integration" "$FX/scripts" "$FX/tests/browser"
cp "$ROOT/tests/integration/lib.sh" "$FX/tests/integration/"
cat >"$FX/tests/integration/t.sh" <<'SH'
. "$(dirname "$0")/lib.sh"
check "json" jq -e . "$WORK/a.json"
n=$(sqlite3 x.db 'SELECT 1' | frobnicate --count)
if [ -n "$n" ]; then timeout 5 zzuncle-tool; fi
echo "jq | notacommand; $(grep -c x y)"   # quoted: only grep counts
# jq in a comment
cat <<EOT
jq in a here-document
EOT
case "$n" in
  *jq*) echo ok ;;
esac
command -v jq >/dev/null || echo "no jq"
finish
SH
printf '%s\n' "subprocess.run(['wrk', '-t2'])" >"$FX/tests/integration/g.py"
printf '%s\n' "const b = { executablePath: '/usr/bin/firefox-esr' };" >"$FX/tests/browser/x.mjs"
python3 "$ROOT/scripts/check-tools.py" --root "$FX" >"$WORK/fx.out" 2>&1
check "fixture: the check fails" test $? = 1
for w in "t.sh:2: command 'jq'" "t.sh:3: command 'frobnicate'" "t.sh:4: command 'zzuncle-tool'" \
         "g.py:1: command 'wrk'" "x.mjs:1: '/usr/bin/firefox-esr'"; do
  check "fixture: flags $w" grep -q "$w" "$WORK/fx.out"
done
check "fixture: exactly those five" test "$(wc -l <"$WORK/fx.out")" = 5
check "fixture: quoted text, comments, here-documents, case patterns and probes are not calls" \
  test "$(grep -c "notacommand\|t.sh:\(5\|6\|8\|11\|13\):" "$WORK/fx.out")" = 0

python3 "$ROOT/scripts/check-tools.py" --list >"$WORK/list.out" 2>"$WORK/list.err"
rc=$?
cat "$WORK/list.err"
grep -v "	" "$WORK/list.out"
check "every command the tests call is installed by the set-up" test $rc = 0
for c in bash curl sqlite3 python3 node make awk; do
  check "the scan sees $c" grep -q "^$c	" "$WORK/list.out"
done
finish
