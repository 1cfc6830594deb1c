"""Reading what tools/plots.py draws: CLI run directories (summary.csv,
accesses.csv, run.json) and tools/sweep.py CSVs, into tidy per-layer energy
by level (DRAM, GLB, array, RF, MAC). Imported by plots.py."""

import json
import os
import sys
from pathlib import Path

import pandas as pd

LEVELS = ["DRAM", "GLB", "array", "RF", "MAC"]          # bottom to top of a stack
LEVEL_OF = {"dram": "DRAM", "glb": "GLB", "filter_buffer": "GLB", "array": "array",
            "rf_ifmap": "RF", "rf_filter": "RF", "rf_psum": "RF", "mac": "MAC"}
SWEEP_LEVEL_COLS = {"energy_dram": "DRAM", "energy_glb": "GLB",
                    "energy_filter_buffer": "GLB", "energy_array": "array",
                    "energy_rf": "RF", "energy_mac": "MAC"}
LEVEL_COLORS = {"DRAM": "#4c72b0", "GLB": "#dd8452", "array": "#55a868",
                "RF": "#c44e52", "MAC": "#8172b3"}
# Sweep metrics: column -> axis title; the first three are drawn by default.
SWEEP_METRICS = {"cycles": "cycles", "energy": "energy", "energy_per_mac": "energy per MAC",
                 "processing_cycles": "processing cycles", "utilization": "utilization"}
DEFAULT_SWEEP_METRICS = ["cycles", "energy", "energy_per_mac"]


class PlotError(Exception):
    """Bad input: the message says which file and what is wrong."""


def note(msg):
    print(f"plots: {msg}", file=sys.stderr)


def _ordered(values):
    return list(dict.fromkeys(values))


def _flag(col):
    """Parse a true/false column; anything but an explicit false counts as true."""
    return ~col.astype(str).str.strip().str.lower().isin(["false", "0", "no"])


def _unit_text(unit):
    if unit is None:
        return "table unit"
    return "× MAC energy" if unit.strip().lower() in ("x mac", "xmac") else unit


# ---------------------------------------------------------------- reading inputs
def read_run(run_dir):
    """One CLI run directory -> (per-layer frame, info)."""
    d = Path(run_dir)
    for name in ("summary.csv", "accesses.csv"):
        if not (d / name).is_file():
            raise PlotError(f"{d}: no {name} (expected a run directory written by accelsim)")
    summ = pd.read_csv(d / "summary.csv")
    acc = pd.read_csv(d / "accesses.csv")
    if set(acc["level"]) - set(LEVEL_OF):
        raise PlotError(f"{d}/accesses.csv: unknown level(s) "
                        f"{sorted(set(acc['level']) - set(LEVEL_OF))}")
    acc["group"] = acc["level"].map(LEVEL_OF)
    per = acc.groupby(["layer", "dataflow", "group"])["energy"].sum().unstack("group")
    per = per.reindex(columns=LEVELS, fill_value=0.0).reset_index()
    df = summ.merge(per, on=["layer", "dataflow"], how="left")
    df[LEVELS] = df[LEVELS].fillna(0.0)
    df["mapped"] = _flag(df["mapped"]) if "mapped" in df else True
    run = json.loads((d / "run.json").read_text()) if (d / "run.json").is_file() else {}
    types = {x["name"]: x["type"] for x in (run.get("network") or {}).get("layers", [])}
    df["type"] = df["layer"].astype(str).map(types)
    specs = run.get("archs") or ([run["arch"]] if run.get("arch") else [])
    return df, {"unit": run.get("energy_unit"), "archs": [a["name"] for a in specs],
                "net": (run.get("network") or {}).get("network"),
                "batches": _ordered(df["batch"]) if "batch" in df else []}


def read_sweep(path):
    """A sweep CSV -> (frame, point-parameter columns)."""
    raw = pd.read_csv(path)
    # the schema repeats dataflow and batch (point parameter, then summary column):
    # pandas names the repeats dataflow.1, batch.1; they hold the same values
    raw = raw[[c for c in raw.columns
               if not (c.rpartition(".")[2].isdigit() and c.rpartition(".")[0] in raw.columns)]]
    for col in ("layer", "dataflow"):
        if col not in raw.columns:
            raise PlotError(f"{path}: no '{col}' column: not a sweep CSV of tools/sweep.py")
    raw = raw.assign(layer=raw["layer"].astype(str))
    params = [c for c in raw.columns[:raw.columns.get_loc("layer")] if c != "dataflow"]
    return raw, params


