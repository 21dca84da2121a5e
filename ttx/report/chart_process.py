"""The charts drawn in a process of their own, started before the report is built.

Loading matplotlib costs about half a second and drawing a few tenths, which is most
of what a 20,000-entry HTML report takes. `ChartDrawer` starts `python -m
ttx.report.drawing` first thing, so that on a machine with a free core matplotlib
loads while the journal is read and the tables are rendered; the chart data goes to
it as JSON and the SVG comes back the same way. This module imports nothing but the
standard library, so the process starts within milliseconds of the command. If it
cannot start or fails, or this process has loaded matplotlib already, the charts are
drawn here instead: the result is the same SVG.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DRAWING_TIMEOUT = 120.0
"""Seconds to wait for the drawing process before drawing here instead."""


@dataclass(frozen=True)
class Charts:
    """The charts of one report as inline SVG."""

    swimlane: str
    routes: str


class ChartDrawer:
    """A drawing process started ahead of time. `send(data)` hands it the charts' data
    (`ttx.report.charts.chart_data`) and returns at once; `charts()` waits for the
    SVG. If the process could not start or failed, `charts()` draws them here.

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

    def send(self, data: dict[str, Any]) -> None:
        """Start drawing the charts of `data`."""
        self._data = data
        process, self._process = self._process, None
        if process is not None:
            # A thread, so that the caller renders its tables meanwhile: the exchange
            # only waits on pipes, and a large payload would block until the process
            # has loaded matplotlib and starts reading.
            payload = json.dumps(self._data).encode("utf-8")
            self._exchange = threading.Thread(target=self._communicate,
                                              args=(process, payload), daemon=True)
            self._exchange.start()

    def charts(self) -> Charts:
        """The charts of the data sent."""
        if self._data is None:
            raise ValueError("ChartDrawer.charts() before send()")
        if self._exchange is not None:
            self._exchange.join()
            self._exchange = None
        if self._drawn is None:
            from ttx.report.drawing import draw

            self._drawn = draw(self._data)
        return Charts(self._drawn["swimlane"], self._drawn["routes"])

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
                               "routes": str(drawn["routes"])}
        except (OSError, ValueError, KeyError, TypeError, subprocess.TimeoutExpired):
            _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.kill()
    process.communicate()  # reaps it and closes its pipes
