#!/usr/bin/env bash
# Where the server's CPU goes in benchmark A (QuizJourneySimulation), per journey: by thread of the app (from
# /proc/<pid>/task/*/stat), the app's PostgreSQL backends, Redis and Gatling itself; within the request threads,
# by library from a JFR recording (profile/JfrSplit.java); and the SQL statements the app sends per journey.
# Issue 19. Figures are CPU time divided by journeys, so they hold on a machine other people are using too
# (throughput does not: it is also printed, with the load average).
#
#   ./mvnw -B -q -DskipTests package -pl modules/app -am
#   redis-server --port 6394 --save '' --appendonly no &          # its own Redis: its CPU is then the app's alone
#   BDTX_DB_NAME=bdtx_load_journey SERVER_PORT=8094 BDTX_REDIS_PORT=6394 BDTX_REDIS_NAMESPACE=loadjourney \
#     java -Xmx512m -jar modules/app/target/bdtx.jar &
#   bash modules/loadtest/profile-journey.sh                       # as root, or a member of adm (PostgreSQL's log)
#
# Two Gatling runs at JOURNEY_USERS users: first the SQL count (the load database is set to log_statement=all,
# the app's idle connections are closed so that new ones log, JOURNEY_SQL_SECONDS are counted, and the setting is
# reset and the connections closed again once the app is idle); then the CPU run: after JOURNEY_WARMUP journeys
# (the JIT compiles meanwhile), JOURNEY_SECONDS are measured, with a JFR recording (profile settings, 10 ms
# sampling) started through jcmd. The per-journey figures count the journeys whose attempt was graded in the
# window. Gatling is stopped after each window (so its own end-of-run check does not run: the simulation alone,
# as in the README, makes that check).
#
# Settings (environment): JOURNEY_PORT (8094), JOURNEY_DB (bdtx_load_journey), JOURNEY_REDIS_PORT (6394),
# JOURNEY_USERS (10), JOURNEY_WARMUP (300 journeys), JOURNEY_SECONDS (60), JOURNEY_SQL_SECONDS (30; 0 skips the SQL count),
# JOURNEY_JFR (1; 0 skips the recording), JOURNEY_PG_LOG (/var/log/postgresql/postgresql-15-main.log),
# JOURNEY_DIR (/tmp/bdtx-journey-<time>: logs, the recording and report.md).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PORT="${JOURNEY_PORT:-8094}"
DB="${JOURNEY_DB:-bdtx_load_journey}"
REDIS_PORT="${JOURNEY_REDIS_PORT:-6394}"
USERS="${JOURNEY_USERS:-10}"
WARMUP="${JOURNEY_WARMUP:-300}"
WINDOW="${JOURNEY_SECONDS:-60}"
SQL_WINDOW="${JOURNEY_SQL_SECONDS:-30}"
JFR="${JOURNEY_JFR:-1}"
PG_LOG="${JOURNEY_PG_LOG:-/var/log/postgresql/postgresql-15-main.log}"
OUT="${JOURNEY_DIR:-/tmp/bdtx-journey-$(date -u +%Y%m%d-%H%M%S)}"
REQUESTS=19
mkdir -p "$OUT"
case "$DB" in *load*) ;; *) echo "Refusing $DB: a load database's name contains 'load'" >&2; exit 2 ;; esac

psql_db() { psql -h 127.0.0.1 -U postgres -d "$DB" -Atq -c "$1"; }
listener() { ss -ltnpH "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
finished() { psql_db "SELECT count(*) FROM quiz_attempt WHERE state = 'FINISHED' AND score IS NOT NULL"; }

APP="$(listener "$PORT")"
[ -n "$APP" ] || { echo "No app listening on $PORT" >&2; exit 2; }
REDIS="$(listener "$REDIS_PORT" || true)"
echo "app pid $APP on :$PORT, database $DB, Redis pid ${REDIS:-none} on :$REDIS_PORT; output in $OUT"

# utime and stime (clock ticks) of one process or thread: "<utime> <stime>".
ticks() { local s; s="$(cat "$1" 2>/dev/null)" || { echo "0 0"; return; }; s="${s##*) }"; set -- $s; echo "${12} ${13}"; }

# One line per app thread, PostgreSQL backend of the app, Redis, and Gatling's processes:
# "<kind>\t<id>\t<name>\t<utime>\t<stime>" (clock ticks).
snapshot() {
  local t pid
  for t in /proc/"$APP"/task/*; do
    printf 'thread\t%s\t%s\t%s\n' "${t##*/}" "$(cat "$t/comm" 2>/dev/null || echo gone)" "$(ticks "$t/stat" | tr ' ' '\t')"
  done
  printf 'app\t%s\ttotal\t%s\n' "$APP" "$(ticks /proc/"$APP"/stat | tr ' ' '\t')"
  for pid in $(psql_db "SELECT pid FROM pg_stat_activity WHERE datname = '$DB' AND application_name = 'r2dbc-postgresql'"); do
    printf 'pg\t%s\tbackend\t%s\n' "$pid" "$(ticks /proc/"$pid"/stat | tr ' ' '\t')"
  done
  if [ -n "$REDIS" ]; then printf 'redis\t%s\tredis\t%s\n' "$REDIS" "$(ticks /proc/"$REDIS"/stat | tr ' ' '\t')"; fi
  for pid in $(descendants "${GATLING:-0}"); do
    printf 'gatling\t%s\tgatling\t%s\n' "$pid" "$(ticks /proc/"$pid"/stat | tr ' ' '\t')"
  done
}
descendants() { local p; [ "$1" = 0 ] && return; echo "$1"; for p in $(pgrep -P "$1" || true); do descendants "$p"; done; }

