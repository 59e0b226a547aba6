#!/usr/bin/env bash
# Decodes folders with zxing-cpp (npm zxing-wasm, WebAssembly) and prints the rows `qrvid bench decode` prints.
# Installs its pinned packages (package-lock.json) from the npm registry on first use; needs node >= 20.
# Usage: bench/zxing-wasm/run.sh [--json] [--rotations 0,90,180,270] [--warmup N] [--fast] DIR...
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ ! -d "$here/node_modules/zxing-wasm" ] || [ ! -d "$here/node_modules/sharp" ]; then
  echo "zxing-wasm: installing packages (npm ci) ..." >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) >&2
fi
exec node "$here/bench.mjs" "$@"
