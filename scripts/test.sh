#!/usr/bin/env bash
# Runs the test suite with node's test runner: unit tests, then integration tests (real clusters,
# real etcd, real kubectl). Usage: scripts/test.sh [unit|integration|all]
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
files=()
[[ $what == unit || $what == all ]] && files+=(test/unit/*.test.ts)
[[ $what == integration || $what == all ]] && files+=(test/integration/*.test.ts)
exec node --import tsx --test --test-concurrency=2 "${files[@]}"
