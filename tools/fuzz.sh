#!/usr/bin/env bash
# Runs one libFuzzer target of tests/fuzz for a bounded time (tests/fuzz/README.md).
#   tools/fuzz.sh TARGET SECONDS   # TARGET: arch energy overrides workload mapping npy cli
#   tools/fuzz.sh all SECONDS      # every target in turn, SECONDS each
# Configures and builds build-fuzz/ with clang (libFuzzer, ASan, UBSan) when needed. The
# corpus grows in build-fuzz/corpus/TARGET and is reused by the next run; the seeds are
# the shipped files. A finding (crash, sanitizer report, uncaught exception other than
# InputError, timeout over 10 s, more than 2 GB) is written to build-fuzz/findings/TARGET/
# and the script exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(arch energy overrides workload mapping npy cli)
usage() { echo "usage: tools/fuzz.sh {${targets[*]// /|}|all} SECONDS" >&2; exit 2; }
[ $# -eq 2 ] && [[ $2 =~ ^[0-9]+$ ]] || usage
if [ "$1" = all ]; then
  status=0
  for target in "${targets[@]}"; do "$0" "$target" "$2" || status=1; done
  exit $status
fi
[[ " ${targets[*]} " == *" $1 "* ]] || usage
target=$1 seconds=$2

# The seed files of each target: what ships, plus tests/fuzz/seeds/TARGET.
seeds_of() {
  case $1 in
    arch) ls arch/*.yaml arch/isca16/*.yaml tests/configs/broken/arch/*.yaml ;;
    energy) ls arch/energy/*.yaml ;;
    workload) ls workloads/nets/*.yaml tests/configs/workloads/*.yaml \
                 tests/configs/broken/workload/*.yaml ;;
    mapping) ls dataflows/*/*.yaml tests/fuzz/seeds/mapping/* ;;
    overrides | npy | cli) ls tests/fuzz/seeds/"$1"/* ;;
  esac
}

for tool in clang clang++; do
  command -v $tool >/dev/null || { echo "fuzz: needs $tool (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }
done
build=build-fuzz
if [ ! -f $build/CMakeCache.txt ]; then
  CC=clang CXX=clang++ cmake -S . -B $build -DACCELSIM_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug \
    "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g" >/dev/null
fi
cmake --build $build -j"${ACCELSIM_BUILD_JOBS:-2}" --target "fuzz_$target" >/dev/null

corpus=$build/corpus/$target seeds=$build/seeds/$target findings=$build/findings/$target
rm -rf "$seeds"
mkdir -p "$corpus" "$seeds" "$findings"
seeds_of "$target" | while read -r file; do
  cp "$file" "$seeds/$(echo "$file" | tr / _)"
done
dictionary=()
case $target in npy | cli) ;; *) dictionary=(-dict=tests/fuzz/yaml.dict) ;; esac
echo "fuzz: $target for ${seconds} s (corpus $corpus, findings $findings)"
"$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -max_len=16384 -print_final_stats=1 -artifact_prefix="$findings/" "${dictionary[@]}" \
  "$corpus" "$seeds" 2>"$build/fuzz_$target.log" || {
  echo "fuzz: $target found a problem; see $build/fuzz_$target.log and $findings/" >&2
  grep -m3 -E "ERROR|runtime error|terminate called|what\(\)" "$build/fuzz_$target.log" >&2 || true
  exit 1
}
grep -E "^stat::number_of_executed_units|^stat::new_units_added" "$build/fuzz_$target.log" |
  sed "s/^/fuzz: $target /"
echo "fuzz: $target ran ${seconds} s without a finding"
