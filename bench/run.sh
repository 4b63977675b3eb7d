#!/usr/bin/env bash
# bench/run.sh: Keyhold's benchmark suite in one command (issue 5). See bench/README.md.
#
# Builds Release, starts `keyhold serve` on fresh data folders (1,000 and 100,000 SVM records, seeded through
# the store), a bare Kestrel serving the same bytes over the same certificate, and a PyKMIP server; runs the
# loads side by side; stops everything it started; prints a table and writes bench/results/latest.json.
#
# Env knobs (defaults fit a 2-core box in < 10 min):
#   BENCH_DURATION=20   seconds per measured wrk run          BENCH_WARMUP=5   seconds of warm-up before each
#   BENCH_STARTS=5      start-up samples (median reported)    BENCH_KMIP_N=200 Create+Get pairs per KMIP run
#   BENCH_KMIP_BATCH=10 operations per batched message        BENCH_KMIP_ROUNDS=2  alternating C#/PyKMIP rounds
#   BENCH_SKIP_BUILD=1  BENCH_SKIP_MICRO=1  BENCH_SKIP_KMIP=1  BENCH_KEEP=1 (keep the work folder)
#   BENCH_SKIP_STRANGERS=1  BENCH_SKIP_SCALE_OUT=1  skip the strangers' and the PostgreSQL scale-out scripts
#   BENCH_SKIP_KMIP_SERVER=1  skip Keyhold's own KMIP server (keyhold serve --kmip) beside PyKMIP's
#   BENCH_KMIP_LOAD=10  seconds per 32-connection Get / Create load on Keyhold's KMIP server
#   BENCH_KEYHOLD_ENV="K=V K2=V2"  extra environment for keyhold serve (diagnosis only; recorded in the JSON)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
DUR=${BENCH_DURATION:-20}
WARM=${BENCH_WARMUP:-5}
STARTS=${BENCH_STARTS:-5}
KMIP_N=${BENCH_KMIP_N:-200}
KMIP_BATCH=${BENCH_KMIP_BATCH:-10}
KMIP_ROUNDS=${BENCH_KMIP_ROUNDS:-2}
KMIP_LOAD=${BENCH_KMIP_LOAD:-10}
# PyKMIP's start/stop scripts (the repository's copy) and PyKMIP's own client bench (bench/scripts/pykmip_bench.py).
KMIP_PEER=${KMIP_PEER_DIR:-$ROOT/test/peers/kmip-server}
PYKMIP_BENCH="$HERE/scripts/pykmip_bench.py"
# Barbican from Debian (issue 14): start/stop scripts and its store+fetch bench, shared with the other projects.
BARBICAN_PEER=${BARBICAN_PEER_DIR:-$ROOT/../shared/peers/barbican}
[ -d "$BARBICAN_PEER" ] || BARBICAN_PEER=/work/shared/peers/barbican
BARBICAN_N=${BENCH_BARBICAN_N:-300}
PEER_SECONDS=${BENCH_PEER_SECONDS:-10}
PASSWORD=bench-admin-password-1
PASSPHRASE=bench-onboard-passphrase-0123456789abcdef
AUTH="Authorization: Basic $(printf 'admin:%s' "$PASSWORD" | base64 -w0)"
KEYHOLD="$ROOT/src/Keyhold/bin/Release/net10.0/keyhold"
BARE="$HERE/BareKestrel/bin/Release/net10.0/BareKestrel"
BENCHDLL="$HERE/Keyhold.Bench/bin/Release/net10.0/Keyhold.Bench.dll"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/keyhold-bench.XXXXXX")
METRICS="$WORK/metrics.jsonl"
T_BEGIN=$(date +%s)
LOAD_BEGIN=$(cut -d' ' -f1-3 /proc/loadavg)
: > "$METRICS"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# ------------------------------------------------------------------ cleanup: only what we started
STARTED_PIDS=()
KMIP_STARTED=""
BARBICAN_STARTED=""
cleanup() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  for pid in "${STARTED_PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [ -n "$KMIP_STARTED" ]; then bash "$KMIP_PEER/stop.sh" "$KMIP_STARTED" >/dev/null 2>&1 || true; fi
  if [ -n "$BARBICAN_STARTED" ]; then bash "$BARBICAN_PEER/stop.sh" "$BARBICAN_STARTED" >/dev/null 2>&1 || true; fi
  if [ -z "${BENCH_KEEP:-}" ]; then rm -rf "$WORK"; else log "work folder kept: $WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

