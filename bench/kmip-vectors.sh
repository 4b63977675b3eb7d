#!/usr/bin/env bash
# bench/kmip-vectors.sh: replays the further OASIS KMIP cases (test/kmip-vectors/more: KMIP 1.0, 1.1, 1.3 of the
# handed-over profiles and the optional 1.4 cases) against Keyhold and PyKMIP and prints the counts per version and
# profile (MoreVectorTests with KEYHOLD_KMIP_MORE_VECTORS=1). The handed-over 1.4 files run in the suite itself.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export KEYHOLD_KMIP_MORE_VECTORS=1
exec dotnet test "$ROOT/test/Keyhold.Tests" -c Release --filter 'FullyQualifiedName~MoreVectorTests' --logger 'console;verbosity=detailed'
