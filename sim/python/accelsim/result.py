"""The result of a simulation: the four files of a CLI run, read into Python.

A Result comes from accelsim.simulate() or from a CLI run folder (load_run). Its
tables have exactly the columns of summary.csv and accesses.csv
(results/README.md) and are read the way pandas.read_csv reads those files.
"""

import io
import json
import os
from dataclasses import dataclass, field

import pandas as pd

from . import _core

RUN_FILES = ("summary.csv", "accesses.csv", "run.json", "mappings.txt", "report.html",
             "diagnostics.json")
# Files a run folder may lack (written by older versions): read as empty.
OPTIONAL_FILES = ("mappings.txt", "report.html", "diagnostics.json")


class VerificationError(RuntimeError):
    """A layer's output differed from the reference convolution (the CLI's exit 1).

    `result` holds the run, so the counts can still be inspected."""

    def __init__(self, message, result):
        super().__init__(message)
        self.result = result


@dataclass
class Result:
    """One simulation: per-layer summary, tidy accesses, mappings and run.json."""

    summary: pd.DataFrame  # one row per layer: the columns of summary.csv
    accesses: pd.DataFrame  # tidy counts: the columns of accesses.csv
    run: dict  # run.json: resolved spec, options, per-layer details, totals
    mappings: dict  # {layer: {param: value}} of the mapped layers
    arch: str  # the spec's name; with a folder of several specs, the folder's name
    network: str  # the network's name
    files: dict = field(default_factory=dict, repr=False)  # file name -> text

    def to_pandas(self):
        """(summary, accesses): the two DataFrames, as in summary.csv and accesses.csv."""
        return self.summary, self.accesses

    @property
    def archs(self):
        """The names of the specs that ran: one, or one per dataflow of a spec folder."""
        return [spec["name"] for spec in self.run.get("archs") or [self.run["arch"]]]

    @property
    def diagnostics(self):
        """diagnostics.json: how the engine got the results (engine_seconds; per layer
        search_seconds, stepped_passes, skipped_cycles); {} when the folder has none."""
        return json.loads(self.files.get("diagnostics.json") or "{}")

    @property
    def energy_unit(self):
        """Unit of every energy column: 'x MAC' (normalized tables) or 'pJ'."""
        return self.run.get("energy_unit", "")

    def save(self, folder):
        """Writes summary.csv, accesses.csv, run.json, mappings.txt, report.html
        (the page to open in a browser) and diagnostics.json under `folder`, together as the CLI does: a
        temporary folder beside it, then renamed into place (a crash leaves the earlier
        files or all the new ones). Raises InputError when the folder cannot be written."""
        _core.write_files_together(os.fspath(folder),
                                   [(name, self.files[name]) for name in RUN_FILES
                                    if name in self.files])

    def __repr__(self):
        return (f"Result({self.network} on {self.arch}: {len(self.summary)} layers, "
                f"{len(self.accesses)} access rows)")


def write_text_atomically(path, text):
    """Writes `text` to a temporary file beside `path`, then renames it over `path`."""
    temporary = f"{path}.tmp.{os.getpid()}"
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def remove_stale_temporaries(folder):
    """Removes the `*.tmp.<pid>` files in `folder` that write_text_atomically left
    when its process was killed (the pid no longer runs)."""
    if not os.path.isdir(folder):
        return
    for name in os.listdir(folder):
        stem, dot_tmp, pid = name.rpartition(".tmp.")
        if not stem or not dot_tmp or not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            os.remove(os.path.join(folder, name))
        except (PermissionError, OverflowError):
            pass


def mappings_of(run):
    """{layer: {param: value}} of the mapped layers of a run.json."""
    return {layer["layer"]: dict(layer["mapping"]["params"])
            for layer in run.get("layers", []) if layer.get("mapped")}


def arch_name(run):
    """The spec's name; for a spec folder run of several specs (one per dataflow,
    run.json's `archs`), the folder's name, e.g. 'isca16'."""
    specs = run.get("archs") or []
    if len(specs) <= 1:
        return run["arch"]["name"]
    folders = {os.path.dirname(spec.get("file", "")) for spec in specs}
    if len(folders) == 1 and folders != {""}:
        return os.path.basename(folders.pop())
    return ", ".join(spec["name"] for spec in specs)


# Columns of `--summary --format csv` that hold integers; the total row leaves most
# of them empty, which pandas would otherwise read as floats.
NETWORK_INTEGER_COLUMNS = ["C", "M", "groups", "H", "W", "R", "S", "E", "F", "macs", "weights"]


def network_summary_frame(csv_text):
    """The network summary CSV as a DataFrame with integer columns (pandas' Int64:
    empty cells of the total row are <NA>). stride and pad are integers too, unless
    some layer has different values per dimension ("2x1": then they are text)."""
    frame = pd.read_csv(io.StringIO(csv_text), dtype={"stride": str, "pad": str})
    frame = frame.astype({column: "Int64" for column in NETWORK_INTEGER_COLUMNS
                          if column in frame})
    for column in ("stride", "pad"):
        if column in frame and frame[column].dropna().str.fullmatch(r"\d+").all():
            frame[column] = pd.to_numeric(frame[column]).astype("Int64")
    return frame


def result_from_files(files):
    """A Result from the texts of a run's files (keys: RUN_FILES names)."""
    run = json.loads(files["run.json"])
    return Result(
        summary=pd.read_csv(io.StringIO(files["summary.csv"])),
        accesses=pd.read_csv(io.StringIO(files["accesses.csv"])),
        run=run,
        mappings=mappings_of(run),
        arch=arch_name(run),
        network=run["network"]["network"],
        files=dict(files),
    )


def load_run(folder):
    """The Result of a CLI run folder (summary.csv, accesses.csv, run.json and,
    when present, mappings.txt). Raises FileNotFoundError naming a missing file."""
    files = {}
    for name in RUN_FILES:
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            if name in OPTIONAL_FILES:
                files[name] = ""
                continue
            raise FileNotFoundError(f"{folder}: not an accelsim run folder (no {name})")
        with open(path, encoding="utf-8") as handle:
            files[name] = handle.read()
    return result_from_files(files)
