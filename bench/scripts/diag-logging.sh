#!/usr/bin/env bash
# diag-logging.sh [SECONDS]: side-by-side cost of Keyhold's default request logging.
# Two keyhold instances on copies of one data folder: as shipped, and with
# Logging__LogLevel__Microsoft.AspNetCore=Warning. Interleaved wrk runs of GET key manager (fields=*),
# c=1 and c=32, 3 s warm-up each. Prints req/s, p50, p99 per instance. Stops what it started.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KEYHOLD="$(dirname "$HERE")/src/Keyhold/bin/Release/net10.0/keyhold"
DUR=${1:-10}
W=$(mktemp -d); PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 1; rm -rf "$W"' EXIT
export KEYHOLD_ADMIN_PASSWORD=diag-admin-password-1
AUTH="Authorization: Basic $(printf 'admin:%s' "$KEYHOLD_ADMIN_PASSWORD" | base64 -w0)"
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
ready() { for _ in $(seq 1000); do [ "$(curl -sk -o /dev/null -w '%{http_code}' -H "$AUTH" "$1/api/cluster")" = 200 ] && return 0; sleep 0.02; done; return 1; }
PA=$(port); "$KEYHOLD" serve --urls "https://127.0.0.1:$PA" --data "$W/a" > /dev/null 2>&1 & PIDS+=($!)
ready "https://127.0.0.1:$PA"
LOC=$(curl -sk -D - -o /dev/null -H "$AUTH" -H 'Content-Type: application/json' \
  -d '{"onboard":{"passphrase":"diag-onboard-passphrase-0123456789abcdef"}}' "https://127.0.0.1:$PA/api/security/key-managers" \
  | tr -d '\r' | awk 'tolower($1)=="location:" {print $2}')
kill "${PIDS[0]}"; wait "${PIDS[0]}" 2>/dev/null || true; PIDS=()
cp -a "$W/a" "$W/b"
PB=$(port)
"$KEYHOLD" serve --urls "https://127.0.0.1:$PA" --data "$W/a" > /dev/null 2>&1 & PIDS+=($!)
env 'Logging__LogLevel__Microsoft.AspNetCore=Warning' "$KEYHOLD" serve --urls "https://127.0.0.1:$PB" --data "$W/b" > /dev/null 2>&1 & PIDS+=($!)
ready "https://127.0.0.1:$PA"; ready "https://127.0.0.1:$PB"
for c in 1 32; do
  t=1; [ "$c" -gt 1 ] && t=2
  for which in "default:$PA" "aspnetcore=Warning:$PB"; do
    name=${which%%:*} p=${which##*:}
    wrk -t$t -c$c -d3s -H "$AUTH" "https://127.0.0.1:$p$LOC?fields=*" > /dev/null
    wrk -t$t -c$c -d"${DUR}s" --latency -H "$AUTH" -s "$HERE/scripts/report.lua" "https://127.0.0.1:$p$LOC?fields=*" \
      | sed -n 's/^WRKJSON //p' | python3 -c 'import json,sys; d=json.load(sys.stdin); print("c=%-2s %-20s %8.0f req/s  p50 %.2f ms  p99 %.2f ms" % (sys.argv[1], sys.argv[2], d["rps"], d["p50_us"]/1e3, d["p99_us"]/1e3))' "$c" "$name"
  done
done
