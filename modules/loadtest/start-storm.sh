#!/usr/bin/env bash
# The synchronized start of issue 19 item 3, on a fresh database and a fresh JVM: 3,000 learners log in over three
# minutes, press "Bắt đầu làm bài" in the same second, answer one question and submit (QuizHoldSimulation).
#
#   ./mvnw -B -q -pl modules/app -am package -DskipTests
#   bash modules/loadtest/start-storm.sh LABEL [JAR] [JAVA_OPTS...]
#   bash modules/loadtest/start-storm.sh access modules/app/target/bdtx.jar -Dreactor.netty.http.server.accessLogEnabled=true
#
# It drops and re-creates the database STORM_DB (default bdtx_load; its name must contain "load"), starts the app with
# scripts/run.sh (deploy/jvm.options, plus the JAVA_OPTS given and a GC log) on port 8080 under a Redis namespace of
# its own (only its keys are removed), BCrypt cost 4 for the seeded accounts (logins are not what it measures),
# and runs the simulation. In STORM_DIR (default /tmp/bdtx-storm): LABEL.app.log, LABEL.gc, LABEL.gatling.log, and
# summary.txt, to which it appends the simulation's two lines (first page answered; attempt page open), the app's
# CPU seconds during the run and its full collections. With the access log on (above), the presses' arrival and
# time in the server can be read from LABEL.app.log.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
LABEL="${1:?a label for this run}"
JAR="${2:-$ROOT/modules/app/target/bdtx.jar}"
shift $(( $# >= 2 ? 2 : 1 ))
OPTS="$*"
DIR="${STORM_DIR:-/tmp/bdtx-storm}"
DB="${STORM_DB:-bdtx_load}"
NAMESPACE="bdtx-storm-load"
LEARNERS="${STORM_LEARNERS:-3000}"

[[ -f "$JAR" ]] || { echo "Build first: ./mvnw -B -q -pl modules/app -am package -DskipTests" >&2; exit 1; }
[[ "$DB" == *load* ]] || { echo "STORM_DB must contain 'load' (it is dropped and seeded)" >&2; exit 1; }
if ss -ltnH "sport = :8080" | grep -q .; then echo "Port 8080 is in use" >&2; exit 1; fi
mkdir -p "$DIR"

psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null
redis-cli --scan --pattern "$NAMESPACE:*" | xargs -r -n 500 redis-cli del >/dev/null

BDTX_DB_NAME="$DB" BDTX_REDIS_NAMESPACE="$NAMESPACE" BDTX_SECURITY_BCRYPT_COST=4 BDTX_JAR="$JAR" \
  JAVA_OPTS="-Xlog:gc:file=$DIR/$LABEL.gc $OPTS" setsid "$ROOT/scripts/run.sh" > "$DIR/$LABEL.app.log" 2>&1 &
APP=$!
stop() { kill "$APP" 2>/dev/null || true; }
trap stop EXIT
for _ in $(seq 1 120); do curl -sf -o /dev/null http://127.0.0.1:8080/login && break; sleep 1; done
sleep 5
# scripts/run.sh execs java, so this is normally the same process; found by its command line to be sure.
APP=$(pgrep -f -- "-jar $JAR" | head -1 || echo "$APP")
cpu() { awk '{print $14 + $15}' "/proc/$APP/stat"; }
before=$(cpu)
(cd "$ROOT" && ./mvnw -B -q -Pload -pl modules/loadtest gatling:test \
  -Dgatling.simulationClass=vn.bdtx.loadtest.QuizHoldSimulation -Dbdtx.jdbcUrl="jdbc:postgresql://127.0.0.1:5432/$DB" \
  -Dbdtx.learners="$LEARNERS" -Dbdtx.rampSeconds=180 -Dbdtx.windowSeconds=60 -Dbdtx.answers=1) > "$DIR/$LABEL.gatling.log" 2>&1 || true
after=$(cpu)
{
  echo "== $LABEL $JAR $OPTS"
  grep -A2 "BDTX benchmark B" "$DIR/$LABEL.gatling.log" || echo "(no result: see $DIR/$LABEL.gatling.log)"
  echo "app CPU s: $(( (after - before) / $(getconf CLK_TCK) ))"
  echo "full collections: $(grep -c 'Pause Full' "$DIR/$LABEL.gc" || true)"
} | tee -a "$DIR/summary.txt"
