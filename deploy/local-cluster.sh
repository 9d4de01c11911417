#!/usr/bin/env bash
# Runs three scheduler nodes on loopback against one PostgreSQL.
#   deploy/local-cluster.sh start|stop|status
# Uses SCHEDULER_DB_URL/USER/PASSWORD when set; otherwise starts a private PostgreSQL from the
# installed binaries under deploy/.local-cluster/pg (as the postgres OS user when run as root).
# Nodes: HTTP 8081-8083, remoting 25521-25523. Logs and pids under deploy/.local-cluster/.
set -euo pipefail
cd "$(dirname "$0")/.."
STATE=deploy/.local-cluster
JAR=cluster-node/target/scheduler-node.jar
PG_PORT=${LOCAL_CLUSTER_PG_PORT:-55432}
mkdir -p "$STATE"

as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

secrets() {
  # Every node must accept the same tokens: one admin token and one secret key for the cluster.
  [ -f "$STATE/admin-token" ] || head -c 32 /dev/urandom | base64 | tr -d '=+/' > "$STATE/admin-token"
  [ -f "$STATE/secret-key" ] || head -c 32 /dev/urandom | base64 > "$STATE/secret-key"
  chmod 600 "$STATE/admin-token" "$STATE/secret-key"
}

start_postgres() {
  if [ -n "${SCHEDULER_DB_URL:-}" ]; then return; fi
  local bin; bin=$(pg_bin)
  [ -n "$bin" ] || { echo "No PostgreSQL installed (apt-get install postgresql) and SCHEDULER_DB_URL unset" >&2; exit 1; }
  if [ ! -d "$STATE/pg/data" ]; then
    mkdir -p "$STATE/pg"
    [ "$(id -u)" -eq 0 ] && chown -R postgres "$STATE/pg"
    as_postgres "$bin/initdb" -A trust -U postgres -D "$STATE/pg/data" >/dev/null
  fi
  if ! as_postgres "$bin/pg_ctl" -D "$STATE/pg/data" status >/dev/null 2>&1; then
    as_postgres "$bin/pg_ctl" -D "$STATE/pg/data" -l "$STATE/pg/server.log" -w \
      -o "-p $PG_PORT -k $(realpath "$STATE/pg") -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  fi
  export SCHEDULER_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" SCHEDULER_DB_USER=postgres SCHEDULER_DB_PASSWORD=""
}

start_node() {
  local i=$1
  if [ -f "$STATE/node$i.pid" ] && kill -0 "$(cat "$STATE/node$i.pid")" 2>/dev/null; then
    echo "node$i already running (pid $(cat "$STATE/node$i.pid"))"; return
  fi
  SCHEDULER_HTTP_PORT=$((8080 + i)) SCHEDULER_REMOTE_PORT=$((25520 + i)) \
  SCHEDULER_SEED_NODES="127.0.0.1:25521" SCHEDULER_DATA_DIR="$STATE/node$i" \
  SCHEDULER_ADMIN_TOKEN="$(cat "$STATE/admin-token")" SCHEDULER_SECRET_KEY="$(cat "$STATE/secret-key")" \
    nohup java -jar "$JAR" >> "$STATE/node$i.log" 2>&1 &
  echo $! > "$STATE/node$i.pid"
  echo "node$i started (pid $!, http://127.0.0.1:$((8080 + i))/)"
}

wait_ready() {
  for i in 1 2 3; do
    for _ in $(seq 1 120); do
      curl -sf "http://127.0.0.1:$((8080 + i))/health/ready" >/dev/null && break
      sleep 0.5
    done
  done
}

case "${1:-}" in
  start)
    [ -f "$JAR" ] || mvn -q -B -DskipTests package
    secrets; start_postgres
    for i in 1 2 3; do start_node "$i"; done
    wait_ready; "$0" status
    echo "Admin token: $(cat "$STATE/admin-token")"
    ;;
  stop)
    for i in 1 2 3; do
      if [ -f "$STATE/node$i.pid" ]; then kill "$(cat "$STATE/node$i.pid")" 2>/dev/null || true; rm -f "$STATE/node$i.pid"; fi
    done
    if [ -d "$STATE/pg/data" ]; then as_postgres "$(pg_bin)/pg_ctl" -D "$STATE/pg/data" -m fast stop >/dev/null 2>&1 || true; fi
    echo "stopped"
    ;;
  status)
    for i in 1 2 3; do
      state=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$((8080 + i))/health/ready" || true)
      echo "node$i http://127.0.0.1:$((8080 + i))/ ready=$([ "$state" = 200 ] && echo yes || echo "no ($state)")"
    done
    ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
