#!/usr/bin/env bash
# bench/write-ab.sh: the write path of two keyhold builds side by side in one run (issue 14's volume POST rows). Each
# build gets a fresh data folder with one onboard key manager and SVM vs1; then BENCH_AB_ROUNDS rounds of volume POST at
# BENCH_AB_CONNS connections (run.sh's load: bench/scripts/volume_post.lua), the builds alternating and their order swapped every
# round, each load with the server's CPU µs per request, the load average, and one fsync probe per round (what a durable
# commit costs on this disk right then: the neighbours' I/O moves it, and a write load rides on it).
# With BENCH_AB_KMIP=1, then the KMIP Create+Get pair (one connection, run.sh's kmip command) and 32-connection Create
# load on a KMIP node of each build, alternated the same way.
#
#   BENCH_AB_TOGETHER=1    load both builds at the same time instead of one after the other (a busy shared box)
#   BENCH_AB_BASE=path     the build to compare against (required), e.g. a copy of main's src/Keyhold/bin/Release/net10.0/keyhold
#   BENCH_KEYHOLD=path     the build under test (default: this tree's Release build)
#   BENCH_AB_ROUNDS (3), BENCH_AB_CONNS ("32"; "1 32" adds one connection), BENCH_DURATION / BENCH_WARMUP (10 / 3 here), BENCH_SKIP_BUILD=1, BENCH_KEEP=1
# Rows: volume_post_{base,keyhold}_c<C>_r<N>, fsync_probe_r<N>, kmip_{base,keyhold}_pair_r<N>, kmip_{base,keyhold}_create_c32_r<N>.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_NAME=write-ab
DUR=${BENCH_DURATION:-10} WARM=${BENCH_WARMUP:-3}
. "$HERE/scripts/common.sh"
. "$HERE/scripts/kmip_server.sh"
: "${BENCH_AB_BASE:?BENCH_AB_BASE=path of the keyhold build to compare against}"
ROUNDS=${BENCH_AB_ROUNDS:-3}
need_pkg wrk wrk
bench_build
KEYHOLD_TEST=$KEYHOLD

# node SIDE -> URL_<side>, PID_<side>: a fresh data folder, onboard key manager and vs1 on SIDE's build
node() {
  local side=$1 port
  port=$(free_port)
  if [ "$side" = base ]; then KEYHOLD=$BENCH_AB_BASE; else KEYHOLD=$KEYHOLD_TEST; fi
  start_keyhold "$WORK/data-$side" "$port"
  wait_ready "$KH_URL/api/cluster" "$KH_PID"
  onboard "$KH_URL"
  printf -v "URL_$side" '%s' "$KH_URL"; printf -v "PID_$side" '%s' "$KH_PID"
}
node base; node keyhold
KEYHOLD=$KEYHOLD_TEST

