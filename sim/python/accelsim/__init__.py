"""accelsim from Python: simulate Eyeriss-style CNN accelerators, get pandas tables.

    import accelsim
    result = accelsim.simulate("eyeriss", "alexnet", overrides={"pe_array.rows": 16})
    summary, accesses = result.to_pandas()

Every simulation runs in a child process forked by the C++ core (SystemC elaborates
one design per process), so any number of simulations, on any architectures, run
from one Python process. Bad input raises InputError (a ValueError) with the
message the command line prints. See README.md, section Python.
"""

from . import _core
from .api import (check, cli_arguments, describe_dataflows, expand_dataflows, list_archs,
                  list_dataflows, list_networks, load_arch, network_summary, simulate)
from .result import Result, VerificationError, load_run

InputError = _core.InputError
InputError.__module__ = "accelsim"

__all__ = ["InputError", "Result", "VerificationError", "check", "cli_arguments",
           "describe_dataflows", "expand_dataflows", "list_archs", "list_dataflows",
           "list_networks", "load_arch", "load_run", "network_summary", "simulate"]
