#!/usr/bin/python3
"""Plots of accelsim results (matplotlib, Agg backend), each written as PNG and SVG.

  plots.py energy-breakdown RUN_DIR_OR_CSV... [--per-mac] [--layers a,b] [--out PREFIX]
  plots.py dataflow-comparison RUN_DIR... [--reference rs] [--out PREFIX]
  plots.py sweep SWEEP_CSV [--net NET] [--x pes|COLUMN] [--metrics a,b] [--where layer=NAME]
  plots.py utilization RUN_DIR_OR_CSV... [--layers a,b] [--out PREFIX]

An input is a CLI run directory (summary.csv, accesses.csv, run.json) or a sweep CSV
written by tools/sweep.py (one row per point x layer plus a `total` row per point).
From a sweep CSV the per-layer plots draw one point: narrow it with --net and
--where KEY=VALUE (otherwise the first point is drawn, with a note on stderr).
A figure that could not be read (more than 8 bars per layer, a few hundred bars, two
networks matched by layer name) is refused with exit code 2, saying how to narrow it.
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
from matplotlib.lines import Line2D  # noqa: E402
from plot_inputs import (DEFAULT_SWEEP_METRICS, LEVELS, LEVEL_COLORS, SWEEP_METRICS,  # noqa: E402,F401
                         PlotError, _ordered, _unit_text, load_layers, load_sweep, note)

from plot_energy import (SERIES_COLORS, dataflow_comparison_figure,  # noqa: E402,F401
                         energy_breakdown_figure, pack_rows, title_text, utilization_figure)


def sweep_lines(ax, tot, col):
    """One line per (dataflow, other swept values); points whose total sums fewer layers
    (some not mapped) get a hollow marker."""
    flows, combos = _ordered(tot["dataflow"]), _ordered(tot["combo"])
    for (flow, combo), g in tot.groupby(["dataflow", "combo"], sort=False):
        g = g.sort_values("_x")
        k, j = flows.index(flow), combos.index(combo)
        color, marker = SERIES_COLORS[k % len(SERIES_COLORS)], "osD^v<>"[j % 7]
        y, mapped = g[col].where(g[col] > 0), g["mapped"].to_numpy()
        ax.plot(g["_x"], y, color=color, linestyle=["-", "--", ":", "-."][j % 4],
                marker=marker, ms=5, markevery=list(mapped),
                label=", ".join(filter(None, (flow, combo))))
        if not mapped.all():
            ax.plot(g["_x"][~mapped], y[~mapped], linestyle="none", marker=marker, ms=7,
                    markerfacecolor="white", markeredgewidth=1.5, color=color)


def sweep_axes(ax, tot, col, x, unit):
    """Ticks, scales and labels of one metric's panel."""
    xs = np.sort(tot["_x"].unique())
    if len(xs) > 1 and xs.min() > 0 and xs.max() / xs.min() >= 4:
        ax.set_xscale("log", base=2)
    ax.set_xticks(xs, [_x_tick(tot, x, v) for v in xs], fontsize=8)
    ax.minorticks_off()
    ax.set_xlabel("PEs (rows x cols)" if x == "pes" else x)
    name = SWEEP_METRICS.get(col, col)
    if col == "utilization":
        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        ax.set_ylim(0, 1.05)
    else:
        ax.yaxis.set_major_formatter(EngFormatter(sep=""))
        ax.set_ylim(bottom=0)
    ax.set_ylabel(name if "cycles" in col or col == "utilization" else f"{name} ({unit})")
    ax.grid(color="0.9")
    ax.set_title(name)


def sweep_figure(tot, info=None, title=None, metrics=None):
    """The metrics (default cycles, energy, energy/MAC) against the swept column: one line
    per dataflow. A point whose total sums fewer layers (some not mapped) is drawn hollow."""
    info = info or {}
    metrics = metrics or DEFAULT_SWEEP_METRICS
    for col in metrics:
        if col not in tot.columns:
            raise PlotError(f"the sweep CSV has no '{col}' column")
    ncols = {1: 1, 2: 2, 4: 2}.get(len(metrics), 3)
    nrows = -(-len(metrics) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.6 * ncols + 1.6, 4.1 * nrows + 0.6),
                             layout="constrained", squeeze=False)
    for ax, col in zip(axes.flat, metrics):
        sweep_lines(ax, tot, col)
        sweep_axes(ax, tot, col, info.get("x", "pes"), _unit_text(info.get("unit")))
    for ax in list(axes.flat)[len(metrics):]:
        ax.set_visible(False)
    handles, labels = axes[0, 0].get_legend_handles_labels()
    if not tot["mapped"].all():
        handles.append(Line2D([], [], linestyle="none", marker="o", ms=7, color="0.3",
                              markerfacecolor="white", markeredgewidth=1.5))
        labels.append("hollow: some layers not\nmapped (sums fewer layers)")
    axes[0, ncols - 1].legend(handles, labels, title="dataflow", loc="upper left",
                              bbox_to_anchor=(1.02, 1.0), frameon=False)
    what = f"layer {info['layer']}" if info.get("layer") else "all layers"
    fig.suptitle(title_text(f"Sweep ({what})", info, title), fontsize=12)
    return fig


