#!/usr/bin/env bash
# browser_optim.sh - the optimisation pages in headless chromium
# (tests/browser/optim.mjs) against the real server: demo region plus a
# pooled collection of 8 companies in Carquefou (tests/data/optim). Skips,
# saying why, when chromium, sqlite3 or the npm packages are absent.
source "$(dirname "$0")/lib.sh"
if [ ! -x /usr/bin/chromium ]; then echo "chromium absent: browser tests skipped"; finish; exit 0; fi
if [ ! -d "$ROOT/node_modules/playwright-core" ] || ! command -v node >/dev/null || ! command -v sqlite3 >/dev/null; then
  echo "playwright-core, node or sqlite3 missing (run make setup): browser tests skipped"; finish; exit 0
fi
bash "$ROOT/scripts/web-vendor.sh" >/dev/null
OUT=$ROOT/build/browser
mkdir -p "$OUT"
DB=$WORK/browser.db
"$SYM" --db "$DB" demo >/dev/null || { not_ok "demo loads"; finish; exit 1; }
"$SYM" --db "$DB" import organisations "$ROOT/tests/data/optim/cluster.csv" >/dev/null
"$SYM" --db "$DB" collectors add --org 98765432100007 --lat 47.2950 --lon -1.4800 --capacity-kg 1000 >/dev/null
sqlite3 "$DB" <"$ROOT/tests/data/optim/pool.sql"
POOL=$(sqlite3 "$DB" "SELECT max(id) FROM net_collections")
"$SYM" --db "$DB" serve --port 0 --web "$ROOT/web" >"$WORK/serve.out" 2>"$WORK/serve.err" &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do grep -q "http://127.0.0.1:" "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
BASE=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.out" | head -1)
[ -n "$BASE" ] || { not_ok "server starts"; finish; exit 1; }
cd "$ROOT" && timeout 300 node tests/browser/optim.mjs "$BASE" "$OUT" "$POOL"
rc=$?
echo "screenshots in $OUT"
exit $rc
