"""tools/sweep.py: the tidy CSV, local processes, a Dask cluster that loses a worker,
and --resume after a kill."""

import os
import re
import signal
import socket
import subprocess

import pandas as pd
import pytest

import accelsim
from accelsim import sweep, sweep_points
from simulation_helpers import (SHAPES_NET, cli_error_message, environment, point_files,
                                run_sweep, start_sweep, wait_for)

SUMMARY_COLUMNS = ["layer", "variant", "macs", "cycles", "processing_cycles", "active_pes", "utilization",
                   "energy", "energy_per_mac", "time_ms", "dram_wait_cycles", "ramp_up_cycles",
                   "passes", "macs_gated", "input_zero_fraction", "ifmap_link_ratio",
                   "ofmap_link_ratio", "stall_filter_load", "stall_ifmap", "stall_psum",
                   "stall_output", "stall_idle", "glb_port_conflicts", "power_mw",
                   "output_verified", "mapped", "mapping", "reason"]
LEVEL_COLUMNS = ["energy_dram", "energy_glb", "energy_filter_buffer", "energy_array",
                 "energy_rf", "energy_mac"]
SHAPES_MACS = 78156  # engine-shapes, all 9 layers, one image
# Alexnet CONV5 on Eyeriss-like arrays, stepping every cycle: ~1.5 s a point, long
# enough to kill a sweep or a worker in the middle.
SLOW_POINTS = ["--arch", "eyeriss", "--nets", "alexnet", "--layers", "conv5", "--mode",
               "per-cycle"]


@pytest.fixture(scope="module")
def local_sweep(tmp_path_factory):
    """2 PE arrays x 2 GLB sizes of engine-shapes on tiny, on all local cores."""
    out_dir = tmp_path_factory.mktemp("local_sweep")
    completed = run_sweep(["--arch", "tiny", "--nets", SHAPES_NET, "--pe-arrays", "5x4,6x6",
                           "--set", "glb.size_kb=4,8"], out_dir)
    assert completed.returncode == 0, completed.stderr
    return out_dir, completed, pd.read_csv(out_dir / "sweep.csv")


def test_local_sweep_writes_one_file_per_point_and_one_row_per_point_and_layer(local_sweep):
    out_dir, _, table = local_sweep
    assert len(point_files(out_dir)) == 4
    assert len(table) == 4 * (11 + 1)  # 9 MAC layers, 2 max pools and the total
    assert list(table.columns) == (["pe_rows", "pe_cols", "glb.size_kb", "net", "dataflow",
                                    "batch", "arch"] + SUMMARY_COLUMNS + LEVEL_COLUMNS +
                                   ["layer_type", "energy_unit", "point"])
    points = table.drop_duplicates("point")
    assert sorted(zip(points["pe_rows"], points["pe_cols"], points["glb.size_kb"])) == [
        (5, 4, 4), (5, 4, 8), (6, 6, 4), (6, 6, 8)]
    assert set(table["net"]) == {"engine-shapes"} and set(table["arch"]) == {"tiny"}


def test_total_row_sums_the_layers_of_its_point(local_sweep):
    _, _, table = local_sweep
    for _, rows in table.groupby("point"):
        layers, total = rows[rows["layer"] != "total"], rows[rows["layer"] == "total"].iloc[0]
        assert total["macs"] == SHAPES_MACS
        for column in ["cycles", "processing_cycles", "energy", "passes"] + LEVEL_COLUMNS:
            assert total[column] == pytest.approx(layers[column].sum())
        assert total["energy_per_mac"] == pytest.approx(total["energy"] / SHAPES_MACS)
        pes = total["pe_rows"] * total["pe_cols"]
        assert total["utilization"] == pytest.approx(
            SHAPES_MACS / (total["processing_cycles"] * pes))
        assert bool(total["mapped"]) and bool(total["output_verified"])


