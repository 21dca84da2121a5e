"""Draw the report's charts with matplotlib, from plain data (`ttx.report.charts` makes it).

This module imports nothing of ttx and matplotlib only when it draws, so it can run
as its own process, `python -m ttx.report.drawing`: it reads the chart data as one
JSON object on standard input and writes `{"swimlane": SVG, "routes": SVG}` as JSON
on standard output. `ChartDrawer` starts it ahead of time, so that matplotlib loads
on the second core while the report is built.

The SVG keeps its text as text (`svg.fonttype = 'none'`) in the report's own font, has
no XML prolog, and its ids carry the chart's name so two charts can share a page.
"""

from __future__ import annotations

import gc
import io
import json
import os
import re
import sys
import warnings
from typing import Any

FONT_FAMILY = ["Noto Sans CJK JP", "DejaVu Sans", "sans-serif"]
"""The report body's font first, so chart labels read like the text around them."""
_SVG_START = re.compile(r"<svg\b")
_ID = re.compile(r'\bid="([^"]+)"')
_REFERENCE = re.compile(r'(url\(#|href="#)')


def draw(data: dict[str, Any]) -> dict[str, str]:
    """Both charts as inline SVG: `{"swimlane": …, "routes": …}`."""
    return {"swimlane": swimlane(data["swimlane"]), "routes": routes(data["routes"])}


def swimlane(data: dict[str, Any]) -> str:
    """Injects on a top lane and each role's moves by kind on its own lane, over game time."""
    lanes: list[str] = data["lanes"]
    low, high, width = data["low"], data["high"], data["width"]
    figure, axes = _figure(6.9, 0.42 * len(lanes) + 1.25, (0.62, 0.78, 0.12, 0.22))
    for index, band in enumerate(data["bands"]):
        axes.axvspan(band["from"], band["to"], color="#eef2f7" if index % 2 else "#dfe6ef",
                     linewidth=0, zorder=0)
        axes.text(band["from"], -0.62, band["label"], fontsize=6.5, color="#1f3a5f",
                  va="bottom", ha="left", clip_on=False)
    for series in data["series"]:
        x, y = _points(series)
        axes.scatter(x, y, s=_numbers(series["sizes"]),
                     marker=series["marker"], color=series["colour"], alpha=0.85,
                     linewidths=0, label=series["label"], zorder=3,
                     rasterized=data["rasterized"])
    axes.set_yticks(range(len(lanes)), lanes)
    axes.set_ylim(len(lanes) - 0.5, -0.6)
    axes.set_xlim(low - width * 3, high + width * 3)
    _time_axis(axes, data)
    axes.set_xlabel("Game time from STARTEX (h:mm; ≈ marks a cut stretch with nothing in it); "
                    "larger markers stand for several moves")
    axes.grid(axis="x", color="#dddddd", linewidth=0.5)
    for lane in range(1, len(lanes)):
        axes.axhline(lane - 0.5, color="#eeeeee", linewidth=0.5)
    figure.legend(loc="lower center", bbox_to_anchor=(0.5, 0.0), ncols=7, frameon=False,
                  fontsize=7, handletextpad=0.2, columnspacing=1.0, markerscale=1.0)
    return _finish(figure, "swimlane")


def routes(data: dict[str, Any]) -> str:
    """Each Japan–ROK exchange over game time, one lane per route."""
    lanes: list[str] = data["lanes"] or ["no exchange"]
    low, high = data["low"], data["high"]
    figure, axes = _figure(6.9, 0.3 * len(lanes) + 0.75, (1.15, 0.5, 0.12, 0.08))
    for series in data["series"]:
        x, y = _points(series)
        axes.scatter(x, y, s=36,
                     marker=series["marker"], color=series["colour"], alpha=0.85,
                     linewidths=0, zorder=3, rasterized=data["rasterized"])
    axes.set_yticks(range(len(lanes)), lanes)
    axes.set_ylim(len(lanes) - 0.5, -0.5)
    margin = (high - low) * 0.03 or 0.1
    axes.set_xlim(low - margin, high + margin)
    _time_axis(axes, data)
    axes.grid(axis="x", color="#dddddd", linewidth=0.5)
    return _finish(figure, "routes")


