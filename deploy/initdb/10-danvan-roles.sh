#!/bin/sh
# Run by the postgres image once, on first start with an empty data volume
# (/docker-entrypoint-initdb.d). Creates:
#   danvan      owner of database danvan; migrations connect as this role.
#   danvan_app  the role web and worker connect as: not superuser, not owner,
#               no BYPASSRLS, so row-level security policies apply to it.
set -eu
: "${DANVAN_DB_OWNER_PASSWORD:?not set}"
: "${DANVAN_DB_APP_PASSWORD:?not set}"

psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  -v owner_pw="$DANVAN_DB_OWNER_PASSWORD" -v app_pw="$DANVAN_DB_APP_PASSWORD" <<'SQL'
CREATE ROLE danvan LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
  PASSWORD :'owner_pw';
CREATE ROLE danvan_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
  PASSWORD :'app_pw';
CREATE DATABASE danvan OWNER danvan;
REVOKE ALL ON DATABASE danvan FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE danvan TO danvan_app;

\connect danvan
-- Schema public belongs to the database owner (danvan) since PostgreSQL 15;
-- only the owner creates objects in it.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO danvan_app;
-- Tables and sequences that migrations create are usable by the app role
-- (RLS policies still decide which rows it sees).
ALTER DEFAULT PRIVILEGES FOR ROLE danvan IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO danvan_app;
ALTER DEFAULT PRIVILEGES FOR ROLE danvan IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO danvan_app;
SQL
