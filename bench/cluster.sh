#!/usr/bin/env bash
# The benchmark's cases on two app nodes over a 3-node Galera cluster (cluster/cluster.sh), on this
# one machine: each case runs two wrk at once, 8 connections on each node (16 in all, as bench/run.sh
# on one node), and prints the sum of their req/s and each node's p50/p99. Compare with bench/run.sh
# on the same dataset size: the cost of replication, and that nothing breaks under load (non-2xx
# answers are printed).
#   bench/cluster.sh [CLIENTS]   (default 200000; BENCH_DURATION 20s, BENCH_WARMUP 5s, BENCH_JIT_WARMUP 15s)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC1091
. bench/cases.sh
CLIENTS=${1:-${BENCH_CLIENTS:-200000}}
export CLUSTER_DIR=${CLUSTER_DIR:-/var/tmp/clientbase-cluster-bench}
export CLIENTBASE_RATE_LIMIT_PER_SECOND=0 CLIENTBASE_ADMIN_PASSWORD=Bench-Admin-Passw0rd
export CLUSTER_DB_BUFFER_POOL=${BENCH_DB_BUFFER_POOL:-1G}
export CLUSTER_JAVA_OPTS=${BENCH_JAVA_OPTS:-$JAVA_OPTS_DOCUMENTED}
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
[ -f target/clientbase.jar ] || ./mvnw -B -q package -DskipTests
cluster/cluster.sh start 2
trap 'cluster/cluster.sh stop' EXIT
# shellcheck disable=SC1091
. "$CLUSTER_DIR/cluster.env"
t=$SECONDS
java bench/Generate.java --url "$APP1_URL" --password "$CLIENTBASE_ADMIN_PASSWORD" --clients "$CLIENTS"
echo "loaded $CLIENTS clients through app node 1 in $((SECONDS - t)) s"

token() { login_token "$APP1_URL" "$1" Bench-Passw0rd; }
HEAD=$(token bench_head0)
EMP=$(token bench_emp0_0)
CREATOR=$(token bench_emp5_0)
CLIENT=$(curl -fs "$APP1_URL/api/v1/clients?limit=1" -H "Authorization: Bearer $EMP" | sed 's/.*"items":\[{"id":\([0-9]*\).*/\1/')

both() { # duration token path script -> the two wrk outputs, one file each
  wrk -t1 -c8 -d"$1" --latency -H "Authorization: Bearer $2" ${4:+-s "$4"} "$APP1_URL$3" > "$CLUSTER_DIR/wrk1.out" &
  wrk -t1 -c8 -d"$1" --latency -H "Authorization: Bearer $2" ${4:+-s "$4"} "$APP2_URL$3" > "$CLUSTER_DIR/wrk2.out"
  wait
}
jit_warmup() { both "$JIT_WARMUP" "$2" "$3" "${4:-}"; }
run_case() { # name token path [script]
  both "$WARMUP" "$2" "$3" "${4:-}"
  both "$DURATION" "$2" "$3" "${4:-}"
  local rps=0 line="" f
  for f in "$CLUSTER_DIR/wrk1.out" "$CLUSTER_DIR/wrk2.out"; do
    rps=$(awk -v a="$rps" '/Requests\/sec/ {printf "%.2f", a + $2}' "$f")
    line="$line $(awk '$1=="50%" {p50=$2} $1=="99%" {p99=$2} /Non-2xx/ {bad=$NF} END {printf "p50 %8s p99 %8s%s", p50, p99, bad ? " NON-2XX: " bad : ""}' "$f") |"
  done
  printf '%-42s %10s req/s  |%s\n' "$1" "$rps" "$line"
}
echo "JIT warm-up: every case for $JIT_WARMUP on both nodes, unmeasured"
cases jit_warmup
echo "== $CLIENTS clients, 2 app nodes on 3 Galera nodes, 8+8 connections, $DURATION per case, load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "case                                       sum req/s  | node 1                      | node 2"
cases run_case
