#!/usr/bin/env bash
# clientbase load benchmark. Loopback only, bounded in time.
#   bench/run.sh [CLIENTS]        CLIENTS defaults to 1000000 (BENCH_CLIENTS), each case runs BENCH_DURATION (20s)
#   BENCH_DATA=/var/tmp/cb-1m bench/run.sh   keeps the data folder: the dataset is loaded once and reused by later runs
#   BENCH_JIT_WARMUP (15s): every case runs this long, unmeasured, before the measured round
#   BENCH_CASES='^(d1|h)' bench/run.sh   only the cases whose name matches this regular expression
#   BENCH_TEXT_INDEX=off          the free-text index is not built: the application runs without its background
#                                 jobs (the indexer among them), nothing waits for the index, and the free-text cases
#                                 and the create (its indexing is part of its cost) are left out. For a size whose
#                                 index would take longer to build than the session has (10,000,000: ~80 minutes).
#   BENCH_SOAK_MINUTES=30 bench/run.sh 200000   the soak instead: the mixed cases at 70% of their measured
#                                               maximum for 30 minutes, RSS, p50/p99 and errors every minute
#                                               (BENCH_SOAK_SHARE=0.5: another share of the maximum)
# Starts the packaged application on a fresh data folder (embedded MariaDB, innodb_flush_log_at_trx_commit=1),
# loads the dataset through the bulk import (bench/Generate.java), then runs the cases of the performance issue
# with wrk (16 connections; a case may set CONNECTIONS, bench/cases.sh), printing req/s, p50 and p99 per case, the application's RSS, a trivial server's latency on this machine
# (bench/floor.py) and the plain-JDBC ceiling.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC1091
. bench/cases.sh
CLIENTS=${1:-${BENCH_CLIENTS:-1000000}}
PORT=${BENCH_PORT:-18080}
BASE="http://127.0.0.1:$PORT"
ADMIN_PASSWORD=Bench-Admin-Passw0rd

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)"; apt-get install -y -qq wrk >/dev/null
fi
[ -f target/clientbase.jar ] || ./mvnw -B -q package -DskipTests

if curl -s -o /dev/null "$BASE/q/health"; then
  echo "port $PORT is already in use: stop what runs there or set BENCH_PORT" >&2; exit 1
fi
DATA=${BENCH_DATA:-$(mktemp -d /var/tmp/clientbase-bench.XXXXXX)}
mkdir -p "$DATA"
echo "data folder: $DATA"
# the jar is copied so that a rebuild during the run cannot pull classes from under the application;
# with its time, so that the class-data archive made for the copy of the same jar stays valid
cp -p target/clientbase.jar "$DATA/clientbase.jar"
# started as the README starts it, with a class-data archive (src/build/ClassDataArchive.java), here made
# for this copy of the jar once per build (~30 s)
if [ ! -s "$DATA/clientbase.jsa" ] || [ "$DATA/clientbase.jar" -nt "$DATA/clientbase.jsa" ]; then
  java src/build/ClassDataArchive.java "$DATA/clientbase.jar" "$DATA/clientbase.jsa" "$DATA/class-data-archive"
fi
ARCHIVE_OPTS=""
[ -s "$DATA/clientbase.jsa" ] && ARCHIVE_OPTS="-XX:SharedArchiveFile=$DATA/clientbase.jsa"
# A bounded heap, the serial collector and native-heap trimming keep the RSS under 400 MB on two
# cores: G1's own structures took 45 MB beside a 160 MB heap, and after a 1M import G1's RSS stayed
# at 430-470 MB with -Xmx256m; 160 MB with SerialGC still reached 406 MB. What stays live after a
# full GC under load is ~30 MB. SerialGC measured at least G1's req/s here (no concurrent GC
# threads to share the two cores with). TrimNativeHeapInterval (JDK 17.0.9+; ignored before)
# returns freed native memory, 18 MB in a run. 96 MB of heap saved ~10 MB of RSS under load (the rest
# is fixed by the classes: Metaspace 93 MB, code 36, symbols 20) but made the 1M import 24 % slower
# (212 s against 171 s, 111 full collections against 47): 128 MB stays (README, Memory).
# A young generation of 72 MB (of the 128; the default is a third) made the 1M import 3.6 % faster (15 full
# collections against 36) and pages no slower (README, Memory; bench/results/2026-12-05-young-generation-ab-200k.txt).
# the embedded server's page cache sized to the 1M dataset's working set (its folder takes 8.8 GB with the text index, 2026-12-05), as one would size a production server
TEXT_INDEX=${BENCH_TEXT_INDEX:-on}
INDEX_NOTE=""
[ "$TEXT_INDEX" = off ] && { export QUARKUS_SCHEDULER_ENABLED=false; INDEX_NOTE=" the text index off (BENCH_TEXT_INDEX),"; }
CLIENTBASE_RATE_LIMIT_PER_SECOND=0 CLIENTBASE_DB_BUFFER_POOL_SIZE=${BENCH_DB_BUFFER_POOL:-3G} \
CLIENTBASE_DATA_DIR=$DATA CLIENTBASE_ADMIN_PASSWORD=$ADMIN_PASSWORD QUARKUS_HTTP_PORT=$PORT \
  java ${BENCH_JAVA_OPTS:-$JAVA_OPTS_DOCUMENTED} $ARCHIVE_OPTS -jar "$DATA/clientbase.jar" >> "$DATA/app.log" 2>&1 &
