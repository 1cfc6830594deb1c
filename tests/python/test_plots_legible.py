"""tools/plots.py, figures that go into a report as they are: CONV and FC apart, sized
to their content, titles naming what ran, the normalized-to-RS comparison, sweep points
with unmapped layers drawn hollow, per-layer sweeps and more metrics, and refusals
(exit 2) of figures nobody could read. Inputs are made-up run folders and sweep CSVs
whose numbers the assertions derive from."""

import json

import numpy as np
import pandas as pd
import pytest
from matplotlib.container import BarContainer

import plots

FLOWS = ["rs", "ws", "os-a", "os-b", "os-c", "nlr"]
LAYERS = [("conv1", "conv", 1000), ("conv2", "conv", 3000), ("fc6", "fc", 500)]
# Energy per MAC by level (DRAM, GLB, array, RF, MAC) of each dataflow: CONV and FC.
PER_MAC = {"conv": [0.5, 1.0, 0.5, 3.0, 1.0], "fc": [200.0, 10.0, 2.0, 5.0, 1.0]}
ACCESS_LEVELS = ["dram", "glb", "array", "rf_psum", "mac"]


def write_run(folder, flows=FLOWS, net="net", batch=1, unmapped=()):
    """A run folder as accelsim writes it; dataflow k costs (1 + k / 10) x PER_MAC."""
    folder.mkdir(parents=True)
    summary, accesses = [], []
    for name, kind, macs in LAYERS:
        for k, flow in enumerate(flows):
            mapped = (name, flow) not in unmapped
            energies = [e * macs * (1 + k / 10) for e in PER_MAC[kind]] if mapped else [0] * 5
            summary.append({"layer": name, "dataflow": flow, "batch": batch, "macs": macs,
                            "cycles": 10 * macs, "processing_cycles": 5 * macs,
                            "utilization": 0.5 / (k + 1), "energy": sum(energies),
                            "mapped": "true" if mapped else "false"})
            if mapped:
                accesses += [{"layer": name, "dataflow": flow, "level": level,
                              "data_type": "ifmap", "action": "read", "count": 1, "energy": e}
                             for level, e in zip(ACCESS_LEVELS, energies)]
    pd.DataFrame(summary).to_csv(folder / "summary.csv", index=False)
    pd.DataFrame(accesses).to_csv(folder / "accesses.csv", index=False)
    run = {"energy_unit": "x MAC", "arch": {"name": f"spec-{flows[0]}"},
           "archs": [{"name": f"spec-{f}"} for f in flows],
           "network": {"network": net, "layers": [{"name": n, "type": t} for n, t, _ in LAYERS]},
           "options": {"batch": batch}}
    (folder / "run.json").write_text(json.dumps(run))
    return folder


def bars(ax):
    return [p for c in ax.containers if isinstance(c, BarContainer) for p in c.patches]


def stack_tops(ax, nseries):
    """The top of each stacked bar of a panel, in drawing order (series-major)."""
    patches = bars(ax)
    per_bar = len(plots.LEVELS)
    ngroups = len(patches) // (nseries * per_bar)
    tops = []
    for s in range(nseries):
        for g in range(ngroups):
            heights = [patches[(s * per_bar + k) * ngroups + g].get_height()
                       for k in range(per_bar)]
            tops.append(sum(heights))
    return tops


def test_conv_and_fc_are_drawn_apart_each_with_its_total(tmp_path):
    df, info = plots.load_layers([write_run(tmp_path / "run")])
    fig = plots.energy_breakdown_figure(df, info, per_mac=True)
    panels = [ax for ax in fig.axes if bars(ax)]
    assert len(panels) == 4  # CONV layers, CONV total, FC layers, FC total
    conv, conv_total, fc, fc_total = panels
    assert conv.get_ylim() == conv_total.get_ylim() != fc.get_ylim()
    rs_conv = sum(PER_MAC["conv"])
    assert stack_tops(conv_total, 6)[0] == pytest.approx(rs_conv)
    assert stack_tops(fc_total, 6)[0] == pytest.approx(sum(PER_MAC["fc"]))
    assert max(stack_tops(conv, 6)) < conv.get_ylim()[1] < 2 * max(stack_tops(conv, 6))


