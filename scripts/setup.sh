#!/usr/bin/env bash
# setup.sh - installs what symbiose needs on Debian 12: build tools, the
# libraries it links, the test tools (cmocka, GLPK, clang for fuzzing,
# chromium for browser tests) and the npm packages of web/. Idempotent:
# installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

pkgs=(build-essential pkg-config clang-14 clang-format sqlite3 libsqlite3-dev
      libmicrohttpd-dev libjansson-dev libsodium-dev libcmocka-dev libglpk-dev
      liblemon-dev libproj-dev python3 curl)
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
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
bash scripts/web-vendor.sh
echo "setup: ok"
