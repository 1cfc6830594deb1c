#!/usr/bin/python3
"""Plots of accelsim results (matplotlib, Agg backend), each written as PNG and SVG.

  plots.py energy-breakdown RUN_DIR_OR_CSV... [--per-mac] [--layers a,b] [--out PREFIX]
  plots.py sweep SWEEP_CSV [--net NET] [--x pes|COLUMN] [--out PREFIX]
  plots.py utilization RUN_DIR_OR_CSV... [--layers a,b] [--out PREFIX]

An input is a CLI run directory (summary.csv, accesses.csv, run.json) or a sweep CSV
written by tools/sweep.py (one row per point x layer plus a `total` row per point).
From a sweep CSV the per-layer plots draw one point: narrow it with --net and
--where KEY=VALUE (otherwise the first point is drawn, with a note on stderr).
The *_figure functions build the matplotlib Figure; save() writes it.
"""
import argparse
import os
import sys
import tempfile
import json
from pathlib import Path

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.ticker import EngFormatter, PercentFormatter  # noqa: E402

from plot_inputs import *  # noqa: E402,F401,F403  (the readers, re-exported for callers)
from plot_inputs import (LEVELS, LEVEL_COLORS, SWEEP_METRICS, PlotError, _ordered,  # noqa: E402
                         _unit_text, load_layers, load_sweep, note)

SERIES_COLORS = plt.get_cmap("tab10").colors

def _title(default, info, title):
    if title is not None:
        return title
    where = " on ".join(x for x in (info.get("net"), info.get("arch")) if x)
    return f"{default}: {where}" if where else default


def _bar_slots(ngroups, nseries):
    width = 0.8 / nseries
    return [np.arange(ngroups) + (s - (nseries - 1) / 2) * width for s in range(nseries)], width


def _label_groups(ax, groups, series):
    """Series names under every bar, group names under those."""
    slots, _ = _bar_slots(len(groups), len(series))
    ticks = np.concatenate(slots)
    ax.set_xticks(ticks, [s for s in series for _ in groups], fontsize=8)
    lines = max(s.count("\n") for s in series) + 2
    sec = ax.secondary_xaxis(location=0)
    sec.set_xticks(np.arange(len(groups)), ["\n" * lines + g for g in groups], fontsize=10)
    sec.tick_params("x", length=0)
    for b in np.arange(len(groups) - 1) + 0.5:
        ax.axvline(b, color="0.85", lw=0.8, zorder=0)
    ax.set_xlim(-0.5, len(groups) - 0.5)


def _short(v):
    return EngFormatter(places=1, sep="")(v) if abs(v) >= 1000 else f"{v:.3g}"


def energy_breakdown_figure(df, info=None, per_mac=False, title=None):
    """Stacked bars of energy per level: one group per layer, one bar per series
    (dataflow), and a `total` panel; per_mac divides by each bar's MACs."""
    info = info or {}
    layers, series = _ordered(df["layer"]), _ordered(df["series"])
    L, D = len(layers), len(series)
    E = np.zeros((len(LEVELS), L, D))
    macs = np.zeros((L, D))
    mapped = np.zeros((L, D), bool)
    for _, r in df.iterrows():
        g, s = layers.index(r["layer"]), series.index(r["series"])
        E[:, g, s] += [r[lv] for lv in LEVELS]
        mapped[g, s] = bool(r["mapped"])
        macs[g, s] += r["macs"] if r["mapped"] else 0
    tot = E.sum(axis=1, keepdims=True)
    if per_mac:
        with np.errstate(divide="ignore", invalid="ignore"):
            E = np.nan_to_num(E / macs)
            tot = np.nan_to_num(tot / macs.sum(axis=0))
    width_in = min(24.0, 3.5 + 0.45 * (L + 1) * D + 0.4 * L)
    fig, (ax, axt) = plt.subplots(
        1, 2, figsize=(width_in, 5.0), sharey=per_mac, constrained_layout=True,
        gridspec_kw={"width_ratios": [max(L, 1), 1.3]})
    for a, vals, groups, ok in ((ax, E, layers, mapped), (axt, tot, ["total"], None)):
        slots, width = _bar_slots(len(groups), D)
        for s in range(D):
            bottom = np.zeros(len(groups))
            for k, lv in enumerate(LEVELS):
                a.bar(slots[s], vals[k, :, s], width * 0.92, bottom=bottom,
                      color=LEVEL_COLORS[lv], edgecolor="white", linewidth=0.4,
                      label=lv if s == 0 else "_nolegend_")
                bottom = bottom + vals[k, :, s]
            for x, top, g in zip(slots[s], bottom, range(len(groups))):
                if ok is not None and not ok[g, s]:
                    a.text(x, 0, "n/a", ha="center", va="bottom", fontsize=7, rotation=90)
                elif a is axt or per_mac:
                    a.text(x, top, _short(top), ha="center", va="bottom", fontsize=7)
        _label_groups(a, groups, series)
        a.margins(y=0.08)
        a.yaxis.set_major_formatter(EngFormatter(sep=""))
        a.grid(axis="y", color="0.9", zorder=0)
        a.set_axisbelow(True)
    unit = _unit_text(info.get("unit"))
    ax.set_ylabel(f"energy per MAC ({unit})" if per_mac else f"energy ({unit})")
    handles, labels = ax.get_legend_handles_labels()
    axt.legend(handles[::-1], labels[::-1], title="level", loc="upper left",
               bbox_to_anchor=(1.02, 1.0), frameon=False)
    fig.suptitle(_title("Energy per MAC by level" if per_mac else "Energy by level",
                        info, title))
    return fig