APP=$!
STARTED=$(date +%s%N)
stop() { kill "$APP" 2>/dev/null || true; for _ in $(seq 1 60); do kill -0 "$APP" 2>/dev/null || break; sleep 1; done
         kill -9 "$APP" 2>/dev/null || true; echo "stopped; data left in $DATA"; }
trap stop EXIT
# a first start on data of an older version runs its migrations first (minutes on 10 M clients): wait
# while the application lives, rather than stop it in the middle of one after two minutes
for _ in $(seq 1 18000); do
  curl -fs "$BASE/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$APP" 2>/dev/null || { echo "the application ended; see $DATA/app.log" >&2; exit 1; }
  sleep 0.2
done
echo "start to ready: $(( ($(date +%s%N) - STARTED) / 1000000 )) ms ($(cat "$DATA/bench-loaded" 2>/dev/null || echo 0) clients in the folder${ARCHIVE_OPTS:+, class-data archive})"

if [ "$(cat "$DATA/bench-loaded" 2>/dev/null)" = "$CLIENTS" ]; then
  echo "dataset of $CLIENTS clients already loaded in $DATA"
else
  java bench/Generate.java --url "$BASE" --password "$ADMIN_PASSWORD" --clients "$CLIENTS"
  echo "$CLIENTS" > "$DATA/bench-loaded"
fi
[ -n "${BENCH_LOAD_ONLY:-}" ] && exit 0
# the embedded server admits only the application's account (its password in the data folder)
DB_PASSWORD=$(sed -n 's/^password=//p' "$DATA/db-account.properties")
JDBC="jdbc:mariadb://127.0.0.1:$(cat "$DATA/db.port")/clientbase?user=clientbase&password=$DB_PASSWORD"
# BENCH_PREWARM=0: only wait for the text index, without reading every table and index into the cache
# (10 M clients take 62 GB beside a 12G cache: the scans read at ~60 MB/s for a quarter of an hour, to keep
# little; each case's warm-up then reads what the case needs)
java -cp "$DATA/clientbase.jar" bench/Prewarm.java "$JDBC" ${BENCH_PREWARM:+--scans=$BENCH_PREWARM} ${INDEX_NOTE:+off}

token() { login_token "$BASE" "$1" Bench-Passw0rd; }
HEAD=$(token bench_head0)
EMP=$(token bench_emp0_0)
CREATOR=$(token bench_emp5_0)
CLIENT=$(curl -fs "$BASE/api/v1/clients?limit=1" -H "Authorization: Bearer $EMP" | sed 's/.*"items":\[{"id":\([0-9]*\).*/\1/')
MAX_RSS=0

# the department created after the load (cost cases h1, h2): its head, an employee, his 3 clients, the newest ids
admin_token() { login_token "$BASE" admin "$ADMIN_PASSWORD"; }
EVERYONE=$(admin_token) # the ADMIN's scope is everyone's (cases h27, h28)
new_user() { # login type [managerId] -> id
  curl -fs "$BASE/api/v1/users" -H "Authorization: Bearer $(admin_token)" -H 'Content-Type: application/json' \
    -d "{\"login\":\"$1\",\"password\":\"Bench-Passw0rd\",\"name\":\"$1\",\"type\":\"$2\"${3:+,\"managerId\":$3}}" \
    | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2
}
NEWHEAD=$(token bench_newhead || true)
if [ -z "$NEWHEAD" ]; then
  new_user bench_newemp EMPLOYEE "$(new_user bench_newhead ADMINISTRATION)" > /dev/null
  NEWHEAD=$(token bench_newhead)
