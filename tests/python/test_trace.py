"""--trace: the file is a Chrome/Perfetto trace (JSON trace-event format) whose spans add
up to the engine's counts in run.json, bounded by --trace-passes; bad options are
input errors."""

import bisect
import json
from collections import defaultdict

import pytest

from simulation_helpers import cli_error_message, run_cli

STATES = ["busy", "stall: filter load", "stall: ifmap", "stall: psum", "stall: output", "idle"]
CAUSES = {"stall: filter load": "filter_load", "stall: ifmap": "ifmap", "stall: psum": "psum",
          "stall: output": "output", "idle": "idle"}


def traced_run(tmp_path, *arguments):
    out, trace = tmp_path / "run", tmp_path / "trace.json"
    completed = run_cli("--arch", "tiny", "--net", "lenet5", "--dataflow", "rs,ws", "--out",
                        str(out), "--trace", str(trace), *arguments)
    assert completed.returncode == 0, completed.stderr
    run = json.loads((out / "run.json").read_text())
    return json.loads(trace.read_text()), run, completed.stdout


def processes(trace):
    """pid -> {"name", "tracks": {tid: name}, "spans": [events]}."""
    jobs = defaultdict(lambda: {"tracks": {}, "spans": []})
    for event in trace["traceEvents"]:
        job = jobs[event["pid"]]
        if event["ph"] == "M" and event["name"] == "process_name":
            job["name"] = event["args"]["name"]
        elif event["ph"] == "M" and event["name"] == "thread_name":
            job["tracks"][event["tid"]] = event["args"]["name"]
        elif event["ph"] == "X":
            job["spans"].append(event)
    return jobs


def layer_result(run, name):
    layer, dataflow = name.split(" (")[0].split(" on ")
    return next(l for l in run["layers"] if l["layer"] == layer and l["dataflow"] == dataflow)


@pytest.fixture(scope="module")
def whole_layers(tmp_path_factory):
    """f6 on RS and WS and c3 on WS (c3 cannot map on RS), every pass traced."""
    return traced_run(tmp_path_factory.mktemp("trace"), "--trace-layers", "c3,f6",
                      "--trace-passes", "1:100000")


def test_the_file_is_a_trace_event_file(whole_layers):
    trace, _, stdout = whole_layers
    assert trace["displayTimeUnit"] == "ns"
    jobs = processes(trace)
    assert sorted(job["name"] for job in jobs.values()) == [
        "c3 on ws (tiny)", "f6 on rs (tiny)", "f6 on ws (tiny)"]
    for job in jobs.values():
        assert {"layer", "passes", "DRAM link"} <= set(job["tracks"].values())
        assert any(name.startswith("PE (") for name in job["tracks"].values())
        for span in job["spans"]:
            assert span["tid"] in job["tracks"]
            assert span["dur"] >= 0 and span["ts"] >= 0
            assert set(span) >= {"name", "cat", "ts", "dur", "pid", "tid", "args"}
    assert "open in ui.perfetto.dev" in stdout


def test_passes_and_pe_spans_add_up_to_the_engines_counts(whole_layers):
    trace, run, _ = whole_layers
    for job in processes(trace).values():
        result = layer_result(run, job["name"])
        passes = [s for s in job["spans"] if s["cat"] == "pass"]
        assert len(passes) == result["passes"]
        assert sum(s["args"]["cycles"] for s in passes) == result["processing_cycles"]
        layer = next(s for s in job["spans"] if s["cat"] == "layer")
        assert layer["args"]["cycles"] == result["cycles"]
        by_state = defaultdict(int)
        for span in job["spans"]:
            if span["cat"] != "pe":
                continue
            if span["name"] == "mixed":
                for state in STATES:
                    by_state[state] += span["args"].get(state, 0)
            else:
                by_state[span["name"]] += span["args"]["cycles"]
        stalls = {CAUSES[state]: by_state[state] for state in CAUSES}
        assert stalls == result["stall_pe_cycles"]
        pe_cycles = sum(s["args"]["cycles"] * s["args"]["active_pes"] for s in passes)
        assert sum(by_state.values()) == pe_cycles


