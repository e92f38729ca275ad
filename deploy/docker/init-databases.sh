#!/usr/bin/env bash
# Run once by the postgres image on an empty data directory: a login role per service with REPLICATION (its outbox
# relay creates a logical replication slot) owning its database, all with the password of POSTGRES_PASSWORD.
set -euo pipefail
for database in connector merge ledger; do
  psql -v ON_ERROR_STOP=1 --username postgres --set=password="$POSTGRES_PASSWORD" <<SQL
CREATE ROLE $database LOGIN REPLICATION PASSWORD :'password';
CREATE DATABASE $database OWNER $database;
SQL
done