def test_the_figure_is_sized_to_its_bars_and_titled_with_what_ran(tmp_path):
    df, info = plots.load_layers([write_run(tmp_path / "run", batch=16)])
    fig = plots.energy_breakdown_figure(df, info, per_mac=True)
    width, height = fig.get_size_inches()
    assert 7 <= width <= 0.45 * 18  # the widest row: 3 groups x 6 bars, under half an inch each
    assert height < 10
    title = fig._suptitle.get_text()
    assert "batch 16" in title and ", ".join(f"spec-{f}" for f in FLOWS) in title
    labels = [t.get_text() for ax in fig.axes for t in ax.get_xticklabels()]
    assert all(t.get_rotation() == 90 for ax in fig.axes for t in ax.get_xticklabels()
               if t.get_text() in FLOWS)
    assert labels.count("os-a") == 5  # one per group: conv1, conv2, fc6 and the two totals


def test_long_networks_wrap_into_rows_of_at_most_48_bars():
    rows = plots.pack_rows([("conv", [f"c{i}" for i in range(13)]), ("fc", ["f1", "f2", "f3"])],
                           6, with_totals=True)
    assert [[(k, g) for k, g, _ in row] for row in rows] == [
        [("conv", ["c0", "c1", "c2", "c3", "c4", "c5", "c6"])],
        [("conv", ["c7", "c8", "c9", "c10", "c11", "c12"]), ("conv", ["total"])],
        [("fc", ["f1", "f2", "f3"]), ("fc", ["total"])]]
    for row in rows:
        assert sum(len(g) for _, g, _ in row) * 6 <= 48


def test_the_dataflow_comparison_is_normalized_to_rs(tmp_path):
    run = write_run(tmp_path / "run")
    prefix = tmp_path / "out" / "cmp"
    assert plots.main(["dataflow-comparison", str(run), "--out", str(prefix)]) == 0
    assert prefix.with_suffix(".png").stat().st_size > 1000
    df, info = plots.load_layers([run])
    fig = plots.dataflow_comparison_figure(df, info)
    conv, fc = [ax for ax in fig.axes if bars(ax)]
    assert conv.get_title() == "CONV layers" and fc.get_title() == "FC layers"
    for ax in (conv, fc):
        assert stack_tops(ax, 6) == pytest.approx([1 + k / 10 for k in range(6)])
        assert [line.get_ydata()[0] for line in ax.get_lines()] == [1.0]


def test_the_comparison_needs_rs_everywhere(tmp_path, capsys):
    no_rs = write_run(tmp_path / "no_rs", flows=["ws", "os-a"])
    assert plots.main(["dataflow-comparison", str(no_rs), "--out", str(tmp_path / "x")]) == 2
    assert "no 'rs' rows to normalize to" in capsys.readouterr().err
    assert plots.main(["dataflow-comparison", str(no_rs), "--reference", "ws",
                       "--out", str(tmp_path / "y")]) == 0
    partial = write_run(tmp_path / "partial", unmapped=[("fc6", "rs")])
    assert plots.main(["dataflow-comparison", str(partial), "--out", str(tmp_path / "z")]) == 2
    assert "rs does not map every FC layer" in capsys.readouterr().err


def test_unreadable_figures_are_refused(tmp_path, capsys):
    a = write_run(tmp_path / "a", net="alexnet")
    b = write_run(tmp_path / "b", net="vgg16")
    assert plots.main(["energy-breakdown", str(a), str(b), "--out", str(tmp_path / "x")]) == 2
    assert "draw one network per figure" in capsys.readouterr().err
    c = write_run(tmp_path / "c", net="alexnet", batch=4)
    assert plots.main(["energy-breakdown", str(a), str(c), "--out", str(tmp_path / "y")]) == 2
    assert "12 bars per layer" in capsys.readouterr().err
    assert plots.main(["energy-breakdown", str(a), str(c), "--dataflows", "rs,ws",
                       "--out", str(tmp_path / "z")]) == 0
    assert not (tmp_path / "x.png").exists() and not (tmp_path / "y.png").exists()


