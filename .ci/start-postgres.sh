#!/usr/bin/env bash
# Starts the machine's PostgreSQL 15 on 127.0.0.1 and makes the role the tests use.
# Prints the connection string for NOPSEGMENTS_TEST_POSTGRES on its last line.
set -euo pipefail
cluster_conf=/etc/postgresql/15/main
if ! command -v pg_ctlcluster >/dev/null || [ ! -d "$cluster_conf" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
fi
# A conf.d file, not pg_conftool: rewriting listen_addresses that way breaks the stock config here.
echo "listen_addresses = '127.0.0.1'" > "$cluster_conf/conf.d/nopsegments.conf"
if ! pg_lsclusters -h | awk '$1=="15" && $2=="main" {print $4}' | grep -q online; then
  pg_ctlcluster 15 main start
fi
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q -h 127.0.0.1" && break
  sleep 1
done
su postgres -c "psql -q -v ON_ERROR_STOP=1" <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'nopsegments') THEN
    CREATE ROLE nopsegments LOGIN CREATEDB PASSWORD 'nopsegments';
  END IF;
END $$;
SQL
echo "Host=127.0.0.1;Port=5432;Username=nopsegments;Password=nopsegments;Database=postgres"
