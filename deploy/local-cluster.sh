#!/usr/bin/env bash
# Runs three scheduler nodes against one PostgreSQL.
#   deploy/local-cluster.sh start|stop|status
# Uses SCHEDULER_DB_URL/USER/PASSWORD when set; otherwise starts a private PostgreSQL from the
# installed binaries under deploy/.local-cluster/pg (as the postgres OS user when run as root).
# Nodes: HTTP 8081-8083, remoting 25521-25523. Logs and pids under deploy/.local-cluster/.
#
# Faults, for chaos runs (N is 1, 2 or 3):
#   kill N          SIGKILL, no shutdown hooks, like a crashed machine
#   start-node N    start one node again into the running cluster and wait until /health/ready
#                   answers 200 (it lists itself last among the seeds: "start" forms a cluster)
#   stop-node N     SIGTERM: leaves the cluster gracefully
#   pause N|resume N  SIGSTOP / SIGCONT, like a long GC pause or a frozen VM
#   pg-restart|pg-stop|pg-start   the private PostgreSQL (not an external one)
#   partition N|heal N  cut node N off the other two nodes, and mend it (netns mode only)
#   node-state N    prints running, paused or exited
#   env             prints the cluster's settings as KEY=VALUE lines (for the chaos harness)
#
# Netns mode (LOCAL_CLUSTER_NETNS=1 at start, root and iproute2 needed): each node runs in its own
# network namespace (lc-node1..3) on a bridge (lcbr0, 10.77.0.1/24), node N at 10.77.0.1N with the
# same ports; PostgreSQL listens on the bridge too. A partition blackholes routes between the cut
# node and the other two only: clients and PostgreSQL still reach it, which is the split brain the
# resolver exists for. Later commands find the mode in the state directory.
#
# Overrides: LOCAL_CLUSTER_STATE (state dir), LOCAL_CLUSTER_PG_PORT (55432),
# LOCAL_CLUSTER_HTTP_BASE (8080), LOCAL_CLUSTER_REMOTE_BASE (25520), LOCAL_CLUSTER_NET (10.77.0),
# LOCAL_CLUSTER_NETNS_TAG (lc: names lc-node1..3, lcbr0, lcv1..3),
# LOCAL_CLUSTER_JAR, LOCAL_CLUSTER_JAVA_OPTS (such as -Xmx512m), LOCAL_CLUSTER_CLASSPATH with
# LOCAL_CLUSTER_MAIN (run a main class from a classpath instead of the jar),
# LOCAL_CLUSTER_ANONYMOUS_PER_SECOND (100000: anonymous requests per client address and second),
# LOCAL_CLUSTER_CONNECTIONS_PER_CLIENT (2048: HTTP connections per client address).
set -euo pipefail
cd "$(dirname "$0")/.."
STATE=${LOCAL_CLUSTER_STATE:-deploy/.local-cluster}
JAR=${LOCAL_CLUSTER_JAR:-cluster-node/target/scheduler-node.jar}
PG_PORT=${LOCAL_CLUSTER_PG_PORT:-55432}
HTTP_BASE=${LOCAL_CLUSTER_HTTP_BASE:-8080}
REMOTE_BASE=${LOCAL_CLUSTER_REMOTE_BASE:-25520}
# Load tests reach the nodes from one address: in netns mode the host's bridge address, which the
# per-address limits would otherwise meet: anonymous requests (20/s, loopback exempt) answered with
# 429, and connections beyond 64 closed (the probe saw them as I/O errors).
ANONYMOUS_PER_SECOND=${LOCAL_CLUSTER_ANONYMOUS_PER_SECOND:-100000}
CONNECTIONS_PER_CLIENT=${LOCAL_CLUSTER_CONNECTIONS_PER_CLIENT:-2048}
NET=${LOCAL_CLUSTER_NET:-10.77.0}
TAG=${LOCAL_CLUSTER_NETNS_TAG:-lc}
BRIDGE=${TAG}br0
mkdir -p "$STATE"

die() { echo "$*" >&2; exit 1; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

mode() { cat "$STATE/mode" 2>/dev/null || echo loopback; }
node_ip() { if [ "$(mode)" = netns ]; then echo "$NET.1$1"; else echo 127.0.0.1; fi; }
node_url() { echo "http://$(node_ip "$1"):$((HTTP_BASE + $1))"; }
node_pid() { cat "$STATE/node$1.pid" 2>/dev/null || true; }
node_alive() { local pid; pid=$(node_pid "$1"); [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }
check_node() { case "${1:-}" in 1|2|3) ;; *) die "node must be 1, 2 or 3, not '${1:-}'" ;; esac; }
seed() { echo "$(node_ip "$1"):$((REMOTE_BASE + $1))"; }
seeds() { echo "$(seed 1),$(seed 2),$(seed 3)"; }

