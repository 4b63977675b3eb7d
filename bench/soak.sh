#!/usr/bin/env bash
# bench/soak.sh [SECONDS] [CONNECTIONS]: the soak of issue 11. Starts `keyhold serve` on a fresh data folder (onboard
# enabled, SVM vs1), runs wrk with CONNECTIONS (32) connections of mixed reads and writes (scripts/soak_mix.lua: a
# quarter encrypted-volume POSTs, the rest pages of volumes, key managers with fields=*, nodes) for SECONDS (600), and
# samples the process's VmRSS every second. Prints requests, errors (socket errors and non-2xx answers), the mean RSS
# of the second minute and of the last minute, and PASS when there were 0 errors and the last minute is within 10 % of
# the second. Exit 0 on PASS. Figures also in bench/results/soak.json.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_NAME=soak
. "$HERE/scripts/common.sh"
SECONDS_TOTAL=${1:-600}
CONNECTIONS=${2:-32}
KEYHOLD=${KEYHOLD_BIN:-$KEYHOLD}
SAMPLER=""
ON_EXIT+=('[ -z "$SAMPLER" ] || kill "$SAMPLER"')
mkdir -p "$HERE/results"

need_pkg wrk wrk
[ -n "${KEYHOLD_BIN:-}" ] || bench_build
start_keyhold "$WORK/data" "$(free_port)"
PID=$KH_PID; URL=$KH_URL
wait_ready "$URL/api/cluster" "$PID" 60
onboard "$URL"
export SOAK_KM_PATH=$KM_PATH

# About one VmRSS sample (kB) per second: "SECONDS-SINCE-START KB" (the clock's, since a busy box stretches sleeps).
T0=$(date +%s)
( while kill -0 "$PID" 2>/dev/null; do
    printf '%d %s\n' "$(($(date +%s) - T0))" "$(awk '/^VmRSS:/ {print $2}' "/proc/$PID/status" 2>/dev/null)"; sleep 1
  done ) > "$WORK/rss.txt" &
SAMPLER=$!
log "wrk -t2 -c$CONNECTIONS -d${SECONDS_TOTAL}s, mixed reads and writes, against pid $PID"
BENCH_RUN_ID=$(date +%s) wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_TOTAL}s" --timeout 10s --latency -H "$AUTH" \
  -s "$HERE/scripts/soak_mix.lua" "$URL" > "$WORK/wrk.txt" 2>&1 || true
cp "$WORK/rss.txt" "$HERE/results/soak-rss.txt" 2>/dev/null || true
kill "$SAMPLER" 2>/dev/null || true; SAMPLER=""
VOLUMES=$(curl -ks -H "$AUTH" "$URL/api/storage/volumes?return_records=false" | python3 -c 'import json,sys; print(json.load(sys.stdin)["num_records"])')
cat "$WORK/wrk.txt" >&2
python3 - "$WORK/wrk.txt" "$WORK/rss.txt" "$SECONDS_TOTAL" "$CONNECTIONS" "$VOLUMES" "$HERE/results/soak.json" <<'PY'
import json, sys
wrk_txt, rss_txt, total, conns, volumes, out = sys.argv[1:]
total = int(total)
w = json.loads(next(l for l in open(wrk_txt) if l.startswith("WRKJSON "))[8:])
rss = {}
for line in open(rss_txt):
    parts = line.split()
    if len(parts) == 2 and parts[1].isdigit() and int(parts[0]) < total:  # samples after wrk ended don't count
        rss[int(parts[0])] = int(parts[1])
def mean(lo, hi):
    xs = [v for s, v in rss.items() if lo <= s < hi]
    return sum(xs) / len(xs) / 1024 if xs else float("nan")
minute = min(60, total // 3)
second = mean(minute, 2 * minute)
last = mean(total - minute, total)
errors = w["err_connect"] + w["err_read"] + w["err_write"] + w["err_status"] + w["err_timeout"]
drift = (last - second) / second * 100
ok = errors == 0 and abs(drift) <= 10
result = {"seconds": total, "connections": int(conns), "requests": w["requests"], "rps": w["rps"], "p50_ms": w["p50_us"] / 1000,
          "p99_ms": w["p99_us"] / 1000, "errors": errors, "wrk_errors": {k: w[k] for k in w if k.startswith("err_")},
          "volumes_made": int(volumes), "rss_second_minute_mb": round(second, 1), "rss_last_minute_mb": round(last, 1),
          "rss_peak_mb": round(max(rss.values()) / 1024, 1), "rss_drift_percent": round(drift, 1), "pass": ok}
json.dump(result, open(out, "w"), indent=1)
print(f"soak {total} s, {conns} connections: {w['requests']} requests ({w['rps']:.0f}/s, p50 {w['p50_us']/1000:.1f} ms, p99 {w['p99_us']/1000:.1f} ms), "
      f"{errors} errors, {volumes} volumes (keys) made")
print(f"RSS: second minute {second:.1f} MB, last minute {last:.1f} MB ({drift:+.1f} %), peak {max(rss.values())/1024:.1f} MB; target: 0 errors, within 10 %")
print("PASS" if ok else "MISS")
sys.exit(0 if ok else 1)
PY
