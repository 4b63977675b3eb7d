#!/usr/bin/env bash
# bench/strangers.sh: what strangers cost a running node (issue 10). See bench/README.md, "Strangers".
# Starts `keyhold serve` on a fresh folder with default settings, runs `Keyhold.Bench strangers`, stops it. Its rows
# (each figure beside its same-run baseline, PASS/MISS) go to $BENCH_METRICS (run.sh's report) or, alone, are printed.
# Exit 0 when both pass.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_NAME=strangers
. "$HERE/scripts/common.sh"

bench_build
PORT=$(free_port)
start_keyhold "$WORK/data" "$PORT"
wait_ready "$KH_URL/api/cluster" "$KH_PID" 60
status=0
dotnet "$BENCHDLL" strangers "$KH_URL" "$PASSWORD" "$WORK/data" "$METRICS" > "$WORK/strangers.txt" || status=$?
if [ -n "${BENCH_METRICS:-}" ]; then log "$(cat "$WORK/strangers.txt")"; else cat "$WORK/strangers.txt"; fi
report_alone
exit $status
