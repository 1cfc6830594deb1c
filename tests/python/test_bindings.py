"""The Python bindings (accelsim package): same results and messages as the CLI,
several architectures in one process, the helpers."""

import json
import os
import signal
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import accelsim
from simulation_helpers import REPO, SHAPES_NET, cli_error_message, run_cli

SHAPES_LAYERS = ["conv3x3", "pointwise", "fc"]


def test_simulate_equals_cli_on_the_same_inputs(tmp_path):
    completed = run_cli("--arch", "tiny", "--net", SHAPES_NET, "--set", "pe_array.cols=5",
                        "--batch", "2", "--seed", "3", "--out", str(tmp_path), "--quiet")
    assert completed.returncode == 0, completed.stderr
    result = accelsim.simulate("tiny", SHAPES_NET, overrides={"pe_array.cols": 5}, batch=2,
                               seed=3)
    pd.testing.assert_frame_equal(result.summary, pd.read_csv(tmp_path / "summary.csv"))
    pd.testing.assert_frame_equal(result.accesses, pd.read_csv(tmp_path / "accesses.csv"))
    cli_run = json.loads((tmp_path / "run.json").read_text())
    assert result.run == cli_run  # run.json has no wall-clock fields: diagnostics.json does
    assert result.diagnostics["engine_seconds"] > 0
    assert ([l["layer"] for l in result.diagnostics["layers"]] ==
            [l["layer"] for l in result.run["layers"]])
    assert result.files["mappings.txt"] == (tmp_path / "mappings.txt").read_text()
    # Shapes fix the MACs: the 9 MAC layers of engine-shapes at batch 2 (its two max
    # pools have rows without MACs).
    assert list(result.summary["layer"]) == ["conv3x3", "strided5x5", "pointwise",
                                             "pointwise_s2", "grouped", "depthwise", "dilated",
                                             "asymmetric", "fc", "maxpool_pad", "maxpool2x2"]
    assert result.summary["macs"].sum() == 2 * 78156


def test_result_fields_and_to_pandas():
    result = accelsim.simulate("tiny", "lenet5", layers="f6,output")
    summary, accesses = result.to_pandas()
    assert summary is result.summary and accesses is result.accesses
    assert (result.arch, result.network) == ("tiny", "lenet5")
    assert list(summary["macs"]) == [10080, 840]
    assert set(accesses["layer"]) == {"f6", "output"}
    assert set(result.mappings) == {"f6", "output"}
    assert set(result.mappings["f6"]) == {"m", "n", "e", "p", "q", "r", "t"}
    assert result.run["options"]["dataflow"] == "rs"
    assert result.energy_unit == "x MAC"


def test_several_architectures_in_one_process():
    tiny_with_glb_8kb = accelsim.load_arch("tiny", {"glb.size_kb": 8})
    configs = [("tiny", {}, (3, 4)),
               ("tiny", {"pe_array.rows": 5, "pe_array.cols": 5}, (5, 5)),
               ("eyeriss", {"pe_array.rows": 8, "pe_array.cols": 8}, (8, 8)),
               (dict(tiny_with_glb_8kb, pe_array={"rows": 4, "cols": 6}), {}, (4, 6))]
    results = []
    for arch, overrides, (rows, cols) in configs:
        result = accelsim.simulate(arch, SHAPES_NET, overrides=overrides, layers=SHAPES_LAYERS)
        assert result.run["arch"]["pe_array"] == {"rows": rows, "cols": cols}
        assert result.summary["mapped"].all()
        assert result.summary["active_pes"].max() <= rows * cols
        results.append(result)
    assert results[3].run["arch"]["glb"]["size_kb"] == 8
    cycles = [tuple(result.summary["cycles"]) for result in results]
    assert len(set(cycles)) == len(configs)  # each array gives other timings
    again = accelsim.simulate("tiny", SHAPES_NET, layers=SHAPES_LAYERS)
    pd.testing.assert_frame_equal(again.summary, results[0].summary)


