#!/usr/bin/env bash
# browser.sh - the browser journey (tests/browser/journey.mjs) against the
# real server with the demo region, in Debian's headless chromium driven
# by playwright-core. Skips, saying why, when chromium or the npm
# packages are absent. Screenshots land in build/browser/.
source "$(dirname "$0")/lib.sh"
if [ ! -x /usr/bin/chromium ]; then echo "chromium absent (/usr/bin/chromium): browser tests skipped"; finish; exit 0; fi
if [ ! -d "$ROOT/node_modules/playwright-core" ] || ! command -v node >/dev/null; then
  echo "playwright-core not installed (run make setup): browser tests skipped"; finish; exit 0
fi
bash "$ROOT/scripts/web-vendor.sh" >/dev/null
OUT=$ROOT/build/browser
mkdir -p "$OUT"
DB=$WORK/browser.db
"$SYM" --db "$DB" demo >/dev/null || { not_ok "demo loads"; finish; exit 1; }
"$SYM" --db "$DB" serve --port 0 --web "$ROOT/web" >"$WORK/serve.out" 2>"$WORK/serve.err" &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do grep -q "http://127.0.0.1:" "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
BASE=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.out" | head -1)
[ -n "$BASE" ] || { not_ok "server starts"; finish; exit 1; }
cd "$ROOT" && timeout 300 node tests/browser/journey.mjs "$BASE" "$OUT"
rc=$?
echo "screenshots in $OUT"
exit $rc
