#!/usr/bin/env bash
# Benchmark A through the load balancer (issue 19 item 6): two app nodes behind Debian's nginx running
# deploy/nginx.conf (HTTPS, keepalive, passive health), sharing PostgreSQL, Redis and one external S3 store.
#
#   ./mvnw -B -q -pl modules/app -am package -DskipTests
#   bash modules/loadtest/two-nodes.sh                  # TWO_SECONDS=90 TWO_USERS=10 by default
#   TWO_SECONDS=60 TWO_USERS=10 bash modules/loadtest/two-nodes.sh
#
# Everything it starts is its own and on 127.0.0.1, and stopped at the end:
#   - the external S3 store: S3Proxy 4 started on its own from the app's jar (its own main class, org.gaul.s3proxy.Main,
#     through Spring Boot's PropertiesLauncher: no download), on disk under $TWO_DIR/objects, with an access key and
#     secret; both nodes reach it over HTTP as they would MinIO;
#   - two app nodes (bdtx.jar, -Xmx512m as the single-node benchmark, TWO_HEAP; Redis timeouts of 10 s instead of 2 s
#     so that a start on a busy machine is not refused) on TWO_NODE1 / TWO_NODE2, on the PostgreSQL
#     of 127.0.0.1:5432 with a database of their own, TWO_DB (default bdtx_twonode_load; its name must contain
#     "load"), and the Redis of 127.0.0.1:6379 under a namespace of their own (bdtx-twonode-load);
#   - nginx with deploy/nginx.conf as shipped, but for the addresses (both nodes as upstream servers with the file's
#     health parameters, a self-signed certificate, free ports), on TWO_LB_PORT (HTTPS).
# Gatling (QuizJourneySimulation) then warms the nodes up (2 users for TWO_WARMUP s, default 30; 0 skips it) and
# runs benchmark A against https://127.0.0.1:$TWO_LB_PORT (TWO_USERS users for TWO_SECONDS s); afterwards the
# script prints how the requests were spread over the nodes (nginx's access log) and the CPU each process used
# (from /proc): node 1, node 2, nginx, S3Proxy, and the simulation's own line (app + PostgreSQL + Redis).
# On a machine of 2 cores both nodes, nginx, PostgreSQL, Redis and Gatling share the same two cores: the run shows
# that the balancing works and what each part costs, not what two machines would do.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
JAR="$ROOT/modules/app/target/bdtx.jar"
DIR="${TWO_DIR:-/tmp/bdtx-two-nodes}"
USERS="${TWO_USERS:-10}"
SECONDS_RUN="${TWO_SECONDS:-90}"
LB_PORT="${TWO_LB_PORT:-18190}"
NODE1="${TWO_NODE1:-18191}"
NODE2="${TWO_NODE2:-18192}"
S3_PORT="${TWO_S3_PORT:-18193}"
DB="${TWO_DB:-bdtx_twonode_load}"
NAMESPACE="${TWO_REDIS_NAMESPACE:-bdtx-twonode-load}"
HEAP="${TWO_HEAP:--Xmx512m}"
WARMUP="${TWO_WARMUP:-30}"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

[[ -f "$JAR" ]] || { echo "Build first: ./mvnw -B -q -pl modules/app -am package -DskipTests" >&2; exit 1; }
[[ -x "$NGINX" ]] || { echo "Debian's nginx is needed: apt-get install nginx-light" >&2; exit 1; }
[[ "$DB" == *load* ]] || { echo "TWO_DB must contain 'load' (it is seeded with load accounts)" >&2; exit 1; }
for p in "$LB_PORT" "$NODE1" "$NODE2" "$S3_PORT"; do
  if ss -ltnH "sport = :$p" | grep -q .; then echo "Port $p is in use: set TWO_* (see the header)" >&2; exit 1; fi
done
rm -rf "$DIR" && mkdir -p "$DIR/nginx/tmp" "$DIR/objects"

cleanup() {
  set +e
  for f in node1 node2 s3proxy; do [[ -f "$DIR/$f.pid" ]] && kill "$(cat "$DIR/$f.pid")" 2>/dev/null; done
  [[ -f "$DIR/nginx/nginx.pid" ]] && kill "$(cat "$DIR/nginx/nginx.pid")" 2>/dev/null
  sleep 1
}
trap cleanup EXIT

