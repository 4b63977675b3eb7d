#!/usr/bin/env bash
# bench/scale.sh: the scale curve (issue 14). One store grows through 1,000, 100,000 and 1,000,000 encrypted volumes,
# each with its onboard VEK, seeded by Keyhold's own code (`Keyhold.Bench seed-volumes`: the node's key store wraps
# every key, the repositories write the rows). At each size a fresh `keyhold serve` on that store is measured:
# start-up, RSS, create / get / page under wrk with 32 connections (the page also at 1 connection, each beside bare
# Kestrel sending the same bytes), and count, filter and the key-manager GET one request at a time; the key-manager GET
# also under wrk at 1 and 32 connections beside bare Kestrel sending the same bytes (scripts/kmget_bare.sh); RSS 30 s
# after the loads. PostgreSQL gets the same row at 100,000 (a private cluster, fsync on).
#
# Appends its figures to $BENCH_METRICS (run.sh's metrics.jsonl) or, alone, prints its rows. Knobs:
#   BENCH_SCALE_MAX=100000       largest size (1000000 for the full curve: ~15 min more on a 2-core box)
#   BENCH_SCALE_DURATION=5       seconds per measured wrk run   BENCH_SCALE_WARMUP=2  seconds of warm-up before each
#   BENCH_SCALE_SAMPLES=15       one-at-a-time samples of count and filter (key-manager GET: 3); medians of few
#                                samples on a loaded 2-core box move by milliseconds
#   BENCH_SCALE_POSTGRES=0       skip the PostgreSQL row      BENCH_SKIP_BUILD=1  BENCH_KEEP=1
#   BENCH_SCALE_SIZES="1000 100000 1000000"  BENCH_SCALE_PG_SIZE=100000  (smaller ones only to try the script out)
#   BENCH_SCALE_SEED_BATCH=50000 volumes per seeding transaction   BENCH_SCALE_SEED_CACHE_MB=1024 its SQLite page cache
#   BENCH_SCALE_KEY_CAP=1000000  Keyhold's onboard key cap (Keyhold__OnboardMaxKeys' default and most): past it every
#                                encrypted volume POST is refused (400 65537406) and no key_backup holds the keys
#   BENCH_SCALE_CREATE_WARMUP=8  seconds of unmeasured creates before the measured create load, at every size alike
#                                (the create path's tier-1 JIT otherwise lands in the measured seconds)
#   BENCH_SCALE_CREATE_ROOM=80000 volumes a size at the cap leaves free for its create load (8 + 5 s at up to ~5,700/s)
#
# A size counts every volume in the store, those the earlier sizes' create loads made included (seeding tops the store
# up to it); a size within CREATE_ROOM of KEY_CAP is seeded to KEY_CAP - CREATE_ROOM, so that its create load measures
# creates rather than refusals and its key_backup can be written. Each row reports the volumes it held.
# Beside each load's req/s, the server's CPU µs per request (count, key-ID count and filter also under wrk at 1
# connection): on a shared box the growth targets compare those, the wall-clock ratios are printed beside them.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_NAME=scale
MAX=${BENCH_SCALE_MAX:-100000}
DUR=${BENCH_SCALE_DURATION:-5}
WARM=${BENCH_SCALE_WARMUP:-2}
SAMPLES=${BENCH_SCALE_SAMPLES:-15}
SEED_BATCH=${BENCH_SCALE_SEED_BATCH:-50000}      # volumes per seeding transaction
SEED_CACHE_MB=${BENCH_SCALE_SEED_CACHE_MB:-1024} # SQLite page cache of the seeding process (see SeedVolumes.cs)
KEY_CAP=${BENCH_SCALE_KEY_CAP:-1000000}
CREATE_ROOM=${BENCH_SCALE_CREATE_ROOM:-80000}
CREATE_WARM=${BENCH_SCALE_CREATE_WARMUP:-8}
. "$HERE/scripts/common.sh"
WRK_TIMEOUT=60   # slow answers are counted, not dropped

need_pkg wrk wrk
bench_build

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

