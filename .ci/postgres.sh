#!/usr/bin/env bash
# Start a local PostgreSQL for the warehouse tests (tests/load) and print
#   HYOKA_TEST_PG_URL=postgresql+psycopg://hyoka:hyoka@127.0.0.1:<port>/hyoka_test
# on stdout (everything else goes to stderr).
#
# Runs as root on a fresh Debian machine (CI) or a developer box:
#   eval $(bash .ci/postgres.sh | grep HYOKA_TEST_PG_URL) && export HYOKA_TEST_PG_URL
# Idempotent: installs Debian's postgresql only when missing, creates a
# cluster only when none exists, starts it only when down, and creates the
# role/database only when absent (the password is reset each run).
set -euo pipefail

PG_USER=hyoka
PG_PASSWORD=hyoka
PG_DB=hyoka_test

log() { echo "postgres.sh: $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
    log "must run as root (apt-get, pg_ctlcluster)"; exit 1
fi

if ! command -v pg_lsclusters >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    log "installing postgresql (apt)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y postgresql >&2
fi

# Pick the first cluster; create one ("main", newest installed version) if none.
cluster_line() { pg_lsclusters --no-header 2>/dev/null | head -n 1; }
if [ -z "$(cluster_line)" ]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    log "creating cluster ${version}/main"
    pg_createcluster "$version" main >&2
fi
read -r version name port status _ <<<"$(cluster_line)"

if [ "$status" != "online" ]; then
    log "starting cluster ${version}/${name} on port ${port}"
    pg_ctlcluster "$version" "$name" start >&2
fi

for _ in $(seq 1 30); do
    if runuser -u postgres -- pg_isready -q -p "$port"; then break; fi
    sleep 1
done
runuser -u postgres -- pg_isready -p "$port" >&2

psql_su() { runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qtA "$@"; }

if [ "$(psql_su -c "SELECT 1 FROM pg_roles WHERE rolname = '${PG_USER}'")" != "1" ]; then
    log "creating role ${PG_USER}"
    psql_su -c "CREATE ROLE ${PG_USER} LOGIN PASSWORD '${PG_PASSWORD}'" >&2
else
    psql_su -c "ALTER ROLE ${PG_USER} LOGIN PASSWORD '${PG_PASSWORD}'" >&2
fi
if [ "$(psql_su -c "SELECT 1 FROM pg_database WHERE datname = '${PG_DB}'")" != "1" ]; then
    log "creating database ${PG_DB}"
    psql_su -c "CREATE DATABASE ${PG_DB} OWNER ${PG_USER} ENCODING 'UTF8' TEMPLATE template0" >&2
fi

# Check that password login over TCP works, as the tests will use it.
PGPASSWORD="$PG_PASSWORD" psql -h 127.0.0.1 -p "$port" -U "$PG_USER" -d "$PG_DB" -qtA -c "SELECT 1" >/dev/null

echo "HYOKA_TEST_PG_URL=postgresql+psycopg://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/${PG_DB}"
