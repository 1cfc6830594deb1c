"""Parameter sweeps: python3 -m accelsim.sweep (or tools/sweep.py) --help.

Simulates the Cartesian product of PE arrays, spec fields (--set), networks,
dataflows and batch sizes, on all local cores or an existing Dask cluster. Each
point's rows are written to OUT/points/<point>.csv as soon as it finishes (whole:
temporary file, then rename), and OUT/sweep.csv collects every finished point, so
an interrupted sweep loses no finished point and --resume runs only the others.
"""

import argparse
import os
import signal
import sys
import time

import pandas as pd

from . import _core, api
from .result import remove_stale_temporaries, write_text_atomically
from .sweep_points import (SCHEMA_HELP, check_point, make_points, parse_pe_array, point_id,
                           read_rows)
from .sweep_runners import Progress, run_dask, run_local

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130
SWEEP_CSV_REFRESH_S = 10


def comma_list(text):
    return [item.strip() for item in text.split(",") if item.strip()]


def parse_set(text):
    """"glb.size_kb=64,108" -> ("glb.size_kb", ["64", "108"])."""
    key, equals, values = text.partition("=")
    if not equals or not key.strip() or not comma_list(values):
        raise argparse.ArgumentTypeError(f"found '{text}', expected key.path=v1,v2,...")
    return key.strip(), comma_list(values)


def build_parser():
    parser = argparse.ArgumentParser(
        prog="sweep.py", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Sweep accelsim over the Cartesian product of PE arrays, spec fields, "
                    "networks, dataflows and batch sizes.",
        epilog=SCHEMA_HELP + "\nExample:\n  tools/sweep.py --nets alexnet --pe-arrays "
               "8x8,12x14,16x16 --set glb.size_kb=64,108 --out results/sweep\n")
    add = parser.add_argument
    add("--nets", type=comma_list, required=True, metavar="NET,...", help="networks: built-in names or files")
    add("--arch", default="eyeriss", metavar="SPEC", help="spec: a built-in name or a file (default eyeriss)")
    add("--pe-arrays", type=comma_list, default=[], metavar="RxC,...", help="PE arrays, e.g. 8x8,12x14,16x16 "
        "(default: the spec's)")
    add("--set", type=parse_set, action="append", default=[], metavar="KEY=V1,V2",
        help="a spec field and its values, e.g. glb.size_kb=64,108; repeatable")
    add("--dataflows", type=comma_list, default=["rs"], metavar="DF,...",
        help="dataflows, a comma list of: %s (default rs)"
             % _core.dataflow_words_help())
    add("--batch", type=comma_list, default=["1"], metavar="N,...", help="batch sizes, e.g. 1,4 (default 1)")
    add("--layers", type=comma_list, default=None, metavar="LAYER,...", help="layers of every net (default all)")
    add("--mode", default="exact", help="exact | per-cycle (default exact)")
    add("--objective", default="energy", help="mapper objective: energy | cycles | edp")
    add("--seed", type=int, default=0, help="seed of generated data (default 0)")
    add("--zero-fraction", type=float, default=None,
        help="independent-layer mode with this fraction of zeros (default: chained values)")
    add("--input", metavar="HxW[xC]", help="every net on this input size (accelsim --input)")
    add("--out", default=os.path.join("results", "sweep"), metavar="DIR", help="output folder "
        "(default results/sweep)")
    add("--workers", type=int, default=os.cpu_count() or 1, metavar="N",
        help="local processes (default: all cores, %(default)s)")
    add("--scheduler", metavar="HOST:PORT", help="run on this Dask scheduler instead")
    add("--resume", action="store_true", help="keep finished points, run the others")
    add("--overwrite", action="store_true", help="run every point again")
    add("--no-progress", action="store_true", help="no progress bar on stderr")
    return parser


def points_of(arguments):
    """The sweep's points; raises ValueError or InputError for bad input."""
    pe_arrays = [parse_pe_array(text) for text in arguments.pe_arrays]
    batches = []
    for text in arguments.batch:
        if not text.isdigit() or int(text) < 1:
            raise ValueError(f"--batch: found '{text}', expected N >= 1")
        batches.append(int(text))
    options = {"layers": arguments.layers, "mode": arguments.mode,
               "objective": arguments.objective, "seed": arguments.seed,
               "zero_fraction": arguments.zero_fraction}
    if arguments.input:
        options["input"] = arguments.input  # only when given: other points keep their ids
    dataflows = api.expand_dataflows(arguments.dataflows)
    points = make_points(arguments.arch, arguments.nets, dataflows, batches, pe_arrays,
                         dict(arguments.set), options)
    for point in points:
        check_point(point)
    return points


