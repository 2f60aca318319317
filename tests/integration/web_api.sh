#!/usr/bin/env bash
# web_api.sh - the real `symbiose serve` on 127.0.0.1 (a free port) with
# the demo region, driven by curl: sessions, CSRF, confidentiality between
# the demo's organisations and territories, and clean 4xx on bad input.
source "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { not_ok "curl missing (scripts/setup.sh installs it)"; finish; exit 1; }
DB=$WORK/web.db
"$SYM" --db "$DB" demo >/dev/null || { not_ok "demo loads"; finish; exit 1; }
# the engine's suggestions, saved in the database, are what /suggestions shows
"$SYM" --db "$DB" match >/dev/null 2>&1 || { not_ok "match fills suggestions"; finish; exit 1; }
"$SYM" --db "$DB" serve --port 0 --web "$ROOT/web" >"$WORK/serve.out" 2>"$WORK/serve.err" &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do grep -q "http://127.0.0.1:" "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
BASE=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.out" | head -1)
[ -n "$BASE" ] || { not_ok "server starts"; cat "$WORK/serve.err"; finish; exit 1; }
ok "server starts on $BASE"
check "serve prints the demo accounts" grep -q "admin@demo.symbiose.fr" "$WORK/serve.out"

# st METHOD PATH JAR [BODY] [EXTRA-HEADER]: prints the status, body in $WORK/body
st() {
  local args=(-s -o "$WORK/body" -w '%{http_code}' -X "$1" "$BASE$2" -H "Host: ${BASE#http://}")
  [ -n "$3" ] && args+=(-b "$WORK/$3.jar" -c "$WORK/$3.jar")
  [ -n "${4:-}" ] && args+=(-H 'Content-Type: application/json' --data-binary "$4")
  [ -n "${5:-}" ] && args+=(-H "$5")
  curl "${args[@]}"
}
expect() { # NAME WANT GOT
  if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got $3, want $2): $(head -c 300 "$WORK/body")"; fi
}
login() { # NAME EMAIL PASSWORD -> csrf token in $WORK/NAME.csrf
  st POST /api/v1/auth/login "$1" "{\"email\":\"$2\",\"password\":\"$3\"}" >/dev/null
  sed -E 's/.*"csrf_token":"([0-9a-f]+)".*/\1/' "$WORK/body" >"$WORK/$1.csrf"
}

expect "health" 200 "$(st GET /api/v1/health '')"
expect "openapi" 200 "$(st GET /api/v1/openapi.json '')"
check "openapi lists flows" grep -q '"/api/v1/flows/{id}"' "$WORK/body"
expect "index page" 200 "$(st GET / '')"
expect "traversal refused" 403 "$(curl -s -o /dev/null -w '%{http_code}' --path-as-is "$BASE/../Makefile")"
expect "no session" 401 "$(st GET /api/v1/flows '')"
expect "bad password" 401 "$(st POST /api/v1/auth/login x '{"email":"membre1@demo.symbiose.fr","password":"non"}')"
expect "malformed login" 400 "$(st POST /api/v1/auth/login x '{"email":')"

login m1 membre1@demo.symbiose.fr demo-membre-2026
login m2 membre2@demo.symbiose.fr demo-membre-2026
login f1 animation1@demo.symbiose.fr demo-animation-2026
login ad admin@demo.symbiose.fr demo-admin-2026
expect "me" 200 "$(st GET /api/v1/auth/me m1)"
check "cookie is HttpOnly" grep -q "#HttpOnly_" "$WORK/m1.jar"

# member 2's organisation (another territory): its name, read by member 2
st GET /api/v1/auth/me m2 >/dev/null
ORG2=$(sed -E 's/.*"organisation_id":([0-9]+).*/\1/' "$WORK/body")
st GET "/api/v1/organisations/$ORG2" m2 >/dev/null
NAME2=$(sed -E 's/.*"name":"([^"]+)".*/\1/' "$WORK/body")
st GET /api/v1/auth/me m1 >/dev/null
ORG1=$(sed -E 's/.*"organisation_id":([0-9]+).*/\1/' "$WORK/body")
st GET "/api/v1/organisations/$ORG1" m1 >/dev/null
NAME1=$(sed -E 's/.*"name":"([^"]+)".*/\1/' "$WORK/body")
[ -n "$NAME2" ] && [ -n "$NAME1" ] && ok "members read their own organisation ($NAME1, $NAME2)" || not_ok "members read their own organisation"
# ... and never appears to member 1, facilitator 1 or the regional admin
for who in m1 f1 ad; do
  for path in "/api/v1/organisations?per_page=200" "/api/v1/organisations?per_page=200&page=2" \
              "/api/v1/flows?per_page=200" /api/v1/map /api/v1/synergies "/api/v1/suggestions?per_page=200" \
              "/api/v1/organisations/$ORG2"; do
    st GET "$path" $who >/dev/null
    if grep -qF "$NAME2" "$WORK/body"; then not_ok "$who $path hides $NAME2"; else ok "$who $path hides $NAME2"; fi
  done
