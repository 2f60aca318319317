#!/usr/bin/env bash
# run-demo.sh - the README's first command: database, demo region (with
# its detection already run), then the web server.
set -euo pipefail
cd "$(dirname "$0")/.."
export SYMBIOSE_DB=${SYMBIOSE_DB:-symbiose.db}
build/symbiose init
build/symbiose demo
exec build/symbiose serve --bind "${BIND:-127.0.0.1}" --port "${PORT:-8080}"
