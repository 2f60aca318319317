#!/usr/bin/env bash
# run_import.sh - times `symbiose import flows` on 200,000 flows (release
# build, median of RUNS runs) and the database size, beside a baseline: the
# same rows inserted by Python's sqlite3 executemany into the same table
# layout, one transaction, without any validation (the raw cost of SQLite).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-200000}
RUNS=${RUNS:-3}
SYM=build/symbiose
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 tests/integration/gen_import.py "$out/orgs.csv" "$out/flows.csv" 2000 "$N" 7
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ours=()
for _ in $(seq "$RUNS"); do
  rm -f "$out"/s.db*
  $SYM --db "$out/s.db" init >/dev/null
  $SYM --db "$out/s.db" import organisations "$out/orgs.csv" >/dev/null
  t0=$(date +%s.%N)
  $SYM --db "$out/s.db" import flows "$out/flows.csv" >/dev/null
  t1=$(date +%s.%N)
  ours+=("$(echo "$t1 - $t0" | bc -l)")
done
size=$(stat -c %s "$out/s.db")
base=()
for _ in $(seq "$RUNS"); do
  rm -f "$out"/b.db*
  cp "$out/s.db" "$out/b.db"
  base+=("$(python3 - "$out/b.db" "$out/flows.csv" <<'PY'
import csv, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("pragma journal_mode=wal"); db.execute("pragma synchronous=normal")
db.execute("delete from flows")
ids = dict(db.execute("select siret, id from organisations"))
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
t = time.time()
db.execute("begin")
db.executemany(
    "insert into flows (organisation_id, direction, family, code, quantity, unit, period,"
    " qty_per_yr, base_unit, created_at) values (?, ?, 'material', ?, ?, ?, '', ?, 't', 0)",
    ((ids[r["siret"]], r["direction"], r["code"].replace(" ", ""), float(r["quantity"]),
      r["unit"], float(r["quantity"])) for r in rows))
db.execute("commit")
print(time.time() - t)
PY
)")
done
m_ours=$(printf '%s\n' "${ours[@]}" | median)
m_base=$(printf '%s\n' "${base[@]}" | median)
printf '| import of %d flows | median of %d | \n| --- | --- |\n' "$N" "$RUNS"
printf '| symbiose import flows (parse + validate + insert) | %.2f s |\n' "$m_ours"
printf '| baseline: Python sqlite3 executemany, no validation | %.2f s |\n' "$m_base"
printf '| ratio symbiose / baseline | %.2f |\n' "$(echo "$m_ours / $m_base" | bc -l)"
printf '| database size (2,000 organisations + %d flows) | %.1f MB |\n' "$N" "$(echo "$size / 1048576" | bc -l)"
