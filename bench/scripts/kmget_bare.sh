#!/usr/bin/env bash
# bench/scripts/kmget_bare.sh URL KM_PATH DATA TAG METRICS: issue 14's key-manager GET row. The key-manager GET
# (fields=*, key_backup with every wrapped key) from the running Keyhold at URL, beside a bare Kestrel that sends the
# same bytes (fetched from Keyhold here) over the same certificate; at 1 connection (BENCH_KMGET_N=3 GETs one after
# another) and at 32 (32 GETs at once), each twice on Keyhold and twice on the bare server, interleaved, so the ratio
# is taken within one run. Called by bench/scale.sh at each size; appends records
# scale_kmget_{keyhold,bare}_c{1,32}_TAG_r{1,2} to METRICS.
set -euo pipefail
URL=$1 KM_PATH=$2 DATA=$3 TAG=$4 BENCH_METRICS=$5
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_NAME=kmget
. "$HERE/scripts/common.sh"
[ -x "$BARE" ] || dotnet build "$HERE/BareKestrel/BareKestrel.csproj" -c Release -nologo -v q >&2

path="$KM_PATH?fields=*"
curl -sk -f -H "$AUTH" --max-time 600 "$URL$path" -o "$WORK/km.json"
bare_kestrel "$DATA" "$KM_PATH=$WORK/km.json"
bare=$BARE_URL
wait_ready "$bare$path" "$BARE_PID" 150
cmp -s <(curl -sk --max-time 600 "$bare$path") "$WORK/km.json" || { log "bare server bytes differ"; exit 1; }
bytes=$(stat -c %s "$WORK/km.json")

# gets NAME URL CONNS ROUNDS: CONNS GETs at once (curl -Z, one connection each; 1: one after another on one
# keep-alive connection), ROUNDS times; figures over all rounds. Every GET of a round is counted, none cut off by a
# duration: at 32 connections each answer takes many seconds on a busy box, and wrk would count only those done in time.
gets() {
  local name=$1 url=$2 conns=$3 rounds=$4 args=() i r t0 t1 out total=0 codes=""
  for i in $(seq "$conns"); do args+=(-o /dev/null "$url"); done
  for r in $(seq "$rounds"); do
    t0=$(date +%s%N)
    if [ "$conns" -gt 1 ]; then
      out=$(curl -sk --no-progress-meter -Z --parallel-max "$conns" --parallel-immediate -H "$AUTH" --max-time 600 -w '%{http_code} %{size_download}\n' "${args[@]}" || true)
    else
      out=$(curl -sk -H "$AUTH" --max-time 600 -w '%{http_code} %{size_download}\n' "${args[@]}" || true)
    fi
    t1=$(date +%s%N)
    total=$((total + t1 - t0))
    codes+="$out"$'\n'
  done
  python3 - "$name" "$conns" "$rounds" "$total" "$bytes" "$(cut -d' ' -f1-3 /proc/loadavg)" "$codes" >> "$METRICS" <<'PY'
import json, sys
name, conns, rounds, ns, size, load, out = sys.argv[1:]
got = [l.split() for l in out.splitlines() if l.strip()]
n = int(conns) * int(rounds)
ok = sum(1 for c, b in got if c == "200" and int(b) == int(size))
s = int(ns) / 1e9
print(json.dumps({"name": name, "kind": "kmget", "connections": int(conns), "requests": n, "ok": ok, "errors": n - ok,
                  "seconds": s, "rps": ok / s, "body_bytes": int(size), "loadavg": load}))
PY
  log "$(printf '%-34s %s' "$name" "$(tail -n 1 "$METRICS")")"
}
curl -sk -o /dev/null -H "$AUTH" --max-time 600 "$URL$path"   # warm: the first GET after start reads every piece
for c in 1 32; do
  n=${BENCH_KMGET_N:-3}; [ "$c" -gt 1 ] && n=1
  for r in 1 2; do   # interleaved twice: Keyhold, bare, Keyhold, bare
    gets "scale_kmget_keyhold_c${c}_${TAG}_r$r" "$URL$path" "$c" "$n"
    gets "scale_kmget_bare_c${c}_${TAG}_r$r" "$bare$path" "$c" "$n"
  done
done
