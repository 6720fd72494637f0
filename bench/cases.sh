# The cases of the performance issue, as paths, each passed to a runner: RUNNER name token path [script].
# Sourced by bench/run.sh (one app node) and bench/cluster.sh (two app nodes on Galera); HEAD, EMP and
# CLIENT are set by the caller (tokens of bench_head0 and bench_emp0_0, a client of the latter), CREATOR
# too: bench_emp5_0, in another department, so that the clients case f creates do not grow the scope
# of bench_head0 that the other cases read (a run of 20 s added ~20,000 clients to it).

# what both runners share: how long a case runs, and a login
# the documented JVM settings (README, Memory) both runners start the application with, unless BENCH_JAVA_OPTS
JAVA_OPTS_DOCUMENTED="-Xmx128m -Xmn72m -XX:+UseSerialGC -XX:+IgnoreUnrecognizedVMOptions -XX:TrimNativeHeapInterval=10000"
DURATION=${BENCH_DURATION:-20s}
WARMUP=${BENCH_WARMUP:-5s}
JIT_WARMUP=${BENCH_JIT_WARMUP:-15s}
login_token() { # url login password -> access token
  curl -fs "$1/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"login\":\"$2\",\"password\":\"$3\"}" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/'
}
# Rows (index entries included) the database read for one request, from the server's Handler_read_*
# counters around it while nothing else runs: the least of three, so that a background job's reads
# do not count. The caller defines handler_reads (the server's sum of them); "?" when it cannot.
rows_read() { # token url script
  handler_reads > /dev/null 2>&1 || { echo "?"; return; }
  [ -n "$3" ] && { echo "-"; return; } # a scripted case varies its requests (a create, a new text): no one plan
  local least="" before after
  for _ in 1 2 3; do
    before=$(handler_reads)
    curl -s -o /dev/null -H "Authorization: Bearer $1" "$2"
    after=$(handler_reads)
    # the two SHOW STATUS statements read no table rows of their own
    [ -z "$least" ] || [ $((after - before)) -lt "$least" ] && least=$((after - before))
  done
  echo "$least"
}
cases() {
  "$1" "a page of 50, ADMINISTRATION" "$HEAD" "/api/v1/clients?limit=50&sort=id"
  "$1" "b page of 50, EMPLOYEE" "$EMP" "/api/v1/clients?limit=50&sort=id"
  "$1" "c one client by id, owner" "$EMP" "/api/v1/clients/$CLIENT"
  "$1" "d1 NUMBER range, ADMINISTRATION" "$HEAD" "/api/v1/clients?limit=50&field.b_num2.gte=1000&field.b_num2.lte=20000"
  "$1" "d2 TEXT equality, ADMINISTRATION" "$HEAD" "/api/v1/clients?limit=50&field.b_text1=city42"
  "$1" "e free text q, ADMINISTRATION" "$HEAD" "/api/v1/clients?limit=50&q=note%20123"
  "$1" "f create, EMPLOYEE" "$CREATOR" "/api/v1/clients" bench/post-client.lua
  "$1" "g card of one client" "$EMP" "/api/v1/clients/$CLIENT/card"
  # not cases of the issue: what any request costs here, as a floor for the ones above
  "$1" "ref: GET /me (token + access check)" "$EMP" "/api/v1/me"
  "$1" "ref: GET /q/health/live (no auth, no DB)" "$EMP" "/q/health/live"
}