# The first seed node founds the cluster when none of the others answers within Pekko's
# seed-node-timeout. "start" forms the cluster, so node1 comes first; "start-node N" brings one node
# back into a running cluster, so it lists itself last: however slowly the others answer, a
# restarted node1 then never founds a second cluster of its own.
seeds_for() {
  local i=$1 mode=$2 ordered=() j
  if [ "$mode" != rejoin ]; then seeds; return; fi
  for j in 1 2 3; do [ "$j" != "$i" ] && ordered+=("$(seed "$j")"); done
  ordered+=("$(seed "$i")")
  (IFS=,; echo "${ordered[*]}")
}

secrets() {
  # Every node must accept the same tokens: one admin token and one secret key for the cluster.
  [ -f "$STATE/admin-token" ] || head -c 32 /dev/urandom | base64 | tr -d '=+/' > "$STATE/admin-token"
  [ -f "$STATE/secret-key" ] || head -c 32 /dev/urandom | base64 > "$STATE/secret-key"
  chmod 600 "$STATE/admin-token" "$STATE/secret-key"
}

# ---- network namespaces ----

net_up() {
  [ "$(id -u)" -eq 0 ] || die "netns mode needs root (ip netns add)"
  command -v ip >/dev/null || die "netns mode needs iproute2 (ip)"
  if ip route show "$NET.0/24" | grep -qv "dev $BRIDGE "; then
    die "$NET.0/24 is already routed elsewhere ($(ip route show "$NET.0/24")); pick another LOCAL_CLUSTER_NET"
  fi
  ip link show "$BRIDGE" >/dev/null 2>&1 || ip link add "$BRIDGE" type bridge
  ip addr show dev "$BRIDGE" | grep -q "inet $NET.1/" || ip addr add "$NET.1/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  for i in 1 2 3; do
    local ns=$TAG-node$i
    [ -e "/run/netns/$ns" ] || ip netns add "$ns"
    if ! ip link show "${TAG}v$i" >/dev/null 2>&1; then
      ip link add "${TAG}v$i" type veth peer name eth0 netns "$ns"
      ip -n "$ns" addr add "$NET.1$i/24" dev eth0
    fi
    ip link set "${TAG}v$i" master "$BRIDGE" up
    ip -n "$ns" link set lo up
    ip -n "$ns" link set eth0 up
  done
}

net_down() {
  for i in 1 2 3; do
    [ -e "/run/netns/$TAG-node$i" ] && ip netns del "$TAG-node$i"
    ip link del "${TAG}v$i" 2>/dev/null || true
  done
  ip link del "$BRIDGE" 2>/dev/null || true
}

# Node N and each other node drop what they would send to one another; the bridge (clients,
# PostgreSQL) still reaches everyone.
partition() {
  local n=$1
  for j in 1 2 3; do
    [ "$j" = "$n" ] && continue
    ip -n "$TAG-node$n" route replace blackhole "$NET.1$j/32"
    ip -n "$TAG-node$j" route replace blackhole "$NET.1$n/32"
  done
  echo "node$n cut off from the other nodes (clients and PostgreSQL still reach it)"
}

heal() {
  local n=$1
  for j in 1 2 3; do
    [ "$j" = "$n" ] && continue
    ip -n "$TAG-node$n" route del blackhole "$NET.1$j/32" 2>/dev/null || true
    ip -n "$TAG-node$j" route del blackhole "$NET.1$n/32" 2>/dev/null || true
  done
  echo "node$n reconnected"
}

# ---- PostgreSQL ----

pg_opts() {
  local listen=127.0.0.1
  [ "$(mode)" = netns ] && listen="127.0.0.1,$NET.1"
  echo "-p $PG_PORT -k $(realpath "$STATE/pg") -c listen_addresses=$listen -c max_connections=200"
}