def write_sweep(path, unmapped_point=(8, "rs")):
    """A sweep CSV: 3 PE arrays x rs, ws; the point unmapped_point misses conv1."""
    rows = []
    for pes in (8, 12, 16):
        for k, flow in enumerate(["rs", "ws"]):
            point = f"p{pes}{flow}"
            layers = []
            for name, kind, macs in LAYERS:
                mapped = not (name == "conv1" and (pes, flow) == unmapped_point)
                layers.append({"layer": name, "macs": macs, "mapped": mapped,
                               "cycles": macs * 64 / pes ** 2 * (1 + k) if mapped else 0,
                               "processing_cycles": macs * 32 / pes ** 2 if mapped else 0,
                               "energy": macs * (2 + k) if mapped else 0,
                               "utilization": 0.25 * (1 + k) if mapped else 0,
                               "layer_type": kind})
            done = [r for r in layers if r["mapped"]]
            total = {c: sum(r[c] for r in done) for c in ("macs", "cycles", "processing_cycles",
                                                           "energy")}
            total.update(layer="total", mapped=len(done) == len(layers), layer_type="",
                         utilization=total["macs"] / (total["processing_cycles"] * pes * pes))
            for r in layers + [total]:
                r["energy_per_mac"] = r["energy"] / r["macs"] if r["energy"] else 0
                rows.append({"pe_rows": pes, "pe_cols": pes, "net": "net", "dataflow": flow,
                             "batch": 1, "arch": "eyeriss", **r, "energy_unit": "x MAC",
                             "point": point})
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_sweep_points_that_miss_layers_are_hollow_with_a_legend_entry(tmp_path):
    tot, info = plots.load_sweep(write_sweep(tmp_path / "s.csv"))
    fig = plots.sweep_figure(tot, info)
    ax = fig.axes[0]
    hollow = [line for line in ax.get_lines() if line.get_markerfacecolor() == "white"]
    assert len(hollow) == 1 and list(hollow[0].get_xdata()) == [64]
    assert any("not" in t.get_text() and "mapped" in t.get_text()
               for t in fig.axes[2].get_legend().get_texts())
    rs = next(line for line in ax.get_lines() if line.get_label() == "rs")
    assert list(rs.get_markevery()) == [False, True, True]


def test_a_sweep_of_one_layer_and_more_metrics(tmp_path):
    path = write_sweep(tmp_path / "s.csv")
    tot, info = plots.load_sweep(path, where=["layer=conv2"])
    fig = plots.sweep_figure(tot, info, metrics=["processing_cycles", "utilization"])
    assert [ax.get_title() for ax in fig.axes if ax.get_visible()] == [
        "processing cycles", "utilization"]
    rs = next(line for line in fig.axes[0].get_lines() if line.get_label() == "rs")
    assert list(rs.get_ydata()) == pytest.approx([3000 * 32 / p ** 2 for p in (8, 12, 16)])
    assert "layer conv2" in fig._suptitle.get_text()
    assert plots.main(["sweep", str(path), "--where", "layer=conv1", "--metrics",
                       "cycles,utilization", "--out", str(tmp_path / "c1")]) == 0
    assert plots.main(["sweep", str(path), "--metrics", "speed", "--out",
                       str(tmp_path / "bad")]) == 2


def test_utilization_labels_keep_a_decimal_below_ten_percent(tmp_path):
    df, info = plots.load_layers([write_run(tmp_path / "run")])
    fig = plots.utilization_figure(df, info)
    texts = {t.get_text() for ax in fig.axes for t in ax.texts}
    assert {"50%", "25%", "8.3%"} <= texts  # 0.5 / (k + 1) for rs, ws, nlr
    assert np.isclose(fig.axes[0].get_ylim()[1], 1.15)
