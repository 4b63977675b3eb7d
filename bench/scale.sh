#!/usr/bin/env bash
# bench/scale.sh: the scale curve (issue 14). One store grows through 1,000, 100,000 and 1,000,000 encrypted volumes,
# each with its onboard VEK, seeded by Keyhold's own code (`Keyhold.Bench seed-volumes`: the node's key store wraps
# every key, the repositories write the rows). At each size a fresh `keyhold serve` on that store is measured:
# start-up, RSS, create / get / page under wrk with 32 connections (the page also at 1 connection, each beside bare
# Kestrel sending the same bytes), and count, filter and the key-manager GET one request at a time; the key-manager GET
# also under wrk at 1 and 32 connections beside bare Kestrel sending the same bytes (scripts/kmget_bare.sh); RSS 30 s
# after the loads. PostgreSQL gets the same row at 100,000 (a private cluster, fsync on).
#
# Appends its figures to $BENCH_METRICS (run.sh's metrics.jsonl) or, alone, prints them. Knobs:
#   BENCH_SCALE_MAX=100000       largest size (1000000 for the full curve: ~15 min more on a 2-core box)
#   BENCH_SCALE_DURATION=5       seconds per measured wrk run   BENCH_SCALE_WARMUP=2  seconds of warm-up before each
#   BENCH_SCALE_SAMPLES=15       one-at-a-time samples of count and filter (key-manager GET: 3); medians of few
#                                samples on a loaded 2-core box move by milliseconds
#   BENCH_SCALE_POSTGRES=0       skip the PostgreSQL row      BENCH_SKIP_BUILD=1  BENCH_KEEP=1
#   BENCH_SCALE_SIZES="1000 100000 1000000"  BENCH_SCALE_PG_SIZE=100000  (smaller ones only to try the script out)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
MAX=${BENCH_SCALE_MAX:-100000}
DUR=${BENCH_SCALE_DURATION:-5}
WARM=${BENCH_SCALE_WARMUP:-2}
SAMPLES=${BENCH_SCALE_SAMPLES:-15}
PASSWORD=bench-admin-password-1
PASSPHRASE=bench-onboard-passphrase-0123456789abcdef
AUTH="Authorization: Basic $(printf 'admin:%s' "$PASSWORD" | base64 -w0)"
KEYHOLD="$ROOT/src/Keyhold/bin/Release/net10.0/keyhold"
BENCHDLL="$HERE/Keyhold.Bench/bin/Release/net10.0/Keyhold.Bench.dll"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/keyhold-scale.XXXXXX")
METRICS=${BENCH_METRICS:-$WORK/metrics.jsonl}

