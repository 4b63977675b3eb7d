#!/usr/bin/env bash
# bench/soak.sh [SECONDS] [CONNECTIONS]: the soak of issue 11. Starts `keyhold serve` on a fresh data folder (onboard
# enabled, SVM vs1), runs wrk with CONNECTIONS (32) connections of mixed reads and writes (scripts/soak_mix.lua: a
# quarter encrypted-volume POSTs, the rest pages of volumes, key managers with fields=*, nodes) for SECONDS (600), and
# samples the process's VmRSS every second. Prints requests, errors (socket errors and non-2xx answers), the mean RSS
# of the second minute and of the last minute, and PASS when there were 0 errors and the last minute is within 10 % of
# the second. Exit 0 on PASS. Figures also in bench/results/soak.json.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
SECONDS_TOTAL=${1:-600}
CONNECTIONS=${2:-32}
KEYHOLD=${KEYHOLD_BIN:-$ROOT/src/Keyhold/bin/Release/net10.0/keyhold}
PASSWORD=soak-admin-password-1
PASSPHRASE=soak-onboard-passphrase-0123456789abcdef
WORK=$(mktemp -d "${TMPDIR:-/tmp}/keyhold-soak.XXXXXX")
PID=""; SAMPLER=""
mkdir -p "$HERE/results"
log() { echo "[soak] $*" >&2; }
cleanup() {
  [ -z "$SAMPLER" ] || kill "$SAMPLER" 2>/dev/null || true
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v wrk >/dev/null || { SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo; $SUDO apt-get install -y -q wrk >&2; }
[ -n "${BENCH_SKIP_BUILD:-}${KEYHOLD_BIN:-}" ] || dotnet build "$ROOT/src/Keyhold/Keyhold.csproj" -c Release -v quiet -nologo >&2

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
URL="https://127.0.0.1:$PORT"
AUTH="Authorization: Basic $(printf 'admin:%s' "$PASSWORD" | base64 -w0)"
KEYHOLD_ADMIN_PASSWORD="$PASSWORD" "$KEYHOLD" serve --urls "$URL" --data "$WORK/data" > "$WORK/keyhold.log" 2>&1 &
PID=$!
for _ in $(seq 600); do
  [ "$(curl -ks -o /dev/null -w '%{http_code}' -H "$AUTH" "$URL/api/cluster" 2>/dev/null)" = 200 ] && break
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/keyhold.log" >&2; exit 1; }
  sleep 0.1
done
KM_LOC=$(curl -ksf -D - -o /dev/null -H "$AUTH" -H 'Content-Type: application/json' \
  -d "{\"onboard\":{\"passphrase\":\"$PASSPHRASE\"}}" "$URL/api/security/key-managers" | tr -d '\r' | awk 'tolower($1)=="location:" {print $2}')
export SOAK_KM_PATH=${KM_LOC%%\?*}
[ -n "$SOAK_KM_PATH" ] || { log "key manager POST gave no Location"; exit 1; }
curl -ksf -o /dev/null -H "$AUTH" -H 'Content-Type: application/json' -d '{"name":"vs1"}' "$URL/api/svm/svms"

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