def test_each_pes_spans_fill_its_passes(whole_layers):
    trace, _, _ = whole_layers
    for job in processes(trace).values():
        passes = sorted((s["args"]["cycle"], s["args"]["cycles"]) for s in job["spans"]
                        if s["cat"] == "pass")
        starts = [start for start, _ in passes]
        filled = defaultdict(int)  # (PE, pass) -> cycles
        for span in job["spans"]:
            if span["cat"] != "pe":
                continue
            start, cycles = span["args"]["cycle"], span["args"]["cycles"]
            index = bisect.bisect_right(starts, start) - 1
            pass_start, pass_cycles = passes[index]
            assert start + cycles <= pass_start + pass_cycles
            filled[span["tid"], index] += cycles
        assert filled
        assert all(cycles == passes[index][1] for (_, index), cycles in filled.items())


def test_dram_transfers_do_not_overlap(whole_layers):
    trace, _, _ = whole_layers
    for job in processes(trace).values():
        dram = sorted((s["args"]["cycle"], s["args"]["cycles"]) for s in job["spans"]
                      if s["cat"] == "dram")
        assert dram
        for (start, cycles), (next_start, _) in zip(dram, dram[1:]):
            assert start + cycles <= next_start + 1e-6


def test_the_window_bounds_the_trace(tmp_path):
    trace, run, stdout = traced_run(tmp_path, "--trace-layers", "f6", "--trace-passes", "2:3")
    for job in processes(trace).values():
        passes = [s for s in job["spans"] if s["cat"] == "pass"]
        assert [s["args"]["pass"] for s in passes] == [1, 2, 3]
        windows = [(s["args"]["cycle"], s["args"]["cycle"] + s["args"]["cycles"])
                   for s in passes[1:]]
        pe = [s for s in job["spans"] if s["cat"] == "pe"]
        assert pe and all(any(a <= s["args"]["cycle"] < b for a, b in windows) for s in pe)
        end = passes[-1]["args"]["cycle"] + passes[-1]["args"]["cycles"]
        assert all(s["args"]["cycle"] <= end for s in job["spans"] if s["cat"] == "dram")
    assert "f6 on rs, passes 2 to 3 of 42" in stdout


def test_by_default_the_first_layer_and_two_passes(tmp_path):
    trace, _, _ = traced_run(tmp_path, "--layers", "f6,output")
    names = sorted(job["name"] for job in processes(trace).values())
    assert names == ["f6 on rs (tiny)", "f6 on ws (tiny)"]
    for job in processes(trace).values():
        assert [s["args"]["pass"] for s in job["spans"] if s["cat"] == "pass"] == [1, 2]


@pytest.mark.parametrize("arguments, message", [
    (["--trace-layers", "c5x"], "--trace-layers: found 'c5x', expected a layer that runs: "
                                "c1, s2, c3, s4, c5, f6, output"),
    (["--trace-passes", "3:1"], "--trace-passes: found '3:1', expected A:B with 1 <= A <= B "
                                "(passes A to B), or N (1:N)"),
    (["--trace-passes", "0"], "--trace-passes: found '0', expected A:B with 1 <= A <= B "
                              "(passes A to B), or N (1:N)"),
])
def test_bad_trace_options_are_input_errors(tmp_path, arguments, message):
    assert cli_error_message("--arch", "tiny", "--net", "lenet5", "--trace",
                             str(tmp_path / "t.json"), *arguments) == message


def test_trace_options_need_a_trace_file():
    assert cli_error_message("--arch", "tiny", "--net", "lenet5", "--trace-layers", "c1") == (
        "--trace-layers: found no --trace FILE, expected one to write")
