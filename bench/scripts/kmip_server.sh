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

# fsync_probe DIR: what one durable commit costs on DIR's disk right now, as JSON: 200 SQLite commits of one 300-byte row
# in WAL mode with synchronous=FULL (what Keyhold's store does per commit), the same with NORMAL (no fsync), and
# 200 fdatasyncs of one 4 KiB overwrite of a preallocated file (the floor of any durable write there).
fsync_probe() {
  python3 - "$1" <<'PY'
import json, os, sqlite3, sys, time
d = sys.argv[1]; os.makedirs(d, exist_ok=True)
def pct(xs, p): xs = sorted(xs); return round(xs[min(len(xs) - 1, int(p / 100 * len(xs)))], 1)
out = {}
db = os.path.join(d, "probe.db")
c = sqlite3.connect(db, isolation_level=None); c.execute("pragma journal_mode=wal")
c.execute("create table t(id integer primary key, v blob)")
for sync in ("FULL", "NORMAL"):
    c.execute("pragma synchronous=" + sync); xs = []
    for _ in range(200):
        t = time.perf_counter_ns(); c.execute("begin"); c.execute("insert into t(v) values (?)", (os.urandom(300),)); c.execute("commit")
        xs.append((time.perf_counter_ns() - t) / 1000)
    out["sqlite_" + sync.lower() + "_commit_p50_us"] = pct(xs, 50); out["sqlite_" + sync.lower() + "_commit_p90_us"] = pct(xs, 90)
c.close()
f = os.path.join(d, "probe.bin"); fd = os.open(f, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
os.write(fd, b"\0" * 4096 * 200); os.fsync(fd); buf = os.urandom(4096); xs = []
for i in range(200):
    t = time.perf_counter_ns(); os.pwrite(fd, buf, i * 4096); os.fdatasync(fd); xs.append((time.perf_counter_ns() - t) / 1000)
os.close(fd)
out["fdatasync_4k_p50_us"] = pct(xs, 50); out["fdatasync_4k_p90_us"] = pct(xs, 90)
for name in (db, db + "-wal", db + "-shm", f):
    if os.path.exists(name): os.remove(name)
print(json.dumps(out))
PY
}