def test_level_energies_add_up_to_each_rows_energy(local_sweep):
    _, _, table = local_sweep
    assert (table[LEVEL_COLUMNS].sum(axis=1) - table["energy"]).abs().max() < 1e-6


def test_sweep_rows_equal_simulate_on_the_same_point(local_sweep):
    _, _, table = local_sweep
    rows = table[(table["pe_rows"] == 6) & (table["glb.size_kb"] == 8)]
    result = accelsim.simulate("tiny", SHAPES_NET, overrides={
        "pe_array.rows": 6, "pe_array.cols": 6, "glb.size_kb": 8})
    layers = rows[rows["layer"] != "total"].reset_index(drop=True)
    for column in ["layer", "macs", "cycles", "energy", "active_pes", "mapping"]:
        assert list(layers[column]) == list(result.summary[column])


def test_progress_bar_reports_points_done_rate_and_time_left(local_sweep):
    _, completed, _ = local_sweep
    last = [line for line in completed.stderr.splitlines() if "points/min" in line][-1]
    assert "4/4 points" in last and "left" in last
    assert "sweep: 4 of 4 points finished" in completed.stderr


def test_points_are_the_cartesian_product():
    points = sweep_points.make_points("eyeriss", ["alexnet", "vgg16"], ["rs"], [1, 4],
                                      [[8, 8], [12, 14], [16, 16]], {"glb.size_kb": ["64", "108"]},
                                      {"layers": None, "mode": "exact"})
    assert len(points) == 2 * 1 * 2 * 3 * 2
    ids = {sweep_points.point_id(point) for point in points}
    assert len(ids) == len(points)
    assert sweep_points.point_id(points[0]).startswith("alexnet_rs_b1_8x8_glb.size_kb=64_")


def test_default_workers_are_all_local_cores():
    arguments = sweep.build_parser().parse_args(["--nets", "lenet5"])
    assert arguments.workers == os.cpu_count() and arguments.scheduler is None


def test_help_documents_the_csv_schema():
    help_text = sweep.build_parser().format_help()
    for column in ["pe_rows", "energy_dram", "energy_rf", "energy_unit", "layer = total"]:
        assert column in help_text


def test_bad_network_exits_2_with_the_cli_message(tmp_path):
    completed = run_sweep(["--arch", "tiny", "--nets", "alexnte"], tmp_path)
    assert completed.returncode == 2
    message = cli_error_message("--arch", "tiny", "--net", "alexnte")
    assert completed.stderr == f"sweep: error: {message}\n"
    assert not (tmp_path / "points").exists()


def test_bad_pe_array_exits_2(tmp_path):
    completed = run_sweep(["--arch", "tiny", "--nets", "lenet5", "--pe-arrays", "8by8"],
                          tmp_path)
    assert completed.returncode == 2
    assert completed.stderr == ("sweep: error: --pe-arrays: found '8by8', expected ROWSxCOLS, "
                                "e.g. 12x14\n")


def test_finished_points_without_resume_exit_2(tmp_path):
    arguments = ["--arch", "tiny", "--nets", "lenet5", "--layers", "f6"]
    assert run_sweep(arguments, tmp_path).returncode == 0
    completed = run_sweep(arguments, tmp_path)
    assert completed.returncode == 2
    assert "already holds 1 finished points" in completed.stderr


def kill_sweep_after_first_point(arguments, out_dir):
    """Starts a sweep and kills it (SIGKILL: no clean-up) once a point has finished."""
    sweep_process = start_sweep(arguments, out_dir, out_dir / "killed.log")
    try:
        wait_for(lambda: point_files(out_dir), 60, "the first point file")
    finally:
        sweep_process.send_signal(signal.SIGKILL)
        sweep_process.wait(timeout=30)


def processes_mentioning(text):
    pids = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                if text.encode() in handle.read():
                    pids.append(int(entry))
        except (OSError, ValueError):
            continue
    return pids


