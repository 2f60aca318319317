#!/usr/bin/env bash
# setup.sh - installs what symbiose needs on Debian 12: build tools, the
# libraries it links, the test tools (cmocka, GLPK, clang for fuzzing,
# chromium for browser tests) and the npm packages of web/. Idempotent:
# installs only what is missing. Works on a bare Debian 12 (minbase: no
# make, compiler, curl or CA certificates), as root or through sudo.
# `setup.sh --list-packages` prints the Debian packages it installs, one a
# line: tests/integration/setup_tools.sh checks that every command the
# test scripts call comes from one of them or from minbase.
set -euo pipefail
cd "$(dirname "$0")/.."

# make and the C toolchain; the libraries symbiose links; cmocka and GLPK
# (unit tests), clang-14 (fuzzing), clang-format (style check), sqlite3,
# python3 and curl (integration tests), ca-certificates (npm over https)
pkgs=(make build-essential pkg-config clang-14 clang-format sqlite3 libsqlite3-dev
      libmicrohttpd-dev libjansson-dev libsodium-dev libcmocka-dev libglpk-dev
      liblemon-dev libproj-dev python3 curl ca-certificates libcairo2-dev libxlsxwriter-dev
      fonts-dejavu-core poppler-utils python3-openpyxl)
browser=(chromium nodejs npm)
if [ "${1:-}" = --list-packages ]; then
  printf '%s\n' "${pkgs[@]}" "${browser[@]}"
  exit 0
fi
if [ "${SYMBIOSE_BROWSER_TESTS:-1}" = 1 ]; then
  pkgs+=(chromium)
  # Node.js may come from elsewhere than Debian (it ships npm itself then)
  command -v npm >/dev/null || pkgs+=(nodejs npm)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ -f package-lock.json ] && command -v npm >/dev/null; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
    # Debian's CA store, whatever certificates the local Node.js bundles
    if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f /etc/ssl/certs/ca-certificates.crt ]; then
      export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
    fi
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
bash scripts/web-vendor.sh
echo "setup: ok"
