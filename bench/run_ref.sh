#!/usr/bin/env bash
# run_ref.sh - benchmark of the reference data as imports use it: 200,000
# rows validated with ref/core against SQLite lookups, ref_load time, and
# label search against SQLite LIKE (bench/ref_lookup.c). Medians of 5 runs.
set -euo pipefail
cd "$(dirname "$0")/.."
make -s build/bench/ref_lookup
build/bench/ref_lookup "${ROWS:-200000}" "${REPEATS:-5}"
