#!/usr/bin/env bash
# bench/scale-out.sh: PostgreSQL that scales out (issue 14, scope 2). See bench/README.md, "Scale-out".
# In one run, on this box: POST /api/storage/volumes (encrypted) with 32 connections against
#   1. one node on SQLite (WAL, synchronous=FULL, group commit)           the baseline
#   2. one node on PostgreSQL (a private cluster, fsync on, defaults)       ratio to 1: target >= 0.8
#   3. two nodes on that PostgreSQL, 32 connections each, at the same time  ratio to 2: target > 1.0
# Its rows (each figure beside its baseline, PASS/MISS) go to $BENCH_METRICS (run.sh's report) or, alone, are printed.
# Knobs: BENCH_DURATION (20) and BENCH_WARMUP (5) seconds per wrk run, BENCH_SKIP_BUILD=1, BENCH_KEEP=1,
# BENCH_KEYHOLD=path (another build to compare).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_NAME=scale-out
. "$HERE/scripts/common.sh"
chmod 711 "$WORK" # the PostgreSQL cluster runs as the postgres account and must reach its folder

need_pkg wrk wrk
bench_build
pg_start "$WORK/postgres" || { log "PostgreSQL is not installed (apt-get install postgresql): nothing measured"; exit 1; }
POST_LUA="$HERE/scripts/volume_post.lua"

# node NAME [ENV...] -> KH_PID, KH_URL: a node on its own data folder, ready
node() {
  local name=$1; shift
  start_keyhold "$WORK/$name" "$(free_port)" Keyhold__NodeName="$name" "$@"
  wait_ready "$KH_URL/api/cluster" "$KH_PID" 60
}

log "SQLite node: onboard key manager, SVM vs1, then ${WARM}s + ${DUR}s of volume POST at 32 connections"
node sqlite-a
onboard "$KH_URL"
wrk_load scale_out_sqlite "$KH_URL/api/storage/volumes" 32 "$POST_LUA"
stop_pid "$KH_PID"

log "PostgreSQL node A: the same, on the private cluster"
PGENV=(Keyhold__Store=postgres "Keyhold__ConnectionString=$PG_CS")
node pg-a "${PGENV[@]}"; A_URL=$KH_URL
onboard "$A_URL"
wrk_load scale_out_pg1 "$A_URL/api/storage/volumes" 32 "$POST_LUA"

log "PostgreSQL node B joins (synchronized with the passphrase); both nodes loaded at once, 32 connections each"
node pg-b "${PGENV[@]}"; B_URL=$KH_URL
curl -sk -f -o /dev/null -H "$AUTH" -H 'Content-Type: application/json' -X PATCH \
  -d "{\"onboard\":{\"synchronize\":true,\"existing_passphrase\":\"$PASSPHRASE\"}}" "$B_URL$KM_PATH"
# Node A ran WARM + DUR seconds of this load already (its JIT tiered up, its thread pool grown); B gets as long alone,
# unmeasured, so the two-node figure compares warm nodes, not a warm node and a cold one.
BENCH_RUN_ID="wb$RANDOM" wrk -t2 -c32 -d"$((WARM + DUR))s" -H "$AUTH" -s "$POST_LUA" "$B_URL/api/storage/volumes" >/dev/null 2>&1 || true
LOAD_THREADS=1 wrk_load scale_out_pg2_a "$A_URL/api/storage/volumes" 32 "$POST_LUA" &
WA=$!
LOAD_THREADS=1 wrk_load scale_out_pg2_b "$B_URL/api/storage/volumes" 32 "$POST_LUA"
wait "$WA"
RETRIES=$(for u in "$A_URL" "$B_URL"; do curl -sk -H "$AUTH" "$u/metrics"; done | awk '/^keyhold_store_write_retries/ {s+=$NF} END {print s+0}')
IFS='|' read -r VOLS KEYS ORPHANS <<< "$(pg_sql "select (select count(*) from volumes), (select count(*) from keys),
  (select count(*) from volumes v left join keys k on k.key_id = v.key_id where k.key_id is null)")"
metric scale_out_store "$RETRIES" retries "\"kind\":\"scale_out_store\",\"volumes\":$VOLS,\"keys\":$KEYS,\"orphans\":$ORPHANS"
log "PostgreSQL writes retried after a serialization failure (both nodes): $RETRIES; store: $VOLS volumes, $KEYS keys, $ORPHANS volumes without their key"
report_alone
