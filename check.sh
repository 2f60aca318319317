#!/usr/bin/env bash
# check.sh - the README's second command and what CI runs. On a bare
# Debian 12, as root or as a user with sudo: installs make and everything
# else, then `make check` (format, layout, release build, sanitizer build
# and every test). Extra arguments go to make (e.g. -j2).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
exec make "$@" check
