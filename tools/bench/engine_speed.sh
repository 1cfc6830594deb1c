#!/usr/bin/env bash
# Engine speed and memory benchmarks (numbers go into the README's "Speed" section).
# Usage: tools/bench/engine_speed.sh   (after tools/setup.sh; takes about a minute)
# Prints, per case: wall seconds, peak memory (MB), simulated cycles, and for the
# per-cycle case the processing cycles simulated per second.
set -euo pipefail
cd "$(dirname "$0")/../.."
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
binary=${ACCELSIM:-build/accelsim}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

bench() {  # name, then accelsim arguments
  local name=$1
  shift
  /usr/bin/time -f "%e %M" -o "$out/time" "$binary" "$@" --out "$out/$name" --quiet
  read -r seconds kilobytes <"$out/time"
  /usr/bin/python3 - "$out/$name/run.json" "$name" "$seconds" "$kilobytes" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))
run["engine_seconds"] = json.load(open(sys.argv[1].replace("run.json", "diagnostics.json")))["engine_seconds"]
name, seconds, kb = sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
t = run["totals"]
verified = all(l.get("output_verified", False) for l in run["layers"] if l["mapped"])
print(f"{name:28s} wall {seconds:7.2f} s  peak {kb / 1024:7.1f} MB  cycles {t['cycles']:>11,}  "
      f"processing {t['processing_cycles']:>11,}  "
      f"engine {run['engine_seconds']:6.2f} s  "
      f"{t['processing_cycles'] / run['engine_seconds'] / 1e6:5.2f} M proc-cycles/s  "
      f"verified {verified}")
PY
}

bench alexnet-conv-per-cycle --arch arch/eyeriss.yaml --net alexnet \
  --layers conv1,conv2,conv3,conv4,conv5 --mode per-cycle
bench alexnet-exact --arch arch/eyeriss.yaml --net alexnet
bench alexnet-exact-j2 --arch arch/eyeriss.yaml --net alexnet -j 2
bench vgg16-exact --arch arch/eyeriss.yaml --net vgg16
bench resnet50-exact --arch arch/eyeriss.yaml --net resnet50
