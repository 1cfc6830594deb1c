"""The bar figures of tools/plots.py: energy by level per layer (CONV and FC apart,
wrapped into rows that stay legible), utilization per layer, and the ISCA 2016
dataflow comparison (energy per MAC by level normalized to RS, CONV and FC apart)."""

import numpy as np
from matplotlib import pyplot as plt
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, PercentFormatter

from plot_inputs import LEVEL_COLORS, LEVELS, PlotError, _ordered, _unit_text

SERIES_COLORS = plt.get_cmap("tab10").colors
MAX_SERIES = 8        # bars per group beyond which nobody can tell them apart
MAX_BARS = 240        # bars in one figure (wrapped into rows of MAX_ROW_BARS)
MAX_ROW_BARS = 48
BAR_IN = 0.2          # inches per bar, so that a rotated 8 pt label fits under it
KIND_NAMES = {"conv": "CONV layers", "fc": "FC layers"}


def short(value):
    """1234567 -> 1.23M, 0.0512 -> 0.0512: three digits, a suffix from a thousand up."""
    for limit, suffix in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return f"{value / limit:.3g}{suffix}"
    return f"{value:.3g}"


def percent(value):
    """0.731 -> 73%, 0.004 -> 0.4%."""
    return f"{value:.0%}" if value >= 0.095 else f"{value:.1%}"


def title_text(default, info, title=None):
    """The figure's title: what ran (network, batch, every spec), unless given."""
    if title is not None:
        return title
    head = ", ".join(filter(None, [info.get("net"), _batch_text(info.get("batches"))]))
    archs = info.get("archs") or []
    text = f"{default}: {head}" if head else default
    return text + (f"\non {', '.join(archs)}" if archs else "")


def _batch_text(batches):
    if not batches:
        return ""
    return "batch " + ", ".join(str(b) for b in batches)


def check_legible(series, bars, what):
    """Refuses (PlotError, exit 2) a figure whose bars could not be read."""
    if len(series) > MAX_SERIES:
        raise PlotError(
            f"{what}: {len(series)} bars per layer ({', '.join(s.replace(chr(10), ' ') for s in series)}) "
            f"cannot be told apart; draw at most {MAX_SERIES}: choose dataflows with --dataflows "
            "or plot each input on its own")
    if bars > MAX_BARS:
        raise PlotError(f"{what}: {bars} bars do not fit one legible figure; choose layers with "
                        f"--layers (at most {MAX_BARS} bars)")


def of_kind(df, kind):
    """The rows of FC layers (kind 'fc') or of the others (kind 'conv')."""
    fc = df["type"].astype(str).str.lower().eq("fc")
    return df[fc if kind == "fc" else ~fc]


def kinds_of(df):
    """[(kind, layers)] in network order: CONV layers, then FC layers."""
    out = []
    for kind in ("conv", "fc"):
        layers = _ordered(of_kind(df, kind)["layer"])
        if layers:
            out.append((kind, layers))
    return out