order() { if [ $(($1 % 2)) = 1 ]; then echo "base keyhold"; else echo "keyhold base"; fi; }
CONNS=${BENCH_AB_CONNS:-32}
log "load average $(cut -d' ' -f1-3 /proc/loadavg); $ROUNDS rounds of ${WARM}s warm-up + ${DUR}s volume POST c=$CONNS per build"
for r in $(seq "$ROUNDS"); do
  printf '{"name":"fsync_probe_r%d","kind":"fsync_probe","result":%s}\n' "$r" "$(fsync_probe "$WORK/fsync-probe")" >> "$METRICS"
  log "round $r fsync probe: $(tail -n 1 "$METRICS" | python3 -c 'import json,sys; d=json.load(sys.stdin)["result"]; print("sqlite FULL commit p50 %s µs (restarted WAL %s µs), fdatasync 4k p50 %s µs" % (d["sqlite_full_commit_p50_us"], d["sqlite_full_commit_restarted_wal_p50_us"], d["fdatasync_4k_p50_us"]))')"
  for c in $CONNS; do
    if [ -n "${BENCH_AB_TOGETHER:-}" ]; then
      # Both builds loaded at the same time: whatever the neighbours take, both lose it alike, so the ratio holds still
      # where two loads one after the other on a busy box differ by 2x.
      loads=()
      for side in base keyhold; do
        url_var="URL_$side" pid_var="PID_$side"
        WRK_CPU_PID=${!pid_var} wrk_load "volume_post_${side}_c${c}_r$r" "${!url_var}/api/storage/volumes" "$c" "$HERE/scripts/volume_post.lua" &
        loads+=($!)
      done
      wait "${loads[@]}"  # the loads only: the servers are children of this shell too
      for side in base keyhold; do
        log "  round $r $side c=$c (together): $(grep "\"volume_post_${side}_c${c}_r$r\"" "$METRICS" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("%.0f req/s, %.0f µs/POST, %s CPU µs/req" % (d["wrk"]["rps"], 1e6 / d["wrk"]["rps"], d.get("cpu_us_per_req")))'), load $(cut -d' ' -f1-3 /proc/loadavg)"
      done
      continue
    fi
    for side in $(order "$r"); do
      url_var="URL_$side" pid_var="PID_$side"
      WRK_CPU_PID=${!pid_var} wrk_load "volume_post_${side}_c${c}_r$r" "${!url_var}/api/storage/volumes" "$c" "$HERE/scripts/volume_post.lua"
      log "  round $r $side c=$c: $(tail -n 1 "$METRICS" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("%.0f req/s, %.0f µs/POST, %s CPU µs/req" % (d["wrk"]["rps"], 1e6 / d["wrk"]["rps"], d.get("cpu_us_per_req")))'), load $(cut -d' ' -f1-3 /proc/loadavg)"
    done
  done
done
stop_pid "$PID_base"; stop_pid "$PID_keyhold"

if [ -n "${BENCH_AB_KMIP:-}" ]; then
  for side in base keyhold; do
    if [ "$side" = base ]; then KEYHOLD=$BENCH_AB_BASE; else KEYHOLD=$KEYHOLD_TEST; fi
    keyhold_kmip_start "$WORK/data-kmip-$side"
    printf -v "KMIP_PID_$side" '%s' "$KHK"
    printf -v "KMIP_ENV_$side" '%s' "$(env | grep '^KMIP_' | sed 's/^/export /')"
  done
  KEYHOLD=$KEYHOLD_TEST
  for r in $(seq "$ROUNDS"); do
    for side in $(order "$r"); do
      env_var="KMIP_ENV_$side"; eval "${!env_var}"
      [ "$r" != 1 ] || dotnet "$BENCHDLL" kmip-parts 200 "$WARM" "$WORK/kmip-warm-$side.json" > /dev/null 2>&1 || true
      dotnet "$BENCHDLL" kmip 200 10 "$WORK/kmip-$side-$r.json" > /dev/null
      printf '{"name":"kmip_%s_pair_r%d","kind":"kmip_cs","result":%s}\n' "$side" "$r" "$(cat "$WORK/kmip-$side-$r.json")" >> "$METRICS"
      dotnet "$BENCHDLL" kmip-load create 32 "$DUR" "$WORK/kmip-load-$side-$r.json" > /dev/null || log "kmip-load create reported errors"
      printf '{"name":"kmip_%s_create_c32_r%d","kind":"kmip_server_load","result":%s}\n' "$side" "$r" "$(cat "$WORK/kmip-load-$side-$r.json")" >> "$METRICS"
      log "  KMIP round $r $side: pair $(cat "$WORK/kmip-$side-$r.json") | create c=32 $(cat "$WORK/kmip-load-$side-$r.json") | load $(cut -d' ' -f1-3 /proc/loadavg)"
    done
  done
  stop_pid "$KMIP_PID_base"; stop_pid "$KMIP_PID_keyhold"
fi
log "load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
cp "$METRICS" "${BENCH_AB_OUT:-$WORK/ab.jsonl}" 2>/dev/null || true