log() { printf '[scale %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

STARTED_PIDS=(); PG_DIR=""
cleanup() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${STARTED_PIDS[@]}"; do
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  [ -z "$PG_DIR" ] || bash "$HERE/scripts/postgres.sh" stop "$PG_DIR" || true
  if [ -z "${BENCH_KEEP:-}" ]; then rm -rf "$WORK"; else log "work folder kept: $WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

metric() { printf '{"name":"%s","value":%s,"unit":"%s"%s}\n' "$1" "$2" "$3" "${4:+,$4}" >> "$METRICS"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
rss_kb() { awk -v k="${2:-VmRSS}:" '$1==k {print $2}' "/proc/$1/status"; }

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  log "building Release (keyhold, Keyhold.Bench)"
  dotnet build "$HERE/Keyhold.Bench/Keyhold.Bench.csproj" -c Release -nologo -v q >&2
  dotnet build "$HERE/BareKestrel/BareKestrel.csproj" -c Release -nologo -v q >&2
fi
BARE="$HERE/BareKestrel/bin/Release/net10.0/BareKestrel"

# start_keyhold DATA PORT [ENV...] -> KH_PID
start_keyhold() {
  local data=$1 port=$2; shift 2
  env KEYHOLD_ADMIN_PASSWORD="$PASSWORD" "$@" "$KEYHOLD" serve --urls "https://127.0.0.1:$port" --data "$data" > /dev/null 2>> "$data.stderr" &
  KH_PID=$!
  STARTED_PIDS+=("$KH_PID")
}
wait_ready() {
  for _ in $(seq 12000); do
    kill -0 "$2" 2>/dev/null || { log "keyhold $2 died"; tail -20 "$WORK"/*.stderr >&2; return 1; }
    [ "$(curl -sk -o /dev/null -w '%{http_code}' -H "$AUTH" --max-time 5 "$1")" = 200 ] && return 0
    sleep 0.01
  done
  log "timeout waiting for $1"; return 1
}
stop_pid() {
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 300); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  local keep=() p; for p in "${STARTED_PIDS[@]}"; do [ "$p" != "$1" ] && keep+=("$p"); done; STARTED_PIDS=("${keep[@]}")
}

# singles NAME URL N MAXTIME: one GET first; when it took over 2 s it is the only sample (a slow answer is not
# repeated on the shared box), else N+1 sequential GETs on one keep-alive connection (curl reuses it), the first
# (TLS handshake) dropped. Records median and max seconds, body bytes and HTTP codes.
singles() {
  local name=$1 url=$2 n=$3 maxt=$4 args=() i first out
  local w='%{time_total} %{size_download} %{http_code}\n'
  first=$(curl -sk -H "$AUTH" --max-time "$maxt" -w "$w" -o "$WORK/last.json" "$url" || true)
  if python3 -c "import sys; sys.exit(0 if float('${first%% *}' or 0) > 2 else 1)"; then
    out="skip
$first"
  else
    for i in $(seq "$n"); do args+=(-o /dev/null "$url"); done
    args+=(-o "$WORK/last.json" "$url")
    out=$(curl -sk -H "$AUTH" --max-time "$maxt" -w "$w" "${args[@]}" || true)
  fi
  # What the last answer held: a collection cut short by return_timeout (15 s) carries a next link instead of the whole.
  python3 - "$name" "$out" "$WORK/last.json" >> "$METRICS" <<'EOF'
import json, statistics, sys
rows = [l.split() for l in sys.argv[2].splitlines() if l.strip()][1:]
t = sorted(float(r[0]) for r in rows)
try:
    body = json.load(open(sys.argv[3]))
except (ValueError, OSError):
    body = {}
print(json.dumps({"name": sys.argv[1], "kind": "singles", "samples": len(rows),
                  "median_s": statistics.median(t) if t else None, "max_s": t[-1] if t else None,
                  "bytes": int(rows[-1][1]) if rows else None, "codes": sorted({r[2] for r in rows}),
                  "num_records": body.get("num_records"), "next": "next" in body.get("_links", {}),
                  "error": body.get("error")}))
EOF
  log "$(printf '%-28s %s' "$name" "$(tail -n 1 "$METRICS")")"
}

# guarded KIND TAG URL N PID GROWTH: singles, but a request whose cost grows with the store is not let loose on the
# shared box GROWTH times larger (the next size): when its time scaled by GROWTH, or its RSS growth scaled by GROWTH
# up to 10 (at 1,000 the fixed costs dominate), would pass LIMIT_S or LIMIT_MB, it is skipped at the next sizes and
# the row says why.
LIMIT_S=300; LIMIT_MB=6144
declare -A SKIP=()
guarded() {
  local kind=$1 tag=$2 url=$3 n=$4 pid=$5 growth=$6
  if [ -n "${SKIP[$kind]:-}" ]; then
    printf '{"name":"scale_%s_%s","kind":"singles","skipped":"%s"}\n' "$kind" "$tag" "${SKIP[$kind]}" >> "$METRICS"
    log "$kind at $tag skipped: ${SKIP[$kind]}"
    return
  fi
  local before; before=$(rss_kb "$pid")
  echo 5 > "/proc/$pid/clear_refs" 2>/dev/null || true   # VmHWM from here: this request's own peak
  singles "scale_${kind}_$tag" "$url" "$n" 600
  local max_s peak; max_s=$(tail -n 1 "$METRICS" | python3 -c 'import json,sys; print(json.load(sys.stdin)["max_s"] or 600)')
  peak=$(rss_kb "$pid" VmHWM)
  if python3 -c "import sys; sys.exit(0 if $max_s * $growth > $LIMIT_S or ($peak - $before) * min($growth, 10) > $LIMIT_MB * 1024 else 1)"; then
    SKIP[$kind]="at ${tag#*_} volumes one took ${max_s} s and RSS rose by $(( (peak - before) / 1024 )) MiB; ${growth}x that passes ${LIMIT_S} s or ${LIMIT_MB} MiB"
  fi
}

# load NAME URL [LUA]: wrk, $CONNS connections (32 unless set), warm-up then measured (timeout 60 s: slow answers are
# counted, not dropped)
load() {
  local name=$1 url=$2 lua=${3:-$HERE/scripts/report.lua} out json conns=${CONNS:-32} threads=2
  [ "$conns" -gt 1 ] || threads=1
  BENCH_RUN_ID="w$RANDOM$RANDOM" wrk -t$threads -c"$conns" -d"${WARM}s" --timeout 60s -H "$AUTH" -s "$lua" "$url" > /dev/null 2>&1 || true
  out=$(BENCH_RUN_ID="m$RANDOM$RANDOM" wrk -t$threads -c"$conns" -d"${DUR}s" --timeout 60s --latency -H "$AUTH" -s "$lua" "$url" 2>&1) \
    || { log "wrk failed for $name"; echo "$out" >&2; return 1; }
  json=$(printf '%s\n' "$out" | sed -n 's/^WRKJSON //p')
  [ -n "$json" ] || { log "no figures from wrk for $name"; echo "$out" >&2; return 1; }
  printf '{"name":"%s","kind":"wrk","connections":%d,"threads":%d,"duration_s":%s,"wrk":%s}\n' "$name" "$conns" "$threads" "$DUR" "$json" >> "$METRICS"
  log "$(printf '%-28s %s' "$name" "$json")"
}

# curve STORE DATA SIZES... [-- ENV...]: set up a key manager and vs1, then grow and measure at each size
curve() {
  local kind=$1 data=$2; shift 2
  local sizes=() env=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do sizes+=("$1"); shift; done
  [ $# -gt 0 ] && { shift; env=("$@"); }
  local port; port=$(free_port); local url="https://127.0.0.1:$port"
  log "$kind: fresh store, onboard key manager, SVM vs1"
  start_keyhold "$data" "$port" "${env[@]}"; wait_ready "$url/api/cluster" "$KH_PID"
  local km; km=$(curl -sk -D - -o /dev/null -H "$AUTH" -H 'Content-Type: application/json' \
    -d "{\"onboard\":{\"passphrase\":\"$PASSPHRASE\"}}" "$url/api/security/key-managers" | tr -d '\r' \
    | awk 'tolower($1)=="location:" {print $2}' | sed 's#.*/##; s#?.*##')
  [ -n "$km" ] || { log "key manager POST gave no Location"; return 1; }
  curl -sk -o /dev/null -f -H "$AUTH" -H 'Content-Type: application/json' -d '{"name":"vs1"}' "$url/api/svm/svms"
  local node; node=$(curl -sk -H "$AUTH" "$url/api/cluster/nodes" | python3 -c 'import json,sys; print(json.load(sys.stdin)["records"][0]["uuid"])')
  stop_pid "$KH_PID"
  local seeded=0 size
  SKIP=()
  for size in "${sizes[@]}"; do
    local tag="${kind}_${size}"
    log "$kind: seeding volumes $seeded..$((size - 1)) (Keyhold.Bench seed-volumes, 5,000 per transaction)"
    local seed; seed=$(env "${env[@]}" dotnet "$BENCHDLL" seed-volumes "$data" vs1 "$seeded" $((size - seeded)) 5000)
    printf '{"name":"scale_seed_%s","kind":"scale_seed","store":"%s","size":%d,"result":%s}\n' "$tag" "$kind" "$size" "$seed" >> "$METRICS"
    seeded=$size
    local t0 t1; t0=$(date +%s%N)
    start_keyhold "$data" "$port" "${env[@]}"; wait_ready "$url/api/cluster" "$KH_PID"
    t1=$(date +%s%N)
    local pid=$KH_PID
    metric "scale_startup_ms_$tag" $(( (t1 - t0) / 1000000 )) ms "\"kind\":\"scale\",\"store\":\"$kind\",\"size\":$size"
    # The seeded rows are what a client sees: the last volume is there, encrypted, and its key answers by key ID.
    local last lastkey
    last=$(printf 'sv%07d' $((size - 1)))
    lastkey=$(curl -sk -H "$AUTH" "$url/api/storage/volumes?name=$last&fields=encryption.key_id" \
      | python3 -c 'import json,sys; r=json.load(sys.stdin)["records"]; print(r[0]["encryption"]["key_id"] if len(r) == 1 else "")')
    [ -n "$lastkey" ] && [ "$(curl -sk -o /dev/null -w '%{http_code}' -H "$AUTH" "$url/api/security/key-managers/$km/keys/$node/key-ids/$lastkey")" = 200 ] \
      || { log "seeded volume $last or its key is not visible through REST"; return 1; }
    sleep 3
    metric "scale_rss_idle_kb_$tag" "$(rss_kb "$pid")" kB "\"kind\":\"scale\",\"store\":\"$kind\",\"size\":$size"
    local growth=1 i
    for i in "${!sizes[@]}"; do [ "${sizes[$i]}" = "$size" ] && [ -n "${sizes[$((i + 1))]:-}" ] && growth=$(( sizes[i + 1] / size )); done
    guarded count "$tag" "$url/api/storage/volumes?return_records=false" "$SAMPLES" "$pid" "$growth"
    guarded keycount "$tag" "$url/api/security/key-managers/$km/keys/$node/key-ids?return_records=false" "$SAMPLES" "$pid" "$growth"
    guarded filter "$tag" "$url/api/storage/volumes?name=sv000001*&fields=name,encryption.key_id" "$SAMPLES" "$pid" "$growth"
    guarded kmget "$tag" "$url/api/security/key-managers?fields=*" 3 "$pid" "$growth"
    # Issue 14: the key-manager GET beside bare Kestrel sending the same bytes, 1 and 32 connections (up to 100,000).
    if [ -z "${SKIP[kmget]:-}" ] && [ "$size" -le 100000 ]; then
      "$HERE/scripts/kmget_bare.sh" "$url" "/api/security/key-managers/$km" "$data" "$tag" "$METRICS" || log "kmget_bare failed at $tag"
    fi
    metric "scale_rss_peak_kb_$tag" "$(rss_kb "$pid" VmHWM)" kB "\"kind\":\"scale\",\"store\":\"$kind\",\"size\":$size,\"after\":\"count, filter, key-manager GET\""
    local vol; vol=$(curl -sk -H "$AUTH" "$url/api/storage/volumes?name=sv0000000" | python3 -c 'import json,sys; print(json.load(sys.stdin)["records"][0]["uuid"])')
    # The page load last: requests wrk gives up on still run in the server, and would weigh on the next load.
    load "scale_get_$tag" "$url/api/storage/volumes/$vol"
    BENCH_SVM=vs1 load "scale_create_$tag" "$url/api/storage/volumes" "$HERE/scripts/volume_post.lua"
    # Issue 14 scope 3: the same 100-volume page from bare Kestrel (same bytes, same certificate) beside Keyhold's, at 1
    # and 32 connections, interleaved.
    local page="/api/storage/volumes?max_records=100&fields=*" bport bare_pid
    curl -sk -f -H "$AUTH" "$url$page" -o "$WORK/page_$tag.json"
    bport=$(free_port)
    "$BARE" --urls "https://127.0.0.1:$bport" --cert "$data/tls.crt" --key "$data/tls.key" "/api/storage/volumes=$WORK/page_$tag.json" > /dev/null 2>&1 &
    bare_pid=$!; STARTED_PIDS+=("$bare_pid")
    wait_ready "https://127.0.0.1:$bport$page" "$bare_pid"
    cmp -s <(curl -sk "https://127.0.0.1:$bport$page") "$WORK/page_$tag.json" || { log "bare server bytes differ"; return 1; }
    metric "scale_page_bytes_$tag" "$(stat -c %s "$WORK/page_$tag.json")" B "\"kind\":\"scale\""
    CONNS=1 load "scale_page_c1_$tag" "$url$page"
    CONNS=1 load "scale_bare_page_c1_$tag" "https://127.0.0.1:$bport$page"
    load "scale_page_$tag" "$url$page"
    load "scale_bare_page_$tag" "https://127.0.0.1:$bport$page"
    stop_pid "$bare_pid"
    metric "scale_rss_after_kb_$tag" "$(rss_kb "$pid")" kB "\"kind\":\"scale\",\"store\":\"$kind\",\"size\":$size"
    metric "scale_rss_peak_all_kb_$tag" "$(rss_kb "$pid" VmHWM)" kB "\"kind\":\"scale\",\"store\":\"$kind\",\"size\":$size"
    # Issue 14: memory must come back after the loads, not stay at its peak (at every size).
    sleep 30
    metric "scale_rss_30s_kb_$tag" "$(rss_kb "$pid")" kB "\"kind\":\"scale\",\"store\":\"$kind\",\"size\":$size"
    metric "scale_load_$tag" "\"$(cut -d' ' -f1-3 /proc/loadavg)\"" loadavg "\"kind\":\"scale\""
    stop_pid "$pid"
  done
}

SIZES=()
for s in ${BENCH_SCALE_SIZES:-1000 100000 1000000}; do [ "$s" -le "$MAX" ] && SIZES+=("$s"); done
PG_SIZE=${BENCH_SCALE_PG_SIZE:-100000}
log "SQLite curve: ${SIZES[*]}"
curve sqlite "$WORK/sqlite" "${SIZES[@]}"

if [ "${BENCH_SCALE_POSTGRES:-1}" = 1 ] && [ "$MAX" -ge "$PG_SIZE" ]; then
  PG_DIR="$WORK/postgres"
  if CS=$(bash "$HERE/scripts/postgres.sh" start "$PG_DIR"); then
    log "PostgreSQL row: $PG_SIZE (private cluster, fsync on)"
    curve postgres "$WORK/pg-node" "$PG_SIZE" -- Keyhold__Store=postgres "Keyhold__ConnectionString=$CS"
  else
    PG_DIR=""
    printf '{"name":"scale_postgres","kind":"meta","skipped":"no PostgreSQL server binaries"}\n' >> "$METRICS"
  fi
fi
[ -n "${BENCH_METRICS:-}" ] || cat "$METRICS"