def _x_tick(tot, x, v):
    if x != "pes":
        return f"{v:g}"
    shapes = _ordered(f"{r}x{c}" for r, c in zip(tot.loc[tot["_x"] == v, "pe_rows"],
                                                   tot.loc[tot["_x"] == v, "pe_cols"]))
    return "\n".join(shapes + [f"{v:g}"])


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


COMMANDS = {
    "energy-breakdown": "energy per level, stacked, per dataflow and layer, CONV and FC "
                        "apart, with totals",
    "dataflow-comparison": "ISCA 2016 Fig. 10/11: energy per MAC by level over all CONV "
                           "and all FC layers, one bar per dataflow, normalized to RS",
    "sweep": "cycles, energy, energy/MAC, processing cycles or utilization against the "
             "swept column (PE count by default), one line per dataflow",
    "utilization": "PE-array utilization per layer and dataflow",
}


def build_parser():
    ap = argparse.ArgumentParser(prog="plots.py", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    for cmd, text in COMMANDS.items():
        p = sub.add_parser(cmd, help=text, description=text)
        if cmd == "sweep":
            p.add_argument("inputs", nargs=1, metavar="SWEEP_CSV")
            p.add_argument("--x", default="pes", help="x axis: pes (pe_rows*pe_cols, "
                           "the default) or a swept column such as glb.size_kb")
            p.add_argument("--metrics", default=",".join(DEFAULT_SWEEP_METRICS),
                           help="comma-separated, of: " + ", ".join(SWEEP_METRICS) +
                           " (default %(default)s)")
        else:
            p.add_argument("inputs", nargs="+", metavar="RUN_DIR_OR_CSV",
                           help="CLI run directories and/or sweep CSVs")
            p.add_argument("--layers", help="comma-separated layers (default: all mapped)")
            p.add_argument("--dataflows", help="comma-separated dataflows to draw (default: all)")
        if cmd == "energy-breakdown":
            p.add_argument("--per-mac", action="store_true",
                           help="energy per MAC, the ISCA 2016 way")
        if cmd == "dataflow-comparison":
            p.add_argument("--reference", default="rs",
                           help="the dataflow normalized to 1 (default rs)")
        p.add_argument("--out", metavar="PREFIX", help="writes PREFIX.png and PREFIX.svg "
                       "(default: next to the first input)")
        p.add_argument("--title", help="figure title")
        p.add_argument("--unit", help="energy unit for the labels (default: run.json's "
                       "energy_unit, or the sweep CSV's energy_unit column)")
        p.add_argument("--net", help="the network to draw from a sweep CSV with several")
        p.add_argument("--where", action="append", default=[], metavar="KEY=VALUE",
                       help="keep only sweep rows with KEY=VALUE (repeatable); "
                       "sweep: layer=NAME draws that layer instead of the totals")
    return ap


def _comma(text):
    return [x for x in (text or "").split(",") if x]


def layer_figure(args):
    """The figure and default file name of a per-layer command."""
    df, info = load_layers(args.inputs, _comma(args.layers), args.net, args.where)
    info["unit"] = args.unit or info["unit"]
    if args.dataflows:
        unknown = sorted(set(_comma(args.dataflows)) - set(df["dataflow"]))
        if unknown:
            raise PlotError(f"--dataflows: no rows of {', '.join(unknown)}; the inputs hold "
                            + ", ".join(_ordered(df["dataflow"])))
        df = df[df["dataflow"].isin(_comma(args.dataflows))]
    if args.command == "dataflow-comparison":
        return (dataflow_comparison_figure(df, info, args.reference, args.title),
                "dataflow_comparison")
    if len(info["nets"]) > 1:
        raise PlotError(f"{args.command}: the inputs hold networks {info['net']}; layers are "
                        "matched by name, so draw one network per figure")
    if args.command == "utilization":
        return utilization_figure(df, info, args.title), "utilization"
    name = "energy_per_mac" if args.per_mac else "energy_breakdown"
    return energy_breakdown_figure(df, info, args.per_mac, args.title), name


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        if args.command == "sweep":
            metrics = _comma(args.metrics)
            unknown = [m for m in metrics if m not in SWEEP_METRICS]
            if unknown or not metrics:
                raise PlotError(f"--metrics: found '{args.metrics}', expected a comma list of "
                                + ", ".join(SWEEP_METRICS))
            tot, info = load_sweep(args.inputs[0], args.net, args.x, args.where)
            info["unit"] = args.unit or info["unit"]
            fig, name = sweep_figure(tot, info, args.title, metrics), "curves"
        else:
            fig, name = layer_figure(args)
        for path in save(fig, args.out or _default_out(args.inputs[0], name)):
            print(path)
        plt.close(fig)
    except (PlotError, OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        print(f"plots: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
