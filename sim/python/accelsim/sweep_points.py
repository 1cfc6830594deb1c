"""Sweep points: the Cartesian product of parameters, running one point, and the
tidy rows of sweep.csv (schema in SCHEMA_HELP and README.md, section Python).

A point is a plain dict (picklable, JSON-able), so it travels to a process pool or
a Dask worker unchanged:
    {"arch", "net", "dataflow", "batch", "pe_array": [rows, cols] or None,
     "sets": {key: value}, "options": {layers, mode, seed, objective, zero_fraction}}
"""

import hashlib
import io
import itertools
import json
import math
import os
import re

import pandas as pd

from . import api

# Level columns of sweep.csv: energy per memory level, from accesses.csv (rf sums
# the three scratchpads).
ENERGY_LEVELS = {
    "energy_dram": ["dram"],
    "energy_glb": ["glb"],
    "energy_filter_buffer": ["filter_buffer"],
    "energy_array": ["array"],
    "energy_rf": ["rf_ifmap", "rf_filter", "rf_psum"],
    "energy_mac": ["mac"],
}
# summary.csv columns that add up over layers in a point's total row.
SUMMED_COLUMNS = ["macs", "cycles", "processing_cycles", "energy", "time_ms",
                  "dram_wait_cycles", "ramp_up_cycles", "passes", "macs_gated",
                  "stall_filter_load", "stall_ifmap", "stall_psum", "stall_output",
                  "stall_idle", "glb_port_conflicts", *ENERGY_LEVELS]
POINT_COLUMNS = ["pe_rows", "pe_cols", "net", "dataflow", "batch", "arch"]
TAIL_COLUMNS = ["layer_type", "energy_unit", "point"]

SCHEMA_HELP = """\
sweep.csv (and each points/<point>.csv): one row per point x layer, plus one row
per point with layer = total. Columns, in order:
  pe_rows, pe_cols        the PE array of the point (the resolved spec)
  <key> for each --set    the value of that spec field (named set.<key> if the key
                          clashes with another column)
  net, dataflow, batch, arch  the network's and the spec's names, as in run.json
  layer ... reason        the columns of summary.csv (results/README.md) except
                          dataflow and batch, which are above
  energy_dram, energy_glb, energy_filter_buffer, energy_array, energy_rf,
  energy_mac              energy per level from accesses.csv (rf = rf_ifmap +
                          rf_filter + rf_psum), in energy_unit
  layer_type              conv or fc (the workload's type; empty on total rows)
  energy_unit             'x MAC' (normalized table) or 'pJ'
  point                   the point's id (its file name under points/)
The total row covers the mapped layers: sums of macs, cycles, processing_cycles,
energy, time_ms, the energies per level, stalls, passes and conflicts;
utilization = macs / (processing_cycles x PEs); energy_per_mac = energy / macs;
active_pes = the largest layer's; power_mw = time-weighted mean; output_verified =
all mapped layers verified; mapped = every layer mapped; reason = how many were not.
"""


def parse_pe_array(text):
    """"12x14" -> [12, 14]; ValueError names what was expected."""
    match = re.fullmatch(r"\s*(\d+)\s*[xX]\s*(\d+)\s*", text)
    if not match:
        raise ValueError(f"--pe-arrays: found '{text}', expected ROWSxCOLS, e.g. 12x14")
    return [int(match.group(1)), int(match.group(2))]


def local_file_or_name(text):
    """An existing file or folder (a spec folder) as an absolute path (workers may run
    elsewhere), else the text (a built-in name)."""
    return os.path.abspath(text) if os.path.exists(text) else text


def make_points(arch, nets, dataflows, batches, pe_arrays, sets, options):
    """Every combination, in a stable order. `pe_arrays` is a list of [rows, cols]
    (empty: the spec's own array); `sets` maps a spec key to its list of values."""
    keys = list(sets)
    arch = local_file_or_name(arch)
    nets = [local_file_or_name(net) for net in nets]
    points = []
    for net, dataflow, batch, pe_array, values in itertools.product(
            nets, dataflows, batches, pe_arrays or [None], itertools.product(*sets.values())):
        points.append({"arch": arch, "net": net, "dataflow": dataflow, "batch": int(batch),
                       "pe_array": pe_array, "sets": dict(zip(keys, values)),
                       "options": dict(options)})
    return points


def point_id(point):
    """A readable, file-safe id, unique per point and options (a hash of both)."""
    digest = hashlib.sha1(json.dumps(point, sort_keys=True).encode()).hexdigest()[:8]
    net = os.path.splitext(os.path.basename(point["net"]))[0]
    parts = [net, point["dataflow"], f"b{point['batch']}"]
    if point["pe_array"]:
        parts.append("{}x{}".format(*point["pe_array"]))
    parts += [f"{key}={value}" for key, value in point["sets"].items()]
    readable = re.sub(r"[^\w.=+-]", "-", "_".join(parts))[:120]
    return f"{readable}_{digest}"


