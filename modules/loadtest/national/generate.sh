#!/usr/bin/env bash
# The national benchmark data set (issue 16, item 4): a country in its own database.
#
#   ./mvnw -B -q -DskipTests package                       # the app's jar, once
#   modules/loadtest/national/generate.sh [--scale 1] [--db bdtx_national] [--password '…']
#
# 1. drops and creates the database (its name must contain "national": never a deployment's);
# 2. starts the app's jar once on it (port 8091, Redis namespace bdtx-national), so Flyway migrates it exactly as the
#    app does and the content loader publishes content/courses; stops it when it is ready;
# 3. runs national.sql: 63 provinces, 700 district offices, 40,000 schools, 1,200,000 accounts, 3,600,000
#    enrollments with their progress, attempts, survey, submissions, grades, outcomes and certificates, and the
#    reporting read model, all with INSERT ... SELECT inside PostgreSQL (--scale 0.01 for a check in seconds);
# 4. prints the time taken, the row counts, the database size and the benchmark's ids.
#
# Logins created (all with --password, default "do tai quoc gia 2026", BCrypt-hashed once):
#   nat-giam-sat  SUPERVISOR of province 1 (Hà Nội, the largest: ~61,000 teachers at scale 1)
#   nat-phong     DISTRICT_OFFICER of province 1's largest district
#   nat-hv-01 … nat-hv-50  learners of that district's GV-03 class (in progress), no quiz taken yet
set -euo pipefail
cd "$(dirname "$0")/../../.."

SCALE=1
DB=bdtx_national
PASSWORD="do tai quoc gia 2026"
JAR=modules/app/target/bdtx.jar
PORT=${BDTX_NATIONAL_PORT:-8091}
PGHOST=${PGHOST:-127.0.0.1}
PGUSER=${PGUSER:-postgres}
export PGHOST PGUSER
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE="$2"; shift 2 ;;
    --db) DB="$2"; shift 2 ;;
    --password) PASSWORD="$2"; shift 2 ;;
    --jar) JAR="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$DB" in
  *national*) ;;
  *) echo "Refusing to generate into $DB: its name must contain 'national'" >&2; exit 2 ;;
esac
[ -f "$JAR" ] || { echo "No $JAR: build it first (./mvnw -B -q -DskipTests package)" >&2; exit 2; }

started=$(date +%s)
echo "== $(date -u +%FT%TZ) dropping and creating $DB"
dropdb --if-exists "$DB"
createdb "$DB"

echo "== starting the app once on $DB (Flyway, content loader)"
work=$(mktemp -d /tmp/bdtx-national.XXXX)
BDTX_DB_NAME="$DB" SERVER_PORT="$PORT" BDTX_REDIS_NAMESPACE=bdtx-national \
  BDTX_STORAGE_EMBEDDED_DATA_DIR="$work/objects" BDTX_REMINDERS_ENABLED=false \
  BDTX_ASSIGNMENTS_RECEIPTS_JOB_ENABLED=false \
  java -Xmx512m -jar "$JAR" >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 120); do
  if grep -qs "is running at" "$work/app.log"; then break; fi
  if ! kill -0 "$app" 2>/dev/null; then cat "$work/app.log" >&2; exit 1; fi
  sleep 1
done
kill "$app"; wait "$app" || true
grep -q "is running at" "$work/app.log" || { echo "the app did not start; see $work/app.log" >&2; exit 1; }
migrated=$(date +%s)

echo "== hashing the benchmark password (BCrypt, cost 10)"
crypto=$(find ~/.m2/repository/org/springframework/security/spring-security-crypto -name 'spring-security-crypto-*.jar' | sort | tail -1)
logging=$(find ~/.m2/repository/commons-logging/commons-logging -name 'commons-logging-*.jar' | sort | tail -1)
cat >"$work/Hash.java" <<'EOF'
public class Hash {
  public static void main(String[] a) {
    System.out.println("{bcrypt}" + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(10).encode(a[0]));
  }
}
EOF
hash=$(java -cp "$crypto:$logging" "$work/Hash.java" "$PASSWORD")

echo "== $(date -u +%FT%TZ) generating at scale $SCALE"
psql -X -q -d "$DB" -v scale="$SCALE" -v hash="$hash" -f modules/loadtest/national/national.sql
finished=$(date +%s)
echo "== migrated and content loaded in $((migrated - started)) s; generated in $((finished - migrated)) s; total $((finished - started)) s"
rm -rf "$work"
