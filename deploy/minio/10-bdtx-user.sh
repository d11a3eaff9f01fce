#!/bin/sh
# Run by the one-shot compose service minio-init (image minio/mc) before the app starts, on every
# `docker compose up`: makes the user the application logs in to MinIO as, with the policy bdtx-app
# (bdtx-app-policy.json: create, list and read/write objects in the bdtx-* buckets only, nothing else),
# so that the app never holds MinIO's root credentials. Safe to run again: the policy is replaced and the
# user's secret key set to BDTX_STORAGE_SECRET_KEY.
set -eu
: "${MINIO_ROOT_PASSWORD:?set MINIO_ROOT_PASSWORD}"
: "${BDTX_STORAGE_SECRET_KEY:?set BDTX_STORAGE_SECRET_KEY}"
user="${BDTX_STORAGE_ACCESS_KEY:-bdtx-app}"
tries=0
until mc alias set store http://minio:9000 "${MINIO_ROOT_USER:-bdtx}" "$MINIO_ROOT_PASSWORD" >/dev/null 2>&1 \
    && mc ready store >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ "$tries" -lt 60 ] || { echo "MinIO did not answer at http://minio:9000" >&2; exit 1; }
  sleep 2
done
mc admin policy create store bdtx-app /etc/bdtx/minio/bdtx-app-policy.json
mc admin user add store "$user" "$BDTX_STORAGE_SECRET_KEY"
# Attaching a policy the user already has is refused ("already in effect"): then check that it is there.
# (The mc image has a shell but no grep.)
if ! mc admin policy attach store bdtx-app --user "$user" 2>/dev/null; then
  case "$(mc admin user info store "$user")" in
    *bdtx-app*) ;;
    *) echo "could not attach the policy bdtx-app to the MinIO user $user" >&2; exit 1 ;;
  esac
fi
echo "MinIO user $user has the policy bdtx-app (bdtx-* buckets only)"
