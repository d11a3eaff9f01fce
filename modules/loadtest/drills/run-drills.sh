#!/usr/bin/env bash
# The fault drills of RELIABILITY.md group C, figures for the README's reliability section (issue 18).
#
#   ./mvnw -B -q -pl modules/app -am package -DskipTests
#   sudo bash modules/loadtest/drills/run-drills.sh          # as root: it creates and drops a PostgreSQL cluster
#
# Everything is its own and on 127.0.0.1: a PostgreSQL 15 cluster "drill" on port 5440 (pg_createcluster, trust
# for 127.0.0.1), a Redis on 6390 (no persistence), two app nodes (bdtx.jar, -Xmx384m) on 18091 and 18092 sharing
# them, and nginx on 18090 in front (deploy/nginx.conf's proxy rules, both nodes as upstreams). It never touches
# the PostgreSQL on 5432 or the Redis on 6379. 50 learners (drill-00001 …, seed.sql) save one quiz answer a
# second each through nginx (Drill.java, see there what is counted) while, one drill after the other:
#   1a. PostgreSQL restarts          pg_ctlcluster 15 drill restart
#   1b. PostgreSQL stops for 30 s     pg_ctlcluster 15 drill stop; 30 s; start
#   2.  Redis stops for 60 s          redis-cli shutdown nosave; 60 s; redis-server (empty: every session is gone)
#   3.  a node is killed              kill -9 of node 1 (nginx sends everything to node 2)
# The app is never restarted between drills (node 1 stays dead after drill 3). At the end everything it started
# is stopped and the cluster dropped. Takes about 9 minutes. The figures are printed as a Markdown table and kept
# with the full logs in $DRILL_DIR (default /tmp/bdtx-drills).
#
# Settings (environment): DRILL_CLIENTS (50), DRILL_PG_PORT (5440), DRILL_REDIS_PORT (6390), DRILL_LB_PORT (18090),
# DRILL_NODE1 / DRILL_NODE2 (18091 / 18092), DRILL_PG_CLUSTER (drill), DRILL_KEEP=1 keeps the services running,
# DRILL_NEXT_UPSTREAM (nginx's proxy_next_upstream, default deploy/nginx.conf's "error timeout"),
# DRILL_SERVER_PARAMS (added to both upstream servers, e.g. "max_fails=0"; default none, as deployed).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
JAR="$ROOT/modules/app/target/bdtx.jar"
DIR="${DRILL_DIR:-/tmp/bdtx-drills}"
CLIENTS="${DRILL_CLIENTS:-50}"
PG_PORT="${DRILL_PG_PORT:-5440}"
REDIS_PORT="${DRILL_REDIS_PORT:-6390}"
LB_PORT="${DRILL_LB_PORT:-18090}"
NODE1="${DRILL_NODE1:-18091}"
NODE2="${DRILL_NODE2:-18092}"
CLUSTER="${DRILL_PG_CLUSTER:-drill}"
# deploy/nginx.conf's; "error timeout" shows what passing the app's own 503 through would change.
NEXT_UPSTREAM="${DRILL_NEXT_UPSTREAM:-error timeout}"
# Parameters of both upstream servers, e.g. "max_fails=0" (default none: max_fails=1 fail_timeout=10s, as deployed).
SERVER_PARAMS="${DRILL_SERVER_PARAMS:-}"
DB=bdtx_drill_load
PSQL="psql -h 127.0.0.1 -p $PG_PORT -U postgres -d $DB"
REDIS_START="redis-server --port $REDIS_PORT --bind 127.0.0.1 --daemonize yes --save '' --appendonly no --logfile $DIR/redis.log"

[[ -f "$JAR" ]] || { echo "Build first: ./mvnw -B -q -pl modules/app -am package -DskipTests" >&2; exit 1; }
for p in "$PG_PORT" "$REDIS_PORT" "$LB_PORT" "$NODE1" "$NODE2"; do
  if ss -ltn | grep -q "127.0.0.1:$p \|\*:$p \|:::$p "; then echo "Port $p is in use: set DRILL_* (see the header)" >&2; exit 1; fi
done
if [[ "$PG_PORT" == 5432 || "$REDIS_PORT" == 6379 ]]; then echo "The drills break their own services, never 5432/6379" >&2; exit 1; fi
rm -rf "$DIR" && mkdir -p "$DIR/nginx/tmp"

cleanup() {
  set +e
  [[ "${DRILL_KEEP:-0}" == 1 ]] && return
  for n in 1 2; do [[ -f "$DIR/node$n.pid" ]] && kill "$(cat "$DIR/node$n.pid")" 2>/dev/null; done
  [[ -f "$DIR/nginx/nginx.pid" ]] && kill "$(cat "$DIR/nginx/nginx.pid")" 2>/dev/null
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1
  sleep 2
  pg_dropcluster --stop 15 "$CLUSTER" >/dev/null 2>&1
}
trap cleanup EXIT

echo "== services: PostgreSQL cluster $CLUSTER on $PG_PORT, Redis on $REDIS_PORT"
pg_createcluster 15 "$CLUSTER" --port "$PG_PORT" >/dev/null
sed -i -E 's/^(local\s+all\s+(postgres|all)\s+)\S+/\1trust/; s/^(host\s+all\s+all\s+127\.0\.0\.1\/32\s+)\S+/\1trust/' \
  "/etc/postgresql/15/$CLUSTER/pg_hba.conf"
echo "listen_addresses = '127.0.0.1'" >> "/etc/postgresql/15/$CLUSTER/postgresql.conf"
pg_ctlcluster 15 "$CLUSTER" start
bash -c "$REDIS_START"