# The cases of the cost curve (performance issue, item 2): shapes whose cost used to follow the table,
# not the page. bench/run.sh sets NEWHEAD, NEWEMP (a department created after the load: 3 clients, the
# newest ids), LATEEMP (an employee of bench_head0's department created after the load: 3 clients), RARE (a 0.1 % range of b_num2), ONE (free text that one client of the head's scope
# holds) and CURSOR41 (where page 41 of the head's list starts).
cost_cases() {
  "$1" "h1 page of 50, new department's head" "$NEWHEAD" "/api/v1/clients?limit=50"
  "$1" "h2 page of 50, EMPLOYEE with 3 clients" "$NEWEMP" "/api/v1/clients?limit=50"
  "$1" "h3 NUMBER range 0.1 %, ADMINISTRATION" "$HEAD" "/api/v1/clients?limit=50&field.b_num2.gte=$RARE&field.b_num2.lte=$((RARE + 99))"
  "$1" "h4 free text, 1 client, ADMINISTRATION" "$HEAD" "/api/v1/clients?limit=50&q=$ONE"
  # a new text each request: its trigrams' estimates are read before the page (bench/new-text.lua)
  "$1" "h10 free text, a new text each request" "$HEAD" "/api/v1/clients?limit=50&q=note%20" bench/new-text.lua
  # no rare trigram: "e 1" is in 11 % of the clients' texts, "not", "ote", "te " in all; 11 % match
  "$1" "h11 free text of common trigrams only" "$HEAD" "/api/v1/clients?limit=50&q=note%201"
  # an equality whose value the table holds far more often than the scope holds clients (city42: 1 %)
  "$1" "h12 TEXT equality, EMPLOYEE with 3 clients" "$NEWEMP" "/api/v1/clients?limit=50&field.b_text1=city42"
  "$1" "h13 NUMBER equality, new department's head" "$NEWHEAD" "/api/v1/clients?limit=50&field.b_num1=42"
  "$1" "h14 TEXT equality, EMPLOYEE" "$EMP" "/api/v1/clients?limit=50&field.b_text1=city42"
  "$1" "h15 NUMBER equality, ADMINISTRATION" "$HEAD" "/api/v1/clients?limit=50&field.b_num1=42"
  "$1" "h5 page 41 of a keyset walk" "$HEAD" "/api/v1/clients?limit=50&cursor=$CURSOR41"
  "$1" "h6 sort by a custom NUMBER" "$HEAD" "/api/v1/clients?limit=50&sort=field.b_num1"
  "$1" "h8 page of 50 by name, EMPLOYEE" "$EMP" "/api/v1/clients?limit=50&sort=name"
  "$1" "h9 page of 50 by -updatedAt, head" "$HEAD" "/api/v1/clients?limit=50&sort=-updatedAt"
  # an owner's values are his head's range of the value index, tested for him on each entry (V30): an
  # employee's own share of his department (1 in 21), and LATEEMP's 3 clients among its 50,000
  "$1" "h16 sort by a custom NUMBER, EMPLOYEE" "$EMP" "/api/v1/clients?limit=50&sort=field.b_num1"
  "$1" "h17 NUMBER range 1 %, EMPLOYEE" "$EMP" "/api/v1/clients?limit=50&field.b_num2.gte=$RARE&field.b_num2.lte=$((RARE + 999))"
  "$1" "h18 sort by a custom NUMBER, EMPLOYEE with 3 clients in a department" "$LATEEMP" "/api/v1/clients?limit=50&sort=field.b_num1"
  "$1" "h19 NUMBER range 1 %, EMPLOYEE with 3 clients in a department" "$LATEEMP" "/api/v1/clients?limit=50&field.b_num2.gte=$RARE&field.b_num2.lte=$((RARE + 999))"
  # a filter with a sort other than id's: its few matches in the scope read and sorted (ClientSql.matchesSorted),
  # where the sort's order met them one every ~1,000 rows (the 0.1 % range), ~100 (city42, 1 %) or ~100 of an employee's
  "$1" "h20 NUMBER range 0.1 % by name, ADMINISTRATION" "$HEAD" "/api/v1/clients?limit=50&sort=name&field.b_num2.gte=$RARE&field.b_num2.lte=$((RARE + 99))"
  "$1" "h21 TEXT equality by a custom NUMBER, ADMINISTRATION" "$HEAD" "/api/v1/clients?limit=50&sort=field.b_num1&field.b_text1=city42"
  "$1" "h22 NUMBER range 1 % by -updatedAt, EMPLOYEE" "$EMP" "/api/v1/clients?limit=50&sort=-updatedAt&field.b_num2.gte=$RARE&field.b_num2.lte=$((RARE + 999))"
  # sorts read in their order from an index of the scope (V32, ClientSql.valuedFirst): the creation time
  # by the head's or the owner's index, a custom text by its key in the value index; before, the head's
  # newest-first page read 148,419 rows on 200,000 clients and his page by a text 32,501
  "$1" "h23 page of 50 by -createdAt, head" "$HEAD" "/api/v1/clients?limit=50&sort=-createdAt"
  "$1" "h24 page of 50 by createdAt, EMPLOYEE" "$EMP" "/api/v1/clients?limit=50&sort=createdAt"
  "$1" "h25 sort by a custom TEXT, head" "$HEAD" "/api/v1/clients?limit=50&sort=field.b_text1"
  # free text in another order than id's: the text's candidates read and sorted (ClientSql.textMatchesSorted),
  # where the sort's order tested every client of the scope (3,179,543 rows for everyone on 200,000 clients)
  "$1" "h26 free text, 1 client, by name, head" "$HEAD" "/api/v1/clients?limit=50&sort=name&q=$ONE"
  # a checkbox holds half of a department: an employee's page tests his own clients in id order
  # (ClientSql.scansOwnersEquality) where it read his department's entries of the value (5,841 rows on 200,000)
  "$1" "h31 CHECKBOX equality, EMPLOYEE" "$EMP" "/api/v1/clients?limit=50&field.b_flag=true"
  # a syncing app's first pages: every change of the scope, trash included, read in the order of the
  # head's or the owner's changes index (V33, ClientSql.changes); before, the head's page read 880 rows of
  # the table's changes on 200,000 clients (349 req/s) and the employee's sorted all his clients
  "$1" "h29 sync from the start, head" "$HEAD" "/api/v1/clients?limit=50&updatedSince=2000-01-01T00:00:00Z"
  "$1" "h30 sync from the start, EMPLOYEE" "$EMP" "/api/v1/clients?limit=50&updatedSince=2000-01-01T00:00:00Z"
  if [ -n "${SKEWHEAD:-}" ]; then
    # a filter held by the newest 4,000 of a department's 20,000 clients: too many for the matches plan, so a page
    # reads the department in its order; oldest first it met none of them in 16,000 clients (32,000 rows examined),
    # now it gives up once it has examined what the matches cost (ClientSql.sortOrderRowsExamined) and reads them
    "$1" "h33 NUMBER range of a department's newest 20 %, oldest first" "$SKEWHEAD" "/api/v1/clients?limit=50&sort=createdAt&field.b_num1.gte=5000"
    "$1" "h34 NUMBER range of a department's newest 20 %, newest first" "$SKEWHEAD" "/api/v1/clients?limit=50&sort=-createdAt&field.b_num1.gte=5000"
  fi
  if [ -n "${EVERYONE:-}" ]; then
    "$1" "h27 free text, 1 client, by name, everyone" "$EVERYONE" "/api/v1/clients?limit=50&sort=name&q=$ONE"
    # two letters have no trigram: each row's values tested in id order, never every value read first (0.77 s before)
    "$1" "h28 free text of two letters, everyone" "$EVERYONE" "/api/v1/clients?limit=50&q=no"
    # everyone's trash (empty here) from the trash index (V34, ClientSql.trashed), where it read the whole table
    "$1" "h32 the trash, everyone" "$EVERYONE" "/api/v1/clients?limit=50&deleted=true"
  fi
  # an export streams the head's whole scope (50,000 clients of 1,000,000): two at a time, not sixteen,
  # whose CPU share made each last 19 s and none end within a case
  CONNECTIONS=2 "$1" "h7 export of the head's scope" "$HEAD" "/api/v1/clients/export"
}