start_postgres() {
  if [ -n "${SCHEDULER_DB_URL:-}" ]; then
    printf 'DB_KIND=external\nDB_URL=%s\nDB_USER=%s\nDB_PASSWORD=%s\nNODE_DB_URL=%s\n' "$SCHEDULER_DB_URL" \
      "${SCHEDULER_DB_USER:-postgres}" "${SCHEDULER_DB_PASSWORD:-}" "$SCHEDULER_DB_URL" > "$STATE/db.env"
    chmod 600 "$STATE/db.env"
    return
  fi
  local bin; bin=$(pg_bin)
  [ -n "$bin" ] || { echo "No PostgreSQL installed (apt-get install postgresql) and SCHEDULER_DB_URL unset" >&2; exit 1; }
  if [ ! -d "$STATE/pg/data" ]; then
    mkdir -p "$STATE/pg"
    [ "$(id -u)" -eq 0 ] && chown -R postgres "$STATE/pg"
    as_postgres "$bin/initdb" -A trust -U postgres -D "$STATE/pg/data" >/dev/null
  fi
  if [ "$(mode)" = netns ] && ! grep -q "^host all all $NET.0/24 trust" "$STATE/pg/data/pg_hba.conf"; then
    echo "host all all $NET.0/24 trust" >> "$STATE/pg/data/pg_hba.conf"
  fi
  # Running with other listen addresses (started in the other mode): restart with these.
  if as_postgres "$bin/pg_ctl" -D "$STATE/pg/data" status >/dev/null 2>&1 \
      && ! grep -q -- "listen_addresses=$(pg_opts | sed 's/.*listen_addresses=\([^ ]*\).*/\1/')\"" "$STATE/pg/data/postmaster.opts"; then
    as_postgres "$bin/pg_ctl" -D "$STATE/pg/data" -m fast -w stop >/dev/null
  fi
  if ! as_postgres "$bin/pg_ctl" -D "$STATE/pg/data" status >/dev/null 2>&1; then
    as_postgres "$bin/pg_ctl" -D "$STATE/pg/data" -l "$STATE/pg/server.log" -w -o "$(pg_opts)" start >/dev/null
  fi
  local host=127.0.0.1
  [ "$(mode)" = netns ] && host=$NET.1
  printf 'DB_KIND=private\nDB_URL=%s\nDB_USER=postgres\nDB_PASSWORD=\nNODE_DB_URL=%s\n' \
    "jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" "jdbc:postgresql://$host:$PG_PORT/postgres" > "$STATE/db.env"
}

private_pg() {
  [ "$(db_env DB_KIND)" = private ] || die "the database is external (SCHEDULER_DB_URL): restart it yourself"
  [ -d "$STATE/pg/data" ] || die "no private PostgreSQL in $STATE/pg (start the cluster first)"
}

db_env() { grep "^$1=" "$STATE/db.env" 2>/dev/null | head -1 | cut -d= -f2- || true; }

# ---- nodes ----

start_node() {
  local i=$1 mode=${2:-form}
  if node_alive "$i"; then
    echo "node$i already running (pid $(node_pid "$i"))"; return
  fi
  [ -f "$STATE/db.env" ] || start_postgres
  local launch=()
  if [ "$(mode)" = netns ]; then launch=(ip netns exec "$TAG-node$i"); fi
  local main=(-jar "$JAR")
  if [ -n "${LOCAL_CLUSTER_CLASSPATH:-}" ]; then main=(-cp "$LOCAL_CLUSTER_CLASSPATH" "${LOCAL_CLUSTER_MAIN:-dev.scheduler.node.Main}"); fi
  # shellcheck disable=SC2086 # LOCAL_CLUSTER_JAVA_OPTS holds several words
  SCHEDULER_DB_URL="$(db_env NODE_DB_URL)" SCHEDULER_DB_USER="$(db_env DB_USER)" SCHEDULER_DB_PASSWORD="$(db_env DB_PASSWORD)" \
  SCHEDULER_HTTP_HOST="$(node_ip "$i")" SCHEDULER_HTTP_PORT=$((HTTP_BASE + i)) \
  SCHEDULER_REMOTE_HOST="$(node_ip "$i")" SCHEDULER_REMOTE_PORT=$((REMOTE_BASE + i)) \
  SCHEDULER_HTTP_ANONYMOUS_PER_SECOND="$ANONYMOUS_PER_SECOND" SCHEDULER_HTTP_ANONYMOUS_BURST="$ANONYMOUS_PER_SECOND" \
  SCHEDULER_HTTP_MAX_CONNECTIONS_PER_CLIENT="$CONNECTIONS_PER_CLIENT" \
  SCHEDULER_SEED_NODES="$(seeds_for "$i" "$mode")" SCHEDULER_DATA_DIR="$STATE/node$i" \
  SCHEDULER_ADMIN_TOKEN="$(cat "$STATE/admin-token")" SCHEDULER_SECRET_KEY="$(cat "$STATE/secret-key")" \
    nohup "${launch[@]}" java ${LOCAL_CLUSTER_JAVA_OPTS:-} "${main[@]}" >> "$STATE/node$i.log" 2>&1 &
  echo $! > "$STATE/node$i.pid"
  echo "node$i started (pid $!, $(node_url "$i")/)"
}

# Waits until the node answers /health/ready with 200; fails early if its process is gone.
wait_node_ready() {
  local i=$1 tries=${2:-120}
  for _ in $(seq 1 "$tries"); do
    curl -sf -m 2 "$(node_url "$i")/health/ready" >/dev/null && return 0
    node_alive "$i" || { echo "node$i exited; see $STATE/node$i.log" >&2; return 1; }
    sleep 0.5
  done
  echo "node$i not ready after $((tries / 2)) s; see $STATE/node$i.log" >&2
  return 1
}