done
expect "facilitator 1 cannot open member 2's organisation" 404 "$(st GET "/api/v1/organisations/$ORG2" f1)"
expect "member 1 sees member 2's organisation anonymised" 200 "$(st GET "/api/v1/organisations/$ORG2" m1)"
check "... as anonymised" grep -q '"anonymised":true' "$WORK/body"
st GET "/api/v1/organisations?per_page=200&page=2" m2 >/dev/null; cp "$WORK/body" "$WORK/p2"
st GET "/api/v1/organisations?per_page=200" m2 >/dev/null; cat "$WORK/p2" >>"$WORK/body"
check_fails "member 2 does not see member 1's organisation name" grep -qF "$NAME1" "$WORK/body"

expect "engine suggestions for member 1" 200 "$(st GET '/api/v1/suggestions?per_page=200' m1)"
check "member 1 has suggestions" grep -q '"my_side":"offer"' "$WORK/body"
check "suggestions explain with a band, not the exact need" grep -q 't/an"' "$WORK/body"
check "suggestions name their valorisation route and its source" python3 -c '
import json, sys
items = json.load(open(sys.argv[1]))
items = items.get("items", items) if isinstance(items, dict) else items
routes = [s["route"] for s in items if s.get("route")]
assert routes, "no suggestion with a route"
r = routes[0]
assert r["id"] and r["source"] and r["level"] in ("entry", "subchapter", "chapter", "family", "kind"), r
assert all((x["operation"] == "") == (x["level"] == "kind") for x in routes), routes[:3]
' "$WORK/body"

# writes: CSRF header required; bad input clear 4xx; nothing written
FLOW='{"direction":"offer","code":"15 01 01","quantity":12,"unit":"t","description":"<b>palettes</b> '"'"'; DROP TABLE flows;--"}'
expect "write without CSRF header" 403 "$(st POST /api/v1/flows m1 "$FLOW")"
expect "write with CSRF header" 201 "$(st POST /api/v1/flows m1 "$FLOW" "X-CSRF-Token: $(cat "$WORK/m1.csrf")")"
check "HTML stored as typed" grep -q '<b>palettes</b>' "$WORK/body"
expect "unknown field" 400 "$(st POST /api/v1/flows m1 '{"direction":"offer","code":"150101","quantity":1,"unit":"t","owner":1}' "X-CSRF-Token: $(cat "$WORK/m1.csrf")")"
check "error names the field" grep -q '"owner"' "$WORK/body"
expect "unknown code" 422 "$(st POST /api/v1/flows m1 '{"direction":"offer","code":"999999","quantity":1,"unit":"t"}' "X-CSRF-Token: $(cat "$WORK/m1.csrf")")"
expect "cross-site origin" 403 "$(st POST /api/v1/flows m1 "$FLOW" "Origin: https://evil.example")"
expect "ref search by word" 200 "$(st GET '/api/v1/ref/waste?q=carton' m1)"
check "carton finds 15 01 01" grep -q '"150101"' "$WORK/body"
# the detection from the web: facilitators for their territory, the admin for the region
RUN=/api/v1/suggestions/run
expect "member cannot run the detection" 403 "$(st POST $RUN m1 '{}' "X-CSRF-Token: $(cat "$WORK/m1.csrf")")"
expect "facilitator runs the detection of their territory" 200 "$(st POST $RUN f1 '{}' "X-CSRF-Token: $(cat "$WORK/f1.csrf")")"
check "the run answers its counts" grep -q '"new":[0-9]*,.*"updated":[0-9]*' "$WORK/body"
expect "the admin runs the region" 200 "$(st POST $RUN ad '{}' "X-CSRF-Token: $(cat "$WORK/ad.csrf")")"
expect "a re-run" 200 "$(st POST $RUN ad '{}' "X-CSRF-Token: $(cat "$WORK/ad.csrf")")"
check "a re-run adds nothing" grep -q '"new":0' "$WORK/body"
expect "suggested pools of the facilitator" 200 "$(st GET '/api/v1/pools?suggested=1' f1)"
expect "audit is admin only" 403 "$(st GET /api/v1/audit m1)"
expect "audit for admin" 200 "$(st GET /api/v1/audit ad)"
check "audit has the flow creation" grep -q '"entity":"flow"' "$WORK/body"
check "audit has the detection runs" grep -q '"entity":"detection"' "$WORK/body"
expect "logout" 200 "$(st POST /api/v1/auth/logout m1 '' "X-CSRF-Token: $(cat "$WORK/m1.csrf")")"
expect "session revoked" 401 "$(st GET /api/v1/auth/me m1)"
kill $PID; wait $PID 2>/dev/null
check "server stops cleanly on SIGTERM" test $? -eq 0
finish
