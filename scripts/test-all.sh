#!/usr/bin/env bash
# `npm test`: lint, typecheck, unit, integration, e2e and security, stopping at the first failure.
# Starts the machine's PostgreSQL and Redis when they are down, and installs Debian's
# Chromium when it is missing (as root, e.g. in .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n\033[1m==== %s ====\033[0m\n' "$1"; }

ensure_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then return; fi
  if command -v pg_ctlcluster >/dev/null; then
    echo "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
  fi
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && return; sleep 1; done
  echo "PostgreSQL is not reachable on 127.0.0.1:5432" >&2
  exit 1
}

ensure_redis() {
  if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then return; fi
  if command -v redis-server >/dev/null; then
    echo "starting Redis"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log
  else
    echo "Redis is not running and redis-server is not installed; tests that need it will say so" >&2
  fi
}

ensure_chromium() {
  if [ "${E2E_BROWSER:-}" = "bundled" ] || [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then return; fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "installing Debian's chromium"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  else
    echo "Chromium is missing: apt-get install -y chromium (as root)" >&2
    exit 1
  fi
}

section "services"
ensure_postgres
ensure_redis
ensure_chromium

section "lint"
npm run --silent lint

section "typecheck"
npm run --silent typecheck

section "unit tests"
npm run --silent test:unit

section "integration tests"
npm run --silent test:integration

section "e2e tests"
npm run --silent test:e2e

section "security suite"
npm run --silent test:security

section "all passed"
