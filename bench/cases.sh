# The cases of the performance issue, as paths, each passed to a runner: RUNNER name token path [script].
# Sourced by bench/run.sh (one app node) and bench/cluster.sh (two app nodes on Galera); HEAD, EMP and
# CLIENT are set by the caller (tokens of bench_head0 and bench_emp0_0, a client of the latter).
cases() {
  "$1" "a page of 50, ADMINISTRATION" "$HEAD" "/api/v1/clients?limit=50&sort=id"
  "$1" "b page of 50, EMPLOYEE" "$EMP" "/api/v1/clients?limit=50&sort=id"
  "$1" "c one client by id, owner" "$EMP" "/api/v1/clients/$CLIENT"
  "$1" "d1 NUMBER range, ADMINISTRATION" "$HEAD" "/api/v1/clients?limit=50&field.b_num2.gte=1000&field.b_num2.lte=20000"
  "$1" "d2 TEXT equality, ADMINISTRATION" "$HEAD" "/api/v1/clients?limit=50&field.b_text1=city42"
  "$1" "e free text q, ADMINISTRATION" "$HEAD" "/api/v1/clients?limit=50&q=note%20123"
  "$1" "f create, EMPLOYEE" "$EMP" "/api/v1/clients" bench/post-client.lua
  "$1" "g card of one client" "$EMP" "/api/v1/clients/$CLIENT/card"
  # not cases of the issue: what any request costs here, as a floor for the ones above
  "$1" "ref: GET /me (token + access check)" "$EMP" "/api/v1/me"
  "$1" "ref: GET /q/health/live (no auth, no DB)" "$EMP" "/q/health/live"
}
