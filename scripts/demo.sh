#!/usr/bin/env bash
# `npm start` until the web platform lands: a ready cluster named "demo" and, on a terminal, a shell on it.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! bin/kubedojo cluster list --json | grep -q '"name": "demo"'; then
  bin/kubedojo cluster create demo
fi
if [ -t 0 ] && [ -t 1 ]; then
  echo "entering the demo cluster (exit to leave; bin/kubedojo cluster delete demo to remove it)"
  exec bin/kubedojo shell demo
fi
echo "cluster demo is ready: bin/kubedojo shell demo"
