#!/usr/bin/python3
"""Parameter sweeps of accelsim on all local cores or a Dask cluster.

    /usr/bin/python3 tools/sweep.py --nets alexnet --pe-arrays 8x8,12x14,16x16 \
        --set glb.size_kb=64,108 --out results/sweep

`--help` describes every option and the columns of sweep.csv. The code lives in the
accelsim package (accelsim/sweep.py, also `python3 -m accelsim.sweep`); this script
imports the installed package (tools/setup.sh) or one on PYTHONPATH, or else the
build tree's (build/python).
"""

import os
import sys

try:
    import accelsim  # noqa: F401
except ImportError:
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir,
                                    "build", "python"))

from accelsim.sweep import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
