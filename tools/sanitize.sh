#!/usr/bin/env bash
# The test suite under AddressSanitizer and UndefinedBehaviorSanitizer: builds build-asan/
# (gcc, -DACCELSIM_SANITIZE=ON, Debug at -O1 so asserts are on) and runs the C++ suites
# through CTest, then the Python suites with the sanitized module. Any report fails it.
#   tools/sanitize.sh              # everything (README.md, "Tests": the time it takes)
#   tools/sanitize.sh -R Yaml      # extra arguments go to ctest; the Python suites are
#                                  # then skipped
set -euo pipefail
cd "$(dirname "$0")/.."
build=build-asan
if [ ! -f $build/CMakeCache.txt ]; then
  cmake -S . -B $build -DACCELSIM_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug \
    "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g" >/dev/null
fi
cmake --build $build -j"${ACCELSIM_BUILD_JOBS:-2}" >/dev/null

export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
# SystemC (2.3.4) runs its processes on stacks of their own and tells ASan about each
# switch (__sanitizer_start_switch_fiber), but with no bounds for the main stack, so
# after a simulation ASan no longer knows where the main stack is: the first
# exception thrown there prints "WARNING: ASan is ignoring requested
# __asan_handle_no_return" (harmless: the engine tests fork a child per simulation, and
# the child exits after it). Fake stacks for use-after-return cannot follow the switches
# (SystemC passes no fake-stack slot), so that check stays off.
# Sanitizer output goes to files (one per process), not to stderr, where tests compare
# what the CLI prints: every file is read at the end, and anything but that warning is
# a finding.
logs="$PWD/$build/sanitizer-logs"
rm -rf "$logs" && mkdir -p "$logs"
export ASAN_OPTIONS=detect_stack_use_after_return=0:check_initialization_order=1:strict_init_order=1:log_path=$logs/asan
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=$logs/ubsan
status=0
ctest --test-dir $build --output-on-failure -j2 "$@" || status=1

if [ $# -eq 0 ]; then
  # The module is sanitized, python3 is not: the ASan runtime must be loaded first, and
  # the interpreter's own allocations are not leaks to report. (The HTML tests start
  # Chromium without the preload: the browser is not ours.)
  asan_runtime=$(g++ -print-file-name=libasan.so)
  ubsan_runtime=$(g++ -print-file-name=libubsan.so)
  LD_PRELOAD="$asan_runtime $ubsan_runtime" ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0" \
    PYTHONPATH="$PWD/$build/python:$PWD/tools${PYTHONPATH:+:$PYTHONPATH}" \
    /usr/bin/python3 -m pytest -q tests/python || status=1
fi

known='ASan is ignoring requested __asan_handle_no_return|^False positive error reports may follow|^For details see https://github.com/google/sanitizers/issues/189'
findings=0
for file in "$logs"/*; do
  [ -e "$file" ] || continue
  if grep -Ev "$known" "$file" | grep -q .; then
    echo "== sanitizer report: $file"; cat "$file"; findings=$((findings + 1))
  fi
done
echo "sanitize.sh: $(ls "$logs" | wc -l) sanitizer log files, $findings with a finding"
[ $findings -eq 0 ] || status=1
exit $status
