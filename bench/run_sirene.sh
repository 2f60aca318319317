#!/usr/bin/env bash
# run_sirene.sh - the SIRENE register at regional scale (release build,
# medians of RUNS runs):
#  1. `symbiose sirene import` of the region's rows (--departements of Pays
#     de la Loire) filtered out of a bigger generated file
#     (tools/sirene_gen.py, N rows, a share OTHER in other regions): time,
#     peak memory, rows read per second;
#  2. the baseline on the same file in the same run: the sqlite3 CLI's
#     `.import --csv`, the same filter (active, NAF rev. 2, communes of the
#     region) and an UPDATE that puts rows without coordinates at their
#     commune's point. SQLite has no projection: the baseline keeps
#     Lambert-93 as given where ours projects every row to WGS 84 with PROJ,
#     and it checks nothing (SIRET, NAF, UTF-8, tranche codes);
#  3. `symbiose sirene rank` of one territory (TERR, Nantes Métropole in the
#     demo) over the demo's enrolled organisations and the imported
#     prospects: time and peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
OTHER=${OTHER:-0.4}
RUNS=${RUNS:-3}
TERR=${TERR:-1}
SYM=build/symbiose
DEPS=44,49,53,72,85
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
command -v sqlite3 >/dev/null || { echo "bench sirene: sqlite3 CLI missing (make setup)"; exit 1; }
echo "generating $N rows (share outside the region: $OTHER)"
python3 tools/sirene_gen.py --rows "$N" --seed 42 --other-share "$OTHER" "$out/stock.csv"
region_rows=$(python3 - "$out/stock.csv" <<'PY'
import csv, sys
region = {r["insee_code"] for r in csv.DictReader(open("data/communes_pdl.csv", encoding="utf-8"))}
n = 0
with open(sys.argv[1], encoding="utf-8") as f:
    for r in csv.DictReader(f):
        n += r["codeCommuneEtablissement"] in region
print(n)
PY
)
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# timed CMD...: appends "seconds peak_kb" of the command to $out/t
timed() { /usr/bin/time -f "%e %M" -o "$out/t1" "$@" >/dev/null; cat "$out/t1" >> "$out/t"; }

: > "$out/t"
for _ in $(seq "$RUNS"); do
  rm -f "$out"/s.db*
  $SYM --db "$out/s.db" init >/dev/null
  timed $SYM --db "$out/s.db" sirene import "$out/stock.csv" --departements "$DEPS"
done
ours_s=$(cut -d' ' -f1 "$out/t" | median)
ours_kb=$(cut -d' ' -f2 "$out/t" | median)
kept=$($SYM --db "$out/s.db" sirene list | tail -n +2 | wc -l)

cat > "$out/base.sql" <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
.import --csv $out/stock.csv etab
.import --csv data/communes_pdl.csv communes
CREATE TABLE prospects AS
  SELECT siret, denominationUsuelleEtablissement AS name, activitePrincipaleEtablissement AS naf,
         trancheEffectifsEtablissement AS band, codeCommuneEtablissement AS commune_insee,
         coordonneeLambertAbscisseEtablissement AS x, coordonneeLambertOrdonneeEtablissement AS y,
         NULL AS lat, NULL AS lon
  FROM etab
  WHERE etatAdministratifEtablissement = 'A'
    AND nomenclatureActivitePrincipaleEtablissement = 'NAFRev2'
    AND codeCommuneEtablissement IN (SELECT insee_code FROM communes);
UPDATE prospects SET
  lat = (SELECT latitude FROM communes WHERE insee_code = prospects.commune_insee),
  lon = (SELECT longitude FROM communes WHERE insee_code = prospects.commune_insee)
  WHERE x = '' OR x = '[ND]';
SELECT count(*) FROM prospects;
SQL
: > "$out/t"
for _ in $(seq "$RUNS"); do
  rm -f "$out"/b.db*
  timed sh -c "sqlite3 '$out/b.db' < '$out/base.sql'"
done
base_s=$(cut -d' ' -f1 "$out/t" | median)
base_kb=$(cut -d' ' -f2 "$out/t" | median)
base_kept=$(sqlite3 "$out/b.db" "SELECT count(*) FROM prospects")

# ranking: the demo's organisations, then the register
rm -f "$out"/r.db*
$SYM --db "$out/r.db" init >/dev/null
$SYM --db "$out/r.db" demo >/dev/null
$SYM --db "$out/r.db" sirene import "$out/stock.csv" --departements "$DEPS" >/dev/null
terr_prospects=$($SYM --db "$out/r.db" sirene list --territory "$TERR" | tail -n +2 | wc -l)
: > "$out/t"
for _ in $(seq "$RUNS"); do
  timed $SYM --db "$out/r.db" sirene rank --territory "$TERR"
done
rank_s=$(cut -d' ' -f1 "$out/t" | median)
rank_kb=$(cut -d' ' -f2 "$out/t" | median)
$SYM --db "$out/r.db" sirene rank --territory "$TERR" --limit 3 | cut -d, -f1-4,9-11 > "$out/top.txt"

rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }
echo
echo "SIRENE import: $N rows read, $region_rows in the region, median of $RUNS runs"
printf '%-34s %10s %12s %14s %12s\n' "" "time (s)" "peak (MiB)" "rows read/s" "prospects"
printf '%-34s %10s %12.1f %14s %12s\n' "symbiose sirene import" "$ours_s" "$(echo "$ours_kb / 1024" | bc -l)" "$(rate "$N" "$ours_s")" "$kept"
printf '%-34s %10s %12.1f %14s %12s\n' "baseline sqlite3 .import+UPDATE" "$base_s" "$(echo "$base_kb / 1024" | bc -l)" "$(rate "$N" "$base_s")" "$base_kept"
printf 'import rate, ours / baseline: %.2f\n' "$(echo "$base_s / $ours_s" | bc -l)"
echo
echo "ranking of territory $TERR ($terr_prospects prospects), median of $RUNS runs"
printf '%-34s %10s %12.1f\n' "symbiose sirene rank" "$rank_s" "$(echo "$rank_kb / 1024" | bc -l)"
echo "top of the call list:"
cat "$out/top.txt"
