#!/usr/bin/env bash
# Runs every test: the C++ suites through CTest, then the Python suites (pytest
# with Debian's /usr/bin/python3). Expects tools/setup.sh to have built build/.
set -euo pipefail
cd "$(dirname "$0")/.."
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
ctest --test-dir build --output-on-failure -j2
if compgen -G "tests/python/test_*.py" >/dev/null; then
  PYTHONPATH="$PWD/build/python:$PWD/tools${PYTHONPATH:+:$PYTHONPATH}" \
    /usr/bin/python3 -m pytest -q tests/python
fi
