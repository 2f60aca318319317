#!/usr/bin/env bash
# run_cvrp.sh - the CVRP solver on CVRPLIB's Augerat sets A and P: cost,
# gap to the best-known cost, CPU time and the independent checker's
# verdict per instance, then the mean gap and the largest time. The
# baseline column is the Clarke-Wright + local search start.
# CVRP_DIR overrides the instance folder; SEED the seed (default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${CVRP_DIR:-../shared/data/cvrp}
make -s build/bench/cvrp_bench >/dev/null
build/bench/cvrp_bench "$dir" "${SEED:-1}" | tee bench/out/cvrp.txt