KEY=bdtx-twonode
SECRET="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
cat > "$DIR/s3proxy.conf" <<EOF
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$KEY
s3proxy.credential=$SECRET
s3proxy.ignore-unknown-headers=true
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$DIR/objects
EOF
echo "== S3Proxy on $S3_PORT (external store, shared by both nodes)"
(nohup java -Xmx256m -cp "$JAR" -Dloader.main=org.gaul.s3proxy.Main org.springframework.boot.loader.launch.PropertiesLauncher \
  --properties "$DIR/s3proxy.conf" > "$DIR/s3proxy.log" 2>&1 & echo $! > "$DIR/s3proxy.pid")
for _ in $(seq 1 120); do curl -s -o /dev/null -m 2 "http://127.0.0.1:$S3_PORT/" && break; sleep 1; done
curl -s -o /dev/null -m 2 "http://127.0.0.1:$S3_PORT/" || { echo "S3Proxy did not start: $DIR/s3proxy.log" >&2; exit 1; }

start_node() { # n port
  (cd "$ROOT" && SERVER_PORT="$2" BDTX_DB_NAME="$DB" BDTX_REDIS_NAMESPACE="$NAMESPACE" \
    BDTX_STORAGE_ENDPOINT="http://127.0.0.1:$S3_PORT" BDTX_STORAGE_ACCESS_KEY="$KEY" BDTX_STORAGE_SECRET_KEY="$SECRET" \
    BDTX_PUBLIC_URL="https://127.0.0.1:$LB_PORT" SPRING_DATA_REDIS_CONNECT_TIMEOUT=10s SPRING_DATA_REDIS_TIMEOUT=10s \
    nohup java $HEAP -jar "$JAR" > "$DIR/node$1.log" 2>&1 & echo $! > "$DIR/node$1.pid")
}
wait_node() { # n port
  for _ in $(seq 1 300); do
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 "http://127.0.0.1:$2/actuator/health")" == 200 ]]; then
      # The JVM's own pid, the one listening (its CPU is what is measured), not the subshell's.
      ss -ltnpH "sport = :$2" | sed -E 's/.*pid=([0-9]+).*/\1/' | head -1 > "$DIR/node$1.pid"
      return
    fi
    kill -0 "$(cat "$DIR/node$1.pid")" 2>/dev/null || { echo "node $1 stopped: $DIR/node$1.log" >&2; exit 1; }
    sleep 1
  done
  echo "node $1 did not start: $DIR/node$1.log" >&2; exit 1
}
# One after the other: the first migrates the database and loads the content, the second finds it done.
echo "== node 1 on $NODE1, node 2 on $NODE2 (database $DB, Redis namespace $NAMESPACE)"
start_node 1 "$NODE1"; wait_node 1 "$NODE1"
start_node 2 "$NODE2"; wait_node 2 "$NODE2"

echo "== nginx on $LB_PORT (deploy/nginx.conf)"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -addext "subjectAltName=IP:127.0.0.1" \
  -keyout "$DIR/nginx/privkey.pem" -out "$DIR/nginx/fullchain.pem" 2>/dev/null
python3 - "$ROOT/deploy/nginx.conf" "$DIR/nginx" "$NODE1" "$NODE2" "$LB_PORT" "$S3_PORT" <<'EOF'
import re, socket, sys
src, d, n1, n2, lb, s3 = sys.argv[1:]
def free():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p
conf = open(src).read()
m = re.search(r"server app:8080 resolve([^;]*);", conf)
assert m, "deploy/nginx.conf's upstream server line"
servers = "server 127.0.0.1:%s%s;\n  server 127.0.0.1:%s%s;" % (n1, m.group(1), n2, m.group(1))
conf = re.sub(r"server app:8080 resolve([^;]*);", lambda _: servers, conf)  # every upstream: round robin and the lines
conf = (conf.replace("/etc/nginx/tls/", d + "/")
        .replace("resolver 127.0.0.11 valid=10s ipv6=off;", "")
        .replace("listen 80;", "listen 127.0.0.1:%d;" % free())
        .replace("listen 443 ssl;", "listen 127.0.0.1:%s ssl;" % lb)
        .replace("listen 9443 ssl;", "listen 127.0.0.1:%d ssl;" % free())
        .replace("proxy_pass http://minio:9000;", "proxy_pass http://127.0.0.1:%s;" % s3))
