#!/usr/bin/env bash
# run_mcf.sh - min-cost flow benchmark: `symbiose allocate --dimacs` against
# LEMON's NetworkSimplex (shared/bench/mcf_ref.cpp, block search) on
# transportation instances of about 10^4, 10^5 and 10^6 arcs from
# shared/bench/gen_transport.py. Whole-process wall time (reading the file
# included), median of RUNS runs each, interleaved in the same run; the
# optimum must be identical on every instance.
# Environment: RUNS (default 5), SIZES (default "10000 100000 1000000"),
# SEED (default 3), SHARED (default ../shared).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
SIZES=${SIZES:-"10000 100000 1000000"}
SEED=${SEED:-3}
SHARED=${SHARED:-../shared}
[ -d "$SHARED/bench" ] || { echo "no $SHARED/bench: set SHARED to the shared folder"; exit 1; }
OUT=build/bench/mcf
mkdir -p "$OUT"
make -s build/symbiose
REF=build/bench/mcf_ref
if [ ! -x "$REF" ] || [ "$SHARED/bench/mcf_ref.cpp" -nt "$REF" ]; then
  g++ -O2 -std=c++17 -o "$REF" "$SHARED/bench/mcf_ref.cpp" -llemon
fi

# wall time of one run in seconds; stdout of the program into $2
run_time() { # $1 = output file, rest = command
  local out=$1; shift
  local t0 t1
  t0=$(date +%s%N)
  "$@" >"$out"
  t1=$(date +%s%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) / 1e9 }'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

printf '%-9s %9s %9s %12s %12s %7s %s\n' arcs nodes file_MB symbiose_s lemon_s ratio optimum
fail=0
for n in $SIZES; do
  f="$OUT/t$n-s$SEED.min"
  [ -s "$f" ] || python3 "$SHARED/bench/gen_transport.py" --arcs "$n" --seed "$SEED" -o "$f" 2>/dev/null
  ours=(); ref=()
  for _ in $(seq "$RUNS"); do
    ours+=("$(run_time "$OUT/ours.out" build/symbiose allocate --dimacs "$f")")
    ref+=("$(run_time "$OUT/ref.out" "$REF" -q "$f")")
  done
  mo=$(printf '%s\n' "${ours[@]}" | median)
  mr=$(printf '%s\n' "${ref[@]}" | median)
  so=$(head -1 "$OUT/ours.out"); sr=$(head -1 "$OUT/ref.out")
  if [ "$so" = "$sr" ]; then same="identical (${so#s })"; else same="DIFFERENT: $so vs $sr"; fail=1; fi
  read -r _ _ nodes arcs < <(grep -m1 '^p min' "$f")
  mb=$(awk -v b="$(stat -c %s "$f")" 'BEGIN { printf "%.1f", b / 1e6 }')
  printf '%-9s %9s %9s %12s %12s %7s %s\n' "$arcs" "$nodes" "$mb" "$mo" "$mr" \
    "$(awk -v a="$mo" -v b="$mr" 'BEGIN { printf "%.2f", a / b }')" "$same"
done
echo "(times: whole process, median of $RUNS interleaved runs; ratio = symbiose / LEMON)"
exit $fail