def pack_rows(kinds, nseries, with_totals):
    """Panels, row by row: (kind, groups, is_total); each row at most MAX_ROW_BARS bars,
    the rows of a kind about equally long (the total counts as one more group)."""
    per_row = max(1, MAX_ROW_BARS // nseries)
    rows = []
    for kind, layers in kinds:
        items = layers + (["total"] if with_totals else [])
        nrows = -(-len(items) // per_row)
        size = -(-len(items) // nrows)
        for k in range(0, len(items), size):
            chunk = items[k:k + size]
            row = [(kind, [x for x in chunk if x != "total"], False)] if chunk != ["total"] else []
            if "total" in chunk:
                row.append((kind, ["total"], True))
            rows.append(row)
    return rows


def _slots(ngroups, nseries):
    width = 0.8 / nseries
    return [np.arange(ngroups) + (s - (nseries - 1) / 2) * width for s in range(nseries)], width


def label_bars(ax, groups, series):
    """Series names under every bar (rotated when there are several), group names under."""
    slots, _ = _slots(len(groups), len(series))
    if len(series) > 1:
        names = [s.replace("\n", " ") for s in series]
        ax.set_xticks(np.concatenate(slots), [n for n in names for _ in groups],
                      rotation=90, fontsize=8)
        pad = 8 + 8 * 0.72 * max(len(n) for n in names)  # rotated names, about 0.7 em a letter
    else:
        ax.set_xticks([])
        pad = 4
    sec = ax.secondary_xaxis(location=0)
    sec.set_xticks(np.arange(len(groups)), groups, fontsize=10)
    sec.tick_params("x", length=0, pad=pad)
    for b in np.arange(len(groups) - 1) + 0.5:
        ax.axvline(b, color="0.85", lw=0.8, zorder=0)
    ax.set_xlim(-0.5, len(groups) - 0.5)


def stacked_panel(ax, values, ok, groups, series, notes=True, faded=None, note_format=short):
    """values[level][group][series]; ok[group][series] False draws 'n/a'."""
    slots, width = _slots(len(groups), len(series))
    for s in range(len(series)):
        bottom = np.zeros(len(groups))
        for k, lv in enumerate(LEVELS):
            alpha = [0.35 if faded is not None and faded[g][s] else 1.0 for g in range(len(groups))]
            for g in range(len(groups)):
                ax.bar(slots[s][g], values[k][g][s], width * 0.9, bottom=bottom[g],
                       color=LEVEL_COLORS[lv], alpha=alpha[g], edgecolor="white", linewidth=0.3)
            bottom = bottom + np.array([values[k][g][s] for g in range(len(groups))])
        for g in range(len(groups)):
            if not ok[g][s]:
                ax.text(slots[s][g], 0, "n/a", ha="center", va="bottom", fontsize=7, rotation=90)
            elif notes:
                star = "*" if faded is not None and faded[g][s] else ""
                ax.text(slots[s][g], bottom[g], note_format(bottom[g]) + star, ha="center",
                        va="bottom", fontsize=6.5,
                        rotation=90 if len(groups) * len(series) > 8 else 0)
    label_bars(ax, groups, series)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: short(v)))
    ax.grid(axis="y", color="0.9")
    ax.set_axisbelow(True)


def level_legend(ax):
    """The levels' legend, right of `ax` (the top-right panel)."""
    handles = [Patch(color=LEVEL_COLORS[lv], label=lv) for lv in reversed(LEVELS)]
    ax.legend(handles=handles, title="level", loc="upper left", bbox_to_anchor=(1.02, 1.0),
              frameon=False)


def _energy_arrays(df, groups, series, per_mac):
    """(values[level][group][series], mapped[group][series]) over the given layers
    ('total': over every layer of df, mapped ones only)."""
    vals = np.zeros((len(LEVELS), len(groups), len(series)))
    ok = np.zeros((len(groups), len(series)), bool)
    for g, name in enumerate(groups):
        rows = df if name == "total" else df[df["layer"] == name]
        for s, ser in enumerate(series):
            r = rows[(rows["series"] == ser) & rows["mapped"]]
            macs = r["macs"].sum()
            # Per MAC, a layer without MACs (a pool) has no figure, as if not mapped.
            ok[g, s] = len(r) > 0 and (macs > 0 or not per_mac)
            if ok[g, s]:
                vals[:, g, s] = [r[lv].sum() / (macs if per_mac else 1) for lv in LEVELS]
    return vals, ok


def row_axes(sub, row, widest):
    """The panels of one row; a blank panel before the totals keeps the bars as wide as
    in the widest row and the totals in one column."""
    ratios = [len(groups) + 0.6 for _, groups, _ in row]
    filler = widest - sum(ratios)
    at = len(row) - 1 if row[-1][2] and len(row) > 1 else len(row)
    if filler > 0.5:
        ratios.insert(at, filler)
    axs = list(np.atleast_1d(sub.subplots(1, len(ratios), width_ratios=ratios)))
    if filler > 0.5:
        axs.pop(at).set_visible(False)
    return axs


def energy_panel(ax, df, panel, series, per_mac):
    """Draws one panel (kind, groups, is_total); returns its largest bar."""
    kind, groups, is_total = panel
    data = of_kind(df, kind)
    vals, ok = _energy_arrays(data, groups, series, per_mac)
    faded = [[data[data["series"] == s]["mapped"].eq(False).any() for s in series]] \
        if is_total else None
    stacked_panel(ax, vals, ok, [f"all {KIND_NAMES[kind]}"] if is_total else groups, series,
                  notes=per_mac or is_total, faded=faded)
    return vals.sum(axis=0).max()


def energy_breakdown_figure(df, info=None, per_mac=False, title=None):
    """Stacked energy by level: a group per layer and a bar per series (dataflow),
    CONV and FC layers apart (each with its own scale and a total), wrapped into rows."""
    info = info or {}
    series = _ordered(df["series"])
    kinds = kinds_of(df)
    check_legible(series, (len(_ordered(df["layer"])) + len(kinds)) * len(series),
                  "energy-breakdown")
    rows = pack_rows(kinds, len(series), with_totals=True)
    widest = max(sum(len(groups) + 0.6 for _, groups, _ in row) for row in rows)
    label_in = 0.09 * max(len(s) for s in series) if len(series) > 1 else 0
    fig = plt.figure(figsize=(max(7.0, min(30.0, 2.6 + BAR_IN * len(series) * widest)),
                              len(rows) * (3.4 + label_in) + 0.8), layout="constrained")
    unit, what = _unit_text(info.get("unit")), "energy per MAC" if per_mac else "energy"
    limits, drawn = {}, []
    for sub, row in zip(np.atleast_1d(fig.subfigures(len(rows), 1)), rows):
        axs = row_axes(sub, row, widest)
        for ax, panel in zip(axs, row):
            key = (panel[0], panel[2] and not per_mac)  # totals of energy: their own scale
            limits[key] = max(limits.get(key, 0), energy_panel(ax, df, panel, series, per_mac))
            drawn.append((ax, key))
            if ax is axs[0] or key[1]:
                ax.set_ylabel(f"{KIND_NAMES[panel[0]].split()[0]}: {what} ({unit})")
    for ax, key in drawn:
        ax.set_ylim(0, limits[key] * 1.12 or 1)
    level_legend(drawn[len(rows[0]) - 1][0])
    fig.suptitle(title_text("Energy per MAC by level" if per_mac else "Energy by level", info,
                            title), fontsize=12)
    if not df["mapped"].all():
        fig.text(0.01, 0.005, "* faded: a total over fewer layers (some not mapped)", fontsize=8)
    return fig


def utilization_figure(df, info=None, title=None):
    """Bars of PE-array utilization: a group per layer, a bar per series, wrapped."""
    info = info or {}
    series = _ordered(df["series"])
    layers = _ordered(df["layer"])
    check_legible(series, len(layers) * len(series), "utilization")
    rows = pack_rows([("all", layers)], len(series), with_totals=False)
    width = 2.6 + BAR_IN * max(len(r[0][1]) for r in rows) * len(series) + 0.3 * len(rows[0][0][1])
    fig, axs = plt.subplots(len(rows), 1, figsize=(max(7.0, min(30.0, width)), 3.8 * len(rows) + 0.8),
                            layout="constrained", squeeze=False)
    for ax, row in zip(axs[:, 0], rows):
        groups = row[0][1]
        slots, width = _slots(len(groups), len(series))
        for s, ser in enumerate(series):
            util = [df[(df["layer"] == g) & (df["series"] == ser) & df["mapped"]]["utilization"]
                    for g in groups]
            vals = [u.iloc[0] if len(u) else np.nan for u in util]
            bars = ax.bar(slots[s], np.nan_to_num(vals), width * 0.9,
                          color=SERIES_COLORS[s % len(SERIES_COLORS)],
                          label=ser.replace("\n", " "))
            ax.bar_label(bars, ["n/a" if np.isnan(v) else percent(v) for v in vals], fontsize=7,
                         padding=1, rotation=90 if len(series) > 2 else 0)
        ax.set_xticks(np.arange(len(groups)), groups, fontsize=9,
                      rotation=30 if max(len(g) for g in groups) > 8 else 0, ha="right"
                      if max(len(g) for g in groups) > 8 else "center")
        ax.set_xlim(-0.5, len(groups) - 0.5)
        ax.set_ylim(0, 1.15)
        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        ax.set_ylabel("utilization")
        ax.grid(axis="y", color="0.9")
        ax.set_axisbelow(True)
    axs[0, 0].legend(title="dataflow", loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    fig.suptitle(title_text("PE-array utilization: MACs / (processing cycles × PEs)", info, title),
                 fontsize=12)
    return fig


def normalized_energy(part, flows, reference, where):
    """Energy per MAC by level of each dataflow over the rows `part` (one input, one
    kind), divided by the reference's total: (values[level][flow], mapped, partial)."""
    ref = part[part["dataflow"] == reference]
    if ref.empty or not ref["mapped"].all():
        raise PlotError(f"dataflow-comparison: {reference} does not map every {where}: "
                        "nothing to normalize to")
    scale = ref[LEVELS].to_numpy().sum() / ref["macs"].sum()
    vals = np.zeros((len(LEVELS), len(flows)))
    ok, partial = np.zeros(len(flows), bool), [False] * len(flows)
    for s, flow in enumerate(flows):
        rows = part[part["dataflow"] == flow]
        mapped = rows[rows["mapped"]]
        ok[s], partial[s] = len(mapped) > 0, len(mapped) < len(rows)
        if ok[s]:
            vals[:, s] = mapped[LEVELS].sum().to_numpy() / mapped["macs"].sum() / scale
    return vals, ok, partial


def dataflow_comparison_figure(df, info=None, reference="rs", title=None):
    """ISCA 2016 Fig. 10/11: energy per MAC by level over all CONV (and all FC) layers,
    one bar per dataflow, normalized to the reference dataflow's total; a group per
    input (batch size) when several are given."""
    info = info or {}
    flows = _ordered(df["dataflow"])
    if reference not in flows:
        raise PlotError(f"dataflow-comparison: no '{reference}' rows to normalize to (the inputs "
                        f"hold {', '.join(flows)}); run it too or choose --reference")
    check_legible(flows, 0, "dataflow-comparison")
    inputs, kinds = _ordered(df["input"]), kinds_of(df)
    labels = _group_labels(df, inputs)
    width = 2.2 + (0.3 * len(flows) * len(inputs) + 1.2) * len(kinds)
    fig, axs = plt.subplots(1, len(kinds), figsize=(width, 5.2), layout="constrained",
                            squeeze=False)
    for ax, (kind, layers) in zip(axs[0], kinds):
        data = df[df["layer"].isin(layers)]
        parts = [normalized_energy(data[data["input"] == i], flows, reference,
                                   f"{KIND_NAMES[kind][:-1]} of input {label}")
                 for i, label in zip(inputs, labels)]
        vals = np.stack([p[0] for p in parts], axis=1)  # [level][input][flow]
        stacked_panel(ax, vals, [p[1] for p in parts], labels, flows,
                      faded=[p[2] for p in parts], note_format=lambda v: f"{v:.2f}")
        ax.axhline(1.0, color="0.3", lw=0.8, ls="--", zorder=3)
        ax.set_ylim(0, vals.sum(axis=0).max() * 1.15)
        ax.set_title(KIND_NAMES[kind], fontsize=11)
        ax.set_ylabel(f"energy per MAC, normalized to {reference.upper()}")
    level_legend(axs[0, -1])
    fig.suptitle(title_text("Energy per MAC by level, normalized to " + reference.upper(),
                            info, title), fontsize=12)
    return fig


def _group_labels(df, inputs):
    """A label per input: its batch ('N = 16'), with its network when the inputs hold
    several, or its folder's name when that is all that tells them apart."""
    nets = [str(df.loc[df["input"] == i, "net"].iloc[0]) for i in inputs]
    batches = [", ".join(str(b) for b in _ordered(df.loc[df["input"] == i, "batch"]))
               for i in inputs]
    labels = [f"N = {b}" for b in batches]
    if len(set(nets)) > 1:
        labels = [f"{n}\n{label}" for n, label in zip(nets, labels)]
    if len(set(labels)) < len(labels):
        labels = [str(df.loc[df["input"] == i, "source"].iloc[0]) for i in inputs]
    return labels
