#!/usr/bin/env bash
# run_web.sh - load benchmark of the web server with wrk on 127.0.0.1:
# the demo region scaled to 10,000 organisations (CSV import of
# generated establishments in the demo's territories, ~3 flows each) and
# 1,000 recorded suggestions; 64 connections for 30 s (WEB_SECONDS) on
#   /api/v1/suggestions  as a territory facilitator (page of 50, scope ~1,250 orgs)
#   /api/v1/map          as the regional admin (all 10,000 organisations + lines)
#   /api/v1/health       baseline: the same server without database work
# Prints requests/s, p50 and p99 per endpoint and the ratio to the baseline,
# the server's resident memory before and after each run (it must stay
# flat), then the cold time of one request when the per-scope answer cache is
# empty (the first request after any write).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${SYMBIOSE_BIN_REL:-build/symbiose}
SECS=${WEB_SECONDS:-30}
CONNS=${WEB_CONNS:-64}
command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk"; exit 1; }
[ -x "$BIN" ] || make -s all
W=$(mktemp -d)
trap 'kill $PID 2>/dev/null || true; rm -rf "$W"' EXIT
PID=
DB=$W/web.db
"$BIN" --db "$DB" demo >/dev/null
python3 - "$W" <<'PY'
import csv, random, sys
out = sys.argv[1]
random.seed(7)
def luhn_ok(s):
    t = 0
    for i, c in enumerate(reversed(s)):
        d = int(c)
        if i % 2:
            d *= 2
            d -= 9 if d > 9 else 0
        t += d
    return t % 10 == 0
epcis = {"Nantes Métropole", "CU Angers Loire Métropole", "CU Le Mans Métropole",
         "CA de la Région Nazairienne et de l'Estuaire (CARENE)", "CA Laval Agglomération",
         "CC du Pays d'Ancenis", "CA La Roche-sur-Yon - Agglomération", "CA Cholet Agglomération"}
communes = [r for r in csv.DictReader(open("data/communes_pdl.csv", encoding="utf-8")) if r["epci_name"] in epcis]
nafs = ["16.10A", "10.71C", "17.12Z", "38.11Z", "25.62B", "22.22Z", "46.90Z", "10.51A", "35.30Z", "41.20A"]
codes = ["150101", "150102", "150103", "170201", "030105", "020304", "200108", "191201", "170904", "020204"]
n = 10000 - 336
with open(out + "/orgs.csv", "w", newline="") as fo, open(out + "/flows.csv", "w", newline="") as ff:
    wo, wf = csv.writer(fo), csv.writer(ff)
    wo.writerow(["siret", "name", "naf", "commune_insee", "lat", "lon"])
    wf.writerow(["siret", "direction", "code", "quantity", "unit", "confidentiality"])
    for i in range(n):
        base = "9%08d%04d" % (i, 1)
        siret = next(base + str(k) for k in range(10) if luhn_ok(base + str(k)))
        c = random.choice(communes)
        lat = float(c["latitude"]) + random.uniform(-0.02, 0.02)
        lon = float(c["longitude"]) + random.uniform(-0.02, 0.02)
        wo.writerow([siret, "Établissement %05d" % i, random.choice(nafs), c["insee_code"], "%.5f" % lat, "%.5f" % lon])
        for _ in range(3):
            wf.writerow([siret, random.choice(["offer", "need"]), random.choice(codes),
                         random.randint(1, 400), "t", random.choice(["anonymised", "anonymised", "public"])])
PY
"$BIN" --db "$DB" import organisations "$W/orgs.csv" >/dev/null
"$BIN" --db "$DB" import flows "$W/flows.csv" >/dev/null
# wrk opens every connection from 127.0.0.1: lift the per-address limit
"$BIN" --db "$DB" serve --port 0 --max-conn-per-ip $((CONNS + 16)) >"$W/serve.out" 2>/dev/null &
PID=$!
for _ in $(seq 100); do grep -q "http://127.0.0.1:" "$W/serve.out" 2>/dev/null && break; sleep 0.1; done
BASE=$(grep -o 'http://127.0.0.1:[0-9]*' "$W/serve.out" | head -1)
# sessions, and 1,000 suggestions recorded by the facilitator of territory 1
python3 - "$BASE" "$W" <<'PY'
import http.client, json, sys, urllib.parse
base, out = sys.argv[1], sys.argv[2]
u = urllib.parse.urlparse(base)
def login(email, pw):
    c = http.client.HTTPConnection(u.hostname, u.port)
    c.request("POST", "/api/v1/auth/login", json.dumps({"email": email, "password": pw}),
              {"Content-Type": "application/json"})
    r = c.getresponse()
    body = json.loads(r.read())
    cookie = r.getheader("Set-Cookie").split(";")[0]
    return c, cookie, body["csrf_token"]