def _points(series: dict[str, Any]) -> tuple[Any, Any]:
    """A series' x and y as arrays."""
    import numpy

    x = _numbers(series["x"])
    return x, numpy.full_like(x, series["lane"])


def _numbers(values: list[float]) -> Any:
    """`values` as an array: from a list, matplotlib's masked arrays look at each number
    on its own (60 ms for the markers of a 20,000-entry report)."""
    import numpy

    return numpy.asarray(values, dtype=float)


def _time_axis(axes: Any, data: dict[str, Any]) -> None:
    """Ticks labelled with real game time on a compressed axis, and a ≈ at each cut."""
    ticks = data["ticks"]
    axes.set_xticks([position for position, _ in ticks], [label for _, label in ticks])
    for cut in data["cuts"]:
        axes.axvline(cut, color="#888888", linewidth=0.6, linestyle=(0, (2, 2)), zorder=1)
        axes.text(cut, 1.0, "≈", transform=axes.get_xaxis_transform(), ha="center",
                  va="bottom", fontsize=8, color="#555555")


def _figure(width: float, height: float, margins: tuple[float, float, float, float]) -> Any:
    """A new figure with its axes, without pyplot (whose import costs a second).

    `margins` (left, bottom, right, top) are in inches: fixed margins cost nothing,
    where a layout engine would measure every label first."""
    import matplotlib
    from matplotlib.figure import Figure

    matplotlib.rcParams.update({
        "svg.fonttype": "none",
        "svg.hashsalt": "ttx-report",
        "font.family": "sans-serif",
        "font.sans-serif": FONT_FAMILY,
        "font.size": 8,
        "axes.spines.top": False,
        "axes.spines.right": False,
    })
    figure = Figure(figsize=(width, height))
    left, bottom, right, top = margins
    return figure, figure.add_axes((left / width, bottom / height,
                                    1 - (left + right) / width, 1 - (bottom + top) / height))


def _finish(figure: Any, prefix: str) -> str:
    """The figure as an SVG element for inlining: no XML prolog, ids made unique."""
    buffer = io.StringIO()
    # The dpi only matters for rasterised markers: 150 is sharp in print and half the
    # bytes (and the encoding time) of 200.
    figure.savefig(buffer, format="svg", dpi=150, metadata={"Date": None})
    text = buffer.getvalue()
    match = _SVG_START.search(text)
    svg = text[match.start():] if match else text
    svg = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    return _REFERENCE.sub(lambda m: f"{m.group(1)}{prefix}-", svg)


WARM_UP = {"lanes": ["warm-up"], "low": 0.0, "high": 1.0, "ticks": [[0.0, "+0:00"]],
           "cuts": [0.5], "rasterized": True,
           "series": [{"x": [0.5], "lane": 0, "marker": "o", "colour": "#000000"}]}
"""A one-marker chart drawn while the report is built: it loads what every first
drawing loads (fonts, text layout, the SVG writer, the rasteriser)."""


def main() -> None:
    """Load matplotlib and draw a first chart at once (the slow part, done while the
    report's data is made), then draw the charts of the data read from stdin."""
    # A process that lives a second, to draw two charts: the cyclic collector would
    # only walk matplotlib's modules again and again while they load (3 % of the
    # instructions), and the memory of the few cycles it could free goes at the exit.
    gc.disable()
    # matplotlib registers its 3-D axes as it loads (`mpl_toolkits.mplot3d`, 7 % of
    # its import) and goes without them, with a warning, where they cannot be
    # imported: no report chart is 3-D.
    sys.modules.setdefault("mpl_toolkits.mplot3d", None)  # type: ignore[arg-type]
    warnings.filterwarnings("ignore", message="Unable to import Axes3D")
    routes(WARM_UP)
    data = json.load(sys.stdin)
    json.dump(draw(data), sys.stdout)
    sys.stdout.flush()
    # The report waits for this process to end, and tearing matplotlib and NumPy down
    # at exit takes a quarter of a second: nothing is left to clean up but memory.
    os._exit(0)


if __name__ == "__main__":
    main()
