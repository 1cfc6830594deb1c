"""Tests of tools/plots.py: each plot from CLI run directories and from a sweep CSV,
as a non-empty PNG and SVG with the expected number of bars or lines."""
import csv
import os
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.container import BarContainer

import plots

ROOT = Path(__file__).resolve().parents[2]
ACCELSIM = ROOT / "build" / "accelsim"
PES = [(8, 8), (12, 14), (16, 16), (32, 32)]
FLOWS = ["rs", "ws", "os-a"]
LAYERS = ["conv1", "conv2", "conv3"]
LEVEL_COLS = ["energy_dram", "energy_glb", "energy_filter_buffer", "energy_array",
              "energy_rf", "energy_mac"]


def n_bars(fig):
    return sum(len(c.patches) for ax in fig.axes for c in ax.containers
               if isinstance(c, BarContainer))


def write_sweep(path, nets=("alexnet",), glb=(108,)):
    """A sweep CSV in tools/sweep.py's schema (dataflow and batch appear twice)."""
    head = (["pe_rows", "pe_cols", "glb.size_kb", "net", "dataflow", "batch", "arch",
             "layer", "dataflow", "batch", "macs", "cycles", "processing_cycles",
             "active_pes", "utilization", "energy", "energy_per_mac", "mapped"]
            + LEVEL_COLS)
    rows = []
    for net in nets:
        for (r, c) in PES:
            for kb in glb:
                for k, df in enumerate(FLOWS):
                    tot = [0.0] * 9
                    for j, layer in enumerate(LAYERS):
                        macs = 1e6 * (j + 1)
                        lv = [macs * x * (1 + 0.1 * k) for x in (1.5, 0.3, 0.1, 0.4, 2.0, 1.0)]
                        e = sum(lv)
                        cyc = macs / (r * c) * (1.2 + 0.1 * k)
                        rows.append([r, c, kb, net, df, 1, "eyeriss", layer, df, 1, macs,
                                     cyc * 1.1, cyc, r * c, 1 / (1.2 + 0.1 * k), e,
                                     e / macs, "true"] + lv)
                        tot = [a + b for a, b in zip(tot, [macs, cyc * 1.1, cyc] + lv)]
                    e = sum(tot[3:])
                    rows.append([r, c, kb, net, df, 1, "eyeriss", "total", df, 1, tot[0],
                                 tot[1], tot[2], r * c, 0.8, e, e / tot[0], ""] + tot[3:])
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(head)
        w.writerows(rows)
    return path


@pytest.fixture(scope="module")
def run_dirs(tmp_path_factory):
    """A real CLI run (tiny, LeNet-5: layers f6 and output map) and a copy relabelled ws."""
    if not os.access(ACCELSIM, os.X_OK):
        pytest.skip("build/accelsim not built")
    base = tmp_path_factory.mktemp("runs")
    rs = base / "tiny_rs"
    env = dict(os.environ, SYSTEMC_DISABLE_COPYRIGHT_MESSAGE="1")
    subprocess.run([str(ACCELSIM), "--arch", "tiny", "--net", "lenet5", "--out", str(rs),
                    "--quiet"], check=True, env=env, timeout=60)
    ws = base / "tiny_ws"
    shutil.copytree(rs, ws)
    for name in ("summary.csv", "accesses.csv"):
        t = pd.read_csv(ws / name)
        t["dataflow"] = "ws"
        t.to_csv(ws / name, index=False)
    return rs, ws


def mapped_layers(run_dir):
    s = pd.read_csv(run_dir / "summary.csv")
    return list(s.loc[s["mapped"].astype(str).str.lower() == "true", "layer"])


