#!/usr/bin/env bash
# A clientbase cluster on one machine, on loopback: a 3-node MariaDB Galera cluster (Debian's
# mariadb-server and galera-4, installed when missing) and N stateless clientbase nodes, each with a
# failover JDBC URL over all database nodes (its own database node first), one shared data folder
# (JWT keys and document files) and one admin password.
#
#   cluster/cluster.sh start [APP_NODES]   start 3 database nodes, then APP_NODES (default 2) app nodes
#   cluster/cluster.sh stop                stop every node started here
#   cluster/cluster.sh status              what runs, and the Galera view of each database node
#   cluster/cluster.sh db-start N          (re)start database node N (1-3) into the running cluster
#   cluster/cluster.sh app-start N         (re)start app node N
#
# Settings: CLUSTER_DIR (default target/cluster), CLUSTER_PORT (default 14300: database node N
# listens on CLUSTER_PORT+10N for SQL and +10N+1..3 for Galera, IST and SST; app node N on
# CLUSTER_PORT+100+N), JAR (default target/clientbase.jar), CLIENTBASE_ADMIN_PASSWORD, CLUSTER_DB_BUFFER_POOL
# (each database node's page cache, default 96M), CLUSTER_JAVA_OPTS (default -Xmx256m).
# After start, $CLUSTER_DIR/cluster.env names the ports, URLs and process ids (sourced by tests).
set -euo pipefail
cd "$(dirname "$0")/.."

DIR=$(realpath -m "${CLUSTER_DIR:-target/cluster}")
PORT=${CLUSTER_PORT:-14300}
JAR=$(realpath -m "${JAR:-target/clientbase.jar}")
ADMIN_PASSWORD=${CLIENTBASE_ADMIN_PASSWORD:-Cluster-Admin-Passw0rd}
DB_PASSWORD_FILE="$DIR/db-password"
GALERA=/usr/lib/galera/libgalera_smm.so

sql_port() { echo $((PORT + 10 * $1)); }
galera_port() { echo $((PORT + 10 * $1 + 1)); }
app_port() { echo $((PORT + 100 + $1)); }

need_packages() {
  if [ -f "$GALERA" ] && command -v mariadbd >/dev/null 2>&1 && command -v rsync >/dev/null 2>&1; then
    return
  fi
  echo "cluster: installing mariadb-server, galera-4 and rsync from Debian's packages"
  if [ "$(id -u)" -ne 0 ]; then
    echo "cluster: need root to install them (apt-get install mariadb-server galera-4 rsync)" >&2
    exit 1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q mariadb-server galera-4 rsync >/dev/null
}

addresses() {
  local out=""
  for n in 1 2 3; do out="$out${out:+,}127.0.0.1:$(galera_port "$n")"; done
  echo "$out"
}

# The JDBC URL of app node N: every database node, its own first (sequential failover).
jdbc_url() {
  local first=$(( ($1 - 1) % 3 + 1 )) hosts=""
  for k in 0 1 2; do
    local n=$(( (first - 1 + k) % 3 + 1 ))
    hosts="$hosts${hosts:+,}127.0.0.1:$(sql_port "$n")"
  done
  echo "jdbc:mariadb:sequential://$hosts/clientbase"
}

write_config() {
  local n=$1 d="$DIR/db$1"
  cat > "$d/my.cnf" <<CNF
[mysqld]
datadir=$d/data
socket=$d/mysqld.sock
pid-file=$d/mysqld.pid
log-error=$d/error.log
port=$(sql_port "$n")
bind-address=127.0.0.1
skip-name-resolve
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
innodb_buffer_pool_size=${CLUSTER_DB_BUFFER_POOL:-96M}
innodb_log_file_size=48M
max_connections=200
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
# wsrep keeps a binary log of its own: triggers (the access counter) need this to be created
log_bin_trust_function_creators=1
innodb_flush_log_at_trx_commit=2
wsrep_on=ON
wsrep_provider=$GALERA
wsrep_cluster_name=clientbase
wsrep_cluster_address=gcomm://$(addresses)
wsrep_node_name=db$n
wsrep_node_address=127.0.0.1:$(galera_port "$n")
wsrep_node_incoming_address=127.0.0.1:$(sql_port "$n")
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:$((PORT + 10 * n + 3))
wsrep_provider_options="base_port=$(galera_port "$n");gmcast.listen_addr=tcp://127.0.0.1:$(galera_port "$n");ist.recv_addr=127.0.0.1:$((PORT + 10 * n + 2));gcache.size=32M;evs.keepalive_period=PT0.5S;evs.suspect_timeout=PT2S;evs.inactive_timeout=PT3S"
CNF
}