c, fac, csrf = login("animation1@demo.symbiose.fr", "demo-animation-2026")
_, adm, _ = login("admin@demo.symbiose.fr", "demo-admin-2026")
def get(path):
    c.request("GET", path, headers={"Cookie": fac})
    return json.loads(c.getresponse().read())
offers = get("/api/v1/flows?direction=offer&per_page=200&page=1")["items"]
needs = get("/api/v1/flows?direction=need&per_page=200&page=1")["items"]
made = 0
for i in range(1000):
    o, n = offers[i % len(offers)], needs[(i * 7) % len(needs)]
    if o["organisation_id"] == n["organisation_id"]:
        continue
    c.request("POST", "/api/v1/synergies", json.dumps({"offer_flow_id": o["id"], "need_flow_id": n["id"]}),
              {"Cookie": fac, "X-CSRF-Token": csrf, "Content-Type": "application/json"})
    r = c.getresponse(); r.read()
    made += r.status == 201
open(out + "/fac.cookie", "w").write(fac)
open(out + "/adm.cookie", "w").write(adm)
print("setup: 10,000 organisations, %d suggestions recorded" % made)
PY
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$PID/status"; }
run() { # NAME PATH COOKIE-FILE
  local hdr=() rss0 rss1 errs
  rss0=$(rss_kb)
  [ -n "$3" ] && hdr=(-H "Cookie: $(cat "$W/$3")")
  wrk -t2 -c"$CONNS" -d"${SECS}s" --latency "${hdr[@]}" "$BASE$2" >"$W/$1.wrk"
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$W/$1.wrk")
  p50=$(awk '$1=="50%" {print $2}' "$W/$1.wrk")
  p99=$(awk '$1=="99%" {print $2}' "$W/$1.wrk")
  local non2xx
  non2xx=$(awk '/Non-2xx/ {print $4}' "$W/$1.wrk")
  # socket errors: connect, read, write, timeout (wrk prints the line only when > 0)
  errs=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$W/$1.wrk")
  rss1=$(rss_kb)
  printf '%-34s %10s %10s %10s %8s %8s %9s %9s\n' "$1" "$rps" "$p50" "$p99" "${non2xx:-0}" \
    "${errs:-0}" "$((rss0 / 1024))" "$((rss1 / 1024))"
  echo "$rps" >"$W/$1.rps"
}
echo "web load: $CONNS connections, ${SECS} s per endpoint, 2 wrk threads, 4 server threads"
printf '%-34s %10s %10s %10s %8s %8s %9s %9s\n' endpoint req/s p50 p99 non-2xx sock-err \
  "RSS0 MiB" "RSS1 MiB"
run "health (baseline)" /api/v1/health ""
run "suggestions (facilitator)" "/api/v1/suggestions?per_page=50" fac.cookie
run "map (regional admin, 10k orgs)" /api/v1/map adm.cookie
# the same load again: resident memory must not grow once caches are warm
run "map, second run" /api/v1/map adm.cookie
# cold: the answer cache (per scope, dropped by any API write) is emptied by a
# login before each timed request; median of 5
cold() { # PATH COOKIE-FILE
  local t=()
  for _ in 1 2 3 4 5; do
    curl -s -o /dev/null -H 'Content-Type: application/json' \
      -d '{"email":"membre1@demo.symbiose.fr","password":"demo-membre-2026"}' "$BASE/api/v1/auth/login"
    t+=("$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $(cat "$W/$2")" "$BASE$1")")
  done
  printf '%s\n' "${t[@]}" | sort -n | sed -n 3p
}
echo "cold (uncached) single request, median of 5:"
printf '  %-32s %8.1f ms\n' suggestions "$(awk -v t="$(cold "/api/v1/suggestions?per_page=50" fac.cookie)" 'BEGIN {print t * 1000}')"
printf '  %-32s %8.1f ms\n' map "$(awk -v t="$(cold /api/v1/map adm.cookie)" 'BEGIN {print t * 1000}')"
b=$(cat "$W/health (baseline).rps")
for n in "suggestions (facilitator)" "map (regional admin, 10k orgs)"; do
  awk -v a="$(cat "$W/$n.rps")" -v b="$b" -v n="$n" 'BEGIN {printf "%-34s %.4f of the baseline req/s\n", n, a / b}'
done
