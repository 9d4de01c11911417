#!/usr/bin/env bash
# Measures slot listings of 60 days with five connected calendars against none, on one fresh node
# (embedded database, in a temporary directory). Prints medians, p90, p99 and their ratio.
#   deploy/bench-slots.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-300}
PORT=${BENCH_PORT:-18080}
mvn -q -B -DskipTests install
DATA=$(mktemp -d)
trap 'kill "$NODE" 2>/dev/null || true; rm -rf "$DATA"' EXIT
SCHEDULER_DATA_DIR="$DATA" SCHEDULER_HTTP_PORT=$PORT SCHEDULER_REMOTE_PORT=0 SCHEDULER_ADMIN_TOKEN=bench-admin \
  java -jar cluster-node/target/scheduler-node.jar > "$DATA/node.log" 2>&1 &
NODE=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.5; done
mvn -q -B -pl src-test-harness dependency:build-classpath -Dmdep.outputFile="$DATA/cp.txt" >/dev/null
java -cp "src-test-harness/target/classes:$(cat "$DATA/cp.txt")" dev.scheduler.harness.bench.SlotListingBenchmark \
  "http://127.0.0.1:$PORT" bench-admin "$ROUNDS"
