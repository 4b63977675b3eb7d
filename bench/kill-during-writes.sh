#!/usr/bin/env bash
# bench/kill-during-writes.sh [ROUNDS] [SEED]: the suite's KillDuringWritesTests (3 rounds) run ROUNDS times (20): a real
# `keyhold serve` is SIGKILLed at a random point of 1,000 encrypted-volume writes, restarted on the same data, and every
# acknowledged key must be listed, restored and unwrap, with one key per volume and PRAGMA integrity_check ok. The seed
# (printed) replays the kill points. BENCH_SKIP_BUILD=1 uses the last Release build.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_NAME=kill-writes
. "$HERE/scripts/common.sh"
export KEYHOLD_KILL_ROUNDS=${1:-20}
export KEYHOLD_KILL_SEED=${2:-$(date +%s)}
suite_test "FullyQualifiedName~KillDuringWritesTests" "seed |round [0-9]+:|Passed |Failed |Error Message|Assert"
