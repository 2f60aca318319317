#!/usr/bin/env bash
# run.sh - the README's first command. On a bare Debian 12, as root or as a
# user with sudo: installs make and everything else with apt-get (and the
# web packages with npm), builds build/symbiose, loads the demo region into
# the SQLite database and starts the server (PORT, BIND, SYMBIOSE_DB as in
# scripts/run-demo.sh).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
exec make run
