#!/usr/bin/env bash
# run.sh - `make bench`: runs every bench/run_*.sh in turn (or only those
# named in BENCH, e.g. BENCH="match mcf"). Each prints its own table with
# the project's figures, the baseline's, and their ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
for s in bench/run_*.sh; do
  [ -e "$s" ] || continue
  n=$(basename "$s" .sh); n=${n#run_}
  if [ -n "${BENCH:-}" ] && [[ " $BENCH " != *" $n "* ]]; then continue; fi
  echo "=================== bench: $n"
  bash "$s"
done