wait_synced() {
  local n=$1 pid=$2
  for _ in $(seq 1 240); do
    kill -0 "$pid" 2>/dev/null || break
    if [ "$(mariadb --no-defaults -S "$DIR/db$n/mysqld.sock" -u root -N -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2)" = Synced ]; then
      return 0
    fi
    sleep 0.5
  done
  echo "cluster: database node $n did not reach Synced (or exited); see $DIR/db$n/error.log" >&2
  tail -20 "$DIR/db$n/error.log" >&2 || true
  exit 1
}

db_start() {
  local n=$1 first=${2:-}
  local d="$DIR/db$n"
  mkdir -p "$d/data"
  write_config "$n"
  if [ ! -d "$d/data/mysql" ]; then
    mariadb-install-db --defaults-file="$d/my.cnf" --user=mysql --auth-root-authentication-method=socket \
      --skip-test-db > "$d/install.log" 2>&1
  fi
  chown -R mysql:mysql "$d"
  local extra=()
  [ -n "$first" ] && extra=(--wsrep-new-cluster)
  # a node killed while it was the last one holds safe_to_bootstrap=0: this script knows it is the first
  [ -n "$first" ] && [ -f "$d/data/grastate.dat" ] && sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$d/data/grastate.dat"
  setsid mariadbd --defaults-file="$d/my.cnf" --user=mysql "${extra[@]}" >> "$d/stdout.log" 2>&1 < /dev/null &
  wait_synced "$n" $!
}

app_start() {
  local n=$1 data="$DIR/app-data"
  mkdir -p "$data"
  local pidfile="$DIR/app$n.pid"
  CLIENTBASE_DATA_DIR="$data" CLIENTBASE_DB_URL="$(jdbc_url "$n")" CLIENTBASE_DB_USER=clientbase \
    CLIENTBASE_DB_PASSWORD="$(cat "$DB_PASSWORD_FILE")" CLIENTBASE_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    CLIENTBASE_BCRYPT_COST="${CLIENTBASE_BCRYPT_COST:-10}" QUARKUS_HTTP_PORT="$(app_port "$n")" \
    CLIENTBASE_SYNC_FALLBACK_WINDOW="${CLIENTBASE_SYNC_FALLBACK_WINDOW:-PT60S}" \
    CLIENTBASE_RATE_LIMIT_PER_SECOND="${CLIENTBASE_RATE_LIMIT_PER_SECOND:-50}" \
    setsid java ${CLUSTER_JAVA_OPTS:--Xmx256m} -jar "$JAR" >> "$DIR/app$n.log" 2>&1 < /dev/null &
  echo $! > "$pidfile"
  for _ in $(seq 1 240); do
    if curl -fs "http://127.0.0.1:$(app_port "$n")/q/health/ready" >/dev/null 2>&1; then
      return 0
    fi
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "cluster: app node $n exited; see $DIR/app$n.log" >&2
      tail -30 "$DIR/app$n.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "cluster: app node $n not ready in 120 s; see $DIR/app$n.log" >&2
  exit 1
}

