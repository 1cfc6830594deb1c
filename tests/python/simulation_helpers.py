"""Shared by the bindings and sweep tests: paths, the CLI, small inputs."""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import accelsim

REPO = Path(__file__).resolve().parents[2]
# build/python/accelsim/__init__.py -> build/: the CLI of the same build as the module.
BUILD = Path(accelsim.__file__).resolve().parents[2]
CLI = BUILD / "accelsim"
SHAPES_NET = str(REPO / "tests" / "configs" / "workloads" / "engine_shapes.yaml")
SWEEP_SCRIPT = str(REPO / "tools" / "sweep.py")


def environment():
    """The environment of a child command: quiet SystemC, this build's accelsim."""
    env = dict(os.environ, SYSTEMC_DISABLE_COPYRIGHT_MESSAGE="1")
    env["PYTHONPATH"] = os.pathsep.join([str(BUILD / "python"), str(REPO / "tools")])
    return env


def run_cli(*arguments, cwd=REPO):
    """Runs build/accelsim; returns the CompletedProcess (text)."""
    return subprocess.run([str(CLI), *arguments], cwd=cwd, env=environment(),
                          capture_output=True, text=True, timeout=120)


def cli_error_message(*arguments):
    """The message the CLI prints after 'accelsim: error: ' (exit code 2)."""
    with tempfile.TemporaryDirectory() as out_dir:
        completed = run_cli(*arguments, "--out", out_dir, "--quiet")
    assert completed.returncode == 2, completed.stderr
    prefix = "accelsim: error: "
    assert completed.stderr.startswith(prefix), completed.stderr
    return completed.stderr[len(prefix):].rstrip("\n")


def start_sweep(arguments, out_dir, log_path):
    """Starts tools/sweep.py as a child process, its stderr to `log_path`."""
    log = open(log_path, "w")
    return subprocess.Popen([sys.executable, SWEEP_SCRIPT, *arguments, "--out", str(out_dir)],
                            cwd=REPO, env=environment(), stdout=log, stderr=subprocess.STDOUT)


def run_sweep(arguments, out_dir, timeout_s=120):
    """Runs tools/sweep.py to the end; returns the CompletedProcess (text)."""
    return subprocess.run([sys.executable, SWEEP_SCRIPT, *arguments, "--out", str(out_dir)],
                          cwd=REPO, env=environment(), capture_output=True, text=True,
                          timeout=timeout_s)


def wait_for(condition, timeout_s, what):
    """Polls `condition` every 20 ms; fails the test after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")


def point_files(out_dir):
    folder = Path(out_dir) / "points"
    return sorted(folder.glob("*.csv")) if folder.exists() else []