def point_overrides(point):
    """The spec overrides of a point: its PE array, then its --set values."""
    overrides = {}
    if point["pe_array"]:
        overrides["pe_array.rows"], overrides["pe_array.cols"] = point["pe_array"]
    overrides.update(point["sets"])
    return overrides


def simulate_arguments(point):
    """Keyword arguments of accelsim.simulate / accelsim.check for a point."""
    return dict(dataflow=point["dataflow"], batch=point["batch"],
                overrides=point_overrides(point), **point["options"])


def check_point(point):
    """Raises InputError (the CLI's message) when the point's inputs are bad."""
    api.check(point["arch"], point["net"], **simulate_arguments(point))


def set_column(key):
    """Column name of a --set key: the key, unless another column has that name."""
    reserved = set(POINT_COLUMNS + TAIL_COLUMNS + list(ENERGY_LEVELS) + SUMMED_COLUMNS +
                   ["layer", "utilization", "active_pes", "energy_per_mac", "power_mw",
                    "output_verified", "mapped", "mapping", "reason"])
    return f"set.{key}" if key in reserved else key


def run_point(point):
    """Simulates one point; returns its rows (layers, then total) as CSV text."""
    result = api.simulate(point["arch"], point["net"], **simulate_arguments(point))
    return point_rows(point, result).to_csv(index=False)


def level_energies(accesses):
    """DataFrame indexed by layer with the ENERGY_LEVELS columns."""
    by_level = accesses.groupby(["layer", "level"])["energy"].sum().unstack(fill_value=0.0)
    columns = {}
    for column, levels in ENERGY_LEVELS.items():
        present = [level for level in levels if level in by_level.columns]
        columns[column] = by_level[present].sum(axis=1) if present else 0.0
    return pd.DataFrame(columns, index=by_level.index)


def total_row(layers, pe_count):
    """The total row of a point from its layer rows (see SCHEMA_HELP)."""
    mapped = layers[layers["mapped"]]
    total = {column: mapped[column].sum() for column in SUMMED_COLUMNS}
    total["layer"] = "total"
    total["active_pes"] = int(mapped["active_pes"].max()) if len(mapped) else 0
    total["utilization"] = (total["macs"] / (total["processing_cycles"] * pe_count)
                            if total["processing_cycles"] else 0.0)
    total["energy_per_mac"] = total["energy"] / total["macs"] if total["macs"] else math.nan
    power = mapped["power_mw"].astype(float)
    time_ms = mapped["time_ms"].astype(float)
    total["power_mw"] = ((power * time_ms).sum() / time_ms.sum()
                         if power.notna().any() and time_ms.sum() > 0 else math.nan)
    total["output_verified"] = bool(len(mapped)) and bool(mapped["output_verified"].all())
    total["mapped"] = bool(layers["mapped"].all())
    unmapped = len(layers) - len(mapped)
    total["reason"] = f"{unmapped} of {len(layers)} layers not mapped" if unmapped else ""
    return total


def point_rows(point, result):
    """The tidy rows of one point: its layers and a total row (SCHEMA_HELP)."""
    energies = level_energies(result.accesses)
    layers = result.summary.drop(columns=["dataflow", "batch"])
    layers = layers.join(energies, on="layer").fillna({column: 0.0 for column in energies})
    for column in ENERGY_LEVELS:
        if column not in layers:
            layers[column] = 0.0
    pe_array = result.run["arch"]["pe_array"]
    rows = pd.concat([layers, pd.DataFrame([total_row(layers, pe_array["rows"] *
                                                      pe_array["cols"])])],
                     ignore_index=True)
    parameters = {"pe_rows": pe_array["rows"], "pe_cols": pe_array["cols"]}
    parameters.update({set_column(key): value for key, value in point["sets"].items()})
    parameters.update(net=result.network, dataflow=point["dataflow"], batch=point["batch"],
                      arch=result.arch)
    head = pd.DataFrame([parameters] * len(rows))
    types = {layer["name"]: layer["type"] for layer in result.run["network"]["layers"]}
    tail = pd.DataFrame({"layer_type": rows["layer"].map(types).fillna(""),
                         "energy_unit": result.energy_unit, "point": point_id(point)},
                        index=rows.index)
    return pd.concat([head, rows, tail], axis=1)


def read_rows(csv_text):
    """A point file's (or sweep.csv's) text as a DataFrame."""
    return pd.read_csv(io.StringIO(csv_text))
