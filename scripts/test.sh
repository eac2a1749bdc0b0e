#!/usr/bin/env bash
# Runs the test suite with node's test runner: unit tests, integration tests (real clusters, real
# etcd, real kubectl, the platform server) and end-to-end tests (Playwright driving Debian's
# Chromium). Usage: scripts/test.sh [unit|integration|e2e|all]
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
shopt -s nullglob
files=()
[[ $what == unit || $what == all ]] && files+=(test/unit/*.test.ts)
[[ $what == integration || $what == all ]] && files+=(test/integration/*.test.ts)
[[ $what == e2e || $what == all ]] && files+=(test/e2e/*.test.ts)
exec node --import tsx --test --test-concurrency=2 "${files[@]}"
