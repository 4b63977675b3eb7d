# bench/scripts/common.sh: what every bench script shares; sourced, never run. The script sets HERE (the bench folder)
# and BENCH_NAME (its log prefix and work-folder name) first. Gives: the paths of the Release builds, the admin
# credentials, log, a private work folder (removed on exit unless BENCH_KEEP), the processes the script started (and
# only those) stopped on exit, keyhold start / ready / stop, wrk loads and one-off figures appended to METRICS, RSS,
# and a private PostgreSQL cluster. METRICS is run.sh's metrics.jsonl when BENCH_METRICS names it, else the script's
# own; report_alone prints a script's own rows when it runs alone.
# shellcheck shell=bash

ROOT=$(dirname "$HERE")
KEYHOLD=${BENCH_KEYHOLD:-$ROOT/src/Keyhold/bin/Release/net10.0/keyhold}  # another build to compare: BENCH_KEYHOLD=path
BARE="$HERE/BareKestrel/bin/Release/net10.0/BareKestrel"
BENCHDLL="$HERE/Keyhold.Bench/bin/Release/net10.0/Keyhold.Bench.dll"
PASSWORD=bench-admin-password-1
PASSPHRASE=bench-onboard-passphrase-0123456789abcdef
AUTH="Authorization: Basic $(printf 'admin:%s' "$PASSWORD" | base64 -w0)"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/keyhold-${BENCH_NAME:-bench}.XXXXXX")
METRICS=${BENCH_METRICS:-$WORK/metrics.jsonl}
DUR=${DUR:-${BENCH_DURATION:-20}}
WARM=${WARM:-${BENCH_WARMUP:-5}}

BENCH_T0=$SECONDS
BENCH_LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

log() { printf '[%s %s] %s\n' "${BENCH_NAME:-bench}" "$(date +%H:%M:%S)" "$*" >&2; }

# ------------------------------------------------------------------ cleanup: only what this script started
STARTED_PIDS=()
ON_EXIT=()   # commands run at exit, after the processes are stopped (peers' stop scripts, PostgreSQL)
cleanup() {
  local pid hook
  for pid in "${STARTED_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${STARTED_PIDS[@]}"; do
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  for hook in "${ON_EXIT[@]}"; do eval "$hook" >/dev/null 2>&1 || true; done
  if [ -z "${BENCH_KEEP:-}" ]; then rm -rf "$WORK"; else log "work folder kept: $WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started() { STARTED_PIDS+=("$1"); }
forget_pid() {  # drop a stopped pid from the cleanup list
  local keep=() p
  for p in "${STARTED_PIDS[@]}"; do if [ "$p" != "$1" ]; then keep+=("$p"); fi; done
  STARTED_PIDS=(${keep[@]+"${keep[@]}"})
  return 0  # a caller under set -e must not stop here when the list becomes empty
}
stop_pid() {  # TERM, up to 30 s to finish (a large store's shutdown checkpoints), then KILL
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 300); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  forget_pid "$1"
}

