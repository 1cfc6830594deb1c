"""Where sweep points run: a local process pool, or an existing Dask cluster.

Both runners call `on_done(point, rows_csv)` in the calling process as each point
finishes (the caller writes its file right away) and `on_failed(point, error)` for
a point whose simulation failed. An InputError is bad input for every point: it is
raised at once. A point whose worker dies is run again (up to MAX_ATTEMPTS times).
"""

import concurrent.futures as futures
import ctypes
import signal
import sys
import time

from . import api
from .sweep_points import run_point

MAX_ATTEMPTS = 3
PR_SET_PDEATHSIG = 1


def die_with_parent():
    """Pool worker initializer: the worker is killed when the sweep process dies,
    so an interrupted sweep leaves nothing running (Linux; a no-op elsewhere)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler


def run_local(points, worker_count, on_done, on_failed):
    """Runs the points on `worker_count` local processes."""
    pending = list(points)
    for _ in range(MAX_ATTEMPTS):
        if not pending:
            return
        pending = _run_pool_round(pending, worker_count, on_done, on_failed)
    for point in pending:
        on_failed(point, RuntimeError(f"its worker process died {MAX_ATTEMPTS} times"))


def _run_pool_round(points, worker_count, on_done, on_failed):
    """One pool; returns the points lost to a dead worker (to run again)."""
    pool = futures.ProcessPoolExecutor(max_workers=worker_count, initializer=die_with_parent)
    lost = []
    try:
        running = {pool.submit(run_point, point): point for point in points}
        for future in futures.as_completed(running):
            point = running[future]
            error = future.exception()
            if error is None:
                on_done(point, future.result())
            elif isinstance(error, futures.process.BrokenProcessPool):
                lost.append(point)
            elif isinstance(error, api.InputError):
                raise error
            else:
                on_failed(point, error)
    except BaseException:
        _stop_pool(pool)
        raise
    pool.shutdown(wait=True)
    return lost


def _stop_pool(pool):
    """Shuts the pool down without waiting for running points (interrupts)."""
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        if worker.is_alive():
            worker.terminate()
    for worker in workers:
        worker.join(timeout=5)


def scheduler_address(text):
    """"HOST:PORT" -> "tcp://HOST:PORT" (an address with a scheme is kept)."""
    return text if "://" in text else f"tcp://{text}"


def run_dask(points, scheduler, on_done, on_failed, connect_timeout_s=30):
    """Runs the points as tasks on the Dask cluster at `scheduler` (HOST:PORT).

    The scheduler moves a task from a worker that dies to another one; a task that
    still fails with KilledWorker (its workers died too often) is submitted again.
    Workers must import accelsim (PYTHONPATH=<build>/python, README.md)."""
    from distributed import Client, as_completed
    from distributed.scheduler import KilledWorker

    client = Client(scheduler_address(scheduler), timeout=connect_timeout_s)
    try:
        attempts = {}
        by_key = {}
        def submit(point):
            attempts[id(point)] = attempts.get(id(point), 0) + 1
            future = client.submit(run_point, point, pure=False, retries=1)
            by_key[future.key] = point
            return future
        queue = as_completed([submit(point) for point in points])
        for future in queue:
            point = by_key.pop(future.key)
            if future.status == "finished":
                on_done(point, future.result())
                continue
            error = future.exception()
            if isinstance(error, api.InputError):
                raise error
            if isinstance(error, KilledWorker) and attempts[id(point)] < MAX_ATTEMPTS:
                queue.add(submit(point))
            else:
                on_failed(point, error)
    finally:
        client.close()


class Progress:
    """A one-line progress bar on stderr: points done/total, rate, time left.
    Redrawn in place on a terminal; one line per update otherwise."""

    def __init__(self, total, already_done=0, stream=sys.stderr, enabled=True):
        self.total, self.done, self.skipped = total, already_done, already_done
        self.failed = 0
        self.stream, self.enabled = stream, enabled
        self.start_s = time.monotonic()
        self.interactive = hasattr(stream, "isatty") and stream.isatty()
        self.draw()

    def advance(self, failed=False):
        self.done += 1
        self.failed += int(failed)
        self.draw()

    def text(self):
        width = 24
        filled = int(width * self.done / self.total) if self.total else width
        elapsed_s = time.monotonic() - self.start_s
        finished_here = self.done - self.skipped
        rate = finished_here / elapsed_s if elapsed_s > 0 else 0.0
        left = (f"{_clock(round((self.total - self.done) / rate))} left" if rate > 0
                else "time left unknown")
        failed = f", {self.failed} failed" if self.failed else ""
        return (f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} points"
                f"{failed}  {rate * 60:.1f} points/min  {_clock(round(elapsed_s))} elapsed, "
                f"{left}")

    def draw(self):
        if not self.enabled:
            return
        end = "" if self.interactive else "\n"
        self.stream.write(("\r" if self.interactive else "") + self.text() + end)
        self.stream.flush()

    def close(self):
        if self.enabled and self.interactive:
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds):
    minutes, seconds = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}"
