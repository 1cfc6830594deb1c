#!/usr/bin/env bash
# Exact vs per-cycle engine time per layer (AlexNet on Eyeriss, RS, batch 1): the
# speedup of the exact mode, with identical results. Usage: tools/bench/mode_speedup.sh
# (the `modes` row of tools/bench/speed_table.py, which holds the code).
exec /usr/bin/python3 "$(dirname "$0")/speed_table.py" modes "$@"
