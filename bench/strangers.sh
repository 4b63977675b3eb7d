#!/usr/bin/env bash
# bench/strangers.sh: what strangers cost a running node (issue 10). See bench/README.md, "Strangers".
# Starts `keyhold serve` on a fresh folder with default settings, runs `Keyhold.Bench strangers`, stops it.
# Prints each figure beside its same-run baseline with PASS/MISS; exit 0 when both pass.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
KEYHOLD="$ROOT/src/Keyhold/bin/Release/net10.0/keyhold"
BENCHDLL="$HERE/Keyhold.Bench/bin/Release/net10.0/Keyhold.Bench.dll"
PASSWORD=bench-admin-password-1
WORK=$(mktemp -d "${TMPDIR:-/tmp}/keyhold-strangers.XXXXXX")
PID=""
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  dotnet build "$ROOT/Keyhold.slnx" -c Release -v quiet -nologo >&2
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
URL="https://127.0.0.1:$PORT"
KEYHOLD_ADMIN_PASSWORD="$PASSWORD" "$KEYHOLD" serve --urls "$URL" --data "$WORK/data" > "$WORK/keyhold.log" 2>&1 &
PID=$!
for _ in $(seq 300); do
  curl -ks -o /dev/null -w '%{http_code}' -u "admin:$PASSWORD" "$URL/api/cluster" 2>/dev/null | grep -q 200 && break
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/keyhold.log" >&2; exit 1; }
  sleep 0.1
done
dotnet "$BENCHDLL" strangers "$URL" "$PASSWORD" "$WORK/data"
