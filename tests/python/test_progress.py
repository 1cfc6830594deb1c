"""Progress on stderr: shown for a run when forced (ACCELSIM_PROGRESS=1 stands in for a
terminal), counting the layer runs done in this process or in -j N children; silent
under --quiet, when stderr is not a terminal, and with ACCELSIM_PROGRESS=0."""

import os
import pty
import re
import subprocess

import pytest

from simulation_helpers import CLI, REPO, environment

LINE = re.compile(r"accelsim: (\d+) of (\d+) layer runs done \((\d+)% of the MACs\), \d+ s")


def run(tmp_path, *arguments, progress=None, arch="tiny", dataflow="ws,nlr"):
    env = environment()
    env.pop("ACCELSIM_PROGRESS", None)
    if progress is not None:
        env["ACCELSIM_PROGRESS"] = progress
    return subprocess.run([str(CLI), "--arch", arch, "--net", "lenet5", "--dataflow", dataflow,
                           "--out", str(tmp_path / "run"), *arguments], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_forced_progress_counts_every_layer_run(tmp_path, jobs):
    completed = run(tmp_path, "-j", jobs, progress="1")
    assert completed.returncode == 0, completed.stderr
    lines = completed.stderr.splitlines()
    assert lines and all(LINE.match(line) for line in lines), completed.stderr
    counts = [tuple(int(n) for n in LINE.match(line).groups()) for line in lines]
    # 7 layers x 2 dataflows, all done (the average pools s2, s4 run on the array too)
    assert counts[-1] == (14, 14, 100)
    assert [done for done, _, _ in counts] == sorted(done for done, _, _ in counts)


def test_a_folder_run_counts_its_children(tmp_path):
    completed = run(tmp_path, "--layers", "c3,f6", "-j", "2", progress="1", arch="isca16",
                    dataflow="rs,ws")
    assert completed.returncode == 0, completed.stderr
    assert LINE.match(completed.stderr.splitlines()[-1]).groups()[:2] == ("4", "4")


@pytest.mark.parametrize("arguments, progress", [(["--quiet"], "1"), ([], None), ([], "0")])
def test_progress_is_silent(tmp_path, arguments, progress):
    completed = run(tmp_path, *arguments, progress=progress)
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""


def test_a_short_run_on_a_terminal_prints_no_progress(tmp_path):
    """On a terminal progress starts after a few seconds: a run of a second shows none."""
    leader, follower = pty.openpty()
    env = environment()
    env.pop("ACCELSIM_PROGRESS", None)
    completed = subprocess.run([str(CLI), "--arch", "tiny", "--net", "lenet5", "--layers", "f6",
                                "--out", str(tmp_path / "run"), "--quiet"], cwd=REPO, env=env,
                               stderr=follower, timeout=120)
    os.close(follower)
    os.set_blocking(leader, False)
    try:
        written = os.read(leader, 4096)
    except (BlockingIOError, OSError):
        written = b""
    os.close(leader)
    assert completed.returncode == 0
    assert b"layer runs done" not in written