# curve STORE DATA SIZES... [-- ENV...]: set up a key manager and vs1, then grow and measure at each size
curve() {
  local kind=$1 data=$2; shift 2
  local sizes=() env=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do sizes+=("$1"); shift; done
  [ $# -gt 0 ] && { shift; env=("$@"); }
  local port; port=$(free_port); local url="https://127.0.0.1:$port"
  log "$kind: fresh store, onboard key manager, SVM vs1"
  start_keyhold "$data" "$port" "${env[@]}"; wait_ready "$url/api/cluster" "$KH_PID" 1200
  onboard "$url"
  local km=${KM_PATH##*/}
  local node; node=$(curl -sk -H "$AUTH" "$url/api/cluster/nodes" | python3 -c 'import json,sys; print(json.load(sys.stdin)["records"][0]["uuid"])')
  stop_pid "$KH_PID"
  # seeded: sv names used so far; held: volumes in the store (the create loads add theirs)
  local seeded=0 held=0 size
  SKIP=()
  for size in "${sizes[@]}"; do
    local tag="${kind}_${size}" target=$size
    [ $((size + CREATE_ROOM)) -le "$KEY_CAP" ] || target=$((KEY_CAP - CREATE_ROOM))
    local adding=$((target > held ? target - held : 0))
    log "$kind: seeding $adding volumes from sv$(printf '%07d' "$seeded") to hold $target (Keyhold.Bench seed-volumes, $SEED_BATCH per transaction)"
    if [ "$adding" -gt 0 ]; then
      local seed; seed=$(env "${env[@]}" dotnet "$BENCHDLL" seed-volumes "$data" vs1 "$seeded" "$adding" "$SEED_BATCH" "$SEED_CACHE_MB")
      printf '{"name":"scale_seed_%s","kind":"scale_seed","store":"%s","size":%d,"result":%s}\n' "$tag" "$kind" "$size" "$seed" >> "$METRICS"
      seeded=$((seeded + adding))
    fi
    local t0 t1; t0=$(date +%s%N)
    start_keyhold "$data" "$port" "${env[@]}"; wait_ready "$url/api/cluster" "$KH_PID" 1200
    t1=$(date +%s%N)
    local pid=$KH_PID
    metric "scale_startup_ms_$tag" $(( (t1 - t0) / 1000000 )) ms "\"kind\":\"scale\",\"store\":\"$kind\",\"size\":$size"
    # What start-up did, whatever the box's load: its CPU, and the bytes it read through read(2)/pread(2) (SQLite reads
    # so; the runtime maps its assemblies). Reading every key would show here as the store's size.
    metric "scale_startup_cpu_ms_$tag" $(( $(cpu_ticks "$pid") * 1000 / $(getconf CLK_TCK) )) ms "\"kind\":\"scale\",\"store\":\"$kind\",\"size\":$size"
    metric "scale_startup_read_kb_$tag" $(( $(awk '$1 == "rchar:" {print $2}' "/proc/$pid/io") / 1024 )) kB "\"kind\":\"scale\",\"store\":\"$kind\",\"size\":$size,\"store_kb\":$(du -sk "$data" | cut -f1)"
    # The seeded rows are what a client sees: the last volume is there, encrypted, and its key answers by key ID.
    local last lastkey
    last=$(printf 'sv%07d' $((seeded - 1)))
    lastkey=$(curl -sk -H "$AUTH" "$url/api/storage/volumes?name=$last&fields=encryption.key_id" \
      | python3 -c 'import json,sys; r=json.load(sys.stdin)["records"]; print(r[0]["encryption"]["key_id"] if len(r) == 1 else "")')
    [ -n "$lastkey" ] && [ "$(curl -sk -o /dev/null -w '%{http_code}' -H "$AUTH" "$url/api/security/key-managers/$km/keys/$node/key-ids/$lastkey")" = 200 ] \
      || { log "seeded volume $last or its key is not visible through REST"; return 1; }
    sleep 3
    metric "scale_rss_idle_kb_$tag" "$(rss_kb "$pid")" kB "\"kind\":\"scale\",\"store\":\"$kind\",\"size\":$size"
    local growth=1 i
    for i in "${!sizes[@]}"; do [ "${sizes[$i]}" = "$size" ] && [ -n "${sizes[$((i + 1))]:-}" ] && growth=$(( sizes[i + 1] / size )); done
    local count_url="$url/api/storage/volumes?return_records=false"
    local keycount_url="$url/api/security/key-managers/$km/keys/$node/key-ids?return_records=false"
    local filter_url="$url/api/storage/volumes?name=sv000001*&fields=name,encryption.key_id"
    guarded count "$tag" "$count_url" "$SAMPLES" "$pid" "$growth"
    guarded keycount "$tag" "$keycount_url" "$SAMPLES" "$pid" "$growth"
    guarded filter "$tag" "$filter_url" "$SAMPLES" "$pid" "$growth"
    # ONTAP's longest return_timeout: a key_backup of a million keys takes longer than the default 15 s on this box,
    # and the row should say how long the whole answer took, not that it was cut short.
    guarded kmget "$tag" "$url/api/security/key-managers?fields=*&return_timeout=120" 3 "$pid" "$growth"
    # Issue 14: the key-manager GET beside bare Kestrel sending the same bytes, 1 and 32 connections (up to 100,000).
    if [ -z "${SKIP[kmget]:-}" ] && [ "$size" -le 100000 ]; then
      "$HERE/scripts/kmget_bare.sh" "$url" "/api/security/key-managers/$km" "$data" "$tag" "$METRICS" || log "kmget_bare failed at $tag"
    fi
    metric "scale_rss_peak_kb_$tag" "$(rss_kb "$pid" VmHWM)" kB "\"kind\":\"scale\",\"store\":\"$kind\",\"size\":$size,\"after\":\"count, filter, key-manager GET\""
    local vol; vol=$(curl -sk -H "$AUTH" "$url/api/storage/volumes?name=sv0000000" | python3 -c 'import json,sys; print(json.load(sys.stdin)["records"][0]["uuid"])')
    export WRK_CPU_PID=$pid
    # The one-at-a-time requests again, under wrk at 1 connection, for the server's CPU per request.
    local k
    for k in count keycount filter; do
      [ -n "${SKIP[$k]:-}" ] || { local u="${k}_url"; wrk_load "scale_${k}_c1_$tag" "${!u}" 1; }
    done
    # The page load last: requests wrk gives up on still run in the server, and would weigh on the next load.
    wrk_load "scale_get_$tag" "$url/api/storage/volumes/$vol" 32
    WARM=$CREATE_WARM BENCH_SVM=vs1 wrk_load "scale_create_$tag" "$url/api/storage/volumes" 32 "$HERE/scripts/volume_post.lua"
    # Issue 14 scope 3: the same 100-volume page from bare Kestrel (same bytes, same certificate) beside Keyhold's, at 1
    # and 32 connections, interleaved.
    local page="/api/storage/volumes?max_records=100&fields=*"
    curl -sk -f -H "$AUTH" "$url$page" -o "$WORK/page_$tag.json"
    bare_kestrel "$data" "/api/storage/volumes=$WORK/page_$tag.json"
    wait_ready "$BARE_URL$page" "$BARE_PID"
    cmp -s <(curl -sk "$BARE_URL$page") "$WORK/page_$tag.json" || { log "bare server bytes differ"; return 1; }
    metric "scale_page_bytes_$tag" "$(stat -c %s "$WORK/page_$tag.json")" B "\"kind\":\"scale\""
    wrk_load "scale_page_c1_$tag" "$url$page" 1
    WRK_CPU_PID=$BARE_PID wrk_load "scale_bare_page_c1_$tag" "$BARE_URL$page" 1
    wrk_load "scale_page_$tag" "$url$page" 32
    WRK_CPU_PID=$BARE_PID wrk_load "scale_bare_page_$tag" "$BARE_URL$page" 32
    unset WRK_CPU_PID
    stop_pid "$BARE_PID"
    metric "scale_rss_after_kb_$tag" "$(rss_kb "$pid")" kB "\"kind\":\"scale\",\"store\":\"$kind\",\"size\":$size"
    metric "scale_rss_peak_all_kb_$tag" "$(rss_kb "$pid" VmHWM)" kB "\"kind\":\"scale\",\"store\":\"$kind\",\"size\":$size"
    # Issue 14: memory must come back after the loads, not stay at its peak (at every size).
    sleep 30
    metric "scale_rss_30s_kb_$tag" "$(rss_kb "$pid")" kB "\"kind\":\"scale\",\"store\":\"$kind\",\"size\":$size"
    metric "scale_load_$tag" "\"$(cut -d' ' -f1-3 /proc/loadavg)\"" loadavg "\"kind\":\"scale\""
    held=$(curl -sk -H "$AUTH" "$count_url" | python3 -c 'import json,sys; print(json.load(sys.stdin)["num_records"])')
    stop_pid "$pid"
  done
}

SIZES=()
for s in ${BENCH_SCALE_SIZES:-1000 100000 1000000}; do [ "$s" -le "$MAX" ] && SIZES+=("$s"); done
PG_SIZE=${BENCH_SCALE_PG_SIZE:-100000}
log "SQLite curve: ${SIZES[*]}"
curve sqlite "$WORK/sqlite" "${SIZES[@]}"

if [ "${BENCH_SCALE_POSTGRES:-1}" = 1 ] && [ "$MAX" -ge "$PG_SIZE" ]; then
  chmod 711 "$WORK" # the PostgreSQL cluster runs as the postgres account and must reach its folder
  if pg_start "$WORK/postgres"; then
    log "PostgreSQL row: $PG_SIZE (private cluster, fsync on)"
    curve postgres "$WORK/pg-node" "$PG_SIZE" -- Keyhold__Store=postgres "Keyhold__ConnectionString=$PG_CS"
  else
    printf '{"name":"scale_postgres","kind":"meta","skipped":"no PostgreSQL server binaries"}\n' >> "$METRICS"
  fi
fi
REPORT_META="\"scale_max\":${SIZES[-1]}" report_alone
