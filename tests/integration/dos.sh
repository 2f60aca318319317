#!/usr/bin/env bash
# dos.sh - denial of service, bounded and on loopback only: the real
# `symbiose serve` on 127.0.0.1 (a free port), then
#  1. 30 cookieless uploads announcing 19 MiB each, sent at once: the
#     server answers 401 from the headers and its resident memory grows by
#     less than RSS_BOUND_MIB;
#  2. 1,100 connections that trickle header bytes, from 11 other loopback
#     addresses (127.0.0.2-12, 100 each): each address holds at most the
#     per-address limit, every held one is closed by the header deadline
#     although bytes keep coming, and a client on 127.0.0.1 is served all
#     along within LATENCY_BOUND_MS.
# Prints the figures (RSS before/peak, latency before/under attack).
source "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { not_ok "python3 missing"; finish; exit 1; }
DB=$WORK/dos.db
"$SYM" --db "$DB" init >/dev/null || { not_ok "init"; finish; exit 1; }
"$SYM" --db "$DB" serve --port 0 --web "$ROOT/web" >"$WORK/serve.out" 2>"$WORK/serve.err" &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do grep -q "http://127.0.0.1:" "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
PORT=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.out" | head -1 | sed 's/.*://')
[ -n "$PORT" ] || { not_ok "server starts"; cat "$WORK/serve.err"; finish; exit 1; }
ok "server starts on port $PORT"

python3 - "$PORT" "$PID" >"$WORK/dos.out" 2>&1 <<'EOF'
import resource, socket, statistics, sys, threading, time

PORT, PID = int(sys.argv[1]), int(sys.argv[2])
RSS_BOUND_MIB = 64        # growth of the server's peak RSS over the uploads
LATENCY_BOUND_MS = 1000   # worst legitimate request under the slow connections
HEADER_DEADLINE_S = 10    # the server's (src/http/server.c)
N_SLOW, N_ADDRS = 1100, 11

def status(name, cond, detail=""):
    print(("ok - " if cond else "not ok - ") + name + (": " + detail if detail else ""))

def mem_kib(field):
    with open(f"/proc/{PID}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return -1

def get(path="/api/v1/health", timeout=5.0):
    """One legitimate request from 127.0.0.1: (status, milliseconds)."""
    t0 = time.monotonic()
    try:
        s = socket.create_connection(("127.0.0.1", PORT), timeout=timeout)
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        s.close()
        code = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/1.") else -1
    except OSError:
        code = -1
    return code, (time.monotonic() - t0) * 1000

soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
if hard != resource.RLIM_INFINITY and hard < N_SLOW + 200:
    status("enough file descriptors for the test", False, f"hard limit {hard}")
    sys.exit(1)
resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, N_SLOW + 200), hard))

for _ in range(20):
    get()
base = sorted(get()[1] for _ in range(20))
print(f"legitimate GET /api/v1/health before: median {statistics.median(base):.1f} ms")

# ---- 1. cookieless large uploads
rss0 = mem_kib("VmRSS")
BODY = 19 << 20
chunk = b"%PDF" + b"x" * ((1 << 20) - 4)
statuses = []

def upload():
    s = socket.create_connection(("127.0.0.1", PORT), timeout=10)
    head = (f"POST /api/v1/resources?title=x HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Content-Type: application/pdf\r\nContent-Length: {BODY}\r\n\r\n").encode()
    code = -1
    try:
        s.sendall(head)
        for _ in range(BODY >> 20):  # the whole body, as an attacker would
            s.sendall(chunk)
    except OSError:
        pass  # the server answered from the headers and closed
    try:
        data = s.recv(4096)
        if data.startswith(b"HTTP/1."):
            code = int(data.split(b" ", 2)[1])
    except OSError:
        pass
    s.close()
    statuses.append(code)