open(d + "/default.conf", "w").write(conf)
user = "user root;\n" if __import__("os").geteuid() == 0 else ""
open(d + "/nginx.conf", "w").write(user + """pid %(d)s/nginx.pid;
error_log %(d)s/error.log warn;
events { worker_connections 1024; }
http {
  log_format node '$request_method $status $upstream_addr $upstream_response_time';
  access_log %(d)s/access.log node buffer=64k flush=1s;
  client_body_temp_path %(d)s/tmp; proxy_temp_path %(d)s/tmp; fastcgi_temp_path %(d)s/tmp;
  uwsgi_temp_path %(d)s/tmp; scgi_temp_path %(d)s/tmp;
  include %(d)s/default.conf;
}
""" % {"d": d})
EOF
"$NGINX" -t -q -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf"
"$NGINX" -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf"
for _ in $(seq 1 20); do [[ -s "$DIR/nginx/nginx.pid" ]] && break; sleep 0.5; done

# CPU time (utime + stime, clock ticks) of a process and its threads; of nginx: master and workers.
ticks() { awk '{ s = $0; sub(/.*\) /, "", s); split(s, f, " "); print f[12] + f[13] }' "/proc/$1/stat" 2>/dev/null || echo 0; }
nginx_pids() { local m; m="$(cat "$DIR/nginx/nginx.pid")"; echo "$m" $(pgrep -P "$m"); }
snapshot() {
  echo "node1 $(ticks "$(cat "$DIR/node1.pid")")"
  echo "node2 $(ticks "$(cat "$DIR/node2.pid")")"
  local n=0; for p in $(nginx_pids); do n=$((n + $(ticks "$p"))); done; echo "nginx $n"
  echo "s3proxy $(ticks "$(cat "$DIR/s3proxy.pid")")"
}
journeys() { # users seconds log
  (cd "$ROOT" && ./mvnw -B -q -Pload -pl modules/loadtest gatling:test -Dgatling.simulationClass=vn.bdtx.loadtest.QuizJourneySimulation \
    -Dbdtx.baseUrl="https://127.0.0.1:$LB_PORT" -Dbdtx.jdbcUrl="jdbc:postgresql://127.0.0.1:5432/$DB" \
    -Dbdtx.users="$1" -Dbdtx.seconds="$2") > "$3" 2>&1
}
if [[ "$WARMUP" -gt 0 ]]; then
  # Fresh JVMs compile as they go: the first journeys cost many times a warm one. Not counted below.
  echo "== warm-up through nginx: 2 users, $WARMUP s"
  journeys 2 "$WARMUP" "$DIR/warmup.log" || { echo "the warm-up failed: $DIR/warmup.log" >&2; exit 1; }
fi
: > "$DIR/nginx/access.log"; kill -USR1 "$(cat "$DIR/nginx/nginx.pid")"
snapshot > "$DIR/cpu.before"
START=$(date +%s.%N)
echo "== benchmark A through nginx: $USERS users, $SECONDS_RUN s"
set +e
journeys "$USERS" "$SECONDS_RUN" "$DIR/gatling.log"
RC=$?
set -e
grep -E "BDTX benchmark|Global: |> (request count|mean requests/sec|response time 95th|failed)" "$DIR/gatling.log" || true
END=$(date +%s.%N)
snapshot > "$DIR/cpu.after"
sleep 1.5  # the access log's last buffer

echo
echo "== requests by node (nginx access log; 'a, b' = retried on b)"
awk '{ print $3 }' "$DIR/nginx/access.log" | sort | uniq -c | sed "s/127.0.0.1:$NODE1/node 1/; s/127.0.0.1:$NODE2/node 2/"
echo "== statuses"; awk '{ print $2 }' "$DIR/nginx/access.log" | sort | uniq -c
# Shares are of the run's length (the nodes, nginx and the store work only while Gatling sends), not of the wall
# time of the Maven call, which includes compiling and seeding.
echo "== CPU over the run (seconds; share of one core over the ${SECONDS_RUN} s of load; wall $(awk -v a="$START" -v b="$END" 'BEGIN { printf "%.0f", b - a }') s with Maven and seeding)"
HZ=$(getconf CLK_TCK)
join "$DIR/cpu.before" "$DIR/cpu.after" | while read -r name a b; do
  awk -v n="$name" -v a="$a" -v b="$b" -v hz="$HZ" -v s="$SECONDS_RUN" \
    'BEGIN { printf "%-8s %7.1f s  %5.1f%% of a core\n", n, (b - a) / hz, 100 * (b - a) / hz / s }'
done
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc)"
echo "Logs: $DIR (node1.log, node2.log, s3proxy.log, nginx/, gatling.log)"
exit "$RC"
