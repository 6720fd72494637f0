#!/usr/bin/env bash
# The cost curve (performance issue, item 3): every case of bench/run.sh on several dataset sizes,
# the raw numbers in bench/results/cost-curve.tsv and a PNG beside them (bench/Plot.java).
#   bench/curve.sh [SIZES...]     default: 100000 1000000 10000000; the table and the PNG cover every size
#                                 with a run log in bench/results (run-<size>.log), the sizes run now replaced
#   bench/curve.sh --table        runs nothing: the table and the PNG from the run logs there are
#   BENCH_DATA_ROOT=/var/tmp      where each size keeps its data folder (clientbase-<size>), reused by later runs
#   BENCH_CASES, BENCH_DURATION … as for bench/run.sh
# Disk: 8.8 GB for 1,000,000 clients with the text index (2026-12-05: its tables 7.5 GB, the redo log 0.8), ~77 GB for 10,000,000 since V27 (the text index
# 3.3 GB a million; 62 GB before; BENCH_DB_BUFFER_POOL=12G there); 10 M took 41-46 minutes of import and
# 80 of text indexing on a 2-core machine: leave ~85 GB free (README).
set -euo pipefail
cd "$(dirname "$0")/.."
# --table: only the table and the PNG again, from the run logs there are
if [ "${1:-}" = "--table" ]; then SIZES=""; else SIZES=${*:-100000 1000000 10000000}; fi
OUT=bench/results
mkdir -p "$OUT"
TSV=$OUT/cost-curve.tsv
for n in $SIZES; do
  BENCH_DATA=${BENCH_DATA_ROOT:-/var/tmp}/clientbase-$n bench/run.sh "$n" | tee "$OUT/run-$n.log"
done
# the table is made again from every size's last run log, so that one size can be run again alone
# (10 M takes hours to load) without losing the others; each log's header names its load
printf 'clients\tcase\treq_s\tp50_ms\tp99_ms\trows\tload\tjdbc_ceiling\n' > "$TSV"
for log in $(ls "$OUT"/run-*.log | sort -t- -k2 -n); do
  n=$(basename "$log" .log | cut -d- -f2)
  # a case line: name (42 wide, longer names run over), req/s, p50, p99 (wrk's units), rss, rows; the load of the run's header;
  # the plain-JDBC ceiling of case a on one connection, the machine's speed: sizes run on different
  # machines (10 M takes hours to load) are compared with it in mind
  python3 - "$n" "$log" >> "$TSV" <<'PY'
import re, sys
size, log = sys.argv[1], sys.argv[2]
unit = {"us": 0.001, "ms": 1.0, "s": 1000.0}
load = "?"
ceiling = next((m.group(1) for m in (re.search(r"jdbc-ceiling\(a\): (\d+) req/s.*\(1 connection\)", l) for l in open(log)) if m), "?")
for line in open(log):
    m = re.search(r"load: (\S+)", line)
    if line.startswith("==") and m:
        load = m.group(1)
    m = re.match(r"^(.+?) +([\d.]+) req/s +p50 +([\d.]+)(us|ms|s) +p99 +([\d.]+)(us|ms|s) +rss +\d+ MB +rows +(\S+)", line)
    if m and not m.group(1).startswith("ref:"):
        print("\t".join([size, m.group(1).strip(), m.group(2), "%.3f" % (float(m.group(3)) * unit[m.group(4)]),
                         "%.3f" % (float(m.group(5)) * unit[m.group(6)]), m.group(7), load, ceiling]))
PY
done
java bench/Plot.java "$TSV" "$OUT/cost-curve.png"
echo "wrote $TSV and $OUT/cost-curve.png"
