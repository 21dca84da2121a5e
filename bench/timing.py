"""Alternating runs and medians: a subject and its baseline share the machine's noise."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Paired:
    """Medians of a subject and its baseline, measured in alternating runs."""

    subject: float
    baseline: float

    @property
    def ratio(self) -> float:
        return self.subject / self.baseline if self.baseline else float("inf")


def alternate(subject: Callable[[], float], baseline: Callable[[], float], runs: int) -> Paired:
    """Run baseline and subject in turn `runs` times each; each returns its own duration."""
    subject_times: list[float] = []
    baseline_times: list[float] = []
    for _ in range(runs):
        baseline_times.append(baseline())
        subject_times.append(subject())
    return Paired(statistics.median(subject_times), statistics.median(baseline_times))


def duration(work: Callable[[], object]) -> float:
    """Seconds `work` takes."""
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def percentile(values: list[float], fraction: float) -> float:
    """The `fraction` percentile (nearest rank) of `values`."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))
    return ordered[index]
