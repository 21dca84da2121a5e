"""The report's charts: a swimlane timeline per role, and the coordination heatmap.

This module turns the report into chart data (plain lists and numbers); matplotlib
draws it in `ttx.report.drawing`. Charts only ever print ids, kinds and counts, never
player text. Long sessions are binned: moves of one kind by one role at (nearly) the
same game time become one marker whose area grows with the count, so a 20,000-entry
session draws a few hundred markers, not 20,000.

Loading matplotlib costs about half a second and drawing a few tenths, which is most
of what a 20,000-entry HTML report takes. `ChartDrawer` therefore draws in a second
process, started before the report is built, so that on a machine with two cores
matplotlib loads while the journal is read. If that process cannot start or fails,
or this process has loaded matplotlib already, the charts are drawn here instead: the
result is the same SVG.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ttx.report.model import AfterActionReport, CoordinationAnalysis

KIND_STYLES = {
    "decision": ("D", "#b2182b"),
    "action": ("o", "#2166ac"),
    "request": ("s", "#5aae61"),
    "statement": ("^", "#8c510a"),
    "communication": ("P", "#762a83"),
    "question": ("X", "#e08214"),
}
"""Marker and colour of each move kind (distinguishable in greyscale by shape)."""
INJECT_STYLE = ("v", "#222222")
MAX_BINS = 120
RASTER_ABOVE = 600
"""Above this many markers they are drawn as one embedded image (labels stay text):
thousands of SVG markers cost more to write and to print than they tell."""
DRAWING_TIMEOUT = 120.0
"""Seconds to wait for the drawing process before drawing here instead."""


@dataclass(frozen=True)
class Charts:
    """The charts of one report as inline SVG."""

    swimlane: str
    heatmap: str


def chart_data(report: AfterActionReport) -> dict[str, Any]:
    """What `ttx.report.drawing.draw` needs, as JSON-ready data."""
    return {"swimlane": swimlane_data(report), "heatmap": heatmap_data(report.coordination)}


def swimlane_data(report: AfterActionReport) -> dict[str, Any]:
    """Lanes, the game-time range in hours, and one marker series per kind and lane."""
    lanes = ["Injects", *_lane_roles(report)]
    lane_of = {lane: index for index, lane in enumerate(lanes)}
    moves = [row for row in report.timeline if row.category == "move"]
    injects = [row for row in report.timeline if row.category == "inject"]
    hours = [row.game_offset.total_seconds() / 3600 for row in moves + injects] or [0.0]
    low, high = min(0.0, *hours), max(1.0, *hours)
    width = (high - low) / MAX_BINS

    def binned(value: float) -> float:
        return low + round((value - low) / width) * width

    series = [_series(Counter(binned(row.game_offset.total_seconds() / 3600)
                              for row in injects), 0, INJECT_STYLE, "inject delivered")]
    kinds = list(KIND_STYLES)
    for kind in kinds:
        by_lane: dict[int, Counter[float]] = {}
        for row in moves:
            if row.kind == kind and row.actor in lane_of:
                lane = lane_of[row.actor]
                by_lane.setdefault(lane, Counter())[
                    binned(row.game_offset.total_seconds() / 3600)] += 1
        shift = (kinds.index(kind) - (len(kinds) - 1) / 2) * 0.1
        for lane, counts in sorted(by_lane.items()):
            series.append(_series(counts, lane + shift, KIND_STYLES[kind],
                                  kind if lane == min(by_lane) else None))
    kept = [one for one in series if one["x"]]
    return {"lanes": lanes, "low": low, "high": high, "width": width, "series": kept,
            "rasterized": sum(len(one["x"]) for one in kept) > RASTER_ABOVE}


def heatmap_data(coordination: CoordinationAnalysis) -> dict[str, Any]:
    """The matrix's roles and counts."""
    return {"roles": list(coordination.roles),
            "counts": [list(row.counts) for row in coordination.matrix]}