BAD_INPUTS = {
    "unknown network": (dict(arch="tiny", net="alexnte"), ["--arch", "tiny", "--net", "alexnte"]),
    "unknown spec key": (dict(arch="tiny", net="lenet5", overrides={"pe_array.rowz": 4}),
                         ["--arch", "tiny", "--net", "lenet5", "--set", "pe_array.rowz=4"]),
    "out-of-range value": (dict(arch="tiny", net="lenet5", overrides={"pe_array.rows": 0}),
                           ["--arch", "tiny", "--net", "lenet5", "--set", "pe_array.rows=0"]),
    "missing spec file": (dict(arch="no/such/spec.yaml", net="lenet5"),
                          ["--arch", "no/such/spec.yaml", "--net", "lenet5"]),
    "unknown layer": (dict(arch="tiny", net="lenet5", layers=["c9"]),
                      ["--arch", "tiny", "--net", "lenet5", "--layers", "c9"]),
    "layer not simulated": (dict(arch="tiny", net="lstm-ptb", layers=["l1_h0"]),
                            ["--arch", "tiny", "--net", "lstm-ptb", "--layers", "l1_h0"]),
    "repeated layer": (dict(arch="tiny", net="lenet5", layers="f6,f6"),
                       ["--arch", "tiny", "--net", "lenet5", "--layers", "f6,f6"]),
    "empty layer name": (dict(arch="tiny", net="lenet5", layers=["f6", "", "output"]),
                         ["--arch", "tiny", "--net", "lenet5", "--layers", "f6,,output"]),
    "unknown dataflow": (dict(arch="tiny", net="lenet5", dataflow="rx"),
                         ["--arch", "tiny", "--net", "lenet5", "--dataflow", "rx"]),
    "bad batch": (dict(arch="tiny", net="lenet5", batch=0),
                  ["--arch", "tiny", "--net", "lenet5", "--batch", "0"]),
    # Found in the child process, while simulating: the same message crosses over.
    "incomplete mapping": (dict(arch="tiny", net="lenet5", layers=["f6"],
                                mapping={"f6": dict(m=84, n=1, e=1, p=4, q=6, r=3)}),
                           ["--arch", "tiny", "--net", "lenet5", "--layers", "f6",
                            "--map", "f6:m=84,n=1,e=1,p=4,q=6,r=3"]),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_raises_input_error_with_the_cli_message(case):
    kwargs, cli_arguments = BAD_INPUTS[case]
    with pytest.raises(accelsim.InputError) as raised:
        accelsim.simulate(**kwargs)
    assert str(raised.value) == cli_error_message(*cli_arguments)


def test_layers_run_in_network_order_and_check_counts_them():
    result = accelsim.simulate("tiny", "lenet5", layers=["output", "f6"])
    assert list(result.summary["layer"]) == ["f6", "output"]
    assert accelsim.check("tiny", "lenet5")["layer_count"] == 7  # the pools s2, s4 included
    assert accelsim.check("tiny", "lenet5", layers="output,c1")["layer_count"] == 2


def test_dataflow_takes_a_list_or_a_comma_list():
    by_list = accelsim.simulate("tiny", "lenet5", layers="f6", dataflow=["rs", "ws"])
    assert list(by_list.summary["dataflow"]) == ["rs", "ws"]
    assert by_list.run["options"]["dataflow"] == "rs,ws"
    by_text = accelsim.simulate("tiny", "lenet5", layers="f6", dataflow="rs,ws")
    pd.testing.assert_frame_equal(by_list.summary, by_text.summary)


def test_a_value_of_the_wrong_type_names_the_option():
    with pytest.raises(accelsim.InputError, match=r"^--batch: found 'x', expected an integer$"):
        accelsim.check("tiny", "lenet5", batch="x")
    with pytest.raises(accelsim.InputError,
                       match=r"^--seed: found '-1', expected an integer >= 0$"):
        accelsim.check("tiny", "lenet5", seed=-1)
    assert accelsim.check("tiny", "lenet5", zero_fraction=1)["layer_count"] == 7


def test_an_argument_of_the_wrong_shape_is_an_input_error_naming_the_option():
    # Issue 15: each was a raw AttributeError, TypeError or RepresenterError traceback.
    cases = [
        (dict(overrides=["pe_array.rows=4"]), r"^--set: found list \['pe_array.rows=4'\], "
                                              r"expected a dict of key.path: value"),
        (dict(layers=3), r"^--layers: found int 3, expected names: a list"),
        (dict(mapping={"f6": 5}), r"^--map: found dict \{'f6': 5\}, expected \{layer: "),
        (dict(data_folder=7), r"^--data: found int 7, expected a name or path$"),
    ]
    for arguments, message in cases:
        with pytest.raises(accelsim.InputError, match=message):
            accelsim.simulate("tiny", "lenet5", **arguments)
    with pytest.raises(accelsim.InputError, match=r"^--arch: found NoneType None, expected a "):
        accelsim.simulate(None, "lenet5")
    with pytest.raises(accelsim.InputError, match=r"^--arch: found object <object"):
        accelsim.simulate(dict(accelsim.load_arch("tiny"), name=object()), "lenet5")


def test_numpy_scalars_in_a_spec_dict_are_numbers():
    spec = accelsim.load_arch("tiny")
    spec["pe_array"] = {"rows": np.int64(4), "cols": np.int64(4)}
    assert accelsim.check(spec, "lenet5", layers="f6")["layer_count"] == 1


def test_unknown_network_message_suggests_the_closest_name():
    with pytest.raises(ValueError) as raised:  # InputError is a ValueError
        accelsim.simulate("tiny", "alexnte")
    assert isinstance(raised.value, accelsim.InputError)
    assert str(raised.value).startswith(
        "--net: unknown network 'alexnte'; did you mean 'alexnet'? expected one of: alexnet, ")


def test_load_arch_raises_the_same_message_as_simulate():
    with pytest.raises(accelsim.InputError) as raised:
        accelsim.load_arch("tiny", {"pe_array.rowz": 4})
    assert str(raised.value) == cli_error_message("--arch", "tiny", "--net", "lenet5", "--set",
                                                  "pe_array.rowz=4")


def test_mapping_dict_forces_the_mapping():
    forced = dict(m=84, n=1, e=1, p=2, q=6, r=3, t=4)
    result = accelsim.simulate("tiny", "lenet5", layers=["f6"], mapping={"f6": forced})
    assert result.mappings["f6"] == forced
    assert result.run["layers"][0]["mapping"]["given"] is True
    assert bool(result.summary["output_verified"][0])


def test_mapping_file_forces_the_mapping(tmp_path):
    forced = dict(m=84, n=1, e=1, p=4, q=3, r=3, t=4)
    path = tmp_path / "f6.yaml"
    path.write_text("dataflow: rs\nlayers:\n  f6: " + json.dumps(forced) + "\n")
    result = accelsim.simulate("tiny", "lenet5", layers=["f6"], mapping=path)
    assert result.mappings["f6"] == forced


def test_load_arch_returns_the_resolved_spec_of_run_json():
    spec = accelsim.load_arch("tiny", {"pe_array.rows": 5})
    assert spec["pe_array"] == {"rows": 5, "cols": 4}
    assert spec["name"] == "tiny" and spec["energy"]["name"] == "isca16-normalized"
    result = accelsim.simulate("tiny", "lenet5", overrides={"pe_array.rows": 5}, layers=["f6"])
    assert result.run["arch"] == spec


def test_list_helpers_name_the_built_ins():
    assert {"alexnet", "lenet5", "vgg16", "resnet50"} <= set(accelsim.list_networks())
    assert {"eyeriss", "tiny", "isca16", "isca16/rs"} <= set(accelsim.list_archs())
    assert accelsim.list_archs() == sorted(accelsim.list_archs())
    assert "rs" in accelsim.list_dataflows()
    assert accelsim.list_networks() == sorted(accelsim.list_networks())


def test_dataflow_words_come_from_the_registry():
    words = accelsim.describe_dataflows()
    assert [word["name"] for word in words] == accelsim.list_dataflows() + ["os", "all"]
    family = words[-2]
    assert (family["kind"], family["members"]) == ("family", ["os-a", "os-b", "os-c"])
    assert words[-1]["members"] == accelsim.list_dataflows()
    assert words[0]["description"].startswith("row stationary: ")
    assert accelsim.expand_dataflows("ws,all") == ["ws"] + accelsim.list_dataflows()
    assert accelsim.expand_dataflows(["os", "nlr"]) == ["os", "nlr"]
    with pytest.raises(accelsim.InputError) as raised:
        accelsim.expand_dataflows("rs,rx")
    assert str(raised.value) == cli_error_message("--arch", "tiny", "--net", "lenet5",
                                                  "--dataflow", "rs,rx")


def test_network_summary_has_the_layers_and_a_total():
    summary = accelsim.network_summary("lenet5")
    assert list(summary.columns) == ["name", "type", "C", "M", "groups", "H", "W", "R", "S",
                                     "stride", "pad", "E", "F", "macs", "weights", "activation"]
    macs = dict(zip(summary["name"], summary["macs"]))
    assert macs["c1"] == 117600 and macs["f6"] == 10080
    assert macs["total"] == 416520


def test_load_run_reads_a_cli_run_folder(tmp_path):
    completed = run_cli("--arch", "tiny", "--net", "lenet5", "--out", str(tmp_path), "--quiet")
    assert completed.returncode == 0, completed.stderr
    loaded = accelsim.load_run(tmp_path)
    pd.testing.assert_frame_equal(loaded.summary, pd.read_csv(tmp_path / "summary.csv"))
    pd.testing.assert_frame_equal(loaded.accesses, pd.read_csv(tmp_path / "accesses.csv"))
    assert (loaded.arch, loaded.network) == ("tiny", "lenet5")
    # On tiny's 3 PE rows only the FC layers (R = 1) and the 2x2 average pools map.
    assert set(loaded.mappings) == {"s2", "s4", "f6", "output"}


def test_saved_result_loads_back_equal(tmp_path):
    result = accelsim.simulate("tiny", "lenet5", layers="f6")
    result.save(tmp_path / "run")
    loaded = accelsim.load_run(tmp_path / "run")
    pd.testing.assert_frame_equal(loaded.summary, result.summary)
    assert loaded.run == result.run
    page = (tmp_path / "run" / "report.html").read_text()
    assert page == result.files["report.html"] == loaded.files["report.html"]
    assert page.startswith("<!DOCTYPE html>") and "lenet5 on tiny, batch 1" in page


def test_save_replaces_an_earlier_run_as_a_whole(tmp_path):
    first = accelsim.simulate("tiny", "lenet5", layers="f6")
    first.save(tmp_path / "run")
    second = accelsim.simulate("tiny", "lenet5", layers="output")
    second.save(tmp_path / "run")
    assert sorted(os.listdir(tmp_path)) == ["run"]  # no temporary folder left
    assert sorted(os.listdir(tmp_path / "run")) == sorted(accelsim.result.RUN_FILES)
    assert accelsim.load_run(tmp_path / "run").run == second.run


def test_save_into_a_file_is_an_input_error(tmp_path):
    (tmp_path / "file").write_text("x")
    result = accelsim.simulate("tiny", "lenet5", layers="f6")
    with pytest.raises(accelsim.InputError, match="cannot write the output folder: found a file"):
        result.save(tmp_path / "file")
    assert (tmp_path / "file").read_text() == "x"


def test_load_run_of_a_folder_without_a_run_raises(tmp_path):
    with pytest.raises(FileNotFoundError, match="not an accelsim run folder"):
        accelsim.load_run(tmp_path)


def child_pids():
    pids = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        pids += (task / "children").read_text().split()
    return pids


def test_ctrl_c_interrupts_simulate_and_kills_its_child():
    sent_s = []

    def press_ctrl_c_once_the_child_runs():
        deadline = time.monotonic() + 10
        while not child_pids() and time.monotonic() < deadline:
            time.sleep(0.01)
        sent_s.append(time.monotonic())
        os.kill(os.getpid(), signal.SIGINT)

    # A shell starts background jobs with SIGINT ignored, and Python then installs no
    # handler: Ctrl-C as an interactive user has it, whatever started the tests.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    presser = threading.Thread(target=press_ctrl_c_once_the_child_runs, daemon=True)
    presser.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            # Stepping every cycle, this simulation alone takes a few seconds.
            accelsim.simulate("eyeriss", "alexnet", layers=["conv5"], mode="per-cycle")
        presser.join()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert time.monotonic() - sent_s[0] < 1.0
    assert child_pids() == []