wait_ready() {
  for i in 1 2 3; do wait_node_ready "$i" || true; done
}

# SIGTERM (SIGCONT too, a paused node cannot act on it), up to 30 s, then SIGKILL.
stop_node() {
  local i=$1 pid; pid=$(node_pid "$i")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    kill -CONT "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$STATE/node$i.pid"
}

kill_node() {
  local i=$1 pid; pid=$(node_pid "$i")
  node_alive "$i" || die "node$i is not running"
  kill -9 "$pid"
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  echo "node$i killed (pid $pid)"
}

node_state() {
  local i=$1 pid; pid=$(node_pid "$i")
  if ! node_alive "$i"; then echo exited
  elif [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" = T ]; then echo paused
  else echo running
  fi
}

case "${1:-}" in
  start)
    if [ -z "${LOCAL_CLUSTER_CLASSPATH:-}" ]; then [ -f "$JAR" ] || mvn -q -B -DskipTests package; fi
    want=loopback; [ "${LOCAL_CLUSTER_NETNS:-0}" = 1 ] && want=netns
    if [ "$(mode)" != "$want" ]; then
      for i in 1 2 3; do node_alive "$i" && die "the cluster runs in $(mode) mode: stop it first"; done
    fi
    echo "$want" > "$STATE/mode"
    [ "$want" = netns ] && net_up
    secrets; start_postgres
    for i in 1 2 3; do start_node "$i"; done
    wait_ready; "$0" status
    echo "Admin token: $(cat "$STATE/admin-token")"
    ;;
  stop)
    for i in 1 2 3; do stop_node "$i"; done
    if [ -d "$STATE/pg/data" ]; then as_postgres "$(pg_bin)/pg_ctl" -D "$STATE/pg/data" -m fast stop >/dev/null 2>&1 || true; fi
    [ "$(mode)" = netns ] && net_down
    rm -f "$STATE/mode" "$STATE/db.env"
    echo "stopped"
    ;;
  status)
    for i in 1 2 3; do
      state=$(curl -s -m 5 -o /dev/null -w '%{http_code}' "$(node_url "$i")/health/ready" || true)
      echo "node$i $(node_url "$i")/ ready=$([ "$state" = 200 ] && echo yes || echo "no ($state)")"
    done
    ;;
  kill) check_node "${2:-}"; kill_node "$2" ;;
  start-node)
    check_node "${2:-}"; secrets; start_node "$2" rejoin; wait_node_ready "$2" 240 ;;
  stop-node) check_node "${2:-}"; stop_node "$2"; echo "node$2 stopped" ;;
  pause) check_node "${2:-}"; node_alive "$2" || die "node$2 is not running"; kill -STOP "$(node_pid "$2")"; echo "node$2 paused" ;;
  resume) check_node "${2:-}"; node_alive "$2" || die "node$2 is not running"; kill -CONT "$(node_pid "$2")"; echo "node$2 resumed" ;;
  node-state) check_node "${2:-}"; node_state "$2" ;;
  pg-restart)
    private_pg; as_postgres "$(pg_bin)/pg_ctl" -D "$STATE/pg/data" -m fast -w restart -l "$STATE/pg/server.log" >/dev/null
    echo "PostgreSQL restarted" ;;
  pg-stop) private_pg; as_postgres "$(pg_bin)/pg_ctl" -D "$STATE/pg/data" -m fast -w stop >/dev/null; echo "PostgreSQL stopped" ;;
  pg-start) private_pg; start_postgres; echo "PostgreSQL started" ;;
  partition|heal)
    check_node "${2:-}"
    [ "$(mode)" = netns ] || die "partition needs netns mode (LOCAL_CLUSTER_NETNS=1 $0 start): on loopback the nodes share one interface"
    "$1" "$2" ;;
  env)
    echo "MODE=$(mode)"
    for i in 1 2 3; do echo "NODE${i}_URL=$(node_url "$i")"; done
    echo "ADMIN_TOKEN=$(cat "$STATE/admin-token" 2>/dev/null || true)"
    echo "DB_KIND=$(db_env DB_KIND)"
    echo "DB_URL=$(db_env DB_URL)"
    echo "DB_USER=$(db_env DB_USER)"
    echo "DB_PASSWORD=$(db_env DB_PASSWORD)"
    echo "STATE_DIR=$(realpath "$STATE")"
    ;;
  *) echo "usage: $0 start|stop|status|kill N|start-node N|stop-node N|pause N|resume N|node-state N|pg-restart|pg-stop|pg-start|partition N|heal N|env" >&2; exit 2 ;;
esac