def check_files(paths, prefix):
    assert [p.name for p in paths] == [prefix.name + ".png", prefix.name + ".svg"]
    for p in paths:
        assert p.is_file() and p.stat().st_size > 1000
    assert paths[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in paths[1].read_bytes()[:2000]
    assert not [p for p in prefix.parent.iterdir() if p.name.endswith(".tmp")]


def test_energy_breakdown_runs(run_dirs, tmp_path):
    rs, ws = run_dirs
    layers = mapped_layers(rs)
    assert layers
    df, info = plots.load_layers([rs, ws])
    assert info["unit"] and info["net"] == "lenet5"
    for per_mac in (False, True):
        fig = plots.energy_breakdown_figure(df, info, per_mac=per_mac)
        # A group per layer and a total per kind (on tiny: the average pools s2, s4
        # with the CONV layers, and the FC layers).
        assert n_bars(fig) == (len(layers) + 2) * 2 * len(plots.LEVELS)
        labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
        assert set(labels) == {"rs", "ws"}
        assert info["unit"].replace("x MAC", "MAC") in fig.axes[0].get_ylabel()
    prefix = tmp_path / "deep" / "eb"
    check_files(plots.save(fig, prefix), prefix)


def test_energy_breakdown_totals_match_summary(run_dirs):
    rs, _ = run_dirs
    df, info = plots.load_layers([rs])
    s = pd.read_csv(rs / "summary.csv").set_index("layer")
    for _, r in df.iterrows():
        assert sum(r[lv] for lv in plots.LEVELS) == pytest.approx(s.loc[r["layer"], "energy"])
    fig = plots.energy_breakdown_figure(df, info, per_mac=True)
    total_ax = fig.axes[-1]  # the FC layers' total: on tiny, the only mapped layers with MACs
    top = sum(c.patches[0].get_height() for c in total_ax.containers)
    mapped = s[(s["mapped"].astype(str).str.lower() == "true") & (s["macs"] > 0)]
    assert top == pytest.approx(mapped["energy"].sum() / mapped["macs"].sum())


def test_energy_breakdown_cli_layers_and_one_run_two_dataflows(run_dirs, tmp_path):
    rs, ws = run_dirs
    both = tmp_path / "both"
    shutil.copytree(rs, both)
    for name in ("summary.csv", "accesses.csv"):
        a, b = pd.read_csv(rs / name), pd.read_csv(ws / name)
        pd.concat([a, b]).to_csv(both / name, index=False)
    layer = mapped_layers(rs)[0]
    df, _ = plots.load_layers([both], layers=[layer])
    assert n_bars(plots.energy_breakdown_figure(df)) == 2 * 2 * 5
    prefix = tmp_path / "out" / "eb"
    assert plots.main(["energy-breakdown", str(both), "--per-mac", "--layers", layer,
                       "--title", "lab 3", "--out", str(prefix)]) == 0
    check_files([prefix.with_suffix(".png"), prefix.with_suffix(".svg")], prefix)
    assert plots.main(["energy-breakdown", str(both), "--layers", "nope",
                       "--out", str(prefix)]) == 2


def test_same_dataflow_from_two_runs_is_told_apart(run_dirs):
    rs, _ = run_dirs
    df, _ = plots.load_layers([rs, rs / "summary.csv"])
    assert len(set(df["series"])) == 2


def test_energy_breakdown_sweep_csv(tmp_path):
    csv_path = write_sweep(tmp_path / "sweep.csv")
    df, _ = plots.load_layers([csv_path], where=["pe_rows=16"])
    assert set(df["pe_rows"]) == {16} and set(df["series"]) == set(FLOWS)
    fig = plots.energy_breakdown_figure(df)
    assert n_bars(fig) == (len(LAYERS) + 1) * len(FLOWS) * 5
    # GLB = energy_glb + energy_filter_buffer
    r = df.iloc[0]
    assert r["GLB"] == pytest.approx(r["energy_glb"] + r["energy_filter_buffer"])
    prefix = tmp_path / "p" / "eb"
    assert plots.main(["energy-breakdown", str(csv_path), "--out", str(prefix)]) == 0
    check_files([prefix.with_suffix(".png"), prefix.with_suffix(".svg")], prefix)


def test_sweep_curves(tmp_path):
    csv_path = write_sweep(tmp_path / "sweep.csv", nets=("alexnet", "vgg16"))
    tot, info = plots.load_sweep(csv_path, net="vgg16")
    assert sorted(tot["_x"].unique()) == sorted(r * c for r, c in PES)
    fig = plots.sweep_figure(tot, info)
    assert len(fig.axes) == 3
    for ax in fig.axes:
        assert len(ax.get_lines()) == len(FLOWS)
        for line in ax.get_lines():
            assert len(line.get_xdata()) == len(PES)
    prefix = tmp_path / "curves"
    assert plots.main(["sweep", str(csv_path), "--net", "alexnet", "--out", str(prefix)]) == 0
    check_files([prefix.with_suffix(".png"), prefix.with_suffix(".svg")], prefix)


def test_sweep_other_x(tmp_path):
    csv_path = write_sweep(tmp_path / "sweep.csv", glb=(64, 108, 256))
    tot, info = plots.load_sweep(csv_path, x="glb.size_kb", where=["pe_rows=12"])
    fig = plots.sweep_figure(tot, info)
    for ax in fig.axes:
        assert len(ax.get_lines()) == len(FLOWS)
        assert ax.get_xlabel() == "glb.size_kb"
    # without narrowing, each PE array gets its own line per dataflow
    tot, info = plots.load_sweep(csv_path, x="glb.size_kb")
    assert len(plots.sweep_figure(tot, info).axes[0].get_lines()) == len(FLOWS) * len(PES)
    assert plots.main(["sweep", str(csv_path), "--x", "nope", "--out",
                       str(tmp_path / "x")]) == 2


def test_utilization(run_dirs, tmp_path):
    rs, ws = run_dirs
    df, info = plots.load_layers([rs, ws])
    fig = plots.utilization_figure(df, info)
    assert n_bars(fig) == len(mapped_layers(rs)) * 2
    csv_path = write_sweep(tmp_path / "sweep.csv")
    df, info = plots.load_layers([csv_path], where=["pe_rows=8"])
    assert n_bars(plots.utilization_figure(df, info)) == len(LAYERS) * len(FLOWS)
    prefix = tmp_path / "u"
    assert plots.main(["utilization", str(rs), str(ws), "--out", str(prefix)]) == 0
    check_files([prefix.with_suffix(".png"), prefix.with_suffix(".svg")], prefix)


def test_script_entry_point(run_dirs, tmp_path):
    rs, _ = run_dirs
    prefix = tmp_path / "cli" / "eb"
    out = subprocess.run(["/usr/bin/python3", str(ROOT / "tools" / "plots.py"),
                          "energy-breakdown", str(rs), "--out", str(prefix)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [str(prefix) + ".png", str(prefix) + ".svg"]
    bad = subprocess.run(["/usr/bin/python3", str(ROOT / "tools" / "plots.py"),
                          "utilization", str(tmp_path / "missing")],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "no such file" in bad.stderr