def _filter(raw, path, net=None, where=()):
    for cond in where:
        key, sep, val = cond.partition("=")
        if not sep or key not in raw.columns:
            raise PlotError(f"--where {cond}: expected KEY=VALUE with KEY one of "
                            f"{', '.join(raw.columns)}")
        hit = raw[key].astype(str) == val
        num = pd.to_numeric(pd.Series([val]), errors="coerce")[0]
        raw = raw[hit | (pd.to_numeric(raw[key], errors="coerce") == num)]
        if raw.empty:
            raise PlotError(f"{path}: no rows with {key}={val}")
    if "net" in raw.columns:
        nets = _ordered(raw["net"].astype(str))
        if net is not None:
            if net not in nets:
                raise PlotError(f"{path}: no net '{net}'; it holds {', '.join(nets)}")
            raw = raw[raw["net"].astype(str) == net]
        elif len(nets) > 1:
            note(f"{path} holds nets {', '.join(nets)}; drawing {nets[0]} (choose with --net)")
            raw = raw[raw["net"].astype(str) == nets[0]]
    return raw


def read_sweep_point(path, net=None, where=()):
    """One point of a sweep CSV (all its dataflows) -> (per-layer frame, info)."""
    raw, params = read_sweep(path)
    raw = _filter(raw, path, net, where)
    varying = [c for c in params if raw[c].nunique(dropna=False) > 1]
    if varying:
        first = raw.iloc[0]
        npoints = len(raw.drop_duplicates(varying))
        for c in varying:
            raw = raw[raw[c] == first[c]]
        note(f"{path} holds {npoints} points; drawing "
             + " ".join(f"{c}={first[c]}" for c in varying) + " (choose with --where KEY=VALUE)")
    if not any(c in raw.columns for c in SWEEP_LEVEL_COLS):
        raise PlotError(f"{path}: no energy_dram, energy_glb, ... columns")
    df = raw[raw["layer"] != "total"].copy()
    for lv in LEVELS:
        cols = [c for c, g in SWEEP_LEVEL_COLS.items() if g == lv and c in df.columns]
        df[lv] = df[cols].fillna(0.0).sum(axis=1) if cols else 0.0
    df["mapped"] = _flag(df["mapped"]) if "mapped" in df else True
    df["type"] = df["layer_type"] if "layer_type" in df else None
    first = {c: raw[c].iloc[0] if c in raw and len(raw) else None for c in ("net", "energy_unit")}
    return df, {"unit": first["energy_unit"], "net": first["net"],
                "archs": _ordered(raw["arch"].astype(str)) if "arch" in raw else [],
                "batches": _ordered(raw["batch"]) if "batch" in raw else []}


