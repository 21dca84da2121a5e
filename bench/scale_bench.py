"""Scale curves: how open+fold, the HTML report and console keys grow with a session.

For each size (1,000, 10,000, 100,000 entries by default) a session of the long-exercise
generator (`report_bench.make_session`: deliveries, moves, observations, notes,
corrections, then ENDEX) is made, and measured:

- `fold_N_ms`: `Session.open` until it returns (the state ready), median, warm: the
  session was opened before, so the cache (`ttx.session.fold_cache`, in the bench's own
  folder) holds a checkpoint of its state (from 5,000 entries on) and the validated
  snapshot; the open reads, checks and folds only what came after the checkpoint.
  `fold_N_cpu_ms`: the CPU time this process spent on it (steadier than the wall time
  on a machine shared with other work);
- `fold_N_cold_ms` and `fold_N_cold_cpu_ms`: the same with the cache emptied before each
  run, as a session's first open on a machine: read, check the chain and fold every
  entry, validate the snapshot; the checkpoint (from 5,000 entries on) is written by
  a forked copy of the process meanwhile, and waited for at close, outside the time;
- `report_html_N_s`: `ttx report --format html` in a fresh process, as a user runs it;
- `key_N_ms`: a cursor key in the console (the MSEL, then the log), sent to its last
  repaint, median (Pilot; see `measures.key_latencies`); `key_N_msel_ms` and
  `key_N_log_ms` each pane's.

Beside each, `…_per_1k` divides by the size in thousands, so a reader sees at a glance
whether a cost grows linearly (a flat per-thousand figure) or worse.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.measures import key_latencies
from bench.report_bench import make_session
from ttx.session.disk_cache import CACHE_DIR_VARIABLE

TTX = [sys.executable, "-m", "ttx"]
SIZES = (1_000, 10_000, 100_000)
KEYS_PER_PANE = 12


def scale(root: Path, sizes: tuple[int, ...], runs: int) -> dict[str, float]:
    """Every scale figure, for each of `sizes`."""
    from ttx.session.session import Session

    figures: dict[str, float] = {}
    cache = root / "scale-cache"
    os.environ[CACHE_DIR_VARIABLE] = str(cache)  # the bench's own cache, never the user's
    for size in sizes:
        path = make_session(root / f"scale-{size}.ttx", size)
        label = _label(size)

        def open_and_fold(cold: bool) -> tuple[float, float]:
            if cold:
                shutil.rmtree(cache, ignore_errors=True)
            started, cpu_started = time.perf_counter(), time.process_time()
            session = Session.open(path, seat="display")  # noqa: B023 (called at once)
            figures = time.perf_counter() - started, time.process_time() - cpu_started
            session.close()  # and a checkpoint written in the background is in place
            return figures

        cold_walls, cold_cpus = zip(*(open_and_fold(True) for _ in range(runs)), strict=True)
        walls, cpus = zip(*(open_and_fold(False) for _ in range(runs)), strict=True)
        fold_ms = statistics.median(walls) * 1000
        cold_ms = statistics.median(cold_walls) * 1000
        report_s = statistics.median(_report_seconds(path, root) for _ in range(max(1, runs // 2)))
        plan = ["down"] * KEYS_PER_PANE
        msel = asyncio.run(key_latencies(path, plan))["down"]
        log = asyncio.run(key_latencies(path, plan, focus="log"))["down"]
        key_ms = statistics.median(msel + log) * 1000
        thousands = size / 1000
        figures.update({
            f"fold_{label}_ms": fold_ms, f"fold_{label}_ms_per_1k": fold_ms / thousands,
            f"fold_{label}_cpu_ms": statistics.median(cpus) * 1000,
            f"fold_{label}_cold_ms": cold_ms, f"fold_{label}_cold_ms_per_1k": cold_ms / thousands,
            f"fold_{label}_cold_cpu_ms": statistics.median(cold_cpus) * 1000,
            f"report_html_{label}_s": report_s,
            f"report_html_{label}_ms_per_1k": report_s * 1000 / thousands,
            f"key_{label}_ms": key_ms,
            f"key_{label}_msel_ms": statistics.median(msel) * 1000,
            f"key_{label}_log_ms": statistics.median(log) * 1000,
        })
        path.unlink()
    return figures


def _label(size: int) -> str:
    return f"{size // 1000}k"


def _report_seconds(path: Path, root: Path) -> float:
    argv = [*TTX, "report", str(path), "--format", "html", "-o", str(root / "scale.html")]
    started = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - started
