#!/usr/bin/env bash
# The test command of the README ("Test it"). On a fresh machine of the reference kind (Debian 12 with
# PostgreSQL 15 and Redis 7 installed), it first makes sure the tests have what they need, then runs the whole
# build with its tests: ./mvnw -B verify (further arguments go to Maven).
#   - Chromium for the browser tests (Debian's; Playwright must not download its own) and Debian's nginx, so
#     that DeployedNginxTest runs deploy/nginx.conf instead of skipping it: installed with apt if missing
#     (as root, or through sudo).
#   - PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379: started if they do not answer.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "Cannot run as root (no sudo): $*" >&2; return 1; fi
}

install_missing() { # command, Debian package
  if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$1" ]; then
    echo "== installing $2"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null 2>&1 \
      || { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2"; }
  fi
}
install_missing chromium chromium
install_missing nginx nginx-light

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "== starting PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432

if [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" != "PONG" ]; then
  echo "== starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
  for _ in $(seq 1 30); do [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ] && break; sleep 1; done
fi
redis-cli -h 127.0.0.1 -p 6379 ping

exec ./mvnw -B verify "$@"
