"""Built-in spec folders by name (isca16) and by path (arch/isca16/) from any folder, in
the CLI, Python and sweeps; Result.arch of a spec-folder run; network_summary's types."""

import json

import pandas as pd

import accelsim
from simulation_helpers import REPO, run_cli, run_sweep

ISCA16_SPECS = ["isca16-rs", "isca16-ws"]


def test_cli_runs_a_spec_folder_by_name_and_by_path_outside_the_repository(tmp_path):
    for arch in ("isca16", "arch/isca16/"):
        out = tmp_path / arch.replace("/", "_")
        completed = run_cli("--arch", arch, "--net", "alexnet", "--layers", "fc8",
                            "--dataflow", "rs,ws", "--out", str(out), "--quiet", cwd=tmp_path)
        assert completed.returncode == 0, completed.stderr
        run = json.loads((out / "run.json").read_text())
        assert [spec["name"] for spec in run["archs"]] == ISCA16_SPECS


def test_a_spec_folder_run_without_out_is_named_after_the_folder(tmp_path):
    completed = run_cli("--arch", "isca16", "--net", "alexnet", "--layers", "fc8",
                        "--dataflow", "rs", "--quiet", cwd=tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert (tmp_path / "results" / "isca16_alexnet" / "summary.csv").is_file()


def test_list_archs_shows_the_folder(tmp_path):
    completed = run_cli("--list-archs", "--format", "json", cwd=tmp_path)
    assert completed.returncode == 0, completed.stderr
    archs = {a["name"]: a for a in json.loads(completed.stdout)["archs"]}
    assert archs["isca16"]["folder"] is True
    assert archs["isca16"]["description"] == (
        "folder: one spec per dataflow (nlr, os-a, os-b, os-c, rs, ws, ws-psum)")
    assert archs["isca16/rs"]["folder"] is False


def test_python_result_of_a_folder_run_names_the_folder():
    result = accelsim.simulate("isca16", "alexnet", dataflow="rs,ws", layers="fc8")
    assert result.arch == "isca16"
    assert result.archs == ISCA16_SPECS
    one = accelsim.simulate("isca16", "alexnet", dataflow="ws", layers="fc8")
    assert (one.arch, one.archs) == ("isca16-ws", ["isca16-ws"])
    plain = accelsim.simulate("tiny", "lenet5", layers="f6")
    assert (plain.arch, plain.archs) == ("tiny", ["tiny"])


def test_loading_a_folder_as_one_spec_says_what_it_holds():
    try:
        accelsim.load_arch("isca16")
    except accelsim.InputError as error:
        assert "a folder of specs (one per dataflow: nlr, os-a, os-b, os-c, rs, ws, ws-psum)" in str(error)
    else:
        raise AssertionError("expected an InputError")


def test_sweep_over_a_spec_folder(tmp_path):
    completed = run_sweep(["--arch", "isca16", "--nets", "alexnet", "--layers", "fc8",
                           "--dataflows", "rs,ws", "--workers", "2", "--no-progress"],
                          tmp_path / "out")
    assert completed.returncode == 0, completed.stderr
    table = pd.read_csv(tmp_path / "out" / "sweep.csv")
    assert list(table.drop_duplicates("point")["arch"]) == ISCA16_SPECS
    assert set(table["layer_type"].dropna()) == {"fc"}


def test_network_summary_columns_are_integers():
    summary = accelsim.network_summary("googlenet")
    for column in ["C", "M", "groups", "H", "W", "R", "S", "E", "F", "macs", "weights",
                   "stride", "pad"]:
        assert str(summary[column].dtype) == "Int64", column
    assert summary.loc[summary["name"] == "conv1_7x7_s2", "C"].item() == 3
    assert pd.isna(summary.loc[summary["name"] == "total", "C"].item())
    assert summary.loc[summary["name"] == "total", "macs"].item() == 1431556352


def test_network_summary_keeps_unequal_strides_as_text():
    summary = accelsim.network_summary(str(REPO / "tests" / "configs" / "workloads" /
                                           "features.yaml"))
    assert list(summary["stride"].iloc[:3]) == ["1", "1", "2x1"]
    assert str(summary["C"].dtype) == "Int64"