def load_layers(inputs, layers=None, net=None, where=()):
    """Run directories and/or sweep CSVs -> (per-layer frame with a `series` column, info).

    A series is a dataflow; when one dataflow comes from several inputs, the input's
    name is added to tell them apart."""
    frames, infos = [], []
    for i, item in enumerate(inputs):
        p = Path(item)
        if p.is_file() and p.name in ("summary.csv", "accesses.csv", "run.json"):
            p = p.parent
        if p.is_dir():
            df, info = read_run(p)
        elif p.is_file():
            df, info = read_sweep_point(p, net, where)
        else:
            raise PlotError(f"{item}: no such file or directory")
        df = df.assign(input=i, source=p.stem if p.is_file() else p.resolve().name,
                       net=str(info.get("net") or ""))
        frames.append(df)
        infos.append(info)
    df = pd.concat(frames, ignore_index=True)
    df["dataflow"] = df["dataflow"].astype(str)
    df["layer"] = df["layer"].astype(str)
    shared = df.groupby("dataflow")["input"].nunique()
    names = df.groupby("input")["source"].first()
    if names.duplicated().any():
        names = pd.Series([f"#{i + 1}" for i in names.index], index=names.index)
    df["series"] = [f if shared[f] == 1 else f"{f}\n({names[i]})"
                    for f, i in zip(df["dataflow"], df["input"])]
    if layers:
        missing = [x for x in layers if x not in set(df["layer"])]
        if missing:
            raise PlotError(f"--layers: unknown layer(s) {', '.join(missing)}; the inputs "
                            f"hold {', '.join(_ordered(df['layer']))}")
        df = df[df["layer"].isin(layers)].sort_values(
            "layer", kind="stable", key=lambda c: c.map({x: k for k, x in enumerate(layers)}))
    ok = df.groupby("layer")["mapped"].any()
    if (~ok).any():
        note("not drawn (no mapping in any input): " + ", ".join(ok.index[~ok]))
        df = df[df["layer"].map(ok)]
    if df.empty:
        raise PlotError("nothing to draw: no mapped layer in the inputs")
    have = df[df["mapped"]].groupby(["input", "series"], sort=False)["layer"].agg(set)
    for (i, name), got in have.items():
        layers_of_input = _ordered(df.loc[df["input"] == i, "layer"])
        if got != set(layers_of_input):
            note(f"totals differ in layers: {name.replace(chr(10), ' ')} lacks "
                 + ", ".join(x for x in layers_of_input if x not in got))
    units = {u for u in (i.get("unit") for i in infos) if u}
    if len(units) > 1:
        raise PlotError(f"the inputs use different energy units: {', '.join(sorted(units))}")
    info = {"unit": units.pop() if units else None,
            "nets": _ordered(str(i["net"]) for i in infos if i["net"]),
            "archs": _ordered(a for i in infos for a in i["archs"]),
            "batches": _ordered(int(b) for i in infos for b in i["batches"])}
    info["net"] = ", ".join(info["nets"])
    df["type"] = df["type"].where(df["type"].notna(), df["layer"].map(_guess_type))
    return df, info


def _guess_type(layer):
    """A layer's type when the input does not say (sweep CSVs without layer_type):
    FC when its name says so (fc6, fc1000, classifier), else conv."""
    name = str(layer).lower()
    return "fc" if name.startswith("fc") or "classifier" in name else "conv"


def load_sweep(path, net=None, x="pes", where=()):
    """The `total` rows of a sweep CSV -> frame with `_x` (the x value) and `line` (label)."""
    raw, params = read_sweep(path)
    raw = _filter(raw, path, net, where)
    layers = _ordered(raw["layer"])
    one_layer = any(c.partition("=")[0] == "layer" for c in where) and layers != ["total"]
    tot = raw[raw["layer"] != "total"].copy() if one_layer else raw[raw["layer"] == "total"].copy()
    if one_layer and len(layers) > 1:
        raise PlotError(f"{path}: --where layer=... keeps layers {', '.join(layers)}; "
                        "choose one")
    xcols = ["pe_rows", "pe_cols"] if x == "pes" else [x]
    if tot.empty or not set(xcols) <= set(tot.columns):
        raise PlotError(f"{path}: no 'total' rows (choose a layer with --where layer=NAME)"
                        if tot.empty else
                        f"--x {x}: no such column; choose pes or one of {', '.join(params)}")
    tot["mapped"] = _flag(tot["mapped"]) if "mapped" in tot else True
    tot["_x"] = pd.to_numeric(tot[xcols[0]], errors="coerce") * (
        tot["pe_cols"] if x == "pes" else 1)
    if tot["_x"].isna().any():
        raise PlotError(f"{path}: column {x} is not numeric")
    others = [c for c in params if c not in xcols and c != "net" and tot[c].nunique() > 1]
    shape = [c for c in ("pe_rows", "pe_cols") if c in others]
    rest = [c for c in others if c not in shape]
    tot["combo"] = tot.apply(lambda r: ", ".join(
        ([f"{r['pe_rows']}x{r['pe_cols']} PEs"] if shape else [])
        + [f"{c}={r[c]}" for c in rest]), axis=1)
    tot["dataflow"] = tot["dataflow"].astype(str)
    info = {c: ", ".join(_ordered(tot[c].astype(str))) if c in tot else None
            for c in ("net", "arch")}
    info.update(x=x, unit=tot["energy_unit"].iloc[0] if "energy_unit" in tot else None,
                layer=layers[0] if one_layer else None,
                archs=_ordered(tot["arch"].astype(str)) if "arch" in tot else [],
                batches=_ordered(tot["batch"]) if "batch" in tot else [])
    return tot, info


# ---------------------------------------------------------------- figures
