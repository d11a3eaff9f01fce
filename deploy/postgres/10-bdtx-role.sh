#!/bin/sh
# Run once by the postgres image when its data volume is new (/docker-entrypoint-initdb.d), as the superuser
# POSTGRES_USER: makes the role the application logs in as, and its database, owned by that role.
#
# The role owns its tables (the migrations create them) but is not a superuser and cannot create databases or
# roles: a superuser could skip the append-only triggers (SET session_replication_role = replica) and rewrite
# the audit trail, submissions, grade history and content versions; this role gets "permission denied".
# AppendOnlyAsOwnerRoleTest runs this very script against a real PostgreSQL.
set -eu
: "${BDTX_DB_PASSWORD:?set BDTX_DB_PASSWORD}"
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  -v role="${BDTX_DB_USER:-bdtx}" -v db="${BDTX_DB_NAME:-bdtx}" -v password="$BDTX_DB_PASSWORD" <<'SQL'
CREATE ROLE :"role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"role" ENCODING 'UTF8' TEMPLATE template0;
-- Only the owner (and the superuser) may connect.
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
