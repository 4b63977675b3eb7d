#!/usr/bin/env bash
# bench/kmip-pair.sh: issue 9's one-connection row alone (run.sh sections 6 and 6b without the loads), with its parts.
#
# Keyhold.Kmip's sequential Create(AES-256)+Get pairs on one connection against PyKMIP's server, then against Keyhold's
# own KMIP server (`keyhold serve --kmip`), KMIP_ROUNDS rounds each, as run.sh does them; then the pair on Keyhold's
# server in parts (Keyhold.Bench kmip-parts: Discover Versions, Get of an old key, Create, the fresh Get) and what one
# durable commit costs on this disk right now (fsync_probe). Prints the ratio of the medians and the load average; the
# figures land in METRICS (run alone: WORK/metrics.jsonl, printed at the end).
#   BENCH_KMIP_N=200 pairs per round   BENCH_KMIP_BATCH=10   BENCH_KMIP_ROUNDS=2   BENCH_KMIP_PARTS=2000 samples per part
#   BENCH_KMIP_PARTS_WARM=3 seconds of pairs before the parts   BENCH_SKIP_BUILD=1   BENCH_KEEP=1
#   BENCH_KEYHOLD_BEFORE=path/to/keyhold   another build measured beside this one, alternately (before/after figures)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_NAME=kmip-pair
. "$HERE/scripts/common.sh"
. "$HERE/scripts/kmip_server.sh"
KMIP_N=${BENCH_KMIP_N:-200}
KMIP_BATCH=${BENCH_KMIP_BATCH:-10}
KMIP_ROUNDS=${BENCH_KMIP_ROUNDS:-2}
PARTS=${BENCH_KMIP_PARTS:-2000}
PARTS_WARM=${BENCH_KMIP_PARTS_WARM:-3}
KMIP_PEER=${KMIP_PEER_DIR:-$ROOT/test/peers/kmip-server}
KMIP_STARTED=""
ON_EXIT+=('[ -z "$KMIP_STARTED" ] || bash "$KMIP_PEER/stop.sh" "$KMIP_STARTED"')
need_pkg curl curl
bench_build
log "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# one_round NAME R: Keyhold.Kmip pairs against the server of KMIP_* -> NAME<R>.json; median NAME: their median pairs/s
one_round() {
  dotnet "$BENCHDLL" kmip "$KMIP_N" "$KMIP_BATCH" "$WORK/$1$2.json" > /dev/null
  printf '{"name":"%s%d","kind":"kmip_pair_round","result":%s}\n' "$1" "$2" "$(cat "$WORK/$1$2.json")" >> "$METRICS"
  log "$1 $2: $(cat "$WORK/$1$2.json")"
}
median() {
  python3 -c 'import json,statistics,sys; print(statistics.median(json.load(open(p))["single_pairs_per_s"] for p in sys.argv[1:]))' "$WORK/$1"*.json
}

probe=$(fsync_probe "$WORK/probe")
printf '{"name":"kmip_pair_fsync_probe","kind":"fsync_probe","result":%s}\n' "$probe" >> "$METRICS"
log "durable commit on this disk: $probe"

KMIP_STARTED="$WORK/pykmip"
eval "$(bash "$KMIP_PEER/start.sh" "$KMIP_STARTED")"
for r in $(seq "$KMIP_ROUNDS"); do one_round pair_pykmip_server "$r"; done
PY=$(median pair_pykmip_server)
bash "$KMIP_PEER/stop.sh" "$KMIP_STARTED" >/dev/null 2>&1 || true
KMIP_STARTED=""

# servers LABEL BINARY: start Keyhold's KMIP server of BINARY; its KMIP_* variables are kept as ENV_<LABEL>
start_server() {
  local keep=$KEYHOLD
  KEYHOLD=$2; keyhold_kmip_start "$WORK/data-$1"; KEYHOLD=$keep
  eval "ENV_$1=\"export KMIP_HOST=$KMIP_HOST KMIP_PORT=$KMIP_PORT KMIP_CA_CERT=$KMIP_CA_CERT KMIP_CLIENT_CERT=$KMIP_CLIENT_CERT KMIP_CLIENT_KEY=$KMIP_CLIENT_KEY\""
  eval "PID_$1=$KHK"
  # One unmeasured run first, as run.sh does: the server's JIT.
  dotnet "$BENCHDLL" kmip "$KMIP_N" "$KMIP_BATCH" "$WORK/warm-$1.json" > /dev/null 2>&1 || log "KMIP warm-up run failed (timeout); measuring anyway"
}
LABELS=(keyhold)
start_server keyhold "$KEYHOLD"
if [ -n "${BENCH_KEYHOLD_BEFORE:-}" ]; then
  # Another build beside this one (e.g. main's), measured in the same run, alternately.
  LABELS+=(before)
  start_server before "$BENCH_KEYHOLD_BEFORE"
fi
# Rounds alternate between the builds, so a burst of other work on the box hits both alike.
for r in $(seq "$KMIP_ROUNDS"); do
  for label in "${LABELS[@]}"; do
    eval "\$ENV_$label"
    one_round "pair_${label}_server" "$r"
  done
done
for label in "${LABELS[@]}"; do eval "KH_$label=\$(median pair_${label}_server)"; done
for i in 1 2; do
  for label in "${LABELS[@]}"; do
    eval "\$ENV_$label"
    dotnet "$BENCHDLL" kmip-parts "$PARTS" "$PARTS_WARM" "$WORK/parts-$label-$i.json" > /dev/null
    printf '{"name":"kmip_pair_parts_%s%d","kind":"kmip_parts","result":%s}\n' "$label" "$i" "$(cat "$WORK/parts-$label-$i.json")" >> "$METRICS"
    log "parts of $label $i (us): $(cat "$WORK/parts-$label-$i.json")"
  done
done
for label in "${LABELS[@]}"; do eval "stop_pid \$PID_$label"; done
probe=$(fsync_probe "$WORK/probe")
printf '{"name":"kmip_pair_fsync_probe_after","kind":"fsync_probe","result":%s}\n' "$probe" >> "$METRICS"
log "durable commit on this disk, after: $probe"

for label in "${LABELS[@]}"; do
  eval "KH=\$KH_$label"
  RATIO=$(python3 -c "print(round($KH / $PY, 2))")
  printf '{"name":"kmip_pair_ratio_%s","value":%s,"unit":"x","keyhold_pairs_per_s":%s,"pykmip_pairs_per_s":%s,"loadavg":"%s"}\n' \
    "$label" "$RATIO" "$KH" "$PY" "$(cut -d' ' -f1-3 /proc/loadavg)" >> "$METRICS"
  log "$label: Keyhold server $KH pairs/s / PyKMIP server $PY pairs/s = ${RATIO}x (target >= 20x); load average $(cut -d' ' -f1-3 /proc/loadavg)"
done
[ -n "${BENCH_METRICS:-}" ] || cat "$METRICS"
