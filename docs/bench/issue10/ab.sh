#!/bin/bash
# Run from the repository root after `mvn -q -B -DskipTests package`; OLD_JAR is scheduler-node.jar
# built from commit 8f31c5a (before issue 10), NEW_JAR the one built from this commit.
NEW_JAR=${NEW_JAR:-cluster-node/target/scheduler-node.jar}
: "${OLD_JAR:?set OLD_JAR to the node jar built from 8f31c5a}"
# A/B: the same harness against the cluster built from two commits, one after the other.
H="java -jar src-test-harness/target/harness.jar"
mkdir -p reports/issue10
run() {
  local label=$1 jar=$2
  deploy/local-cluster.sh stop >/dev/null 2>&1
  LOCAL_CLUSTER_JAR=$jar LOCAL_CLUSTER_JAVA_OPTS="-Xmx512m" deploy/local-cluster.sh start > reports/issue10/start-$label.log 2>&1
  ARGS="--nodes http://127.0.0.1:8081,http://127.0.0.1:8082,http://127.0.0.1:8083 --admin-token $(cat deploy/.local-cluster/admin-token) --db-url jdbc:postgresql://127.0.0.1:55432/postgres --duration 15s --warmup 15s --quiet"
  $H compare --scenario spread --hosts 300 --rate 500,1000 --strategies for-update $ARGS --out reports/issue10/ab-$label > reports/issue10/ab-$label.log 2>&1
  echo "$label exit $?"
}
run old $OLD_JAR
run new $NEW_JAR
run old2 $OLD_JAR
deploy/local-cluster.sh stop >/dev/null 2>&1
