#!/usr/bin/env bash
# run_match.sh - benchmark of `symbiose match --input` against the SQLite
# R*Tree baseline (../shared/bench/match_ref.sh), measured in the same run.
#
#   1. N = 10,000 establishments: baseline (all pairs within 50 km + 10 nearest
#      per offer) and symbiose (top 10 per offer, 50 km, CSV to a file),
#      median of RUNS runs each; ratio baseline / symbiose, by wall time and
#      by CPU time (user + sys), the latter steady on a shared machine.
#   2. Same pairs: with detour factor 1 and same-code matching only,
#      `--all-pairs` must list exactly the baseline's `pairs` table.
#   3. Scale: N = 10,000, 100,000 and 320,000 (about 1,000,000 rows): median
#      wall, user and system seconds and peak memory of symbiose with 1 and
#      2 threads (no baseline beyond 10,000: it needs about 13 minutes at
#      100,000). System time is mostly the kernel writing the CSV (1.9 GB at
#      320,000) to the page cache; it varies with the machine's other writes.
# Environment: RUNS (default 3), SCALE (default "10000 100000 320000"),
# THREADS (default "1 2").
set -euo pipefail
cd "$(dirname "$0")/.."
SYM=${SYM:-build/symbiose}
GEN=../shared/bench/gen_flows.py
REF=../shared/bench/match_ref.sh
RUNS=${RUNS:-3}
SCALE=${SCALE:-10000 100000 320000}
THREADS=${THREADS:-1 2}
OUT=bench/out/match
mkdir -p "$OUT"
[ -x "$SYM" ] || make -s all

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

gen() { # N -> file
  local f="$OUT/flows_$1.csv"
  [ -s "$f" ] || python3 "$GEN" -n "$1" --seed 1 -o "$f" 2>/dev/null
  echo "$f"
}

# run_sym FILE THREADS: RUNS runs; prints
# "wall_median cpu_median user_median sys_median peak_kb_max rows"
run_sym() {
  local f=$1 t=$2 walls=() cpus=() users=() syss=() peak=0
  for _ in $(seq "$RUNS"); do
    rm -f "$OUT/out.csv" # not charged the kernel's freeing of the last run's file
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" \
      "$SYM" match --input "$f" --radius-km 50 --top 10 --format csv --threads "$t" -o "$OUT/out.csv"
    read -r w u s m < "$OUT/time.txt"
    walls+=("$w"); cpus+=("$(echo "$u + $s" | bc)"); users+=("$u"); syss+=("$s")
    [ "$m" -gt "$peak" ] && peak=$m
  done
  echo "$(printf '%s\n' "${walls[@]}" | median) $(printf '%s\n' "${cpus[@]}" | median)" \
       "$(printf '%s\n' "${users[@]}" | median) $(printf '%s\n' "${syss[@]}" | median)" \
       "$peak $(($(wc -l < "$OUT/out.csv") - 1))"
}

echo "== match benchmark ($(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), runs=$RUNS)"

# --- 1 and 2: N = 10,000 against the baseline
f=$(gen 10000)
base_walls=(); base_cpus=()
for _ in $(seq "$RUNS"); do
  rm -f "$OUT/ref.db"
  /usr/bin/time -f "%U %S" -o "$OUT/ref_time.txt" \
    env SECTIONS="rtree3d rank" KEEP_DB=1 bash "$REF" "$f" 50 "$OUT/ref.db" > "$OUT/ref.log" 2>&1
  base_walls+=("$(awk '/total wall seconds/ {print $NF}' "$OUT/ref.log")")
  read -r bu bs < "$OUT/ref_time.txt"
  base_cpus+=("$(echo "$bu + $bs" | bc)")
done
base=$(printf '%s\n' "${base_walls[@]}" | median)
base_cpu=$(printf '%s\n' "${base_cpus[@]}" | median)
echo
echo "N = 10,000 ($(($(wc -l < "$f") - 1)) rows), radius 50 km, top 10 (medians of $RUNS)"
printf '| %-48s | %8s | %8s | %14s | %13s |\n' "program" "wall s" "CPU s" "ratio (wall)" "ratio (CPU)"
printf '| %-48s | %8s | %8s | %14s | %13s |\n' "------------------------------------------------" "--------" "--------" "--------------" "-------------"
printf '| %-48s | %8.3f | %8.3f | %14s | %13s |\n' "baseline: SQLite R*Tree, all pairs + top 10" "$base" "$base_cpu" "" ""
for t in $THREADS; do
  read -r sw sc _ _ _ _ <<< "$(run_sym "$f" "$t")"
  printf '| %-48s | %8.3f | %8.3f | %13.1fx | %12.1fx |\n' "symbiose match --input, CSV to a file, $t thr." \
    "$sw" "$sc" "$(echo "$base / $sw" | bc -l)" "$(echo "$base_cpu / $sc" | bc -l)"
done
echo "target: ratio >= 50x (the CPU ratio does not depend on the machine's other load)"

"$SYM" match --input "$f" --radius-km 50 --detour 1 --same-code --all-pairs -o "$OUT/pairs.csv"
tail -n +2 "$OUT/pairs.csv" | cut -d, -f1,2 | sort > "$OUT/pairs_sym.txt"
sqlite3 -csv "$OUT/ref.db" "SELECT out_id, in_id FROM pairs" | sort > "$OUT/pairs_ref.txt"
n_ref=$(wc -l < "$OUT/pairs_ref.txt"); n_sym=$(wc -l < "$OUT/pairs_sym.txt")
if cmp -s "$OUT/pairs_ref.txt" "$OUT/pairs_sym.txt"; then
  echo "same pairs within 50 km (detour 1, same code): OK, $n_sym pairs in both"
else
  echo "same pairs within 50 km (detour 1, same code): DIFFERENT (baseline $n_ref, symbiose $n_sym;" \
       "$(comm -3 "$OUT/pairs_ref.txt" "$OUT/pairs_sym.txt" | wc -l) differ)"
fi

# --- 3: scale
echo
echo "Scale: symbiose match --input, radius 50 km, top 10, CSV to a file (median of $RUNS)"
echo "(CPU = user + sys; target at 320,000: CPU < 10 s on 1 thread, peak < 2 GiB)"
printf '| %8s | %7s | %9s | %10s | %8s | %8s | %8s | %8s | %9s |\n' "N" "threads" "rows" "output" "wall s" "CPU s" "user s" "sys s" "peak MiB"
printf '| %8s | %7s | %9s | %10s | %8s | %8s | %8s | %8s | %9s |\n' "--------" "-------" "---------" "----------" "--------" "--------" "--------" "--------" "---------"
for n in $SCALE; do
  f=$(gen "$n")
  for t in $THREADS; do
    read -r w c u s m rows <<< "$(run_sym "$f" "$t")"
    printf '| %8s | %7s | %9s | %10s | %8.2f | %8.2f | %8.2f | %8.2f | %9.1f |\n' "$n" "$t" \
      "$(($(wc -l < "$f") - 1))" "$rows" "$w" "$c" "$u" "$s" "$(echo "$m / 1024" | bc -l)"
  done
done
rm -f "$OUT/out.csv" "$OUT/pairs.csv"
