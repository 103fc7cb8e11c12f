#!/usr/bin/env bash
# Installs the MongoDB wire-compatible in-memory stub that the storage contract tests start
# (npm package @jongodb/memory-server-bin-linux-x64-gnu, pinned in package.json / package-lock.json)
# into tests/tools/node_modules. Idempotent: does nothing when the binary is already there.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
binary="$here/node_modules/@jongodb/memory-server-bin-linux-x64-gnu/bin/jongodb"

if [[ -x "$binary" ]]; then
  echo "MongoDB stub already installed: $binary"
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "npm is needed to install the MongoDB stub (apt-get install npm)." >&2
  exit 1
fi

cd "$here"
npm ci --no-audit --no-fund --loglevel=error
if [[ ! -x "$binary" ]]; then
  echo "npm finished, but $binary is missing (this package ships linux-x64 glibc only)." >&2
  exit 1
fi
echo "MongoDB stub installed: $binary"