def test_killed_sweep_leaves_no_process_running(tmp_path):
    kill_sweep_after_first_point(SLOW_POINTS + ["--pe-arrays", "8x8,12x14,16x16"], tmp_path)
    # The pool's workers (forks of the sweep) and their simulations die with it.
    wait_for(lambda: not processes_mentioning(str(tmp_path)), 5, "the workers to exit")


def test_resume_after_kill_runs_only_the_unfinished_points(tmp_path):
    arguments = SLOW_POINTS + ["--pe-arrays", "8x8,12x14,16x16,8x16", "--workers", "1"]
    kill_sweep_after_first_point(arguments, tmp_path)
    finished = {path.name: path.stat().st_mtime_ns for path in point_files(tmp_path)}
    assert 1 <= len(finished) < 4
    # What a kill inside write_text_atomically leaves (pid 99999999 never runs).
    stale = tmp_path / "points" / "x.csv.tmp.99999999"
    stale.write_text("half a point")
    completed = run_sweep(arguments + ["--resume"], tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert not stale.exists()
    assert f"{len(finished)}/4 points" in completed.stderr.splitlines()[0]
    after = {path.name: path.stat().st_mtime_ns for path in point_files(tmp_path)}
    assert len(after) == 4
    assert {name: after[name] for name in finished} == finished  # not computed again
    table = pd.read_csv(tmp_path / "sweep.csv")
    assert len(table) == 4 * 2 and table["point"].nunique() == 4


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def dask_cluster(tmp_path):
    """A Dask scheduler and two single-thread workers (no nanny: a killed worker
    stays dead) on loopback; yields (address, worker processes)."""
    address = f"127.0.0.1:{free_port()}"
    log = open(tmp_path / "dask.log", "w")
    start = lambda command: subprocess.Popen(command, cwd=tmp_path, env=environment(),
                                             stdout=log, stderr=subprocess.STDOUT)
    processes = [start(["dask", "scheduler", "--host", "127.0.0.1", "--port",
                        address.split(":")[1], "--no-dashboard"])]
    workers = [start(["dask", "worker", f"tcp://{address}", "--host", "127.0.0.1", "--nthreads",
                      "1", "--no-nanny", "--no-dashboard", "--name", f"worker{i}"])
               for i in range(2)]
    processes += workers
    try:
        from distributed import Client
        with Client(f"tcp://{address}", timeout=30) as client:
            client.wait_for_workers(2, timeout=60)
        yield address, workers
    finally:
        for process in processes:
            process.kill()
            process.wait(timeout=30)
        log.close()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # tornado, in distributed's Client
def test_dask_sweep_finishes_every_point_when_a_worker_dies(tmp_path, dask_cluster):
    address, workers = dask_cluster
    out_dir = tmp_path / "out"
    arguments = SLOW_POINTS + ["--pe-arrays", "8x8,12x14,16x16,8x16,10x10,14x12",
                               "--scheduler", address]
    sweep_process = start_sweep(arguments, out_dir, tmp_path / "sweep.log")
    try:
        wait_for(lambda: point_files(out_dir), 60, "the first point file")
        workers[0].send_signal(signal.SIGKILL)
        assert sweep_process.wait(timeout=120) == 0, (tmp_path / "sweep.log").read_text()
    finally:
        sweep_process.kill()
    assert workers[0].wait(timeout=10) == -signal.SIGKILL
    # The scheduler lost worker0 with tasks in hand, and gave them to worker1.
    assert re.search(r"Remove worker .*name: worker0, .*processing: [1-9]",
                     (tmp_path / "dask.log").read_text())
    assert len(point_files(out_dir)) == 6
    table = pd.read_csv(out_dir / "sweep.csv")
    totals = table[table["layer"] == "total"]
    assert len(totals) == 6 and totals["output_verified"].all()
    assert set(zip(totals["pe_rows"], totals["pe_cols"])) == {
        (8, 8), (12, 14), (16, 16), (8, 16), (10, 10), (14, 12)}
