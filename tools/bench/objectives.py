#!/usr/bin/python3
"""Do the mapper's objectives do what they say, measured by the engine?

On Eyeriss (arch/eyeriss.yaml), AlexNet CONV1-5 at batch 4, runs the mapper with each
objective (energy, cycles, edp) and the chip's published mapping
(dataflows/row_stationary/eyeriss_alexnet.yaml), and prints per layer the measured
energy, cycles (DRAM waits included) and energy x cycles, with:
  - edp / chip: the edp choice's measured energy x cycles over the chip mapping's
    (goal: <= 1 on every layer, issue 16);
  - cycles <= energy: the cycles choice is never slower than the energy choice.
Then the mapper's time per objective (diagnostics.json: search_seconds, summed) and, as the
mapper's extra cost of ranking by the engine, edp's minus energy's.

  tools/bench/objectives.py                          # Eyeriss, AlexNet CONV1-5, b4
  tools/bench/objectives.py --arch arch/isca16/ --dataflows all --batch 16 --layers all
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONV = "conv1,conv2,conv3,conv4,conv5"
CHIP = "dataflows/row_stationary/eyeriss_alexnet.yaml"


def simulate(binary, args):
    """run.json's layers of one run, keyed by (layer, dataflow), and the wall time."""
    env = dict(os.environ, SYSTEMC_DISABLE_COPYRIGHT_MESSAGE="1")
    with tempfile.TemporaryDirectory() as out:
        start = time.monotonic()
        done = subprocess.run([binary] + args + ["--out", out, "--quiet"], cwd=ROOT, env=env,
                              capture_output=True, text=True)
        wall = time.monotonic() - start
        if done.returncode != 0:
            sys.exit(f"accelsim {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
        with open(os.path.join(out, "run.json")) as f:
            layers = json.load(f)["layers"]
        with open(os.path.join(out, "diagnostics.json")) as f:  # search_seconds
            for layer, diagnostics in zip(layers, json.load(f)["layers"]):
                layer.setdefault("mapping", {})["search_seconds"] = diagnostics["search_seconds"]
    return {(l["layer"], l["dataflow"]): l for l in layers if l.get("mapped")}, wall


def figures(layer):
    energy = layer["energy_total"]
    return energy, layer["cycles"], energy * layer["cycles"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, "build", "accelsim"))
    parser.add_argument("--arch", default="arch/eyeriss.yaml")
    parser.add_argument("--net", default="alexnet")
    parser.add_argument("--dataflows", default="rs")
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--layers", default=CONV, help="comma list, or all")
    parser.add_argument("--chip", default=CHIP, help="mapping file to compare with ('' for none)")
    parser.add_argument("--jobs", "-j", type=int, default=2)
    args = parser.parse_args()
    common = ["--arch", args.arch, "--net", args.net, "--dataflow", args.dataflows,
              "--batch", str(args.batch), "-j", str(args.jobs)]
    if args.layers != "all":
        common += ["--layers", args.layers]
    runs, walls = {}, {}
    for objective in ("energy", "cycles", "edp"):
        runs[objective], walls[objective] = simulate(args.binary,
                                                     common + ["--objective", objective])
    if args.chip:
        runs["chip"], walls["chip"] = simulate(args.binary, common + ["--mapping", args.chip])
    print(f"{'layer':<8} {'dataflow':<14} {'objective':<9} {'energy':>14} {'cycles':>11} "
          f"{'energy x cycles':>16} {'/ energy':>9} {'/ chip':>7}  mapping")
    failures = []
    for key in runs["energy"]:
        base = figures(runs["energy"][key])[2]
        chip = figures(runs["chip"][key])[2] if "chip" in runs and key in runs["chip"] else None
        for name, run in runs.items():
            if key not in run:
                continue
            layer = run[key]
            energy, cycles, edp = figures(layer)
            params = " ".join(f"{k}={v}" for k, v in layer["mapping"]["params"].items())
            label = layer["dataflow"] + (f" ({layer['variant']})"
                                         if layer.get("variant", layer["dataflow"]) !=
                                         layer["dataflow"] else "")
            print(f"{key[0]:<8} {label:<14} {name:<9} {energy:>14.4g} {cycles:>11} {edp:>16.4g} "
                  f"{edp / base:>9.3f} {edp / chip if chip else float('nan'):>7.3f}  {params}")
        if figures(runs["cycles"][key])[1] > figures(runs["energy"][key])[1]:
            failures.append(f"{key}: cycles objective slower than energy")
        if chip and figures(runs["edp"][key])[2] > chip:
            failures.append(f"{key}: edp choice worse than the chip mapping")
    print("\nmapper seconds (sum of search_seconds) and wall seconds per run:")
    for name, run in runs.items():
        seconds = sum(l["mapping"]["search_seconds"] for l in run.values())
        print(f"  {name:<8} mapper {seconds:8.2f} s   wall {walls[name]:8.1f} s")
    extra = sum(l["mapping"]["search_seconds"] for l in runs["edp"].values()) - \
        sum(l["mapping"]["search_seconds"] for l in runs["energy"].values())
    print(f"  ranking by the engine costs the mapper {extra:+.2f} s (edp - energy)")
    print("\n" + ("all checks hold" if not failures else "FAILED:\n  " + "\n  ".join(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
