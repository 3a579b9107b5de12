#!/usr/bin/env bash
# Installs (if missing) and starts a PostgreSQL server on loopback for the store tests, and sets the
# password the tests use. Safe to run again. Prints the connection string for TELCO_TEST_POSTGRES.
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
sed -i "s/^#\?listen_addresses.*/listen_addresses = '127.0.0.1'/" "/etc/postgresql/$version/main/postgresql.conf"
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -q && break
  sleep 1
done
pg_isready -h 127.0.0.1
runuser -u postgres -- psql -q -c "ALTER USER postgres PASSWORD 'postgres';" >/dev/null
echo "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=postgres"