fi
NEWEMP=$(token bench_newemp)
if curl -fs "$BASE/api/v1/clients?limit=1" -H "Authorization: Bearer $NEWEMP" | grep -q '"items":\[\]'; then
  for n in 1 2 3; do
    curl -fs -o /dev/null "$BASE/api/v1/clients" -H "Authorization: Bearer $NEWEMP" -H 'Content-Type: application/json' -d "{\"name\":\"New $n\"}"
  done
fi
# an employee who joined bench_head0's department after the load (cost cases h18, h19): 3 clients among its
# ~50,000, each in the 1 % range of b_num2 that h17 and h19 ask for
LATEEMP=$(token bench_lateemp || true)
if [ -z "$LATEEMP" ]; then
  HEAD_ID=$(curl -fs "$BASE/api/v1/me" -H "Authorization: Bearer $HEAD" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
  new_user bench_lateemp EMPLOYEE "$HEAD_ID" > /dev/null
  LATEEMP=$(token bench_lateemp)
  for n in 1 2 3; do
    curl -fs -o /dev/null "$BASE/api/v1/clients" -H "Authorization: Bearer $LATEEMP" -H 'Content-Type: application/json' \
      -d "{\"name\":\"Late $n\",\"fields\":{\"b_num1\":$((n * 10)),\"b_num2\":$((1000 + n * 300))}}"
  done
fi
# a department whose filter's matches come last in the sort's order (cases h33, h34): 20,000 clients imported after
# the load, the newest 4,000 of them holding b_num1 = 5000 (the load's values are 0-999)
SKEWHEAD=$(token bench_skewhead || true)
if [ -z "$SKEWHEAD" ]; then
  SKEWEMP_ID=$(new_user bench_skewemp EMPLOYEE "$(new_user bench_skewhead ADMINISTRATION)")
  SKEWHEAD=$(token bench_skewhead)
  awk -v owner="$SKEWEMP_ID" 'BEGIN { for (i = 0; i < 20000; i++)
      printf "{\"name\":\"Skew %d\",\"ownerId\":%d,\"fields\":{\"b_num1\":%d}}\n", i, owner, i < 16000 ? i % 1000 : 5000 }' \
    | curl -fs -o /dev/null "$BASE/api/v1/clients/import" -H "Authorization: Bearer $(admin_token)" \
        -H 'Content-Type: application/x-ndjson' --data-binary @-
fi
RARE=1000                                     # b_num2 = 7i mod 100000: [1000, 1099] holds 0.1 % of any scope
ONE="note%20$(( CLIENTS - CLIENTS % 420 - 420 ))" # b_text3 of one client of bench_head0 (owner index 0), no longer note extends it
CURSOR41=""
for _ in $(seq 1 40); do
  CURSOR41=$(curl -fs "$BASE/api/v1/clients?limit=50${CURSOR41:+&cursor=$CURSOR41}" -H "Authorization: Bearer $HEAD" \
    | sed 's/.*"nextCursor":"\([^"]*\)".*/\1/')
done

if [ -n "${BENCH_SOAK_MINUTES:-}" ]; then # the soak instead of the cases (bench/Soak.java)
  java bench/Soak.java "$BASE" "$ADMIN_PASSWORD" "$APP" "$CLIENT" "$BENCH_SOAK_MINUTES" "${BENCH_SOAK_SHARE:-0.7}"
  exit 0
fi

# Access tokens live 15 minutes (smallrye.jwt.new-token.lifespan) and a full run takes longer: the bench
# users log in again once BENCH_TOKEN_REFRESH seconds (600) have passed, before a case, so that the cases
# after it are sent with fresh tokens (a case's own token was read before: at most that long plus a case).
TOKENS_AT=$SECONDS
fresh_tokens() {
  (( SECONDS - TOKENS_AT < ${BENCH_TOKEN_REFRESH:-600} )) && return 0
  HEAD=$(token bench_head0); EMP=$(token bench_emp0_0); CREATOR=$(token bench_emp5_0); EVERYONE=$(admin_token)
  NEWHEAD=$(token bench_newhead); NEWEMP=$(token bench_newemp); LATEEMP=$(token bench_lateemp)
  TOKENS_AT=$SECONDS
}

run_case() { # name token path [script]
  local name=$1 tok=$2 url=$BASE$3 script=${4:-}
  [[ "$name" =~ ${BENCH_CASES:-.} ]] || return 0
  without_index "$name" && return 0
  fresh_tokens
  local out
  # a short unmeasured run first, so that each case is measured with its code compiled by the JIT
  wrk -t2 -c"${CONNECTIONS:-16}" -d"$WARMUP" -H "Authorization: Bearer $tok" ${script:+-s "$script"} "$url" > /dev/null
  out=$(wrk -t2 -c"${CONNECTIONS:-16}" -d"$DURATION" --timeout 30s --latency -H "Authorization: Bearer $tok" ${script:+-s "$script"} "$url")
  local rps p50 p99 non2xx rss
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  rss=$(( $(ps -o rss= -p $APP) / 1024 ))
  [ "$rss" -gt "$MAX_RSS" ] && MAX_RSS=$rss
  printf '%-42s %10s req/s   p50 %8s   p99 %8s   rss %4d MB   rows %7s %s\n' "$name" "$rps" "$p50" "$p99" "$rss" \
    "$(rows_read "$tok" "$url" "$script")" "${non2xx:+ NON-2XX: $non2xx}"
}

