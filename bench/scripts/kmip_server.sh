# bench/scripts/kmip_server.sh: Keyhold's own KMIP server for a bench; sourced after common.sh, never run.
# shellcheck shell=bash

# keyhold_kmip_start DATA: `keyhold serve` with a KMIP listener on a fresh DATA, set up through REST (onboard enabled,
# a throwaway client_ca made with openssl) -> KHK (its pid), KKP (the KMIP port) and the KMIP_* variables the Keyhold.Bench
# KMIP commands and pykmip_bench.py read, with clients trusting DATA/kmip-ca.crt.
keyhold_kmip_start() {
  local data=$1 port url clients
  port=$(free_port); KKP=$(free_port); url="https://127.0.0.1:$port"
  log "KMIP: keyhold serve with Keyhold__Kmip__Endpoint=127.0.0.1:$KKP (onboard enabled, client_ca installed through REST)"
  start_keyhold "$data" "$port" "Keyhold__Kmip__Endpoint=127.0.0.1:$KKP"
  KHK=$KH_PID
  wait_ready "$url/api/cluster" "$KHK"
  curl -sk -o /dev/null -f -H "$AUTH" -H 'Content-Type: application/json' \
    -d "{\"onboard\":{\"passphrase\":\"$PASSPHRASE\"}}" "$url/api/security/key-managers"
  clients="$data-clients"; mkdir -p "$clients"
  ( cd "$clients"
    openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 30 -keyout ca.key -out ca.crt -subj "/CN=bench KMIP clients" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n' > client.ext
    openssl req -newkey rsa:2048 -nodes -sha256 -keyout client.key -out client.csr -subj "/CN=bench-client" 2>/dev/null
    openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 -sha256 -extfile client.ext -out client.crt 2>/dev/null )
  python3 -c 'import json,sys; print(json.dumps({"type":"client_ca","name":"bench_clients","public_certificate":open(sys.argv[1]).read()}))' "$clients/ca.crt" \
    | curl -sk -o /dev/null -f -H "$AUTH" -H 'Content-Type: application/json' -d @- "$url/api/security/certificates"
  export KMIP_HOST=127.0.0.1 KMIP_PORT=$KKP KMIP_CA_CERT="$data/kmip-ca.crt" KMIP_CLIENT_CERT="$clients/client.crt" KMIP_CLIENT_KEY="$clients/client.key"
}

# fsync_probe DIR: what one durable commit costs on DIR's disk right now, as JSON, all variants interleaved (a burst of the
# neighbours' IO hits each alike), 200 of each:
#   sqlite_full_commit: one 300-byte row committed in WAL mode with synchronous=FULL into a fresh database, so every commit
#     also extends the WAL file (ext4 then journals the new size: a second flush, queued behind every other process's
#     metadata on the file system);
#   sqlite_full_commit_restarted_wal: the same into a WAL that has grown and restarted after a checkpoint, so commits
#     overwrite it: Keyhold's steady state (its WAL restarts every ~1,000 pages and keeps its size);
#   sqlite_normal_commit: the same without a sync;
#   fdatasync_4k / fsync_4k: one 4 KiB overwrite of a preallocated file and its sync (the floor of any durable write there;
#     Keyhold's SQLite, e_sqlite3, calls fsync); fdatasync_4k_append: the same appending.
fsync_probe() {
  python3 - "$1" <<'PY2'
import json, os, sqlite3, sys, time
d = sys.argv[1]; os.makedirs(d, exist_ok=True); N = 200
def pct(xs, p): xs = sorted(xs); return round(xs[min(len(xs) - 1, int(p / 100 * len(xs)))], 1)
def db(name, sync, restarted):
    c = sqlite3.connect(os.path.join(d, name), isolation_level=None); c.execute("pragma journal_mode=wal")
    c.execute("pragma synchronous=" + sync); c.execute("create table t(id integer primary key, v blob)")
    if restarted:
        c.execute("pragma wal_autocheckpoint=0")
        for _ in range(N + 50):
            c.execute("insert into t(v) values (?)", (os.urandom(300),))
        c.execute("pragma wal_checkpoint(PASSIVE)")
    return c
def commit(c):
    c.execute("begin"); c.execute("insert into t(v) values (?)", (os.urandom(300),)); c.execute("commit")
def prealloc(name):
    fd = os.open(os.path.join(d, name), os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600); os.write(fd, b"\0" * 4096 * N); os.fsync(fd); return fd
full, restarted, normal = db("full.db", "FULL", False), db("restarted.db", "FULL", True), db("normal.db", "NORMAL", False)
fa, fb = prealloc("a.bin"), prealloc("b.bin")
fc = os.open(os.path.join(d, "c.bin"), os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
buf = os.urandom(4096)
variants = {
    "sqlite_full_commit": lambda i: commit(full),
    "sqlite_full_commit_restarted_wal": lambda i: commit(restarted),
    "sqlite_normal_commit": lambda i: commit(normal),
    "fdatasync_4k": lambda i: (os.pwrite(fa, buf, i * 4096), os.fdatasync(fa)),
    "fsync_4k": lambda i: (os.pwrite(fb, buf, i * 4096), os.fsync(fb)),
    "fdatasync_4k_append": lambda i: (os.pwrite(fc, buf, i * 4096), os.fdatasync(fc)),
}
xs = {k: [] for k in variants}
for i in range(N):
    for k, f in variants.items():
        t = time.perf_counter_ns(); f(i); xs[k].append((time.perf_counter_ns() - t) / 1000)
out = {}
for k in variants:
    out[k + "_p50_us"] = pct(xs[k], 50); out[k + "_p90_us"] = pct(xs[k], 90)
for c in (full, restarted, normal):
    c.close()
for fd in (fa, fb, fc):
    os.close(fd)
for name in os.listdir(d):
    os.remove(os.path.join(d, name))
print(json.dumps(out))
PY2
}