t0 = time.monotonic()
threads = [threading.Thread(target=upload) for _ in range(30)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.monotonic() - t0
time.sleep(0.5)
rss1, hwm = mem_kib("VmRSS"), mem_kib("VmHWM")
growth = (hwm - rss0) / 1024
print(f"30 cookieless uploads of 19 MiB: {elapsed:.1f} s; server RSS {rss0 / 1024:.1f} MiB before, "
      f"peak {hwm / 1024:.1f} MiB, {rss1 / 1024:.1f} MiB after (growth {growth:.1f} MiB, "
      f"bound {RSS_BOUND_MIB} MiB); answers {sorted(set(statuses))}")
status("cookieless uploads keep the server's RSS growth under the bound", growth < RSS_BOUND_MIB,
       f"{growth:.1f} MiB")
# the 401 comes from the headers: a client that waits for it before
# sending its body gets it at once
s = socket.create_connection(("127.0.0.1", PORT), timeout=3)
s.sendall(f"POST /api/v1/resources?title=x HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          f"Content-Length: {BODY}\r\n\r\n".encode())
try:
    first = s.recv(4096)
except OSError:
    first = b""
s.close()
status("an upload without a session is refused before its body", first.startswith(b"HTTP/1.1 401"),
       first.split(b"\r\n")[0].decode(errors="replace"))
status("the server still answers after the uploads", get()[0] == 200)

# ---- 2. slow connections trickling their headers
slow = []
t0 = time.monotonic()
for i in range(N_SLOW):
    src = f"127.0.0.{2 + i % N_ADDRS}"
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind((src, 0))
        s.connect(("127.0.0.1", PORT))
        s.setblocking(False)
        s.send(b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        slow.append(s)
    except OSError:
        s.close()
print(f"{len(slow)} slow connections opened from {N_ADDRS} addresses in "
      f"{time.monotonic() - t0:.1f} s")

def alive(s):
    """False once the server has closed s."""
    try:
        return s.recv(1) != b""
    except BlockingIOError:
        return True
    except OSError:
        return False

lat, codes = [], []
held_at_2s, held_after = None, None
start = time.monotonic()
tick = 0
while time.monotonic() - start < HEADER_DEADLINE_S + 4:
    # every second, one more header byte on each connection still open
    if time.monotonic() - start >= tick:
        for s in slow:
            if s.fileno() >= 0:
                try:
                    s.send(b"X")
                except OSError:
                    pass
        tick += 1
    code, ms = get()
    codes.append(code)
    lat.append(ms)
    if held_at_2s is None and time.monotonic() - start >= 2:
        held_at_2s = sum(1 for s in slow if alive(s))
    time.sleep(0.2)
held_after = sum(1 for s in slow if alive(s))
for s in slow:
    s.close()
print(f"slow connections held by the server: {held_at_2s} after 2 s (per-address limit x "
      f"{N_ADDRS} addresses), {held_after} after {HEADER_DEADLINE_S + 4} s of trickling")
print(f"legitimate GET /api/v1/health under {len(slow)} slow connections: {len(lat)} requests, "
      f"median {statistics.median(lat):.1f} ms, max {max(lat):.1f} ms, statuses {sorted(set(codes))}")
status("each address holds at most the per-address limit", held_at_2s <= 32 * N_ADDRS,
       str(held_at_2s))
status("the header deadline closes trickling connections", held_after == 0, str(held_after))
status("a legitimate client is served all along", set(codes) == {200} and
       max(lat) < LATENCY_BOUND_MS, f"max {max(lat):.1f} ms")
EOF
rc=$?
cat "$WORK/dos.out"
n_ok=$(grep -c '^ok - ' "$WORK/dos.out")
n_bad=$(grep -c '^not ok - ' "$WORK/dos.out")
n_pass=$((n_pass + n_ok)); n_fail=$((n_fail + n_bad))
[ "$rc" = 0 ] || [ "$n_bad" -gt 0 ] || not_ok "the DoS script ended with status $rc"
check "the server survived" kill -0 "$PID"
finish