class SweepOutput:
    """OUT/points/<point>.csv per finished point, and OUT/sweep.csv of all of them."""

    def __init__(self, folder, points):
        self.folder = folder
        self.points_folder = os.path.join(folder, "points")
        self.ids = [point_id(point) for point in points]
        self.rows_csv = {}  # point id -> its rows, for the finished points
        self.written_s = time.monotonic()

    def point_path(self, identifier):
        return os.path.join(self.points_folder, identifier + ".csv")

    def load_finished(self):
        """Reads the point files already there; returns their ids. Removes the
        temporary files of a killed sweep (`<point>.csv.tmp.<pid>`, pid gone)."""
        remove_stale_temporaries(self.points_folder)
        for identifier in self.ids:
            if os.path.exists(self.point_path(identifier)):
                with open(self.point_path(identifier), encoding="utf-8") as handle:
                    self.rows_csv[identifier] = handle.read()
        return set(self.rows_csv)

    def add(self, point, rows_csv):
        identifier = point_id(point)
        os.makedirs(self.points_folder, exist_ok=True)
        write_text_atomically(self.point_path(identifier), rows_csv)
        self.rows_csv[identifier] = rows_csv
        if time.monotonic() - self.written_s > SWEEP_CSV_REFRESH_S:
            self.write_sweep_csv()

    def write_sweep_csv(self):
        """Writes OUT/sweep.csv with the finished points, in sweep order."""
        self.written_s = time.monotonic()
        tables = [read_rows(self.rows_csv[i]) for i in self.ids if i in self.rows_csv]
        if not tables:
            return None
        path = os.path.join(self.folder, "sweep.csv")
        write_text_atomically(path, pd.concat(tables, ignore_index=True).to_csv(index=False))
        return path


def run_points(arguments, points, output, progress, errors):
    def on_done(point, rows_csv):
        output.add(point, rows_csv)
        progress.advance()

    def on_failed(point, error):
        errors.append(f"point {point_id(point)} failed: {error}")
        print(f"\nsweep: {errors[-1]}", file=sys.stderr)
        progress.advance(failed=True)

    if arguments.scheduler:
        run_dask(points, arguments.scheduler, on_done, on_failed)
    else:
        run_local(points, max(1, arguments.workers), on_done, on_failed)


def raise_keyboard_interrupt(signal_number, frame):
    raise KeyboardInterrupt


def main(argv=None):
    arguments = build_parser().parse_args(argv)
    try:
        points = points_of(arguments)
    except (ValueError, api.InputError) as error:
        print(f"sweep: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    output = SweepOutput(arguments.out, points)
    finished = output.load_finished()
    if finished and not (arguments.resume or arguments.overwrite):
        print(f"sweep: error: {output.points_folder} already holds {len(finished)} finished "
              "points of this sweep: pass --resume to keep them or --overwrite to redo them",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    if arguments.overwrite:
        output.rows_csv.clear()
        finished = set()
    todo = [point for point in points if point_id(point) not in finished]
    progress = Progress(len(points), len(points) - len(todo), enabled=not arguments.no_progress)
    signal.signal(signal.SIGTERM, raise_keyboard_interrupt)
    errors = []
    status = EXIT_OK
    try:
        run_points(arguments, todo, output, progress, errors)
    except KeyboardInterrupt:
        status = EXIT_INTERRUPTED
    except api.InputError as error:
        print(f"\nsweep: error: {error}", file=sys.stderr)
        status = EXIT_BAD_INPUT
    except OSError as error:  # the Dask scheduler cannot be reached, a full disk, ...
        print(f"\nsweep: error: {error}", file=sys.stderr)
        status = EXIT_FAILED
    finally:
        progress.close()
        path = output.write_sweep_csv()
    return report(output, len(points), path, errors, status)


def unmapped_layers(output):
    """{point id: ["layer (reason)", ...]} of the finished points with unmapped layers."""
    found = {}
    for identifier in output.ids:
        if identifier not in output.rows_csv:
            continue
        rows = read_rows(output.rows_csv[identifier])
        layers = rows[(rows["layer"] != "total") &
                      ~rows["mapped"].astype(str).str.lower().isin(["true", "1"])]
        if len(layers):
            found[identifier] = [f"{r['layer']} ({r['reason']})" for _, r in layers.iterrows()]
    return found


def warn_unmapped(output):
    """Names the points whose totals sum fewer layers, on stderr."""
    found = unmapped_layers(output)
    if not found:
        return
    print(f"sweep: warning: {len(found)} of {len(output.rows_csv)} points have layers that "
          "could not be mapped; their total rows sum only the mapped layers (mapped = false; "
          "tools/plots.py sweep draws them hollow):", file=sys.stderr)
    for identifier, layers in found.items():
        print(f"  {identifier}: {'; '.join(layers)}", file=sys.stderr)


def report(output, total, path, errors, status):
    warn_unmapped(output)
    done = len(output.rows_csv)
    where = f"; wrote {path}" if path else ""
    if status == EXIT_INTERRUPTED:
        print(f"sweep: interrupted: {done} of {total} points finished{where}; run again with "
              "--resume to finish", file=sys.stderr)
        return status
    if status == EXIT_OK and errors:
        status = EXIT_FAILED
    print(f"sweep: {done} of {total} points finished{where}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
