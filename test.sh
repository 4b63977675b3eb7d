#!/usr/bin/env bash
# Runs every test against real peers: starts two throwaway PyKMIP servers (idempotent), then dotnet test.
set -euo pipefail
cd "$(dirname "$0")"
SHARED=${KEYHOLD_SHARED:-$(cd .. && pwd)/shared}
PEERS=${KEYHOLD_PEERS_DIR:-$PWD/.kmip}
if [ -x "$SHARED/peers/kmip-server/start.sh" ] || [ -f "$SHARED/peers/kmip-server/start.sh" ]; then
  bash "$SHARED/peers/kmip-server/start.sh" "$PEERS/a" > /dev/null
  bash "$SHARED/peers/kmip-server/start.sh" "$PEERS/b" > /dev/null
  export KEYHOLD_KMIP_A="$PEERS/a" KEYHOLD_KMIP_B="$PEERS/b"
  export KEYHOLD_KMIP_SCRIPTS="$SHARED/peers/kmip-server"
fi
# A local PostgreSQL (Debian's postgresql) for the shared-store tests, when one is installed.
if [ -z "${KEYHOLD_TEST_POSTGRES:-}" ] && command -v pg_lsclusters >/dev/null 2>&1; then
  AS_ROOT=""; [ "$(id -u)" = 0 ] || AS_ROOT="sudo -n"
  read -r version name port status _ < <(pg_lsclusters -h | head -n 1) || true
  if [ -n "${version:-}" ]; then
    [ "$status" = online ] || $AS_ROOT pg_ctlcluster "$version" "$name" start
    (cd / && $AS_ROOT runuser -u postgres -- psql -q -p "$port" -c "ALTER USER postgres PASSWORD 'keyhold-tests'") >/dev/null
    export KEYHOLD_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=keyhold-tests"
  fi
fi
dotnet test Keyhold.slnx -c Release "$@"