def utilization_figure(df, info=None, title=None):
    """Bars of PE-array utilization: one group per layer, one bar per series."""
    info = info or {}
    layers, series = _ordered(df["layer"]), _ordered(df["series"])
    L, D = len(layers), len(series)
    util = np.full((L, D), np.nan)
    for _, r in df.iterrows():
        if r["mapped"]:
            util[layers.index(r["layer"]), series.index(r["series"])] = r["utilization"]
    fig, ax = plt.subplots(figsize=(min(20.0, 3.0 + 0.5 * L * D + 0.3 * L), 4.5),
                           constrained_layout=True)
    slots, width = _bar_slots(L, D)
    for s in range(D):
        bars = ax.bar(slots[s], np.nan_to_num(util[:, s]), width * 0.92,
                      color=SERIES_COLORS[s % len(SERIES_COLORS)],
                      label=series[s].replace("\n", " "))
        ax.bar_label(bars, [("n/a" if np.isnan(u) else f"{u:.0%}") for u in util[:, s]],
                     fontsize=7, padding=1)
    ax.set_xticks(np.arange(L), layers)
    ax.set_ylim(0, 1.08)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_ylabel("utilization (MACs / (processing cycles × PEs))")
    ax.grid(axis="y", color="0.9")
    ax.set_axisbelow(True)
    ax.legend(title="dataflow", loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    ax.set_title(_title("PE-array utilization per layer", info, title))
    return fig


def sweep_figure(tot, info=None, title=None):
    """Cycles, energy and energy/MAC against the swept column: one line per dataflow."""
    info = info or {}
    x = info.get("x", "pes")
    fig, axes = plt.subplots(1, 3, figsize=(14, 4.3), constrained_layout=True)
    unit = _unit_text(info.get("unit"))
    xs = np.sort(tot["_x"].unique())
    for ax, (col, name) in zip(axes, SWEEP_METRICS):
        if col not in tot.columns:
            raise PlotError(f"the sweep CSV has no '{col}' column")
        flows, combos = _ordered(tot["dataflow"]), _ordered(tot["combo"])
        for (flow, combo), g in tot.groupby(["dataflow", "combo"], sort=False):
            g = g.sort_values("_x")
            k, j = flows.index(flow), combos.index(combo)
            ax.plot(g["_x"], g[col].where(g[col] > 0), label=", ".join(filter(None, (flow, combo))),
                    color=SERIES_COLORS[k % len(SERIES_COLORS)], ms=4,
                    marker="osD^v<>"[j % 7], linestyle=["-", "--", ":", "-."][j % 4])
        if len(xs) > 1 and xs.min() > 0 and xs.max() / xs.min() >= 4:
            ax.set_xscale("log", base=2)
        ax.set_xticks(xs, [f"{v:g}" if x != "pes" else "\n".join(_ordered(
            f"{r}x{c}" for r, c in zip(tot.loc[tot["_x"] == v, "pe_rows"],
                                       tot.loc[tot["_x"] == v, "pe_cols"])) + [f"{v:g}"])
            for v in xs], fontsize=8)
        ax.minorticks_off()
        ax.set_xlabel("PEs (rows x cols)" if x == "pes" else x)
        ax.set_ylabel(name if col == "cycles" else f"{name} ({unit})")
        ax.yaxis.set_major_formatter(EngFormatter(sep=""))
        ax.set_ylim(bottom=0)
        ax.grid(color="0.9")
        ax.set_title(name)
    axes[-1].legend(title="dataflow", loc="upper left", bbox_to_anchor=(1.02, 1.0),
                    frameon=False)
    fig.suptitle(_title("Sweep (all layers)", info, title))
    return fig


# ---------------------------------------------------------------- writing
def save(fig, prefix):
    """Write PREFIX.png and PREFIX.svg whole (temporary file, then rename)."""
    prefix = Path(prefix)
    if prefix.suffix.lower() in (".png", ".svg"):
        prefix = prefix.with_suffix("")
    prefix.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for ext in ("png", "svg"):
        dest = prefix.parent / f"{prefix.name}.{ext}"
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                fig.savefig(f, format=ext, dpi=150)
            os.chmod(tmp, 0o644)
            os.replace(tmp, dest)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        written.append(dest)
    return written


def _default_out(first, name):
    p = Path(first)
    if p.is_dir():
        return p / name
    return p.parent / f"{p.stem}_{name}" if p.suffix == ".csv" else p.parent / name


def main(argv=None):
    ap = argparse.ArgumentParser(prog="plots.py", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    for cmd, text in (("energy-breakdown", "energy per level, stacked, per dataflow and "
                       "layer, and in total"),
                      ("sweep", "cycles, energy and energy/MAC against PE count"),
                      ("utilization", "PE-array utilization per layer and dataflow")):
        p = sub.add_parser(cmd, help=text, description=text)
        if cmd == "sweep":
            p.add_argument("inputs", nargs=1, metavar="SWEEP_CSV")
            p.add_argument("--x", default="pes", help="x axis: pes (pe_rows*pe_cols, "
                           "the default) or a swept column such as glb.size_kb")
        else:
            p.add_argument("inputs", nargs="+", metavar="RUN_DIR_OR_CSV",
                           help="CLI run directories and/or sweep CSVs")
            p.add_argument("--layers", help="comma-separated layers (default: all mapped)")
        if cmd == "energy-breakdown":
            p.add_argument("--per-mac", action="store_true",
                           help="energy per MAC, the ISCA 2016 way")
        p.add_argument("--out", metavar="PREFIX", help="writes PREFIX.png and PREFIX.svg "
                       "(default: next to the first input)")
        p.add_argument("--title", help="figure title")
        p.add_argument("--unit", help="energy unit for the labels (default: run.json's "
                       "energy_unit, or the sweep CSV's energy_unit column)")
        p.add_argument("--net", help="the network to draw from a sweep CSV with several")
        p.add_argument("--where", action="append", default=[], metavar="KEY=VALUE",
                       help="keep only sweep rows with KEY=VALUE (repeatable)")
    args = ap.parse_args(argv)
    try:
        if args.command == "sweep":
            tot, info = load_sweep(args.inputs[0], args.net, args.x, args.where)
        else:
            layers = [x for x in (args.layers or "").split(",") if x]
            df, info = load_layers(args.inputs, layers, args.net, args.where)
        info["unit"] = args.unit or info["unit"]
        if args.command == "sweep":
            fig, name = sweep_figure(tot, info, args.title), "curves"
        elif args.command == "utilization":
            fig, name = utilization_figure(df, info, args.title), "utilization"
        else:
            fig = energy_breakdown_figure(df, info, args.per_mac, args.title)
            name = "energy_per_mac" if args.per_mac else "energy_breakdown"
        for path in save(fig, args.out or _default_out(args.inputs[0], name)):
            print(path)
        plt.close(fig)
    except (PlotError, OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        print(f"plots: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
