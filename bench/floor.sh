#!/usr/bin/env bash
# bench/floor.sh: run.sh's key-manager GET rows alone (issue 8's per-request floor). One fresh `keyhold serve` with one
# onboard key manager, a bare Kestrel sending the same bytes over the same certificate, wrk at 1 and 32 connections,
# Keyhold and bare interleaved (BENCH_FLOOR_ROUNDS times), so the ratios are taken within one run. The records are
# run.sh's km_get_{keyhold,bare}_c{1,32} (the last round's), so report.py renders the same rows; every round is logged.
#
#   BENCH_DURATION / BENCH_WARMUP (default 10 / 5 here), BENCH_JIT_WARMUP (10, as run.sh), BENCH_FLOOR_ROUNDS (2), BENCH_SKIP_BUILD=1, BENCH_KEEP=1,
#   BENCH_KEYHOLD_ENV="K=V ..." (diagnosis: e.g. Keyhold__Diagnostics__Skip=...), BENCH_KEYHOLD=path (another build).
#   BENCH_FLOOR_PERF=SECONDS: also record `perf` of Keyhold under each load (DOTNET_PerfMapEnabled=1), kept in WORK.
#   BENCH_FLOOR_BASE=path: also load that keyhold build (e.g. main's), on a copy of the same data, interleaved with the
#   others: rows km_get_base_c{1,32}, so before/after are measured in one run.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_NAME=floor
DUR=${BENCH_DURATION:-10} WARM=${BENCH_WARMUP:-5}
. "$HERE/scripts/common.sh"
ROUNDS=${BENCH_FLOOR_ROUNDS:-2}
need_pkg wrk wrk
bench_build

D="$WORK/data"; P=$(free_port); U="https://127.0.0.1:$P"
# W^X off: JIT code then lies in anonymous memory that perf names from /tmp/perf-PID.map (bare Kestrel inherits it too).
PERF_ENV=(); [ -z "${BENCH_FLOOR_PERF:-}" ] || { PERF_ENV=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0); export "${PERF_ENV[@]}"; }
start_keyhold "$D" "$P" "${PERF_ENV[@]}"
wait_ready "$U/api/cluster" "$KH_PID"
onboard "$U"
KM_URL_PATH="$KM_PATH?fields=*"
curl -sk -f -H "$AUTH" "$U$KM_URL_PATH" -o "$WORK/km.json"
SIDES="keyhold bare"
if [ -n "${BENCH_FLOOR_BASE:-}" ]; then
  stop_pid "$KH_PID"; cp -a "$D" "$WORK/data-base"
  start_keyhold "$D" "$P" "${PERF_ENV[@]}"; wait_ready "$U/api/cluster" "$KH_PID"
  PB=$(free_port); UBASE="https://127.0.0.1:$PB"; KH_MAIN=$KH_PID
  KEYHOLD=$BENCH_FLOOR_BASE start_keyhold "$WORK/data-base" "$PB" "${PERF_ENV[@]}"; BASE_PID=$KH_PID; KH_PID=$KH_MAIN
  wait_ready "$UBASE/api/cluster" "$BASE_PID"
  cmp -s <(curl -sk -H "$AUTH" "$UBASE$KM_URL_PATH") "$WORK/km.json" || { log "base build's bytes differ"; exit 1; }
  SIDES="base keyhold bare"
fi
metric km_body_bytes "$(stat -c %s "$WORK/km.json")" B
bare_kestrel "$D" "$KM_PATH=$WORK/km.json"
UB=$BARE_URL
wait_ready "$UB$KM_URL_PATH" "$BARE_PID"
cmp -s <(curl -sk "$UB$KM_URL_PATH") "$WORK/km.json" || { log "bare server bytes differ"; exit 1; }

# cpu_us PID: user+system CPU time of PID so far, in microseconds
cpu_us() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000000 / hz)}' "/proc/$1/stat"; }
# switches PID: context switches of all PID's threads so far (a thread hop in a request costs one or two: at 1
# connection each is latency, docs/scaling.md)
switches() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '/^(non)?voluntary_ctxt_switches/ {s += $2} END {print s + 0}'; }

if [ -n "${BENCH_FLOOR_BASE:-}" ]; then jit_warmup "$U$KM_URL_PATH" "$UBASE$KM_URL_PATH" "$UB$KM_URL_PATH"
else jit_warmup "$U$KM_URL_PATH" "$UB$KM_URL_PATH"; fi
log "load average $(cut -d' ' -f1-3 /proc/loadavg); ${WARM}s warm-up + ${DUR}s each, $ROUNDS rounds"
for r in $(seq "$ROUNDS"); do
  for c in 1 32; do
    for side in $SIDES; do
      case $side in
        keyhold) url="$U$KM_URL_PATH" pid=$KH_PID ;;
        base) url="$UBASE$KM_URL_PATH" pid=$BASE_PID ;;
        *) url="$UB$KM_URL_PATH" pid=$BARE_PID ;;
      esac
      perf_pid=""
      if [ -n "${BENCH_FLOOR_PERF:-}" ] && [ "$r" = "$ROUNDS" ]; then
        (sleep "$((WARM + 1))"; exec perf record -F 999 -g -p "$pid" -o "$WORK/perf-$side-c$c.data" -- sleep "$BENCH_FLOOR_PERF") \
          > /dev/null 2>&1 &
        perf_pid=$!
      fi
      # CPU of the measured part only: read once the warm-up wrk has ended (it runs WARM seconds first).
      (sleep "$WARM.2"; cpu_us "$pid" > "$WORK/cpu-before"; switches "$pid" > "$WORK/cs-before") &
      sampler=$!
      wrk_load "km_get_${side}_c$c" "$url" "$c"
      after=$(cpu_us "$pid"); cs_after=$(switches "$pid"); wait "$sampler"; before=$(cat "$WORK/cpu-before"); cs_before=$(cat "$WORK/cs-before")
      reqs=$(tail -n 1 "$METRICS" | python3 -c 'import json,sys; print(json.load(sys.stdin)["wrk"]["requests"])')
      log "  round $r $side c=$c: $(( (after - before) / (reqs > 0 ? reqs : 1) )) CPU µs, $(python3 -c "print('%.2f' % (($cs_after - $cs_before) / max($reqs, 1)))") context switches per request, load $(cut -d' ' -f1-3 /proc/loadavg)"
      [ -z "$perf_pid" ] || wait "$perf_pid" || true
    done
  done
done
report_alone
