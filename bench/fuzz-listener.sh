#!/usr/bin/env bash
# bench/fuzz-listener.sh [FRAMES] [SEED]: the long fuzz of Keyhold's KMIP listener. Runs the suite's
# ListenerFuzzTests (a real keyhold serve with KMIP, 4 connections of mutated frames, a Get every 100 ms during and
# one after) with KEYHOLD_FUZZ_FRAMES (default 100,000) and KEYHOLD_FUZZ_SEED (default from the clock, printed).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export KEYHOLD_FUZZ_FRAMES=${1:-100000} KEYHOLD_FUZZ_SEED=${2:-$(( $(date +%s) % 100000 ))}
echo "listener fuzz: $KEYHOLD_FUZZ_FRAMES frames, seed $KEYHOLD_FUZZ_SEED" >&2
exec dotnet test "$ROOT/test/Keyhold.Tests" -c Release --filter 'FullyQualifiedName~ListenerFuzzTests' \
  --logger 'console;verbosity=detailed' -- RunConfiguration.TestSessionTimeout=7200000
