"""Shared by the importer tests: run accelsim-import, read a workload back through the
C++ parser (`accelsim --net FILE --summary --format json`)."""

import json
import subprocess
import sys

from simulation_helpers import REPO, environment, run_cli

IMPORT_SCRIPT = str(REPO / "tools" / "accelsim-import")


def run_import(*arguments):
    """Runs tools/accelsim-import; returns the CompletedProcess (text)."""
    return subprocess.run([sys.executable, IMPORT_SCRIPT, *arguments], cwd=REPO,
                          env=environment(), capture_output=True, text=True, timeout=600)


def summary(path):
    """The C++ parser's summary of a workload file: {layer name: layer dict}, totals."""
    completed = run_cli("--net", str(path), "--summary", "--format", "json")
    assert completed.returncode == 0, completed.stderr
    document = json.loads(completed.stdout)
    return {layer["name"]: layer for layer in document["layers"]}, document["totals"]


def layer_signature(layer):
    """What two imports of one model must agree on, whatever the layer names."""
    return (layer["type"], layer["C"], layer["H"], layer["W"], layer["M"], layer["E"],
            layer["F"], layer["groups"], layer["macs"], layer["weights"], layer["activation"])
