#!/usr/bin/env bash
# bench/scale-out.sh: PostgreSQL that scales out (issue 14, scope 2). See bench/README.md, "Scale-out".
# In one run, on this box: POST /api/storage/volumes (encrypted) with 32 connections against
#   1. one node on SQLite (WAL, synchronous=FULL, group commit)           the baseline
#   2. one node on PostgreSQL (a private cluster, fsync on, defaults)       ratio to 1: target >= 0.8
#   3. two nodes on that PostgreSQL, 32 connections each, at the same time  ratio to 2: target > 1.0
# Prints each figure beside its baseline with PASS/MISS, writes $BENCH_SCALE_OUT (default bench/results/scale-out.json).
# Knobs: BENCH_DURATION (20) and BENCH_WARMUP (5) seconds per wrk run, BENCH_SKIP_BUILD=1, BENCH_KEEP=1.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
DUR=${BENCH_DURATION:-20}
WARM=${BENCH_WARMUP:-5}
OUT=${BENCH_SCALE_OUT:-$HERE/results/scale-out.json}
KEYHOLD=${BENCH_KEYHOLD:-$ROOT/src/Keyhold/bin/Release/net10.0/keyhold}  # another build to compare: BENCH_KEYHOLD=path
PASSWORD=bench-admin-password-1
PASSPHRASE=bench-onboard-passphrase-0123456789abcdef
AUTH="Authorization: Basic $(printf 'admin:%s' "$PASSWORD" | base64 -w0)"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/keyhold-scale.XXXXXX")
chmod 711 "$WORK" # the PostgreSQL cluster runs as the postgres account and must reach its folder
log() { printf '[scale-out %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

STARTED_PIDS=()
PGBIN=$(compgen -G '/usr/lib/postgresql/*/bin' | sort -V | tail -n 1 || true)
PGDATA_DIR=""; AS_PG=()
cleanup() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${STARTED_PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [ -n "$PGDATA_DIR" ] && [ -f "$PGDATA_DIR/postmaster.pid" ]; then
    (cd / && "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null 2>&1) || true
  fi
  if [ -z "${BENCH_KEEP:-}" ]; then rm -rf "$WORK"; else log "work folder kept: $WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] || { log "PostgreSQL is not installed (apt-get install postgresql): nothing measured"; exit 1; }
command -v wrk >/dev/null || { log "wrk is not installed (apt-get install wrk)"; exit 1; }
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  dotnet build "$ROOT/src/Keyhold/Keyhold.csproj" -c Release -v quiet -nologo >&2
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# ------------------------------------------------------------------ a private PostgreSQL cluster, durable like SQLite
pg=$WORK/postgres; mkdir -p "$pg"
if [ "$(id -u)" = 0 ]; then AS_PG=(runuser -u postgres --); chown postgres "$pg"; fi
chmod 700 "$pg"
PGPASS=$(openssl rand -hex 24)
(umask 077; printf '%s\n' "$PGPASS" > "$pg/pwfile")
[ "$(id -u)" != 0 ] || chown postgres "$pg/pwfile"
(cd / && "${AS_PG[@]}" "$PGBIN/initdb" -D "$pg/data" -U postgres --pwfile="$pg/pwfile" --auth=scram-sha-256 --no-locale -E UTF8 >"$pg/initdb.log" 2>&1) \
  || { cat "$pg/initdb.log" >&2; exit 1; }
rm -f "$pg/pwfile"
PGDATA_DIR=$pg/data
PGPORT=$(free_port)
# Server defaults otherwise (fsync on, synchronous_commit on): an acknowledged write is on disk, as with SQLite's FULL sync.
(cd / && "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$pg/server.log" -w -t 60 \
  -o "-p $PGPORT -k $pg -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null) || { cat "$pg/server.log" >&2; exit 1; }
PGPASSWORD=$PGPASS "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres keyhold
CONN="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Password=$PGPASS;Database=keyhold"

# ------------------------------------------------------------------ nodes
# start_node NAME [ENV...] -> sets NODE_PID, NODE_URL
start_node() {
  local name=$1; shift
  local port; port=$(free_port)
  env KEYHOLD_ADMIN_PASSWORD="$PASSWORD" Keyhold__NodeName="$name" "$@" \
    "$KEYHOLD" serve --urls "https://127.0.0.1:$port" --data "$WORK/$name" > /dev/null 2> "$WORK/$name.stderr" &
  NODE_PID=$!; STARTED_PIDS+=("$NODE_PID"); NODE_URL="https://127.0.0.1:$port"
  for _ in $(seq 1500); do
    kill -0 "$NODE_PID" 2>/dev/null || { cat "$WORK/$name.stderr" >&2; exit 1; }
    [ "$(curl -sk -o /dev/null -w '%{http_code}' -H "$AUTH" --max-time 2 "$NODE_URL/api/cluster")" = 200 ] && return 0
    sleep 0.02
  done
  log "$name did not start"; exit 1
}
post() { curl -sk -f -o /dev/null -H "$AUTH" -H 'Content-Type: application/json' -X "$1" -d "$3" "$2"; }
stop_node() { kill -TERM "$1" 2>/dev/null || true; for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done; }

# load NAME URL -> wrk's JSON line on stdout (warm-up first, unmeasured); 32 connections, 2 threads unless LOAD_THREADS
load() {
  local threads=${LOAD_THREADS:-2}
  BENCH_RUN_ID="w$1$RANDOM" wrk -t"$threads" -c32 -d"${WARM}s" -H "$AUTH" -s "$HERE/scripts/volume_post.lua" "$2" >/dev/null 2>&1 || true
  BENCH_RUN_ID="m$1$RANDOM" wrk -t"$threads" -c32 -d"${DUR}s" --latency -H "$AUTH" -s "$HERE/scripts/volume_post.lua" "$2" 2>&1 | sed -n 's/^WRKJSON //p'
}

log "SQLite node: onboard key manager, SVM vs1, then ${WARM}s + ${DUR}s of volume POST at 32 connections"
start_node sqlite-a
post POST "$NODE_URL/api/security/key-managers" "{\"onboard\":{\"passphrase\":\"$PASSPHRASE\"}}"
post POST "$NODE_URL/api/svm/svms" '{"name":"vs1"}'
SQLITE=$(load sqlite "$NODE_URL/api/storage/volumes")
stop_node "$NODE_PID"

log "PostgreSQL node A: the same, on the private cluster"
PGENV=(Keyhold__Store=postgres "Keyhold__ConnectionString=$CONN")
start_node pg-a "${PGENV[@]}"; A_PID=$NODE_PID; A_URL=$NODE_URL
KM=$(curl -sk -D - -o /dev/null -H "$AUTH" -H 'Content-Type: application/json' -d "{\"onboard\":{\"passphrase\":\"$PASSPHRASE\"}}" \
  "$A_URL/api/security/key-managers" | tr -d '\r' | awk 'tolower($1)=="location:" {print $2}')
post POST "$A_URL/api/svm/svms" '{"name":"vs1"}'
PG1=$(load pg1 "$A_URL/api/storage/volumes")

log "PostgreSQL node B joins (synchronized with the passphrase); both nodes loaded at once, 32 connections each"
start_node pg-b "${PGENV[@]}"; B_URL=$NODE_URL
post PATCH "$B_URL${KM%%\?*}" "{\"onboard\":{\"synchronize\":true,\"existing_passphrase\":\"$PASSPHRASE\"}}"
# Node A ran WARM + DUR seconds of this load already (its JIT tiered up, its thread pool grown); B gets as long alone,
# unmeasured, so the two-node figure compares warm nodes, not a warm node and a cold one.
BENCH_RUN_ID="wb$RANDOM" wrk -t2 -c32 -d"$((WARM + DUR))s" -H "$AUTH" -s "$HERE/scripts/volume_post.lua" "$B_URL/api/storage/volumes" >/dev/null 2>&1 || true
LOAD_THREADS=1 load pg2a "$A_URL/api/storage/volumes" > "$WORK/pg2a.json" &
WA=$!
LOAD_THREADS=1 load pg2b "$B_URL/api/storage/volumes" > "$WORK/pg2b.json"
wait "$WA"
RETRIES=$(for u in "$A_URL" "$B_URL"; do curl -sk -H "$AUTH" "$u/metrics"; done | awk '/^keyhold_store_write_retries/ {s+=$NF} END {print s+0}')
ROWS=$(PGPASSWORD=$PGPASS "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -d keyhold -Atc \
  "select (select count(*) from volumes), (select count(*) from keys), (select count(*) from volumes v left join keys k on k.key_id = v.key_id where k.key_id is null)")

mkdir -p "$(dirname "$OUT")"
python3 - "$SQLITE" "$PG1" "$(cat "$WORK/pg2a.json")" "$(cat "$WORK/pg2b.json")" "$RETRIES" "$ROWS" "$OUT" "$DUR" \
  "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)" <<'EOF'
import json, sys, datetime
sqlite, pg1, pg2a, pg2b = (json.loads(a) for a in sys.argv[1:5])
retries, rows, out, dur, commit = sys.argv[5], sys.argv[6], sys.argv[7], sys.argv[8], sys.argv[9]
errors = lambda d: d["err_status"] + d["err_connect"] + d["err_read"] + d["err_write"] + d["err_timeout"]
ok = lambda d: d["rps"] * (1 - errors(d) / max(d["requests"], 1))  # only 2xx count
two = ok(pg2a) + ok(pg2b)
rows_ = [
    ("volume POST c=32: PostgreSQL ÷ SQLite (one node each)", ok(pg1), ok(sqlite), 0.8, ">="),
    ("volume POST: two PostgreSQL nodes ÷ one (32 connections per node)", two, ok(pg1), 1.0, ">"),
]
print(f"\nScale-out (issue 14), {dur} s per load, commit {commit}")
for name, d in [("SQLite, one node", sqlite), ("PostgreSQL, one node", pg1), ("PostgreSQL, node A of two", pg2a), ("PostgreSQL, node B of two", pg2b)]:
    print(f"  {name:28} {ok(d):8.0f} 2xx/s  p50 {d['p50_us']/1e3:6.1f} ms  p99 {d['p99_us']/1e3:6.1f} ms  errors {errors(d)}")
print(f"  PostgreSQL writes retried after a serialization failure (both nodes): {retries}")
v, k, orphans = rows.split("|")
print(f"  PostgreSQL store after the loads: {v} volumes, {k} keys, {orphans} volumes without their key")
targets = []
for name, num, den, target, op in rows_:
    ratio = num / den if den else 0
    passed = ratio >= target if op == ">=" else ratio > target
    print(f"  {'PASS' if passed else 'MISS'}  {name}: {num:.0f} / {den:.0f} = {ratio:.2f}x (target {op} {target})")
    targets.append({"name": name, "numerator": num, "denominator": den, "ratio": ratio, "target": f"{op} {target}", "status": "PASS" if passed else "MISS"})
json.dump({"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"), "commit": commit, "duration_s": int(dur),
           "loads": {"sqlite": sqlite, "postgres_one_node": pg1, "postgres_two_nodes_a": pg2a, "postgres_two_nodes_b": pg2b},
           "retries": int(retries), "targets": targets}, open(out, "w"), indent=1)
EOF
