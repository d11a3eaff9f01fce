#!/bin/sh
# Starts BDTX with the JVM settings of deploy/jvm.options (the Docker image runs this script too), so that the
# heap, direct-memory and GC settings are the same everywhere. Configuration is by environment variables
# (README, Configuration); JAVA_OPTS adds or overrides JVM options; further arguments go to the application.
#   From the repository:  BDTX_DB_NAME=bdtx scripts/run.sh
#   In the image:         /app/run.sh (its ENTRYPOINT), with /app/jvm.options and /app/bdtx.jar beside it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ -f "$here/jvm.options" ]; then options="$here/jvm.options"; else options="$here/../deploy/jvm.options"; fi
jar=${BDTX_JAR:-}
if [ -z "$jar" ]; then
  if [ -f "$here/bdtx.jar" ]; then jar="$here/bdtx.jar"; else jar="$here/../modules/app/target/bdtx.jar"; fi
fi
# glibc gives each thread that allocates its own 64 MB malloc arena; two are enough for a JVM, whose objects live
# in its heap (less resident memory, no measurable cost).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java @"$options" ${JAVA_OPTS:-} -jar "$jar" "$@"