# ------------------------------------------------------------------ prerequisites and build
need_pkg() {  # need_pkg COMMAND PACKAGE: apt-get install when COMMAND is missing (sudo unless root)
  command -v "$1" >/dev/null && return 0
  local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  log "installing $2 (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y -q "$2" >&2 || { $sudo apt-get update -q >&2 && $sudo apt-get install -y -q "$2" >&2; }
}
bench_build() {  # Release builds of keyhold (through Keyhold.Bench's reference), Keyhold.Bench and BareKestrel
  [ -z "${BENCH_SKIP_BUILD:-}" ] || return 0
  log "building Release (keyhold, Keyhold.Bench, BareKestrel)"
  dotnet build "$HERE/Keyhold.Bench/Keyhold.Bench.csproj" -c Release -nologo -v q >&2
  dotnet build "$HERE/BareKestrel/BareKestrel.csproj" -c Release -nologo -v q >&2
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
rss_kb() { awk -v k="${2:-VmRSS}:" '$1==k {print $2}' "/proc/$1/status"; }  # rss_kb PID [VmRSS|VmHWM]
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # cpu_ticks PID: user + system CPU so far, in clock ticks

# ------------------------------------------------------------------ keyhold
# start_keyhold DATA PORT [ENV...] -> KH_PID, KH_URL; stdout (the console log) to /dev/null, stderr to DATA.stderr.
# BENCH_KEYHOLD_ENV="K=V ..." adds environment to every node (diagnosis only).
start_keyhold() {
  local data=$1 port=$2; shift 2
  # shellcheck disable=SC2086
  env KEYHOLD_ADMIN_PASSWORD="$PASSWORD" ${BENCH_KEYHOLD_ENV:-} "$@" \
    "$KEYHOLD" serve --urls "https://127.0.0.1:$port" --data "$data" > /dev/null 2>> "$data.stderr" &
  KH_PID=$!; KH_URL="https://127.0.0.1:$port"
  started "$KH_PID"
}

# wait_ready URL PID [SECONDS]: until URL answers 200 (with the admin's Basic auth; a bare server ignores it)
wait_ready() {
  local url=$1 pid=$2 deadline=$((SECONDS + ${3:-300}))
  while [ "$SECONDS" -lt "$deadline" ]; do
    kill -0 "$pid" 2>/dev/null || { log "process $pid died"; tail -n 20 "$WORK"/*.stderr >&2 2>/dev/null; return 1; }
    [ "$(curl -sk -o /dev/null -w '%{http_code}' -H "$AUTH" --max-time 5 "$url")" = 200 ] && return 0
    sleep 0.01
  done
  log "timeout waiting for $url"; return 1
}

# onboard URL: POST an onboard key manager (with the passphrase) and SVM vs1 -> KM_PATH (/api/security/key-managers/UUID)
onboard() {
  local loc
  loc=$(curl -sk -D - -o /dev/null -H "$AUTH" -H 'Content-Type: application/json' \
    -d "{\"onboard\":{\"passphrase\":\"$PASSPHRASE\"}}" "$1/api/security/key-managers" | tr -d '\r' | awk 'tolower($1)=="location:" {print $2}')
  [ -n "$loc" ] || { log "key manager POST gave no Location"; return 1; }
  KM_PATH=${loc%%\?*}
  curl -sk -o /dev/null -f -H "$AUTH" -H 'Content-Type: application/json' -d '{"name":"vs1"}' "$1/api/svm/svms"
}

# bare_kestrel DATA ROUTE=FILE... -> BARE_PID, BARE_URL: the limit, sending FILE's bytes at ROUTE over DATA's certificate
bare_kestrel() {
  local data=$1 port; shift
  port=$(free_port); BARE_URL="https://127.0.0.1:$port"
  "$BARE" --urls "$BARE_URL" --cert "$data/tls.crt" --key "$data/tls.key" "$@" > /dev/null 2>&1 &
  BARE_PID=$!
  started "$BARE_PID"
}

# ------------------------------------------------------------------ figures
metric() {  # metric NAME VALUE UNIT [EXTRA-JSON-FIELDS]
  printf '{"name":"%s","value":%s,"unit":"%s"%s}\n' "$1" "$2" "$3" "${4:+,$4}" >> "$METRICS"
}

# wrk_load NAME URL CONNS [LUA]: ${WARM}s warm-up (unmeasured), then ${DUR}s measured with --latency; appends
# {"name","kind":"wrk","connections","threads","duration_s","wrk":{...}} to METRICS. Threads: 1 for one connection,
# else LOAD_THREADS (2). WRK_TIMEOUT (s) counts slow answers instead of dropping them (wrk's default 2 s). With
# WRK_CPU_PID set, the record also has that process's CPU µs per request over the measured seconds (cpu_us_per_req).
wrk_load() {
  local name=$1 url=$2 conns=$3 lua=${4:-$HERE/scripts/report.lua} threads=${LOAD_THREADS:-2} out json
  [ "$conns" -gt 1 ] || threads=1
  local opts=(-t"$threads" -c"$conns" -H "$AUTH" -s "$lua")
  [ -z "${WRK_TIMEOUT:-}" ] || opts+=(--timeout "${WRK_TIMEOUT}s")
  BENCH_RUN_ID="w$RANDOM$RANDOM" wrk "${opts[@]}" -d"${WARM}s" "$url" > /dev/null 2>&1 || true
  local cpu0=""; [ -z "${WRK_CPU_PID:-}" ] || cpu0=$(cpu_ticks "$WRK_CPU_PID")
  out=$(BENCH_RUN_ID="m$RANDOM$RANDOM" wrk "${opts[@]}" -d"${DUR}s" --latency "$url" 2>&1) \
    || { log "wrk failed for $name"; echo "$out" >&2; return 1; }
  json=$(printf '%s\n' "$out" | sed -n 's/^WRKJSON //p')
  [ -n "$json" ] || { log "no figures from wrk for $name"; echo "$out" >&2; return 1; }
  local cpu=""
  if [ -n "$cpu0" ]; then  # the server's CPU over the measured seconds, per request: steadier than req/s on a shared box
    cpu=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(",\"cpu_us_per_req\":%.1f" % ((int(sys.argv[2]) - int(sys.argv[3])) * 1e6 / int(sys.argv[4]) / max(1, d["requests"])))' \
      "$json" "$(cpu_ticks "$WRK_CPU_PID")" "$cpu0" "$(getconf CLK_TCK)")
  fi
  printf '{"name":"%s","kind":"wrk","connections":%d,"threads":%d,"duration_s":%s%s,"wrk":%s}\n' \
    "$name" "$conns" "$threads" "$DUR" "$cpu" "$json" >> "$METRICS"
  log "$(printf '%-28s c=%-2s %s' "$name" "$conns" "$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print("%.0f req/s  p50 %.2f ms  p99 %.2f ms  non2xx/err %d" % (d["rps"], d["p50_us"]/1e3, d["p99_us"]/1e3, d["err_status"]+d["err_connect"]+d["err_read"]+d["err_write"]+d["err_timeout"]))' "$json")")"
}

# jit_warmup URL...: BENCH_JIT_WARMUP (10) s of wrk at 32 connections on each URL in turn, unmeasured: the first load
# after start otherwise measures the JIT's tier-1 recompilation as much as the server.
jit_warmup() {
  local url
  for url in "$@"; do
    wrk -t"${LOAD_THREADS:-2}" -c32 -H "$AUTH" -d"${BENCH_JIT_WARMUP:-10}s" "$url" > /dev/null 2>&1 || true
  done
}

# report_alone: a script run on its own prints its rows (run.sh prints them all in one table).
report_alone() {
  [ -z "${BENCH_METRICS:-}" ] || return 0
  # REPORT_META: more fields of the run's meta record, as JSON members (scale.sh: its largest size)
  printf '{"name":"run_seconds","kind":"meta","git":"%s","cpus":%d,"loadavg_start":"%s","loadavg_end":"%s","total_s":%d,"duration_s":%s,"warmup_s":%s%s}\n' \
    "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)" "$(nproc)" "$BENCH_LOAD_START" "$(cut -d' ' -f1-3 /proc/loadavg)" \
    $((SECONDS - BENCH_T0)) "$DUR" "$WARM" "${REPORT_META:+,$REPORT_META}" >> "$METRICS"
  python3 "$HERE/scripts/report.py" "$METRICS"
}

# ------------------------------------------------------------------ a private PostgreSQL cluster (scripts/postgres.sh)
PGBIN=$(compgen -G '/usr/lib/postgresql/*/bin' | sort -V | tail -n 1 || true)
# pg_start DIR -> PG_CS (the Npgsql connection string); stopped at exit. Fails when PostgreSQL is not installed.
pg_start() {
  PG_CS=$(bash "$HERE/scripts/postgres.sh" start "$1") || return 1
  ON_EXIT+=("bash '$HERE/scripts/postgres.sh' stop '$1'")
}
pg_sql() {  # pg_sql SQL: one query against PG_CS's database, rows as a|b|c
  local port pw
  port=$(sed 's/.*Port=\([0-9]*\).*/\1/' <<< "$PG_CS"); pw=$(sed 's/.*Password=\([^;]*\).*/\1/' <<< "$PG_CS")
  PGPASSWORD=$pw "$PGBIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atc "$1"
}

# ------------------------------------------------------------------ a test of the suite, run long (fuzz, kill rounds)
# suite_test FILTER PATTERN: dotnet test with FILTER, prints the log lines matching PATTERN (all on no match); the log
# is kept when it fails. BENCH_SKIP_BUILD=1 uses the last Release build.
suite_test() {
  local build=() log status=0
  [ -z "${BENCH_SKIP_BUILD:-}" ] || build=(--no-build)
  log=$(mktemp "${TMPDIR:-/tmp}/keyhold-bench.XXXXXX")
  dotnet test "$ROOT/test/Keyhold.Tests" -c Release "${build[@]}" --filter "$1" --logger "console;verbosity=detailed" > "$log" 2>&1 || status=$?
  grep -E "$2" "$log" || cat "$log"
  if [ "$status" = 0 ]; then rm -f "$log"; else echo "full log: $log" >&2; fi
  return $status
}