write_env() {
  local apps=$1
  {
    for n in 1 2 3; do
      echo "DB${n}_PORT=$(sql_port "$n")"
      echo "DB${n}_PID_FILE=$DIR/db$n/mysqld.pid"
    done
    for n in $(seq 1 "$apps"); do
      echo "APP${n}_URL=http://127.0.0.1:$(app_port "$n")"
      echo "APP${n}_PID_FILE=$DIR/app$n.pid"
      echo "APP${n}_JDBC_URL=$(jdbc_url "$n")"
    done
    echo "APP_NODES=$apps"
    echo "DB_USER=clientbase"
    echo "DB_PASSWORD=$(cat "$DB_PASSWORD_FILE")"
    echo "ADMIN_PASSWORD=$ADMIN_PASSWORD"
  } > "$DIR/cluster.env"
}

start() {
  local apps=${1:-2}
  need_packages
  [ -f "$JAR" ] || { echo "cluster: no $JAR; build it first (./mvnw package -DskipTests)" >&2; exit 1; }
  stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
  mkdir -p "$DIR"
  chmod 755 "$DIR"
  head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$DB_PASSWORD_FILE"
  chmod 600 "$DB_PASSWORD_FILE"
  local t0=$SECONDS
  db_start 1 first
  mariadb --no-defaults -S "$DIR/db1/mysqld.sock" -u root <<SQL
CREATE DATABASE clientbase CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER 'clientbase'@'127.0.0.1' IDENTIFIED BY '$(cat "$DB_PASSWORD_FILE")';
GRANT ALL PRIVILEGES ON clientbase.* TO 'clientbase'@'127.0.0.1';
GRANT PROCESS ON *.* TO 'clientbase'@'127.0.0.1';
SQL
  db_start 2
  db_start 3
  echo "cluster: 3 database nodes synced in $((SECONDS - t0)) s (SQL ports $(sql_port 1), $(sql_port 2), $(sql_port 3))"
  # one node first: it runs the migrations and writes the JWT keys the others read
  for n in $(seq 1 "$apps"); do
    app_start "$n"
    echo "cluster: app node $n ready at http://127.0.0.1:$(app_port "$n") ($(jdbc_url "$n"))"
  done
  write_env "$apps"
  echo "cluster: log in as admin with the password $ADMIN_PASSWORD; $DIR/cluster.env names it all"
}

stop() {
  for f in "$DIR"/app*.pid; do
    [ -f "$f" ] || continue
    kill "$(cat "$f")" 2>/dev/null || true
  done
  for f in "$DIR"/app*.pid; do
    [ -f "$f" ] || continue
    for _ in $(seq 1 60); do kill -0 "$(cat "$f")" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$(cat "$f")" 2>/dev/null || true
    rm -f "$f"
  done
  for n in 3 2 1; do
    local pid="$DIR/db$n/mysqld.pid"
    [ -f "$pid" ] || continue
    kill "$(cat "$pid")" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$(cat "$pid" 2>/dev/null || echo 0)" 2>/dev/null || break; sleep 0.5; done
  done
  echo "cluster: stopped"
}

status() {
  for n in 1 2 3; do
    printf 'db%s (port %s): ' "$n" "$(sql_port "$n")"
    mariadb --no-defaults -S "$DIR/db$n/mysqld.sock" -u root -N -e \
      "SELECT CONCAT(VARIABLE_VALUE) FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME IN ('WSREP_LOCAL_STATE_COMMENT','WSREP_CLUSTER_SIZE') ORDER BY VARIABLE_NAME" \
      2>/dev/null | tr '\n' ' ' || printf 'down'
    echo
  done
  for f in "$DIR"/app*.pid; do
    [ -f "$f" ] || continue
    local n; n=$(basename "$f" .pid); n=${n#app}
    printf 'app%s (%s): %s\n' "$n" "http://127.0.0.1:$(app_port "$n")" \
      "$(curl -fs "http://127.0.0.1:$(app_port "$n")/q/health/ready" >/dev/null 2>&1 && echo ready || echo down)"
  done
}

case "${1:-}" in
  start) start "${2:-2}" ;;
  stop) stop ;;
  status) status ;;
  db-start) db_start "$2" ;;
  app-start) app_start "$2" ;;
  *) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