# the server's Handler_read_* sum, for rows_read (bench/cases.sh); needs the mariadb client
handler_reads() {
  mariadb -h127.0.0.1 -P"$(cat "$DATA/db.port")" -uclientbase -p"$DB_PASSWORD" -N -e "SHOW GLOBAL STATUS LIKE 'Handler_read%'" \
    | awk '{s += $2} END {print s}'
}

# the cases (bench/cases.sh) give paths; the runners put them after $BASE
# BENCH_TEXT_INDEX=off: the cases that read the free-text index or pay for it (a create's indexing) are left out
without_index() { [ "$TEXT_INDEX" = off ] && [[ "$1" =~ (free\ text|create) ]]; }

jit_warmup() { # name token path [script]
  [[ "$1" =~ ${BENCH_CASES:-.} ]] || return 0
  without_index "$1" && return 0
  fresh_tokens
  wrk -t2 -c"${CONNECTIONS:-16}" -d"$JIT_WARMUP" -H "Authorization: Bearer $2" ${4:+-s "$4"} "$BASE$3" > /dev/null
}

# The JIT compiles for minutes on two shared cores (C2 was a fifth of the application's CPU 30 s into
# the first case): every case runs once unmeasured, so the targets are measured in the steady state.
text_index_backlog() { curl -fs "$BASE/q/metrics" | awk '/^clientbase_text_index_backlog / {print int($2)}'; }

echo "JIT warm-up: every case for $JIT_WARMUP, unmeasured"
cases jit_warmup
cost_cases jit_warmup
# the warm-up's creates (case f) are new clients the free-text index has not read yet: free text
# searches them directly meanwhile, which case (e) is not about; it is measured once they are indexed
backlog=$(text_index_backlog); t=$SECONDS
while [ "$TEXT_INDEX" = on ] && [ "$(text_index_backlog)" != "0" ] && [ $((SECONDS - t)) -lt 600 ]; do sleep 1; done
[ "$TEXT_INDEX" = on ] && echo "text index: a backlog of $backlog clients after the warm-up, caught up in $((SECONDS - t)) s"
# the commit and the day in the header: the sizes of the cost curve are run in different sessions and machines
echo "== $CLIENTS clients, ${CONNECTIONS:-16} connections, $DURATION per case after $WARMUP of warm-up,$INDEX_NOTE load: $(cut -d' ' -f1-3 /proc/loadavg), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(date -u +%F)"
cases run_case
cost_cases run_case
# what this machine gives any server at the same connections, under every p99 above (bench/floor.py):
# its rss and rows columns are the application's and the database's, idle meanwhile
if command -v python3 > /dev/null; then
  FLOOR_PORT=$((PORT + 19))
  python3 bench/floor.py "$FLOOR_PORT" & FLOOR=$!
  for _ in $(seq 1 50); do curl -fs -o /dev/null "http://127.0.0.1:$FLOOR_PORT/" && break; sleep 0.1; done
  BASE="http://127.0.0.1:$FLOOR_PORT" run_case "ref: a trivial server (no JVM, no DB)" "$EMP" "/"
  kill "$FLOOR" 2>/dev/null || true
fi
echo "max RSS under load: $MAX_RSS MB"

# through the server's Unix socket, as the application connects (EmbeddedMariaDb.applicationJdbcUrl); the
# server's log names the socket, and the URL carries its path Base64url-encoded (UnixSocketFactory)
SOCKET=$(grep -o "socket: '[^']*'" "$DATA/mariadb.log" | tail -1 | sed "s/socket: '\(.*\)'/\1/")
CEILING_JDBC=$JDBC
if [ -S "$SOCKET" ]; then
  CEILING_JDBC="$JDBC&socketFactory=io.clientbase.platform.UnixSocketFactory&clientbaseSocket=$(printf %s "$SOCKET" | base64 -w0 | tr '+/' '-_' | tr -d '=')"
fi
java -cp "$DATA/clientbase.jar" bench/JdbcCeiling.java "$CEILING_JDBC" bench_head0 10
