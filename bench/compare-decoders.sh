#!/usr/bin/env bash
# One command, four decoders side by side: ZXing alone, BoofCV alone, the qrvid chain (qrvid bench decode) and
# zxing-cpp (bench/zxing-wasm) on the synthetic development set, ZXing's blackbox and zxing-cpp's sample sets.
# Usage: bench/compare-decoders.sh [--count N] [--seed S] [--negatives N] [--over-damage N]
#   Writes the synthetic set and the zxing-wasm results under qrvid-bench-out/decode/, then prints the tables.
#   Sample sets are looked for in ../shared/data (override with QRVID_SAMPLES=DIR).
set -euo pipefail
# Without qrvid's class-data sharing archive: once it made image conversion 10-50x slower (docs/decode.md).
export QRVID_CDS=0
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/qrvid-bench-out/decode"
samples="${QRVID_SAMPLES:-$root/../shared/data}"
mkdir -p "$out"
rm -rf "$out/synthetic"
"$root/qrvid" bench decode --write "$out/synthetic" -q "$@"
"$root/bench/zxing-wasm/run.sh" --json "$out/synthetic" > "$out/zxing-wasm-synthetic.jsonl"
sets=()
for s in zxing-blackbox zxing-cpp-qr; do
  [ -d "$samples/$s" ] && sets+=("$samples/$s")
done
if [ ${#sets[@]} -gt 0 ]; then
  "$root/bench/zxing-wasm/run.sh" --json --rotations 0,90,180,270 "${sets[@]}" > "$out/zxing-wasm-sets.jsonl"
fi
"$root/qrvid" bench decode -q "$out/synthetic" --with-results "$out/zxing-wasm-synthetic.jsonl"
if [ ${#sets[@]} -gt 0 ]; then
  "$root/qrvid" bench decode -q --rotations 0,90,180,270 "${sets[@]}" --with-results "$out/zxing-wasm-sets.jsonl"
fi