start_gatling() { # $1 seconds, $2 log
  (cd "$ROOT" && exec ./mvnw -B -q -Pload -pl modules/loadtest gatling:test \
      -Dgatling.simulationClass=vn.bdtx.loadtest.QuizJourneySimulation -Dbdtx.users="$USERS" -Dbdtx.seconds="$1" \
      -Dbdtx.baseUrl="http://127.0.0.1:$PORT" -Dbdtx.jdbcUrl="jdbc:postgresql://127.0.0.1:5432/$DB") > "$2" 2>&1 &
  GATLING=$!
}
wait_for_journeys() { # until $1 journeys of this run are graded (after the seeding and Gatling's start)
  local before; before="$(finished)"
  until [ "$(finished)" -ge $((before + $1)) ]; do
    kill -0 "$GATLING" 2>/dev/null || { echo "Gatling ended before any journey: see its log" >&2; exit 1; }
    sleep 1
  done
}
stop_gatling() { # the processes this script started, deepest first
  local p
  for p in $(descendants "$GATLING" | tac); do kill "$p" 2>/dev/null || true; done
  wait "$GATLING" 2>/dev/null || true
}

close_app_connections() {
  psql -h 127.0.0.1 -U postgres -d postgres -Atq -c \
    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '$DB' AND application_name = 'r2dbc-postgresql'" >/dev/null
}
reset_logging() {
  psql -h 127.0.0.1 -U postgres -d postgres -Atq -c "ALTER DATABASE $DB RESET log_statement" >/dev/null || true
}

report="$OUT/report.md"
: > "$report"

# ---- 1. SQL statements per journey ----
if [ "$SQL_WINDOW" -gt 0 ]; then
  trap 'reset_logging; close_app_connections' EXIT
  psql -h 127.0.0.1 -U postgres -d postgres -Atq -c "ALTER DATABASE $DB SET log_statement = 'all'"
  close_app_connections
  sleep 2
  start_gatling 3600 "$OUT/gatling-sql.log"
  wait_for_journeys 30
  pids_before="$(psql_db "SELECT pid FROM pg_stat_activity WHERE datname = '$DB' AND application_name = 'r2dbc-postgresql'")"
  offset0="$(stat -c %s "$PG_LOG")"; done0="$(finished)"
  sleep "$SQL_WINDOW"
  offset1="$(stat -c %s "$PG_LOG")"; done1="$(finished)"
  pids_after="$(psql_db "SELECT pid FROM pg_stat_activity WHERE datname = '$DB' AND application_name = 'r2dbc-postgresql'")"
  stop_gatling
  sleep 2
  reset_logging
  close_app_connections
  trap - EXIT
  # (head stops reading at the window's end: tail's broken pipe is expected)
  { tail -c +"$((offset0 + 1))" "$PG_LOG" || true; } | head -c "$((offset1 - offset0))" > "$OUT/postgres-window.log"
  journeys=$((done1 - done0))
  {
    echo "## SQL statements per journey ($journeys journeys in ${SQL_WINDOW} s, $USERS users)"
    echo
    printf '%s\n%s\n' "$pids_before" "$pids_after" | sort -u > "$OUT/app-backends.txt"
    awk -v db="$DB" -v j="$journeys" -v r="$REQUESTS" '
      FNR == NR { if ($1 != "") app["[" $1 "]"] = 1; next }
      /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] / {
        cur = 0
        if (($4 in app) && $5 == "postgres@" db && $6 == "LOG:" && ($7 == "execute" || $7 == "statement:")) {
          sql = $0; sub(/^.* LOG:  (execute [^:]*|statement): /, "", sql); stmts[++n] = sql; cur = 1
        }
        next
      }
      cur { stmts[n] = stmts[n] " " $0 }
      END {
        printf "%d statements from the app, **%.1f per journey** (%.2f per request)\n\n", n, n / j, n / j / r
        print "| per journey | statement (first 120 characters) |\n|---|---|"
        for (i = 1; i <= n; i++) { s = stmts[i]; gsub(/[ \t]+/, " ", s); count[substr(s, 1, 120)]++ }
        PROCINFO["sorted_in"] = "@val_num_desc"
        for (s in count) { t = s; gsub(/\|/, "\\|", t); printf "| %.2f | %s |\n", count[s] / j, t }
      }' "$OUT/app-backends.txt" "$OUT/postgres-window.log"
    echo
  } >> "$report"
  cat "$report"
  sleep 3
fi

