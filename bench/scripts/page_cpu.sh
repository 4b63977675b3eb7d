#!/usr/bin/env bash
# page_cpu.sh NAME KEYHOLD DATA PATH: one GET (a page) from `KEYHOLD serve` on DATA (a stopped node's data folder; use
# a copy: it is migrated and written) beside bare Kestrel sending the same bytes, at 1 and 32 connections. Prints req/s
# and the CPU µs each server process spent per request (/proc/PID/stat): on a box shared with other work CPU per
# request moves far less than throughput, so two builds compare by it (docs/scaling.md, "Row versions").
#   WARM=30 seconds of load before measuring (Keyhold's JIT keeps recompiling for 20 s and more)   DUR=8 per load
set -euo pipefail
NAME=$1 BIN=$2 DATA=$3 P=$4
WARM=${WARM:-30} DUR=${DUR:-8}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BARE="$HERE/BareKestrel/bin/Release/net10.0/BareKestrel"
PASSWORD=${KEYHOLD_ADMIN_PASSWORD:-bench-admin-password-1}   # the store's admin password (bench stores use this one)
AUTH="Authorization: Basic $(printf 'admin:%s' "$PASSWORD" | base64 -w0)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

port=$(free_port)
KEYHOLD_ADMIN_PASSWORD=$PASSWORD "$BIN" serve --urls "https://127.0.0.1:$port" --data "$DATA" > /dev/null 2> "$DATA.stderr" &
KH=$!
BP=
trap 'kill $KH 2>/dev/null || true; [ -z "$BP" ] || kill $BP 2>/dev/null || true' EXIT
for _ in $(seq 300); do curl -sk -f -o /dev/null -H "$AUTH" "https://127.0.0.1:$port/api/cluster" && break; sleep 0.2; done
curl -sk -f -H "$AUTH" "https://127.0.0.1:$port$P" -o "$DATA.page.json"
bport=$(free_port)
"$BARE" --urls "https://127.0.0.1:$bport" --cert "$DATA/tls.crt" --key "$DATA/tls.key" "${P%%\?*}=$DATA.page.json" > /dev/null 2>&1 &
BP=$!
for _ in $(seq 100); do curl -sk -f -o /dev/null "https://127.0.0.1:$bport$P" && break; sleep 0.2; done
cmp -s <(curl -sk "https://127.0.0.1:$bport$P") "$DATA.page.json" || { echo "bare server bytes differ" >&2; exit 1; }

measure() { # WHO PID URL CONNECTIONS
  local threads=2 before after out; [ "$4" = 1 ] && threads=1
  before=$(ticks "$2")
  out=$(wrk -t$threads -c"$4" -d"${DUR}s" -H "$AUTH" "$3" 2>&1)
  after=$(ticks "$2")
  python3 - "$NAME" "$1" "$4" "$before" "$after" "$out" <<'PY'
import os, re, sys
name, who, c, before, after, out = sys.argv[1:]
reqs = int(re.search(r"(\d+) requests in", out).group(1))
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
non = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
cpu_us = (int(after) - int(before)) * 1e6 / os.sysconf("SC_CLK_TCK") / reqs
print(f"{name:<10} {who:<8} c={c:<3} {rps:9.0f} req/s {cpu_us:7.0f} us CPU/request  non-2xx {non.group(1) if non else 0}"
      f"  load {open('/proc/loadavg').read().split()[0]}")
PY
}
wrk -t2 -c32 -d"${WARM}s" -H "$AUTH" "https://127.0.0.1:$port$P" > /dev/null
wrk -t2 -c32 -d3s "https://127.0.0.1:$bport$P" > /dev/null
for c in 1 32; do
  measure keyhold "$KH" "https://127.0.0.1:$port$P" "$c"
  measure bare "$BP" "https://127.0.0.1:$bport$P" "$c"
done
