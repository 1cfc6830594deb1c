#!/usr/bin/python3
"""How far the mapper's cycle estimate is from the engine.

For every CONV and FC layer of the built-in networks (layers of the same shape once),
every dataflow and each spec, runs the simulator and compares the analytical model's
estimate (run.json: model_estimated_cycles) with the engine's processing cycles
(processing_cycles: the array's cycles in passes, DRAM waits excluded). Prints, per spec
and dataflow, the median and the largest |error|, how many estimates fall below the
compute bound (MACs / active PEs), and the worst layers.

  tools/bench/cycle_model_error.py                       # everything (long)
  tools/bench/cycle_model_error.py --nets alexnet --sample 3 --batch 4
  tools/bench/cycle_model_error.py --csv errors.csv      # one row per layer as well

Error = (model - engine) / engine; |error| <= 10% is the goal (issue 16).
"""

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHAPE_KEYS = ("C", "M", "groups", "H", "W", "R", "S", "stride", "pad", "E", "F")


def run(binary, args):
    env = dict(os.environ, SYSTEMC_DISABLE_COPYRIGHT_MESSAGE="1")
    done = subprocess.run([binary] + args, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"accelsim {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


def layers_to_run(binary, net, sample):
    """Names of the net's CONV and FC layers, one per distinct shape; with `sample`, at
    most that many, spread over the network."""
    rows = list(csv.DictReader(run(binary, ["--net", net, "--summary", "--format", "csv"])
                               .splitlines()))
    names, seen = [], set()
    for row in rows:
        if row["type"] not in ("conv", "fc"):
            continue
        shape = tuple(row[key] for key in SHAPE_KEYS)
        if shape not in seen:
            seen.add(shape)
            names.append(row["name"])
    if sample and len(names) > sample:
        step = (len(names) - 1) / (sample - 1) if sample > 1 else 0
        names = [names[round(i * step)] for i in range(sample)]
    return names


def measure(binary, spec, net, batch, layers, jobs, objective, dataflows):
    with tempfile.TemporaryDirectory() as out:
        run(binary, ["--arch", spec, "--net", net, "--dataflow", dataflows, "--batch", str(batch),
                     "--layers", ",".join(layers), "--objective", objective,
                     "--out", out, "--quiet", "-j", str(jobs)])
        with open(os.path.join(out, "run.json")) as f:
            result = json.load(f)
    types = {layer["name"]: layer["type"] for layer in result["network"]["layers"]}
    rows = []
    for layer in result["layers"]:
        if not layer.get("mapped"):
            continue
        model, engine = layer["model_estimated_cycles"], layer["processing_cycles"]
        rows.append({
            "spec": spec, "net": net, "layer": layer["layer"], "type": types[layer["layer"]],
            "dataflow": layer["dataflow"], "active_pes": layer["active_pes"],
            "model": model, "engine": engine,
            "compute_bound": -(-layer["macs"] // max(1, layer["active_pes"])),
            "error": (model - engine) / engine if engine else 0.0,
        })
    return rows


def report(rows, worst):
    groups = {}
    for row in rows:
        groups.setdefault((row["spec"], row["dataflow"]), []).append(row)
    print(f"{'spec':<20} {'dataflow':<8} {'layers':>6} {'median|err|':>11} {'max|err|':>9} "
          f"{'<=10%':>6} {'below bound':>11}")
    for (spec, dataflow), group in sorted(groups.items()):
        errors = [abs(r["error"]) for r in group]
        within = sum(e <= 0.10 for e in errors)
        below = sum(r["model"] < r["compute_bound"] for r in group)
        print(f"{spec:<20} {dataflow:<8} {len(group):>6} {statistics.median(errors):>10.1%} "
              f"{max(errors):>9.1%} {within:>6} {below:>11}")
    print(f"\nworst {worst} layers:")
    for r in sorted(rows, key=lambda r: -abs(r["error"]))[:worst]:
        print(f"  {r['spec']:<20} {r['net']:<14} {r['layer']:<22} {r['dataflow']:<6} "
              f"model {r['model']:>11} engine {r['engine']:>11} ({r['error']:+.1%}), "
              f"{r['active_pes']} PEs")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, "build", "accelsim"))
    parser.add_argument("--nets", help="comma list (default: every built-in network)")
    parser.add_argument("--specs", default="arch/eyeriss.yaml,arch/isca16/")
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--sample", type=int, default=0,
                        help="at most this many distinct layers per network")
    parser.add_argument("--objective", default="energy")
    parser.add_argument("--dataflows", default="all", help="comma list (default: all)")
    parser.add_argument("--jobs", "-j", type=int, default=2)
    parser.add_argument("--worst", type=int, default=10)
    parser.add_argument("--csv", help="also write one row per layer here")
    args = parser.parse_args()
    nets = args.nets.split(",") if args.nets else [
        line.split(",")[0] for line in run(args.binary, ["--list-nets", "--format", "csv"])
        .splitlines()[1:]]
    rows = []
    for net in nets:
        layers = layers_to_run(args.binary, net, args.sample)
        for spec in args.specs.split(","):
            rows += measure(args.binary, spec, net, args.batch, layers, args.jobs, args.objective,
                            args.dataflows)
            print(f"# {net} on {spec}: {len(layers)} layers", file=sys.stderr, flush=True)
    if args.csv:
        with open(args.csv, "w", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
            writer.writeheader()
            writer.writerows(rows)
    report(rows, args.worst)


if __name__ == "__main__":
    main()