# ---- 2. CPU per journey ----
start_gatling 3600 "$OUT/gatling-cpu.log"
wait_for_journeys "$WARMUP"
load0="$(cut -d' ' -f1 /proc/loadavg)"
snapshot > "$OUT/cpu-before.tsv"; done0="$(finished)"; t0="$(date +%s.%N)"
if [ "$JFR" = 1 ]; then
  jcmd "$APP" JFR.start name=journey settings=profile duration="${WINDOW}s" filename="$OUT/journey.jfr" > "$OUT/jfr-start.log"
fi
sleep "$WINDOW"
snapshot > "$OUT/cpu-after.tsv"; done1="$(finished)"; t1="$(date +%s.%N)"
load1="$(cut -d' ' -f1 /proc/loadavg)"
stop_gatling
journeys=$((done1 - done0))
elapsed="$(echo "$t1 - $t0" | bc)"

USERS="$USERS" awk -F'\t' -v j="$journeys" -v r="$REQUESTS" -v secs="$elapsed" -v la0="$load0" -v la1="$load1" \
    -v out="$OUT/request-user-ms" '
  function group(kind, name) {
    if (kind == "pg") return "PostgreSQL (the app'"'"'s backends)"
    if (kind == "redis") return "Redis"
    if (kind == "gatling") return "Gatling and its Maven (the client)"
    if (kind == "app") return "app total"
    if (name ~ /^reactor-http/) return "app: HTTP event loops (reactor-http)"
    if (name ~ /^reactor-tcp/) return "app: R2DBC event loops (reactor-tcp)"
    if (name ~ /^lettuce/) return "app: Lettuce threads"
    if (name ~ /^(boundedElastic|parallel|single)/) return "app: Reactor schedulers"
    if (name ~ /^job-/) return "app: jobs"
    if (name ~ /^(GC Thread|G1 )/) return "app: GC"
    if (name ~ /^(C1 |C2 )/) return "app: JIT compilers"
    if (name ~ /^JFR/) return "app: JFR"
    return "app: other JVM threads"
  }
  FNR == NR { bu[$1 SUBSEP $2] = $4; bs[$1 SUBSEP $2] = $5; next }
  {
    k = $1 SUBSEP $2
    du = $4 - ((k in bu) ? bu[k] : 0); ds = $5 - ((k in bs) ? bs[k] : 0)
    g = group($1, $3); u[g] += du; s[g] += ds
    if ($1 == "thread") { tu += du; ts += ds }
    if (g ~ /HTTP/) gu["http"] += du; else if (g ~ /R2DBC/) gu["r2dbc"] += du
    else if (g ~ /Lettuce/) gu["lettuce"] += du; else if (g ~ /schedulers/) gu["schedulers"] += du
    if ($1 == "pg" || $1 == "redis") { server_u += du; server_s += ds }
  }
  END {
    g = "app: process total minus its threads (ended threads, rounding)"; u[g] = u["app total"] - tu; s[g] = s["app total"] - ts
    server_u += u["app total"]; server_s += s["app total"]
    printf "## CPU per journey (%d journeys in %.0f s = %.2f/s at %s users; load average %s, then %s)\n\n", j, secs, j / secs, ENVIRON["USERS"], la0, la1
    printf "| component | user ms/journey | kernel ms/journey | total ms/journey | ms/request (/%d) |\n|---|---|---|---|---|\n", r
    n = 0
    for (g in u) if (g != "app total" && g !~ /^Gatling/) names[++n] = g
    asort(names)
    for (i = 1; i <= n; i++) { g = names[i]; t = (u[g] + s[g]) * 10 / j
      printf "| %s | %.1f | %.1f | %.1f | %.2f |\n", g, u[g] * 10 / j, s[g] * 10 / j, t, t / r }
    t = (server_u + server_s) * 10 / j
    printf "| **server (app + PostgreSQL + Redis)** | %.1f | %.1f | **%.1f** | **%.2f** |\n", server_u * 10 / j, server_s * 10 / j, t, t / r
    g = "Gatling and its Maven (the client)"
    printf "| %s | %.1f | %.1f | %.1f | %.2f |\n", g, u[g] * 10 / j, s[g] * 10 / j, (u[g] + s[g]) * 10 / j, (u[g] + s[g]) * 10 / j / r
    printf "http=%.3f r2dbc=%.3f lettuce=%.3f schedulers=%.3f\n", gu["http"] * 10 / j, gu["r2dbc"] * 10 / j,
      gu["lettuce"] * 10 / j, gu["schedulers"] * 10 / j > out
    print ""
  }' "$OUT/cpu-before.tsv" "$OUT/cpu-after.tsv" >> "$report"

if [ "$JFR" = 1 ]; then
  for _ in $(seq 1 30); do [ -s "$OUT/journey.jfr" ] && break; sleep 1; done
  sleep 2
  {
    echo "## Request threads (HTTP, R2DBC, Lettuce, schedulers) by library, JFR"
    echo
    # shellcheck disable=SC2046 # one argument per thread group
    java "$HERE/profile/JfrSplit.java" "$OUT/journey.jfr" $(cat "$OUT/request-user-ms")
  } >> "$report"
fi
cat "$report"
