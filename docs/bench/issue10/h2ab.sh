#!/bin/bash
# Run from the repository root after `mvn -q -B -DskipTests package`; OLD_JAR is scheduler-node.jar
# built from commit 8f31c5a (before issue 10), NEW_JAR the one built from this commit.
NEW_JAR=${NEW_JAR:-cluster-node/target/scheduler-node.jar}
: "${OLD_JAR:?set OLD_JAR to the node jar built from 8f31c5a}"
# One node on the embedded H2 default: the commit before WRITE_DELAY=0 against this one, alternating.
H="java -jar src-test-harness/target/harness.jar"
TOKEN=h2-bench-admin-token
one() {
  local label=$1 jar=$2 rate=$3
  rm -rf reports/issue10/h2/$label-$rate; mkdir -p reports/issue10/h2/$label-$rate
  SCHEDULER_DATA_DIR=reports/issue10/h2/$label-$rate/data SCHEDULER_HTTP_PORT=8090 SCHEDULER_REMOTE_PORT=25590 \
    SCHEDULER_ADMIN_TOKEN=$TOKEN java -Xmx512m -jar $jar > reports/issue10/h2/$label-$rate/node.log 2>&1 &
  local pid=$!
  for i in $(seq 1 200); do curl -sf localhost:8090/health/ready >/dev/null && break; sleep 0.3; done
  $H run --scenario spread --hosts 100 --nodes http://127.0.0.1:8090 --admin-token $TOKEN --rate $rate \
    --duration 20s --warmup 10s --quiet --out reports/issue10/h2/$label-$rate/report > reports/issue10/h2/$label-$rate/run.log 2>&1
  kill $pid; wait $pid 2>/dev/null
  echo "$label $rate: $(grep -m1 -i 'booking' reports/issue10/h2/$label-$rate/report/summary.md)"
}
for rate in 300 600; do
  one old $OLD_JAR $rate
  one new $NEW_JAR $rate
  one old2 $OLD_JAR $rate
  one new2 $NEW_JAR $rate
done
