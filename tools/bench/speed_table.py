#!/usr/bin/python3
"""The speed table of issue 13, one row per command (README, section Speed).

Each row runs whole processes, as a user would, and reports the wall time, the CPU
time (user + system, children included), the peak resident memory (the largest
process), whether every output was verified against the reference convolution, and
the target. The machine is shared, so wall times are noisy: `--repeat N` takes the
median wall of N runs (CPU and memory of the same run).

  tools/bench/speed_table.py                  # every row (about 10 minutes when idle)
  tools/bench/speed_table.py alexnet vgg16    # some rows
  tools/bench/speed_table.py --list           # the rows and their commands
  ACCELSIM=other/accelsim tools/bench/speed_table.py alexnet

Rows: alexnet, vgg16, lab, vgg16-all, all-networks, per-cycle, sweep, modes (the
per-layer exact / per-cycle engine speedup, AlexNet RS batch 1).
"""

import argparse
import csv
import glob
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("ACCELSIM", os.path.join(ROOT, "build", "accelsim"))
PYTHONPATH = os.path.join(os.path.dirname(BINARY), "python")

ALEXNET_LAYERS = ["conv1", "conv2", "conv3", "conv4", "conv5", "fc6", "fc7", "fc8"]
SWEEP_PE_ARRAYS = "8x8,12x14,16x16,16x32,32x32"
SWEEP_GLB_KB = "25,50,75,100,150,200,400"  # whole rows of 25 banks; 5 x 7 x 3 = 105 points


def accelsim(*args):
    return [BINARY] + list(args) + ["--quiet"]


# name: (what, target in seconds, the command (the output folder appended as --out))
ROWS = {
    "alexnet": ("AlexNet, Eyeriss, RS, batch 1", 0.5,
                accelsim("--arch", "arch/eyeriss.yaml", "--net", "alexnet")),
    "vgg16": ("VGG-16, Eyeriss, RS, batch 1", 2.5,
              accelsim("--arch", "arch/eyeriss.yaml", "--net", "vgg16")),
    "lab": ("the lab: ISCA16 folder, AlexNet, batch 16, every dataflow", 10,
            accelsim("--arch", "arch/isca16/", "--net", "alexnet", "--batch", "16",
                     "--dataflow", "all")),
    "vgg16-all": ("VGG-16, batch 1, every dataflow, -j 2", 20,
                  accelsim("--arch", "arch/eyeriss.yaml", "--net", "vgg16", "--dataflow", "all",
                           "-j", "2")),
    "per-cycle": ("per-cycle mode, AlexNet CONV1-5, 168 PEs", None,
                  accelsim("--arch", "arch/eyeriss.yaml", "--net", "alexnet", "--layers",
                           ",".join(ALEXNET_LAYERS[:5]), "--mode", "per-cycle")),
}
PER_CYCLE_TARGET = 1.5e6  # processing cycles per engine second
MEMORY_TARGET_MB = 500


def run_measured(command, env=None):
    """Runs `command` from the project root; returns (wall s, cpu s, peak MB)."""
    start = time.monotonic()
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.monotonic() - start
    err = child.stderr.read().decode()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"failed ({child.returncode}): {' '.join(command)}\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def env_quiet():
    return dict(os.environ, SYSTEMC_DISABLE_COPYRIGHT_MESSAGE="1")


def verified(folder):
    """Every run.json under `folder` says all outputs were verified."""
    runs = glob.glob(os.path.join(folder, "**", "run.json"), recursive=True)
    return bool(runs) and all(json.load(open(run))["totals"]["all_outputs_verified"]
                              for run in runs)


