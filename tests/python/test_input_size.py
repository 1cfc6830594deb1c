"""--input through Python: simulate(..., input=...) and a sweep's --input run the
network re-derived for that size; a layer that no longer fits is an InputError."""

import pytest

import accelsim
from simulation_helpers import SWEEP_SCRIPT, environment, run_cli

import subprocess
import sys


def test_simulate_runs_the_resized_network(tmp_path):
    result = accelsim.simulate("eyeriss", "alexnet", layers="conv1,fc6", input="131x131")
    macs = dict(zip(result.summary["layer"], result.summary["macs"]))
    assert macs["conv1"] == 96 * 3 * 11 * 11 * 31 * 31  # 131 -> 31
    assert macs["fc6"] == 4096 * 256 * 3 * 3            # pool5 is 3x3 at 131


def test_an_input_a_layer_no_longer_fits_is_an_input_error():
    with pytest.raises(accelsim.InputError, match=r"--input 32x32: layers\.pool2\.kernel"):
        accelsim.simulate("eyeriss", "alexnet", layers="conv1", input="32x32")


def test_summary_and_sweep_take_the_input(tmp_path):
    completed = run_cli("--net", "squeezenet-1.1", "--input", "32x32x1", "--summary",
                        "--format", "csv")
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines()[1].startswith("features_0,conv,1,64,1,32,32,3,3,2,0,15,")
    completed = subprocess.run(
        [sys.executable, SWEEP_SCRIPT, "--nets", "alexnet", "--layers", "conv1", "--input",
         "131x131", "--out", str(tmp_path / "sweep"), "--workers", "1", "--no-progress"],
        env=environment(), capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr
    rows = (tmp_path / "sweep" / "sweep.csv").read_text().splitlines()
    header = rows[0].split(",")
    conv1 = dict(zip(header, rows[1].split(",")))
    assert int(conv1["macs"]) == 96 * 3 * 11 * 11 * 31 * 31