start_node() { # n port
  (cd "$ROOT" && SERVER_PORT="$2" BDTX_DB_PORT="$PG_PORT" BDTX_DB_NAME="$DB" BDTX_REDIS_PORT="$REDIS_PORT" \
    BDTX_STORAGE_EMBEDDED_DATA_DIR="$DIR/objects-$1" BDTX_PUBLIC_URL="http://127.0.0.1:$LB_PORT" \
    nohup java -Xmx384m -jar "$JAR" > "$DIR/node$1.log" 2>&1 & echo $! > "$DIR/node$1.pid")
}
wait_node() { # n port
  for _ in $(seq 1 240); do
    if curl -s -o /dev/null -m 2 "http://127.0.0.1:$2/login"; then
      # The JVM's own pid, the one listening (what kill -9 hits in drill 3).
      ss -ltnpH "sport = :$2" | sed -E 's/.*pid=([0-9]+).*/\1/' | head -1 > "$DIR/node$1.pid"
      return 0
    fi
    sleep 1
  done
  echo "node $1 did not start, see $DIR/node$1.log" >&2; exit 1
}
echo "== app: node 1 on $NODE1 (creates and migrates the database), then node 2 on $NODE2; nginx on $LB_PORT"
start_node 1 "$NODE1"; wait_node 1 "$NODE1"
start_node 2 "$NODE2"; wait_node 2 "$NODE2"
sed "s/@LB_PORT@/$LB_PORT/; s/@NODE1@/$NODE1/; s/@NODE2@/$NODE2/; s/@NEXT_UPSTREAM@/$NEXT_UPSTREAM/; s/@SERVER_PARAMS@/$SERVER_PARAMS/" "$HERE/nginx.conf" \
  > "$DIR/nginx/nginx.conf"
nginx -p "$DIR/nginx" -c nginx.conf

echo "== seed: $CLIENTS learners and the drill quiz"
$PSQL -X -q -v ON_ERROR_STOP=1 -v N="$CLIENTS" -v content="$(cat "$HERE/content.json")" -f "$HERE/seed.sql"
COHORT="$($PSQL -X -At -c "SELECT id FROM cohort WHERE name = 'Lớp diễn tập sự cố'")"

drill() { # name, then Drill.java's options
  local name="$1"; shift
  echo "== drill $name"
  java "$HERE/Drill.java" --base "http://127.0.0.1:$LB_PORT" --cohort "$COHORT" --clients "$CLIENTS" --name "$name" \
    --psql "$PSQL" "$@" 2>&1 | tee "$DIR/$name.log" | grep -v '^RESULT|'
  grep '^RESULT|' "$DIR/$name.log" >> "$DIR/results.txt"
}
# A first round without a fault warms both JVMs and shows what "normal" is.
drill "no fault (baseline)" --warmup 60 --after 20 --fault "true"
drill "PostgreSQL restart" --warmup 30 --after 30 --fault "pg_ctlcluster 15 $CLUSTER restart"
drill "PostgreSQL stopped 30 s" --warmup 30 --after 30 --down 30 \
  --fault "pg_ctlcluster 15 $CLUSTER stop" --restore "pg_ctlcluster 15 $CLUSTER start"
drill "Redis stopped 60 s" --warmup 30 --after 30 --down 60 \
  --fault "redis-cli -p $REDIS_PORT shutdown nosave" --restore "$REDIS_START"
drill "node killed (kill -9)" --warmup 30 --after 30 --fault "kill -9 \$(cat $DIR/node1.pid)"

CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo
echo "Machine: $(nproc) cores ($CPU), $(free -g | awk '/Mem:/ {print $2}') GB, shared; $(java -version 2>&1 | head -1);"
echo "two nodes -Xmx384m behind nginx $(nginx -v 2>&1 | sed 's/.*\///'), PostgreSQL $(pg_config --version 2>/dev/null | awk '{print $2}'), Redis $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/'); commit $(git -C "$ROOT" rev-parse --short HEAD), $(date -u +%F)."
echo
echo "nginx: proxy_next_upstream $NEXT_UPSTREAM; upstream servers: ${SERVER_PARAMS:-max_fails=1 fail_timeout=10s (the defaults)}."
echo
echo "| $CLIENTS learners, 1 save/s each | requests | failed | longest failed | service back after | recovered after that | replies > 2 s after that (last) | answers confirmed | last answers in the DB | submits = graded | load average at the fault |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
while IFS='|' read -r _ name clients req acked failed failedSaves maxFail maxReply back recover outage checked exact lost unsent opened submitted graded resent slowAfter lastSlow loadFault loadEnd; do
  echo "| $name | $req | **$failed** ($failedSaves saves) | $maxFail ms | $back s | **$recover s** | $slowAfter ($lastSlow s) | $acked | **$exact of $checked** ($lost lost, $unsent unsent) | $submitted = $graded | $loadFault |"
done < "$DIR/results.txt"
echo
echo "What the failed requests got, per drill (status, or the client's exception), and requests sent again after a"
echo "kept-alive connection was closed before any reply (a browser does the same; not counted as failed):"
while IFS='|' read -r _ name rest; do
  echo "- $name: $(grep -E '^\[.*\] +[0-9]+ × ' "$DIR/$name.log" | sed -E 's/^\[[^]]*\] +//' | paste -sd ';' | sed 's/;/; /g')" \
    "(sent again: $(cut -d'|' -f18 <<< "$rest"))"
done < "$DIR/results.txt"
