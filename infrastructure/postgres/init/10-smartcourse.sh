#!/usr/bin/env bash
# docker-compose: run once by the official postgres image on an empty data directory
# (/docker-entrypoint-initdb.d). Creates the `smartcourse` role and one database per name in
# SMARTCOURSE_DATABASES (space-separated; docker-compose.yml sets it from the topology's list).
set -euo pipefail

: "${SMARTCOURSE_DATABASES:?docker-compose.yml sets the databases to create}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'smartcourse') THEN
    CREATE ROLE smartcourse LOGIN CREATEDB PASSWORD 'smartcourse';
  END IF;
END
$$;
SQL

for db in $SMARTCOURSE_DATABASES; do
  echo "creating database $db"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -c "CREATE DATABASE \"$db\" OWNER smartcourse"
done
