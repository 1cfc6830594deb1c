#!/usr/bin/env bash
# Every built-in network x every dataflow on Eyeriss (exact mode, outputs verified):
# the wall time of the whole set, and each network's. Usage: tools/bench/all_networks.sh [-j N]
set -euo pipefail
cd "$(dirname "$0")/../.."
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
binary=${ACCELSIM:-build/accelsim}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
start=$(date +%s.%N)
for net in $("$binary" --list-nets --format csv | tail -n +2 | cut -d, -f1); do
  /usr/bin/time -f "$net %e s %M kB" "$binary" --arch arch/eyeriss.yaml --net "$net" \
    --dataflow all --out "$out/$net" --quiet "$@"
done
echo "total $(echo "$(date +%s.%N) - $start" | bc) s"