forget_pid() {  # drop a stopped pid from the cleanup list
  local keep=() p
  for p in "${STARTED_PIDS[@]}"; do [ "$p" != "$1" ] && keep+=("$p"); done
  STARTED_PIDS=("${keep[@]}")
}

# metric NAME VALUE UNIT [EXTRA-JSON-FIELDS]
metric() {
  printf '{"name":"%s","value":%s,"unit":"%s"%s}\n' "$1" "$2" "$3" "${4:+,$4}" >> "$METRICS"
}

# ------------------------------------------------------------------ prerequisites and build
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
need_pkg() {  # need_pkg COMMAND PACKAGE
  command -v "$1" >/dev/null && return 0
  log "installing $2 (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y -q "$2" >&2 || { $SUDO apt-get update -q >&2 && $SUDO apt-get install -y -q "$2" >&2; }
}
need_pkg wrk wrk
need_pkg sqlite3 sqlite3
need_pkg curl curl
command -v python3 >/dev/null || need_pkg python3 python3

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  log "building Release (keyhold, BareKestrel, Keyhold.Bench)"
  dotnet build "$HERE/Keyhold.Bench/Keyhold.Bench.csproj" -c Release -nologo -v q >&2
  dotnet build "$HERE/BareKestrel/BareKestrel.csproj" -c Release -nologo -v q >&2
fi
T_BUILT=$(date +%s)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# ------------------------------------------------------------------ keyhold processes
# start_keyhold DATA PORT -> sets KH_PID; stdout/stderr to DATA/../NAME.log (stdout is the console logger).
start_keyhold() {
  local data=$1 port=$2
  # shellcheck disable=SC2086
  env KEYHOLD_ADMIN_PASSWORD="$PASSWORD" ${BENCH_KEYHOLD_ENV:-} \
    "$KEYHOLD" serve --urls "https://127.0.0.1:$port" --data "$data" > /dev/null 2> "$data.stderr" &
  KH_PID=$!
  STARTED_PIDS+=("$KH_PID")
}

