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
dotnet test Keyhold.slnx -c Release "$@"
