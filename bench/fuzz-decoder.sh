#!/usr/bin/env bash
# bench/fuzz-decoder.sh [FRAMES] [SEED]: the long in-process fuzz of Keyhold.Kmip's TTLV decoder (the suite runs
# 200,000 frames of seed 9 in DecoderFuzzTests). Default 2,000,000 frames, seed from the clock (printed, to replay).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
FRAMES=${1:-2000000}
SEED=${2:-$(date +%s)}
dotnet build "$HERE/Keyhold.Bench/Keyhold.Bench.csproj" -c Release -nologo -v q >&2
exec dotnet "$HERE/Keyhold.Bench/bin/Release/net10.0/Keyhold.Bench.dll" fuzz-decoder "$FRAMES" "$SEED"
