#!/usr/bin/env bash
# run-demo.sh - the README's first command: database, demo region, then
# the suggestions of the matching engine, then the web server.
set -euo pipefail
cd "$(dirname "$0")/.."
export SYMBIOSE_DB=${SYMBIOSE_DB:-symbiose.db}
build/symbiose init
build/symbiose demo
build/symbiose match >/dev/null   # suggestions saved as synergies; summary on stderr
exec build/symbiose serve --bind "${BIND:-127.0.0.1}" --port "${PORT:-8080}"
