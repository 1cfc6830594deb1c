#!/usr/bin/env bash
# Exact vs per-cycle engine time per layer (AlexNet on Eyeriss, RS, batch 1): the
# speedup of the exact mode, with identical results. Usage: tools/bench/mode_speedup.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
binary=${ACCELSIM:-build/accelsim}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf "%-6s %12s %12s %9s %8s\n" layer per-cycle_s exact_s speedup same
for layer in conv1 conv2 conv3 conv4 conv5 fc6 fc7 fc8; do
  for mode in per-cycle exact; do
    "$binary" --arch arch/eyeriss.yaml --net alexnet --layers "$layer" --mode "$mode" \
      --out "$out/$mode" --quiet
  done
  /usr/bin/python3 - "$out" "$layer" <<'PY'
import json, sys
out, layer = sys.argv[1], sys.argv[2]
runs = {m: json.load(open(f"{out}/{m}/run.json")) for m in ("per-cycle", "exact")}
slow, fast = (runs[m]["engine_seconds"] for m in ("per-cycle", "exact"))
keys = ("cycles", "processing_cycles", "stall_pe_cycles", "counts", "output_verified")
same = all(runs["per-cycle"]["layers"][0][k] == runs["exact"]["layers"][0][k] for k in keys)
print(f"{layer:6s} {slow:12.3f} {fast:12.3f} {slow / fast:9.1f} {str(same):>8s}")
PY
done
