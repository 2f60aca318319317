#!/usr/bin/env bash
# browser.sh - the browser journeys (tests/browser/demo.mjs, every page of
# the network filled by the demo at first login, read only, first; tests/browser/journey.mjs, the
# regional network's pages in tests/browser/network.mjs, and
# tests/browser/evaluation.mjs (the yearly evaluation),
# tests/browser/optim.mjs on a pooled collection of tests/data/optim,
# tests/browser/collect.mjs on the demo's pooled collection,
# tests/browser/inject.mjs: names typed with HTML stay text, on the map too,
# tests/browser/prospects.mjs: the call list and a one-step enrolment,
# and tests/browser/accounts.mjs on account management)
# against the real server with the demo region, in Debian's headless chromium driven
# by playwright-core. Skips, saying why, when chromium or the npm
# packages are absent. Screenshots land in build/browser/.
source "$(dirname "$0")/lib.sh"
# outside CI a missing browser skips; in CI (CI=true) it fails, so that a
# broken set-up cannot pass silently
skip() { echo "$1: browser tests skipped"; [ "${CI:-}" = true ] && not_ok "$1"; finish; exit; }
[ -x /usr/bin/chromium ] || skip "chromium absent (/usr/bin/chromium)"
if [ ! -d "$ROOT/node_modules/playwright-core" ] || ! command -v node >/dev/null; then
  skip "playwright-core not installed (run make setup)"
fi
bash "$ROOT/scripts/web-vendor.sh" >/dev/null
OUT=$ROOT/build/browser
mkdir -p "$OUT"
DB=$WORK/browser.db
"$SYM" --db "$DB" demo >/dev/null || { not_ok "demo loads"; finish; exit 1; }
# prospects from a generated register file, for the map's prospects layer
python3 "$ROOT/tools/sirene_gen.py" --rows 3000 --seed 3 "$WORK/stock.csv"
"$SYM" --db "$DB" sirene import "$WORK/stock.csv" >/dev/null
# a pooled collection of 8 companies and its collector, for tests/browser/optim.mjs
"$SYM" --db "$DB" import organisations "$ROOT/tests/data/optim/cluster.csv" >/dev/null
"$SYM" --db "$DB" collectors add --org 98765432100007 --lat 47.2950 --lon -1.4800 --capacity-kg 1000 >/dev/null
POOL=
if command -v sqlite3 >/dev/null; then
  sqlite3 "$DB" <"$ROOT/tests/data/optim/pool.sql"
  POOL=$(sqlite3 "$DB" "SELECT max(id) FROM net_collections")
fi
"$SYM" --db "$DB" serve --port 0 --web "$ROOT/web" >"$WORK/serve.out" 2>"$WORK/serve.err" &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do grep -q "http://127.0.0.1:" "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
BASE=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.out" | head -1)
[ -n "$BASE" ] || { not_ok "server starts"; finish; exit 1; }
cd "$ROOT" || exit 1
rc=0
for j in demo journey network evaluation; do
  timeout 300 node "tests/browser/$j.mjs" "$BASE" "$OUT" || rc=1
done
if [ -n "$POOL" ]; then
  timeout 300 node tests/browser/optim.mjs "$BASE" "$OUT" "$POOL" || rc=1
else
  echo "sqlite3 absent: optimisation pages skipped"
fi
# after optim.mjs, which counts the rounds on the map
timeout 300 node tests/browser/collect.mjs "$BASE" "$OUT" || rc=1
# it adds a round and an organisation the journeys above do not expect
timeout 300 node tests/browser/inject.mjs "$BASE" "$OUT" || rc=1
# it enrols a prospect, adding an organisation and flows: after the journeys that count them
timeout 300 node tests/browser/prospects.mjs "$BASE" "$OUT" || rc=1
# last: it disables an account and changes a password
timeout 300 node tests/browser/accounts.mjs "$BASE" "$OUT" || rc=1
echo "screenshots in $OUT"
exit $rc
