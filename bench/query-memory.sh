#!/usr/bin/env bash
# bench/query-memory.sh: issue 11 row 1 at full size. N volumes (default 100,000) seeded through Keyhold's own
# repository code, then `GET /api/storage/volumes?fields=**&comment=*x*` from 8 parallel `readonly` clients (wrk), beside
# a bare Kestrel sending the same bytes over the same TLS (the baseline, same run). Reports: RSS idle before, peak
# during, and after 10/20/30 s idle; request time against the bare server's; and PASS/MISS for the memory targets
# (issue 14 scope 1: back under 300 MB within 30 s of the load). Writes bench/results/query-memory.json.
#
# Env: QM_VOLUMES=100000  QM_EVERY=10 (one volume in QM_EVERY matches)  QM_CONNS=8  QM_DURATION=20 (s of load)
#      BENCH_SKIP_BUILD=1  BENCH_KEYHOLD_ENV="K=V ..." (e.g. GC settings to compare; recorded in the JSON)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
N=${QM_VOLUMES:-100000}
EVERY=${QM_EVERY:-10}
CONNS=${QM_CONNS:-8}
DUR=${QM_DURATION:-20}
PASSWORD=bench-admin-password-1
RO_PASSWORD=bench-readonly-password-1
KEYHOLD="$ROOT/src/Keyhold/bin/Release/net10.0/keyhold"
BARE="$HERE/BareKestrel/bin/Release/net10.0/BareKestrel"
BENCHDLL="$HERE/Keyhold.Bench/bin/Release/net10.0/Keyhold.Bench.dll"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/keyhold-qm.XXXXXX")
QUERY="/api/storage/volumes?fields=**&comment=*x*"
log() { printf '[query-memory %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

STARTED=()
cleanup() {
  local pid
  for pid in "${STARTED[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${STARTED[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v wrk >/dev/null || { log "wrk is needed (apt-get install wrk)"; exit 1; }
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  log "building Release (keyhold, BareKestrel, Keyhold.Bench)"
  dotnet build "$HERE/Keyhold.Bench/Keyhold.Bench.csproj" -c Release -nologo -v q >&2
  dotnet build "$HERE/BareKestrel/BareKestrel.csproj" -c Release -nologo -v q >&2
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
auth() { printf 'Authorization: Basic %s' "$(printf '%s:%s' "$1" "$2" | base64 -w0)"; }
ADMIN=$(auth admin "$PASSWORD"); RO=$(auth monitor "$RO_PASSWORD")
start_keyhold() {  # DATA PORT -> KH_PID
  # shellcheck disable=SC2086
  env KEYHOLD_ADMIN_PASSWORD="$PASSWORD" ${BENCH_KEYHOLD_ENV:-} "$KEYHOLD" serve --urls "https://127.0.0.1:$2" --data "$1" > /dev/null 2> "$1.stderr" &
  KH_PID=$!; STARTED+=("$KH_PID")
}
wait_ready() {  # URL PID
  for _ in $(seq 3000); do
    kill -0 "$2" 2>/dev/null || { log "process $2 died"; cat "$WORK"/*.stderr >&2 2>/dev/null; return 1; }
    [ "$(curl -sk -o /dev/null -w '%{http_code}' -H "$ADMIN" --max-time 2 "$1")" = 200 ] && return 0
    sleep 0.02
  done
  log "timeout waiting for $1"; return 1
}
stop_pid() { kill -TERM "$1" 2>/dev/null || true; for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done; kill -KILL "$1" 2>/dev/null || true; }

D="$WORK/data"; P=$(free_port); U="https://127.0.0.1:$P"
start_keyhold "$D" "$P"; wait_ready "$U/api/cluster" "$KH_PID"
SVM=$(curl -sk -f -H "$ADMIN" -H 'Content-Type: application/json' -d '{"name":"vs1"}' "$U/api/svm/svms?return_records=true" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["records"][0]["uuid"])')
curl -sk -f -o /dev/null -H "$ADMIN" -H 'Content-Type: application/json' \
  -d "{\"name\":\"monitor\",\"role\":{\"name\":\"readonly\"},\"password\":\"$RO_PASSWORD\"}" "$U/api/security/accounts"
stop_pid "$KH_PID"
log "seeding $N volumes through Keyhold's repository (one in $EVERY matches comment=*x*)"
t0=$(date +%s%N)
MATCHES=$(dotnet "$BENCHDLL" seed-query "$D/keyhold.db" "$SVM" vs1 "$N" "$EVERY")
SEED_S=$(( ($(date +%s%N) - t0) / 1000000 ))

start_keyhold "$D" "$P"; KH=$KH_PID; wait_ready "$U/api/cluster" "$KH"
curl -sk -f -H "$RO" "$U$QUERY" -o "$WORK/body.json"
python3 - "$WORK/body.json" "$MATCHES" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
assert b["num_records"] == int(sys.argv[2]) and "next" not in b["_links"], (b["num_records"], sys.argv[2])
assert all("x" in r["comment"] for r in b["records"])
PY
sleep 3
RSS_BEFORE=$(rss_kb "$KH")

PB=$(free_port); UB="https://127.0.0.1:$PB"
"$BARE" --urls "$UB" --cert "$D/tls.crt" --key "$D/tls.key" "/api/storage/volumes=$WORK/body.json" > "$WORK/bare.log" 2>&1 &
BARE_PID=$!; STARTED+=("$BARE_PID")
wait_ready "$UB$QUERY" "$BARE_PID"

wrk_json() {  # URL -> WRKJSON line of report.lua
  wrk -t2 -c"$CONNS" -d"${DUR}s" --timeout 120s --latency -H "$RO" -s "$HERE/scripts/report.lua" "$1" 2>&1 | sed -n 's/^WRKJSON //p'
}
log "load: $CONNS connections for ${DUR}s on the bare server, then on keyhold (RSS sampled every 100 ms)"
BARE_JSON=$(wrk_json "$UB$QUERY")
( while kill -0 "$KH" 2>/dev/null; do rss_kb "$KH"; sleep 0.1; done ) > "$WORK/rss.txt" 2>/dev/null &
SAMPLER=$!
KH_JSON=$(wrk_json "$U$QUERY")
kill "$SAMPLER" 2>/dev/null || true
RSS_PEAK=$(sort -n "$WORK/rss.txt" | tail -1)
IDLE=()
for s in 10 20 30; do sleep 10; IDLE+=("$(rss_kb "$KH")"); done

mkdir -p "$HERE/results"
python3 - "$HERE/results/query-memory.json" "$N" "$MATCHES" "$CONNS" "$DUR" "$(stat -c %s "$WORK/body.json")" "$SEED_S" \
  "$RSS_BEFORE" "$RSS_PEAK" "${IDLE[0]}" "${IDLE[1]}" "${IDLE[2]}" "$KH_JSON" "$BARE_JSON" "${BENCH_KEYHOLD_ENV:-}" \
  "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)" <<'PY'
import json, sys, time
(out, n, matches, conns, dur, body, seed_ms, before, peak, i10, i20, i30, kh, bare, env, commit) = sys.argv[1:]
kh, bare = json.loads(kh), json.loads(bare)
mb = lambda kb: int(kb) / 1024
r = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "commit": commit, "keyhold_env": env,
     "volumes": int(n), "matches": int(matches), "connections": int(conns), "duration_s": int(dur), "body_bytes": int(body),
     "seed_s": int(seed_ms) / 1000, "rss_mb": {"before": mb(before), "peak": mb(peak), "idle_10s": mb(i10), "idle_20s": mb(i20), "idle_30s": mb(i30)},
     "keyhold": kh, "bare": bare}
errors = kh["err_status"] + kh["err_connect"] + kh["err_read"] + kh["err_write"] + kh["err_timeout"]
rows = [
    ("requests (keyhold / bare)", "%d / %d in %ss" % (kh["requests"], bare["requests"], dur), ""),
    ("request p50 (keyhold / bare)", "%.0f ms / %.0f ms" % (kh["p50_us"] / 1e3, bare["p50_us"] / 1e3),
     "ratio %.2f" % (bare["p50_us"] / kh["p50_us"]) if kh["p50_us"] else ""),
    ("keyhold errors", str(errors), "PASS" if errors == 0 else "MISS"),
    ("RSS before -> peak", "%.0f -> %.0f MB" % (mb(before), mb(peak)), ""),
    ("RSS idle 10 / 20 / 30 s", "%.0f / %.0f / %.0f MB" % (mb(i10), mb(i20), mb(i30)), "PASS" if mb(i30) < 300 else "MISS"),
]
print("\nissue 11 row 1: GET %s, %s volumes (%s match), %s readonly clients, body %.1f MB" % (
    "/api/storage/volumes?fields=**&comment=*x*", n, matches, conns, int(body) / 1e6))
for name, value, verdict in rows:
    print("  %-32s %-34s %s" % (name, value, verdict))
r["pass"] = errors == 0 and mb(i30) < 300
json.dump(r, open(out, "w"), indent=1)
PY
