#!/usr/bin/env bash
# fresh-check.sh - the README's two commands on a bare Debian 12, as a new
# user would run them: builds a minbase bookworm chroot with debootstrap,
# clones the committed HEAD of this repository into it, runs ./run.sh in
# the background and asks the server for its health and first page over
# HTTP (with the curl the set-up installed), stops it, then runs
# ./check.sh. Prints how long each command took. Needs root (re-runs
# itself through sudo); installs debootstrap and git on the host if
# missing. Not part of `make check`: it downloads a Debian system and takes
# about half an hour.
#
#   FRESH_DIR=DIR      where to build the chroot (default: a new folder in /var/tmp)
#   FRESH_KEEP=1       keep the chroot afterwards (default: removed)
#   FRESH_CACHE=DIR    debootstrap's package cache (default /var/cache/symbiose-fresh)
#   FRESH_LOGS=DIR     where the logs go (default: a new folder in /var/tmp, printed)
#   FRESH_AS_USER=1    run both commands as a user with sudo rights instead
#                      of root (sudo is installed in the chroot first, as
#                      such a machine has it)
#   DEBIAN_MIRROR=URL  default http://deb.debian.org/debian
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" != 0 ]; then exec sudo -E bash "$0" "$@"; fi
SRC=$(pwd)
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
CACHE=${FRESH_CACHE:-/var/cache/symbiose-fresh}
DIR=${FRESH_DIR:-$(mktemp -d /var/tmp/symbiose-fresh.XXXXXX)}
R=$DIR/root
LOGS=${FRESH_LOGS:-$(mktemp -d /var/tmp/symbiose-fresh-logs.XXXXXX)}
mkdir -p "$LOGS"
echo "fresh-check: logs in $LOGS"
PORT=${FRESH_PORT:-$((20000 + RANDOM % 20000))}

need=()
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v git >/dev/null || need+=(git)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

mounted=()
server=
cleanup() {
  set +e
  if [ -n "$server" ]; then kill -- "-$server" 2>/dev/null; wait "$server" 2>/dev/null; fi
  # kill what still runs inside the chroot (chromium, node) before unmounting
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$R" ] && kill -9 "${p#/proc/}" 2>/dev/null
  done
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}"; done
  if [ "${FRESH_KEEP:-0}" = 1 ]; then
    echo "fresh-check: chroot kept in $R"
  elif grep -q " $R" /proc/mounts; then
    echo "fresh-check: $R still has mounts, not removed" >&2
  else
    rm -rf --one-file-system "$DIR"
  fi
}
trap cleanup EXIT
mnt() { mount "$@"; mounted+=("${*: -1}"); }

secs() { echo $(($(date +%s) - $1)); }
t0=$(date +%s)
mkdir -p "$R" "$CACHE"
echo "== debootstrap --variant=minbase bookworm $R ($MIRROR)"
debootstrap --variant=minbase --cache-dir="$CACHE" bookworm "$R" "$MIRROR" >"$LOGS/debootstrap.log" 2>&1 ||
  { tail -20 "$LOGS/debootstrap.log"; exit 1; }
echo "debootstrap: $(secs "$t0") s"
cp /etc/resolv.conf "$R/etc/resolv.conf"
# a host behind a TLS-inspecting proxy trusts its CA locally; the chroot
# gets the same local certificates (ca-certificates, installed by the
# set-up, adds them to the store npm uses)
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  mkdir -p "$R/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$R/usr/local/share/ca-certificates/"
fi
mnt -t proc proc "$R/proc"
mnt -t sysfs sys "$R/sys"
mnt --bind /dev "$R/dev"
mnt -t devpts devpts "$R/dev/pts"
mnt -t tmpfs tmpfs "$R/dev/shm"

# a bare environment: nothing of the host's but the terminal-less basics
ENV=(env -i LANG=C.UTF-8 TERM=dumb PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
if [ "${FRESH_AS_USER:-0}" = 1 ]; then
  echo "== a user with sudo rights: installing sudo in the chroot"
  chroot "$R" "${ENV[@]}" bash -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends sudo >/dev/null &&
    useradd -m -s /bin/bash eit && echo "eit ALL=(ALL) NOPASSWD: ALL" >/etc/sudoers.d/eit && chmod 440 /etc/sudoers.d/eit' \
    >"$LOGS/sudo.log" 2>&1 || { tail -20 "$LOGS/sudo.log"; exit 1; }
  HOME_DIR=/home/eit
  CHROOT=(chroot --userspec=eit:eit "$R")
else
  HOME_DIR=/root
  CHROOT=(chroot "$R")
fi
ENV+=(HOME=$HOME_DIR)
echo "== git clone (HEAD $(git rev-parse --short HEAD)) into $HOME_DIR/symbiose"
git clone --quiet --no-checkout "$SRC" "$R$HOME_DIR/symbiose"
git -C "$R$HOME_DIR/symbiose" checkout --quiet "$(git rev-parse HEAD)"
[ "${FRESH_AS_USER:-0}" = 1 ] && chroot "$R" chown -R eit:eit "$HOME_DIR/symbiose"

in_chroot() {
  "${ENV[@]}" "${CHROOT[@]}" bash -c "cd $HOME_DIR/symbiose && $1"
}
for t in make gcc curl git jq; do
  if in_chroot "command -v $t >/dev/null"; then echo "fresh-check: $t already in the chroot" >&2; exit 1; fi
done

echo "== ./run.sh (PORT=$PORT) in the background"
t1=$(date +%s)
setsid "${ENV[@]}" PORT="$PORT" "${CHROOT[@]}" bash -c "cd $HOME_DIR/symbiose && ./run.sh" \
  >"$LOGS/run.log" 2>&1 &
server=$!
up=
while kill -0 "$server" 2>/dev/null; do
  if in_chroot "command -v curl >/dev/null && curl -fsS http://127.0.0.1:$PORT/api/v1/health" >"$LOGS/health.out" 2>/dev/null; then
    up=1
    break
  fi
  sleep 2
done
run_s=$(secs "$t1")
if [ -z "$up" ]; then
  echo "fresh-check: ./run.sh stopped before the server answered; its output:" >&2
  tail -40 "$LOGS/run.log" >&2
  exit 1
fi
echo "./run.sh: server answered after $run_s s: $(cat "$LOGS/health.out")"
in_chroot "curl -fsS http://127.0.0.1:$PORT/ | grep -qi '<html'" ||
  { echo "fresh-check: the home page did not answer" >&2; exit 1; }
in_chroot "curl -fsS -H 'Content-Type: application/json' \
  -d '{\"email\":\"admin@demo.symbiose.fr\",\"password\":\"demo-admin-2026\"}' \
  http://127.0.0.1:$PORT/api/v1/auth/login >/dev/null" ||
  { echo "fresh-check: the demo admin cannot log in" >&2; exit 1; }
echo "./run.sh: home page served, demo admin logs in"
kill -- "-$server" 2>/dev/null
wait "$server" 2>/dev/null || true
server=

echo "== ./check.sh"
t2=$(date +%s)
rc=0
in_chroot "./check.sh" >"$LOGS/check.log" 2>&1 || rc=$?
check_s=$(secs "$t2")
grep -E '^[0-9]+ passed, [0-9]+ failed' "$LOGS/check.log" || tail -40 "$LOGS/check.log"
[ "$rc" = 0 ] || grep -E '^(failing:|not ok)' "$LOGS/check.log" | head -40
echo "fresh-check: ./run.sh until the server answers: $run_s s; ./check.sh: $check_s s (exit $rc); total $(secs "$t0") s"
exit "$rc"