def measure(command, repeat, extra=None):
    """The median-wall run of `repeat`: (wall, cpu, peak MB, verified, out folder)."""
    runs = []
    for _ in range(repeat):
        out = tempfile.mkdtemp(prefix="speed.")
        wall, cpu, mb = run_measured(command + ["--out", out], env_quiet())
        runs.append((wall, cpu, mb, verified(out), out))
    runs.sort(key=lambda run: run[0])
    return runs[len(runs) // 2]


def row_text(name, what, wall, cpu, mb, ok, target, note=""):
    met = "" if target is None else ("met" if wall <= target else f"missed x{wall / target:.1f}")
    target_text = "" if target is None else f"{target:g} s"
    return (f"| {name} | {what} | {wall:.2f} s | {cpu:.2f} s | {mb:.0f} MB | {ok} | "
            f"{target_text} {met} | {note} |")


def simple_row(name, repeat):
    what, target, command = ROWS[name]
    wall, cpu, mb, ok, out = measure(command, repeat)
    note = ""
    if name == "per-cycle":
        run = json.load(open(os.path.join(out, "run.json")))
        engine_seconds = json.load(open(os.path.join(out, "diagnostics.json")))["engine_seconds"]
        rate = run["totals"]["processing_cycles"] / engine_seconds
        met = "met" if rate >= PER_CYCLE_TARGET else f"missed x{PER_CYCLE_TARGET / rate:.1f}"
        per_cpu = run["totals"]["processing_cycles"] / cpu
        note = (f"{rate / 1e6:.2f} M cycles/s in the engine's wall time (target 1.5: {met}); "
                f"{per_cpu / 1e6:.2f} M per CPU second of the whole process")
    return row_text(name, what, wall, cpu, mb, ok, target, note), mb


def all_networks_row(repeat):
    nets = subprocess.run([BINARY, "--list-nets", "--format", "csv"], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout.splitlines()[1:]
    wall = cpu = peak = 0.0
    ok = True
    slowest = []
    for net in (line.split(",")[0] for line in nets):
        w, c, mb, good, _ = measure(accelsim("--arch", "arch/eyeriss.yaml", "--net", net,
                                             "--dataflow", "all", "-j", "2"), repeat)
        wall, cpu, peak, ok = wall + w, cpu + c, max(peak, mb), ok and good
        slowest.append((w, net))
    top = ", ".join(f"{net} {w:.1f} s" for w, net in sorted(slowest, reverse=True)[:3])
    return row_text("all-networks", f"{len(slowest)} built-in networks x every dataflow, "
                    "Eyeriss, -j 2", wall, cpu, peak, ok, 60, "slowest: " + top), peak


def sweep_row(_repeat):
    out = tempfile.mkdtemp(prefix="speed.sweep.")
    command = ["/usr/bin/python3", "tools/sweep.py", "--arch", "eyeriss", "--nets", "alexnet",
               "--pe-arrays", SWEEP_PE_ARRAYS, "--set", "glb.size_kb=" + SWEEP_GLB_KB,
               "--dataflows", "rs,ws,os", "--workers", "2", "--no-progress", "--out", out]
    env = dict(env_quiet(), PYTHONPATH=PYTHONPATH, ACCELSIM=BINARY)
    wall, cpu, mb = run_measured(command, env)
    with open(os.path.join(out, "sweep.csv")) as rows:
        table = list(csv.DictReader(rows))
    points = {row["point"] for row in table}
    ok = all(row["output_verified"] == "true" for row in table
             if row["layer"] != "total" and row["mapped"] == "true")
    return row_text("sweep", f"AlexNet sweep, {len(points)} points (PE arrays x GLB sizes x "
                    "rs, ws, os), 2 workers", wall, cpu, mb, ok, 120), mb


def modes_table(_repeat):
    """Engine seconds per AlexNet layer, per-cycle against exact (identical results)."""
    keys = ("cycles", "processing_cycles", "stall_pe_cycles", "counts", "output_verified")
    cells = {"per-cycle (s)": [], "exact (s)": [], "speedup": [], "identical": []}
    peak = 0
    for layer in ALEXNET_LAYERS:
        runs, seconds = {}, {}
        for mode in ("per-cycle", "exact"):
            out = tempfile.mkdtemp(prefix="speed.mode.")
            _, _, mb = run_measured(accelsim("--arch", "arch/eyeriss.yaml", "--net", "alexnet",
                                             "--layers", layer, "--mode", mode, "--out", out),
                                    env_quiet())
            peak = max(peak, mb)
            runs[mode] = json.load(open(os.path.join(out, "run.json")))
            seconds[mode] = json.load(open(os.path.join(out, "diagnostics.json")))["engine_seconds"]
        slow, fast = (seconds[m] for m in ("per-cycle", "exact"))
        same = all(runs["per-cycle"]["layers"][0][k] == runs["exact"]["layers"][0][k]
                   for k in keys)
        cells["per-cycle (s)"].append(f"{slow:.2f}")
        cells["exact (s)"].append(f"{fast:.3f}")
        cells["speedup"].append(f"{slow / fast:.0f}")
        cells["identical"].append("yes" if same else "NO")
    lines = ["| layer | " + " | ".join(ALEXNET_LAYERS) + " |",
             "|---" * (len(ALEXNET_LAYERS) + 1) + "|"]
    lines += [f"| {name} | " + " | ".join(values) + " |" for name, values in cells.items()]
    return "\n".join(lines), peak


SPECIAL = {"all-networks": all_networks_row, "sweep": sweep_row}
ORDER = ["alexnet", "vgg16", "lab", "vgg16-all", "all-networks", "per-cycle", "sweep", "modes"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rows", nargs="*", help="rows, of: " + " ".join(ORDER) + " (default all)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per row (median wall)")
    parser.add_argument("--list", action="store_true", help="print the rows' commands")
    args = parser.parse_args()
    unknown = [name for name in args.rows if name not in ORDER]
    if unknown:
        parser.error(f"unknown row {unknown[0]}; expected one of: {' '.join(ORDER)}")
    if args.list:
        for name in ORDER:
            command = " ".join(ROWS[name][2]) if name in ROWS else f"(see {name} in this file)"
            print(f"{name:13s} {command}")
        return
    print("| row | work | wall | CPU | peak memory | verified | target | notes |")
    print("|---|---|---|---|---|---|---|---|")
    peak, tables = 0.0, []
    for name in args.rows or ORDER:
        if name == "modes":
            table, mb = modes_table(args.repeat)
            tables.append(table)
        elif name in SPECIAL:
            line, mb = SPECIAL[name](args.repeat)
            print(line, flush=True)
        else:
            line, mb = simple_row(name, args.repeat)
            print(line, flush=True)
        peak = max(peak, mb)
    met = "met" if peak <= MEMORY_TARGET_MB else "missed"
    print(f"\npeak memory over these rows: {peak:.0f} MB (target {MEMORY_TARGET_MB} MB: {met})")
    for table in tables:
        print("\nengine seconds per AlexNet layer (Eyeriss, RS, batch 1):\n" + table)


if __name__ == "__main__":
    main()
