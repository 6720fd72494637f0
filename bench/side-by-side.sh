#!/usr/bin/env bash
# The side by side of the performance issue as a table: one bench/run.sh log and one bench/directus.sh log,
# joined by case (the first word of each line), with the ratios the targets are stated in.
#   bench/side-by-side.sh CLIENTBASE_LOG DIRECTUS_LOG
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 CLIENTBASE_LOG DIRECTUS_LOG" >&2; exit 2; }
awk '
  function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v + 0 }
  /req\/s/ {
    id = $1; for (i = 1; i <= NF; i++) { if ($i == "req/s") rps = $(i - 1); if ($i == "p50") p50 = ms($(i + 1)); if ($i == "p99") p99 = ms($(i + 1)); if ($i == "rows") rows = $(i + 1) }
    if (FNR == NR) { order[++n] = id; name[id] = $0; sub(/ +[0-9.]+ req\/s.*/, "", name[id]); cr[id] = rps; c50[id] = p50; c99[id] = p99; crows[id] = rows }
    else if (id in cr) { dr[id] = rps; d50[id] = p50; d99[id] = p99; drows[id] = rows }
  }
  END {
    printf "| case | Directus req/s | clientbase req/s | ratio | Directus p50/p99 ms | clientbase p50/p99 ms | p99 ratio | rows read D / cb |\n|---|---|---|---|---|---|---|---|\n"
    for (k = 1; k <= n; k++) { id = order[k]; if (!(id in dr)) continue
      printf "| %s | %s | %s | %s | %.1f / %.1f | %.2f / %.2f | %s | %s / %s |\n", name[id], dr[id], cr[id], (dr[id] > 0 ? sprintf("%.1fx", cr[id] / dr[id]) : "Directus answered none in the run"), d50[id], d99[id], c50[id], c99[id],
        (c99[id] > 0 && d99[id] > 0 ? sprintf("%.1fx", d99[id] / c99[id]) : "-"), drows[id], crows[id] }
  }' "$1" "$2"
