#!/usr/bin/env bash
# bench/fuzz-rest.sh [REQUESTS]: the long run of the suite's REST fuzz (test/Keyhold.Tests/Api/Hostile/Fuzz, 3,000
# requests in the suite): FsCheck-generated and mutated paths, query strings and JSON bodies at every mapped route of an
# in-process node. Default 100,000 requests. Prints requests, statuses, refused changes checked against the store and
# the slowest answer; a 5xx, a hang (10 s) or a refused request that changed the store fails it with FsCheck's replay
# seed. BENCH_SKIP_BUILD=1 uses the last Release build.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_NAME=fuzz-rest
. "$HERE/scripts/common.sh"
export KEYHOLD_FUZZ_REQUESTS=${1:-100000}
suite_test "FullyQualifiedName~RestFuzzTests" "requests over|Passed |Failed |Falsifiable|Original|^\s+(GET|POST|PATCH|DELETE|PUT|HEAD|OPTIONS) |HTTP [0-9]|Error Message"
