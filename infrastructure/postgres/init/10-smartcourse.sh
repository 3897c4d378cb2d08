#!/usr/bin/env bash
# docker-compose: run once by the official postgres image on an empty data directory
# (/docker-entrypoint-initdb.d). Creates the `smartcourse` role and one database per name
# in /smartcourse/databases.txt (mounted from infrastructure/postgres/databases.txt).
set -euo pipefail

DATABASES_FILE="${SMARTCOURSE_DATABASES_FILE:-/smartcourse/databases.txt}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'smartcourse') THEN
    CREATE ROLE smartcourse LOGIN CREATEDB PASSWORD 'smartcourse';
  END IF;
END
$$;
SQL

grep -v '^[[:space:]]*#' "$DATABASES_FILE" | sed 's/[[:space:]]//g' | while read -r db; do
  [[ -n "$db" ]] || continue
  echo "creating database $db"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -c "CREATE DATABASE \"$db\" OWNER smartcourse"
done
