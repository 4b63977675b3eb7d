#!/usr/bin/env bash
# bench/query-memory.sh: issue 11 row 1 at full size. N volumes (default 100,000) seeded through Keyhold's own
# repository code, then `GET /api/storage/volumes?fields=**&comment=*x*` from 8 parallel `readonly` clients (wrk), beside
# a bare Kestrel sending the same bytes over the same TLS (the baseline, same run). Measures RSS idle before, peak
# during, and after 10/20/30 s idle, and the request time against the bare server's. Its rows (issue 14 scope 1: back
# under 300 MB within 30 s of the load, no request failed) go to $BENCH_METRICS (run.sh's report) or, alone, are printed.
#
# Env: QM_VOLUMES=100000  QM_EVERY=10 (one volume in QM_EVERY matches)  QM_CONNS=8  QM_DURATION=20 (s of load)
#      BENCH_SKIP_BUILD=1  BENCH_KEYHOLD_ENV="K=V ..." (e.g. GC settings to compare; recorded in the figures)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_NAME=query-memory
. "$HERE/scripts/common.sh"
N=${QM_VOLUMES:-100000}
EVERY=${QM_EVERY:-10}
CONNS=${QM_CONNS:-8}
DUR=${QM_DURATION:-20}
RO_PASSWORD=bench-readonly-password-1
QUERY="/api/storage/volumes?fields=**&comment=*x*"
RO="Authorization: Basic $(printf 'monitor:%s' "$RO_PASSWORD" | base64 -w0)"

need_pkg wrk wrk
bench_build
D="$WORK/data"; P=$(free_port)
start_keyhold "$D" "$P"; U=$KH_URL; wait_ready "$U/api/cluster" "$KH_PID"
SVM=$(curl -sk -f -H "$AUTH" -H 'Content-Type: application/json' -d '{"name":"vs1"}' "$U/api/svm/svms?return_records=true" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["records"][0]["uuid"])')
curl -sk -f -o /dev/null -H "$AUTH" -H 'Content-Type: application/json' \
  -d "{\"name\":\"monitor\",\"role\":{\"name\":\"readonly\"},\"password\":\"$RO_PASSWORD\"}" "$U/api/security/accounts"
stop_pid "$KH_PID"
log "seeding $N volumes through Keyhold's repository (one in $EVERY matches comment=*x*)"
t0=$(date +%s%N)
MATCHES=$(dotnet "$BENCHDLL" seed-query "$D/keyhold.db" "$SVM" vs1 "$N" "$EVERY")
SEED_MS=$(( ($(date +%s%N) - t0) / 1000000 ))

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

bare_kestrel "$D" "/api/storage/volumes=$WORK/body.json"
wait_ready "$BARE_URL$QUERY" "$BARE_PID"

wrk_json() {  # URL -> WRKJSON line of report.lua (no warm-up: the first requests' cost is part of what is measured)
  wrk -t2 -c"$CONNS" -d"${DUR}s" --timeout 120s --latency -H "$RO" -s "$HERE/scripts/report.lua" "$1" 2>&1 | sed -n 's/^WRKJSON //p'
}
log "load: $CONNS connections for ${DUR}s on the bare server, then on keyhold (RSS sampled every 100 ms)"
BARE_JSON=$(wrk_json "$BARE_URL$QUERY")
( while kill -0 "$KH" 2>/dev/null; do rss_kb "$KH"; sleep 0.1; done ) > "$WORK/rss.txt" 2>/dev/null &
SAMPLER=$!
KH_JSON=$(wrk_json "$U$QUERY")
kill "$SAMPLER" 2>/dev/null || true
RSS_PEAK=$(sort -n "$WORK/rss.txt" | tail -1)
IDLE=()
for _ in 10 20 30; do sleep 10; IDLE+=("$(rss_kb "$KH")"); done

python3 - "$N" "$MATCHES" "$CONNS" "$DUR" "$(stat -c %s "$WORK/body.json")" "$SEED_MS" \
  "$RSS_BEFORE" "$RSS_PEAK" "${IDLE[0]}" "${IDLE[1]}" "${IDLE[2]}" "$KH_JSON" "$BARE_JSON" "${BENCH_KEYHOLD_ENV:-}" >> "$METRICS" <<'PY'
import json, sys
(n, matches, conns, dur, body, seed_ms, before, peak, i10, i20, i30, kh, bare, env) = sys.argv[1:]
mb = lambda kb: round(int(kb) / 1024, 1)
print(json.dumps({"name": "query_memory", "kind": "query_memory", "keyhold_env": env, "result": {
    "volumes": int(n), "matches": int(matches), "connections": int(conns), "duration_s": int(dur), "body_bytes": int(body),
    "seed_s": int(seed_ms) / 1000, "rss_mb": {"before": mb(before), "peak": mb(peak), "idle_10s": mb(i10), "idle_20s": mb(i20), "idle_30s": mb(i30)},
    "keyhold": json.loads(kh), "bare": json.loads(bare)}}))
PY
report_alone
