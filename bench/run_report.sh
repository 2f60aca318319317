#!/usr/bin/env bash
# run_report.sh - the regional evaluation report: 20 territories x 5 years
# of generated data (bench/report_bench.c), PDF and XLSX, median of 5 runs
# each building the evaluation from the database and writing the file.
# The target: the regional PDF in under 2 s.
set -euo pipefail
cd "$(dirname "$0")/.."
make -s build/bench/report_bench
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
build/bench/report_bench "$out" "${RUNS:-5}"
