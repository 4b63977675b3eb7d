#!/usr/bin/env bash
# bench/fuzz-rest.sh [REQUESTS]: the long run of the suite's REST fuzz (test/Keyhold.Tests/Api/Hostile/Fuzz, 3,000
# requests in the suite): FsCheck-generated and mutated paths, query strings and JSON bodies at every mapped route of an
# in-process node. Default 100,000 requests. Prints requests, statuses, refused changes checked against the store and
# the slowest answer; a 5xx, a hang (10 s) or a refused request that changed the store fails it with FsCheck's replay
# seed. BENCH_SKIP_BUILD=1 uses the last Release build.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
export KEYHOLD_FUZZ_REQUESTS=${1:-100000}
build=(); [ -z "${BENCH_SKIP_BUILD:-}" ] || build=(--no-build)
LOG=$(mktemp "${TMPDIR:-/tmp}/keyhold-bench.XXXXXX")
status=0
dotnet test "$ROOT/test/Keyhold.Tests" -c Release "${build[@]}" --filter "FullyQualifiedName~RestFuzzTests" \
  --logger "console;verbosity=detailed" > "$LOG" 2>&1 || status=$?
grep -E "requests over|Passed |Failed |Falsifiable|Original|^\s+(GET|POST|PATCH|DELETE|PUT|HEAD|OPTIONS) |HTTP [0-9]|Error Message" "$LOG" || cat "$LOG"
if [ "$status" = 0 ]; then rm -f "$LOG"; else echo "full log: $LOG" >&2; fi
exit $status