# wait_ready URL PID -> 0 when URL answers 200 with auth; prints nothing
wait_ready() {
  local url=$1 pid=$2
  for _ in $(seq 1500); do
    kill -0 "$pid" 2>/dev/null || { log "process $pid died; stderr:"; cat "$WORK"/*.stderr >&2 2>/dev/null; return 1; }
    [ "$(curl -sk -o /dev/null -w '%{http_code}' -H "$AUTH" --max-time 2 "$url")" = 200 ] && return 0
    sleep 0.01
  done
  log "timeout waiting for $url"; return 1
}

stop_pid() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  forget_pid "$pid"
}

# py_metric FILE NAME KIND: the lines of PyKMIP's bench.py as one metrics record
py_metric() {
  python3 - "$1" "$2" "$3" >> "$METRICS" <<'EOF'
import json, re, sys
out = {}
for line in open(sys.argv[1]):
    m = re.match(r"(one TLS connection|new TLS connection per pair)\s+N=(\d+) pairs in ([\d.]+)s: ([\d.]+) pairs/s.*create p50 ([\d.]+) ms p99 ([\d.]+) ms \| get p50 ([\d.]+) ms p99 ([\d.]+) ms", line)
    if m:
        key = "single" if m.group(1).startswith("one") else "per_pair_connection"
        out[key + "_pairs_per_s"] = float(m.group(4))
        out[key + "_create_p50_ms"] = float(m.group(5)); out[key + "_create_p99_ms"] = float(m.group(6))
        out[key + "_get_p50_ms"] = float(m.group(7)); out[key + "_get_p99_ms"] = float(m.group(8))
print(json.dumps({"name": sys.argv[2], "kind": sys.argv[3], "result": out}))
EOF
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# ------------------------------------------------------------------ 1. fresh store, key manager, SVM
D1K="$WORK/data-1k"; D100K="$WORK/data-100k"
P1=$(free_port)
U1="https://127.0.0.1:$P1"
log "first start on a fresh data folder (migrations, admin account, TLS certificate)"
start_keyhold "$D1K" "$P1"
wait_ready "$U1/api/cluster" "$KH_PID"
KM_LOC=$(curl -sk -D - -o /dev/null -H "$AUTH" -H 'Content-Type: application/json' \
  -d "{\"onboard\":{\"passphrase\":\"$PASSPHRASE\"}}" "$U1/api/security/key-managers" | tr -d '\r' | awk 'tolower($1)=="location:" {print $2}')
[ -n "$KM_LOC" ] || { log "key manager POST gave no Location"; exit 1; }
KM_PATH=${KM_LOC%%\?*}
curl -sk -o /dev/null -f -H "$AUTH" -H 'Content-Type: application/json' -d '{"name":"vs1"}' "$U1/api/svm/svms"
stop_pid "$KH_PID"

# ------------------------------------------------------------------ 2. seed through the store
log "seeding svms: 1,000 and 100,000 records (sqlite3, one transaction each)"
"$HERE/scripts/seed.sh" "$D1K/keyhold.db" 1000
cp -a "$D1K" "$D100K"
rm -f "$D100K.stderr"
t0=$(date +%s%N)
"$HERE/scripts/seed.sh" "$D100K/keyhold.db" 100000
metric seed_100k_seconds "$(( ($(date +%s%N) - t0) / 1000000 ))e-3" s
log "svms: $(sqlite3 "$D1K/keyhold.db" 'select count(*) from svms') / $(sqlite3 "$D100K/keyhold.db" 'select count(*) from svms')"

# ------------------------------------------------------------------ 3. start-up time (median of BENCH_STARTS)
log "start-up: $STARTS starts, time from exec to the first 200 on GET /api/cluster (with Basic auth)"
STARTUP_MS=()
for i in $(seq "$STARTS"); do
  t0=$(date +%s%N)
  start_keyhold "$D1K" "$P1"
  wait_ready "$U1/api/cluster" "$KH_PID"
  t1=$(date +%s%N)
  STARTUP_MS+=($(( (t1 - t0) / 1000000 )))
  if [ "$i" -lt "$STARTS" ]; then stop_pid "$KH_PID"; fi
done
KH1=$KH_PID
metric startup_ms "$(printf '%s\n' "${STARTUP_MS[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" ms \
  "\"samples\":[$(IFS=,; echo "${STARTUP_MS[*]}")]"

P2=$(free_port); U2="https://127.0.0.1:$P2"
start_keyhold "$D100K" "$P2"; KH2=$KH_PID
wait_ready "$U2/api/cluster" "$KH2"

sleep 3
metric rss_idle_kb "$(rss_kb "$KH1")" kB '"process":"keyhold (1k store), 3 s after its first request"'
metric rss_idle_100k_kb "$(rss_kb "$KH2")" kB '"process":"keyhold (100k store), 3 s after its first request"'

# ------------------------------------------------------------------ 4. same bytes for the bare server
KM_URL_PATH="$KM_PATH?fields=*"
PAGE_PATH="/api/svm/svms?max_records=100&fields=*"
curl -sk -f -H "$AUTH" "$U1$KM_URL_PATH" -o "$WORK/km.json"
curl -sk -f -H "$AUTH" "$U1$PAGE_PATH" -o "$WORK/page1k.json"
curl -sk -f -H "$AUTH" "$U2$PAGE_PATH" -o "$WORK/page100k.json"
python3 - "$WORK/page1k.json" "$WORK/page100k.json" <<'EOF'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
assert a["num_records"] == 100 and b["num_records"] == 100, (a["num_records"], b["num_records"])
assert "next" in a["_links"] and "next" in b["_links"]
EOF
metric km_body_bytes "$(stat -c %s "$WORK/km.json")" B
metric page_body_bytes "$(stat -c %s "$WORK/page1k.json")" B

PB=$(free_port); UB="https://127.0.0.1:$PB"
"$BARE" --urls "$UB" --cert "$D1K/tls.crt" --key "$D1K/tls.key" \
  "$KM_PATH=$WORK/km.json" "/api/svm/svms=$WORK/page1k.json" > "$WORK/bare.log" 2>&1 &
BARE_PID=$!; STARTED_PIDS+=("$BARE_PID")
wait_ready "$UB$KM_URL_PATH" "$BARE_PID"
cmp -s <(curl -sk -H "$AUTH" "$UB$PAGE_PATH") "$WORK/page1k.json" || { log "bare server bytes differ"; exit 1; }

# ------------------------------------------------------------------ 5. wrk loads
# load NAME URL CONNS [LUA]: warm-up then measured run; records rps, p50, p99 (+errors)
load() {
  local name=$1 url=$2 conns=$3 lua=${4:-$HERE/scripts/report.lua} threads=1 out
  [ "$conns" -gt 1 ] && threads=2
  BENCH_RUN_ID="w$RANDOM$RANDOM" wrk -t"$threads" -c"$conns" -d"${WARM}s" -H "$AUTH" -s "$lua" "$url" > /dev/null 2>&1 || true
  out=$(BENCH_RUN_ID="m$RANDOM$RANDOM" wrk -t"$threads" -c"$conns" -d"${DUR}s" --latency -H "$AUTH" -s "$lua" "$url" 2>&1) \
    || { log "wrk failed for $name"; echo "$out" >&2; return 1; }
  local json; json=$(printf '%s\n' "$out" | sed -n 's/^WRKJSON //p')
  [ -n "$json" ] || { log "no figures from wrk for $name"; echo "$out" >&2; return 1; }
  printf '{"name":"%s","kind":"wrk","connections":%d,"threads":%d,"duration_s":%s,"wrk":%s}\n' \
    "$name" "$conns" "$threads" "$DUR" "$json" >> "$METRICS"
  log "$(printf '%-22s c=%-2s %s' "$name" "$conns" "$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print("%.0f req/s  p50 %.2f ms  p99 %.2f ms  non2xx/err %d" % (d["rps"], d["p50_us"]/1e3, d["p99_us"]/1e3, d["err_status"]+d["err_connect"]+d["err_read"]+d["err_write"]+d["err_timeout"]))' "$json")")"
}

log "wrk loads: ${WARM}s warm-up + ${DUR}s each, Keyhold and the limit interleaved"
for c in 1 32; do
  load "km_get_keyhold_c$c" "$U1$KM_URL_PATH" "$c"
  load "km_get_bare_c$c" "$UB$KM_URL_PATH" "$c"
done
for c in 1 32; do
  load "page_1k_keyhold_c$c" "$U1$PAGE_PATH" "$c"
  load "page_100k_keyhold_c$c" "$U2$PAGE_PATH" "$c"
  load "page_bare_c$c" "$UB$PAGE_PATH" "$c"
done

VOL_CODE=$(curl -sk -o /dev/null -w '%{http_code}' -H "$AUTH" "$U1/api/storage/volumes")
if [ "$VOL_CODE" = 200 ]; then
  for c in 1 32; do
    load "volume_post_c$c" "$U1/api/storage/volumes" "$c" "$HERE/scripts/volume_post.lua"
  done
  metric volumes_created "$(sqlite3 "file:$D1K/keyhold.db?mode=ro" "select count(*) from volumes" 2>/dev/null || echo -1)" count
  # Issue 14, beside Barbican: the REST fetch of a volume's key is its key-ID record (the material never leaves by REST;
  # KMIP Get below fetches material).
  NODE_UUID=$(curl -sk -H "$AUTH" "$U1/api/cluster/nodes" | python3 -c 'import json,sys; print(json.load(sys.stdin)["records"][0]["uuid"])')
  KEY_ID=$(curl -sk -H "$AUTH" "$U1/api/storage/volumes?max_records=1&fields=encryption.key_id" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["records"][0]["encryption"]["key_id"])')
  KEYID_URL="$U1$KM_PATH/keys/$NODE_UUID/key-ids/$KEY_ID"
  [ "$(curl -sk -o /dev/null -w '%{http_code}' -H "$AUTH" "$KEYID_URL")" = 200 ] || { log "GET $KEYID_URL is not 200"; exit 1; }
  for c in 1 32; do
    load "keyid_get_c$c" "$KEYID_URL" "$c"
  done
else
  metric volume_post_available 0 bool "\"note\":\"GET /api/storage/volumes answered $VOL_CODE: not available yet\""
  log "volume POST: not available yet (GET /api/storage/volumes -> $VOL_CODE)"
fi

metric rss_after_loads_kb "$(rss_kb "$KH1")" kB '"process":"keyhold (1k store), after the KM, page and volume loads"'
metric rss_after_loads_100k_kb "$(rss_kb "$KH2")" kB '"process":"keyhold (100k store), after the page loads"'
stop_pid "$BARE_PID"; stop_pid "$KH1"; stop_pid "$KH2"
T_HTTP=$(date +%s)

# ------------------------------------------------------------------ 6. KMIP: Keyhold.Kmip vs PyKMIP's own client
if [ -z "${BENCH_SKIP_KMIP:-}" ]; then
  log "KMIP: PyKMIP server; $KMIP_ROUNDS rounds of Keyhold.Kmip ($KMIP_N pairs, batch $KMIP_BATCH) and PyKMIP bench.py $KMIP_N"
  KMIP_STARTED="$WORK/kmip"
  eval "$(bash "$KMIP_PEER/start.sh" "$KMIP_STARTED")"
  for r in $(seq "$KMIP_ROUNDS"); do
    dotnet "$BENCHDLL" kmip "$KMIP_N" "$KMIP_BATCH" "$WORK/kmip-cs-$r.json" > /dev/null
    printf '{"name":"kmip_keyhold_round%d","kind":"kmip_cs","result":%s}\n' "$r" "$(cat "$WORK/kmip-cs-$r.json")" >> "$METRICS"
    /usr/bin/python3 "$PYKMIP_BENCH" "$KMIP_N" > "$WORK/kmip-py-$r.txt"
    py_metric "$WORK/kmip-py-$r.txt" "kmip_pykmip_round$r" kmip_py
    log "KMIP round $r: C# $(cat "$WORK/kmip-cs-$r.json") | PyKMIP: $(grep -o '[0-9.]* pairs/s' "$WORK/kmip-py-$r.txt" | tr '\n' ' ')"
  done
  PYKMIP_ENV=$(env | grep '^KMIP_' | sed 's/^/export /')
  bash "$KMIP_PEER/stop.sh" "$KMIP_STARTED" >/dev/null 2>&1 || true
  KMIP_STARTED=""

  # ---------------------------------------------------------------- 6b. Keyhold's own KMIP server, same clients
  if [ -z "${BENCH_SKIP_KMIP_SERVER:-}" ]; then
    KD="$WORK/data-kmip"; KP=$(free_port); KKP=$(free_port); KU="https://127.0.0.1:$KP"
    log "KMIP: keyhold serve with Keyhold__Kmip__Endpoint=127.0.0.1:$KKP (onboard enabled, client_ca installed through REST)"
    SAVED_ENV=${BENCH_KEYHOLD_ENV:-}
    BENCH_KEYHOLD_ENV="$SAVED_ENV Keyhold__Kmip__Endpoint=127.0.0.1:$KKP"
    start_keyhold "$KD" "$KP"
    BENCH_KEYHOLD_ENV=$SAVED_ENV
    KHK=$KH_PID
    wait_ready "$KU/api/cluster" "$KHK"
    curl -sk -o /dev/null -f -H "$AUTH" -H 'Content-Type: application/json' \
      -d "{\"onboard\":{\"passphrase\":\"$PASSPHRASE\"}}" "$KU/api/security/key-managers"
    KC="$WORK/kmip-clients"; mkdir -p "$KC"
    ( cd "$KC"
      openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 30 -keyout ca.key -out ca.crt -subj "/CN=bench KMIP clients" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
      printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n' > client.ext
      openssl req -newkey rsa:2048 -nodes -sha256 -keyout client.key -out client.csr -subj "/CN=bench-client" 2>/dev/null
      openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 -sha256 -extfile client.ext -out client.crt 2>/dev/null )
    python3 -c 'import json,sys; print(json.dumps({"type":"client_ca","name":"bench_clients","public_certificate":open(sys.argv[1]).read()}))' "$KC/ca.crt" \
      | curl -sk -o /dev/null -f -H "$AUTH" -H 'Content-Type: application/json' -d @- "$KU/api/security/certificates"
    export KMIP_HOST=127.0.0.1 KMIP_PORT=$KKP KMIP_CA_CERT="$KD/kmip-ca.crt" KMIP_CLIENT_CERT="$KC/client.crt" KMIP_CLIENT_KEY="$KC/client.key"
    # One unmeasured run first, as wrk warms up before each load: the server's code is still being compiled (tiered JIT).
    # On a saturated box the first exchange (TLS, the server's JIT) can pass the client's 10 s timeout: warm-up only.
    dotnet "$BENCHDLL" kmip "$KMIP_N" "$KMIP_BATCH" "$WORK/kmip-kh-warm.json" > /dev/null 2>&1 || log "KMIP warm-up run failed (timeout); measuring anyway"
    for r in $(seq "$KMIP_ROUNDS"); do
      dotnet "$BENCHDLL" kmip "$KMIP_N" "$KMIP_BATCH" "$WORK/kmip-kh-$r.json" > /dev/null
      printf '{"name":"kmip_server_keyhold_round%d","kind":"kmip_server_cs","result":%s}\n' "$r" "$(cat "$WORK/kmip-kh-$r.json")" >> "$METRICS"
      /usr/bin/python3 "$PYKMIP_BENCH" "$KMIP_N" > "$WORK/kmip-khpy-$r.txt"
      py_metric "$WORK/kmip-khpy-$r.txt" "kmip_server_keyhold_pyclient_round$r" kmip_server_py
      log "KMIP server round $r: Keyhold.Kmip $(cat "$WORK/kmip-kh-$r.json") | PyKMIP client: $(grep -o '[0-9.]* pairs/s' "$WORK/kmip-khpy-$r.txt" | tr '\n' ' ')"
    done
    for op in get create; do
      dotnet "$BENCHDLL" kmip-load "$op" 32 "$KMIP_LOAD" "$WORK/kmip-load-$op.json" > /dev/null || log "kmip-load $op reported errors"
      printf '{"name":"kmip_server_load_%s","kind":"kmip_server_load","result":%s}\n' "$op" "$(cat "$WORK/kmip-load-$op.json")" >> "$METRICS"
      log "KMIP server, 32 connections, $op: $(cat "$WORK/kmip-load-$op.json")"
    done
    # Issue 14, beside Barbican: a 256-bit key stored (Register) and fetched (Get), 1 and 32 clients.
    for op in register get; do
      for c in 1 32; do
        dotnet "$BENCHDLL" kmip-load "$op" "$c" "$PEER_SECONDS" "$WORK/kmip-peer-$op-$c.json" > /dev/null || log "kmip-load $op $c reported errors"
        printf '{"name":"kmip_peer_%s_c%d","kind":"kmip_peer_load","result":%s}\n' "$op" "$c" "$(cat "$WORK/kmip-peer-$op-$c.json")" >> "$METRICS"
        log "KMIP server, $c connection(s), $op: $(cat "$WORK/kmip-peer-$op-$c.json")"
      done
    done
    metric rss_after_kmip_kb "$(rss_kb "$KHK")" kB '"process":"keyhold with KMIP, after the pair and 32-connection loads"'
    stop_pid "$KHK"
    eval "$PYKMIP_ENV"
  fi
fi
T_KMIP=$(date +%s)

# ------------------------------------------------------------------ 6c. Barbican beside Keyhold (issue 14)
if [ -z "${BENCH_SKIP_BARBICAN:-}" ]; then
  log "Barbican (Debian's barbican-api under uwsgi, SQLite, simple_crypto): $BARBICAN_N stores + fetches, 1 then 32 clients"
  BARBICAN_STARTED="$WORK/barbican"
  if BARBICAN_ENV=$(bash "$BARBICAN_PEER/start.sh" "$BARBICAN_STARTED"); then
    eval "$BARBICAN_ENV"
    /usr/bin/python3 "$BARBICAN_PEER/bench.py" -n "$BARBICAN_N" --threads 32 --json > "$WORK/barbican.json" \
      || log "Barbican's bench.py exited with $? (errors with 1 client)"
    printf '{"name":"barbican","kind":"barbican","processes":%d,"result":%s}\n' "$(( $(nproc) * 2 ))" "$(cat "$WORK/barbican.json")" >> "$METRICS"
    log "Barbican: $(cat "$WORK/barbican.json")"
    bash "$BARBICAN_PEER/stop.sh" "$BARBICAN_STARTED" >/dev/null 2>&1 || true
  else
    printf '{"name":"barbican","kind":"barbican","skipped":"start.sh failed"}\n' >> "$METRICS"
  fi
  BARBICAN_STARTED=""
fi
T_PEERS=$(date +%s)

# ------------------------------------------------------------------ 6d. the scale curve (issue 14; bench/scale.sh)
if [ -z "${BENCH_SKIP_SCALE:-}" ]; then
  BENCH_SKIP_BUILD=1 BENCH_METRICS="$METRICS" "$HERE/scale.sh"
fi
T_SCALE=$(date +%s)

# ------------------------------------------------------------------ 7. micro benchmarks
if [ -z "${BENCH_SKIP_MICRO:-}" ]; then
  log "micro benchmarks (BenchmarkDotNet short job, in-process)"
  (cd "$WORK" && dotnet "$BENCHDLL" micro "$WORK/micro.json" > "$WORK/micro.log" 2>&1) \
    || { log "micro benchmarks failed"; tail -30 "$WORK/micro.log" >&2; exit 1; }
  printf '{"name":"micro","kind":"micro","result":%s}\n' "$(tr -d '\n' < "$WORK/micro.json")" >> "$METRICS"
fi
T_END=$(date +%s)

# ------------------------------------------------------------------ 8. report
printf '{"name":"run_seconds","kind":"meta","build_s":%d,"http_s":%d,"kmip_s":%d,"peers_s":%d,"scale_s":%d,"micro_s":%d,"total_s":%d,"duration_s":%s,"warmup_s":%s,"keyhold_env":"%s","git":"%s","cpus":%d,"loadavg_start":"%s","loadavg_end":"%s","scale_max":%d}\n' \
  $((T_BUILT - T_BEGIN)) $((T_HTTP - T_BUILT)) $((T_KMIP - T_HTTP)) $((T_PEERS - T_KMIP)) $((T_SCALE - T_PEERS)) $((T_END - T_SCALE)) $((T_END - T_BEGIN)) "$DUR" "$WARM" \
  "${BENCH_KEYHOLD_ENV:-}" "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)" "$(nproc)" "$LOAD_BEGIN" "$(cut -d' ' -f1-3 /proc/loadavg)" \
  "${BENCH_SCALE_MAX:-100000}" >> "$METRICS"
mkdir -p "$HERE/results"
python3 "$HERE/scripts/report.py" "$METRICS" "$HERE/results/latest.json"
# Issue 10: what strangers cost (its own node, default settings; prints its figures with PASS/MISS).
if [ -z "${BENCH_SKIP_STRANGERS:-}" ]; then
  BENCH_SKIP_BUILD=1 "$HERE/strangers.sh" || true
fi
# Issue 14 scope 2: PostgreSQL that scales out (its own nodes and a private PostgreSQL; prints PASS/MISS rows and
# writes bench/results/scale-out.json).
if [ -z "${BENCH_SKIP_SCALE_OUT:-}" ]; then
  BENCH_SKIP_BUILD=1 "$HERE/scale-out.sh" || true
fi
# Issue 11 row 1: 100,000 volumes filtered by comment from 8 readonly clients, beside bare Kestrel; RSS before, peak, idle.
if [ -z "${BENCH_SKIP_QUERY_MEMORY:-}" ]; then
  BENCH_SKIP_BUILD=1 "$HERE/query-memory.sh" || true
fi