def swimlane_svg(report: AfterActionReport) -> str:
    """The swimlane timeline, drawn in this process."""
    from ttx.report.drawing import swimlane

    return swimlane(swimlane_data(report))


def heatmap_svg(coordination: CoordinationAnalysis) -> str:
    """The coordination heatmap, drawn in this process."""
    from ttx.report.drawing import heatmap

    return heatmap(heatmap_data(coordination))


class ChartDrawer:
    """A drawing process started ahead of time. `send(report)` hands it the charts'
    data and returns at once; `charts()` waits for the SVG. If the process could not
    start or failed, `charts()` draws them here instead.

    Use it as a context manager, or call `close()`: a process never asked is stopped."""

    def __init__(self, *, in_process: bool | None = None) -> None:
        """`in_process`: draw here, not in a process of its own; by default, only if
        matplotlib is loaded here already (drawing here is then quicker)."""
        self._process: subprocess.Popen[bytes] | None = None
        self._data: dict[str, Any] | None = None
        self._exchange: threading.Thread | None = None
        self._drawn: dict[str, str] | None = None
        if in_process is None:
            in_process = "matplotlib.figure" in sys.modules
        if in_process:
            return
        package_root = str(Path(__file__).resolve().parents[2])
        path = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "ttx.report.drawing"], stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                env={**os.environ, "PYTHONPATH": path})
        except OSError:
            self._process = None

    def send(self, report: AfterActionReport) -> None:
        """Start drawing the charts of `report`."""
        self._data = chart_data(report)
        process, self._process = self._process, None
        if process is not None:
            # A thread, so that the caller renders its tables meanwhile: the exchange
            # only waits on pipes, and a large payload would block until the process
            # has loaded matplotlib and starts reading.
            payload = json.dumps(self._data).encode("utf-8")
            self._exchange = threading.Thread(target=self._communicate,
                                              args=(process, payload), daemon=True)
            self._exchange.start()

    def charts(self, report: AfterActionReport | None = None) -> Charts:
        """The charts of the report sent (or of `report`, sent now)."""
        if report is not None:
            self.send(report)
        if self._data is None:
            raise ValueError("ChartDrawer.charts() before send()")
        if self._exchange is not None:
            self._exchange.join()
            self._exchange = None
        if self._drawn is None:
            from ttx.report.drawing import draw

            self._drawn = draw(self._data)
        return Charts(self._drawn["swimlane"], self._drawn["heatmap"])

    def close(self) -> None:
        """Stop the drawing process if it was never sent anything."""
        process, self._process = self._process, None
        if process is not None:
            _stop(process)

    def __enter__(self) -> ChartDrawer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _communicate(self, process: subprocess.Popen[bytes], payload: bytes) -> None:
        try:
            output, _ = process.communicate(payload, timeout=DRAWING_TIMEOUT)
            if process.returncode == 0:
                drawn = json.loads(output)
                self._drawn = {"swimlane": str(drawn["swimlane"]),
                               "heatmap": str(drawn["heatmap"])}
        except (OSError, ValueError, KeyError, TypeError, subprocess.TimeoutExpired):
            _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.kill()
    process.communicate()  # reaps it and closes its pipes


def _lane_roles(report: AfterActionReport) -> list[str]:
    movers = {row.actor for row in report.timeline if row.category == "move"}
    return [role.id for role in report.overview.roles
            if role.kind == "player" or role.id in movers]


def _series(counts: Counter[float], lane: float, style: tuple[str, str],
            label: str | None) -> dict[str, Any]:
    xs = sorted(counts)
    # A few marker sizes (1, 2–3, 4–7, 8–15, … moves): each size is one SVG definition.
    sizes = [28 * 2 ** (min(counts[x].bit_length(), 6) - 1) ** 0.5 for x in xs]
    marker, colour = style
    return {"x": xs, "lane": lane, "sizes": sizes, "marker": marker, "colour": colour,
            "label": label}
