"""The report's charts: a swimlane timeline per role, and the coordination heatmap.

This module turns the report into chart data (plain lists and numbers); matplotlib
draws it in `ttx.report.drawing`. Charts only ever print ids, kinds and counts, never
player text. Long sessions are binned: moves of one kind by one role at (nearly) the
same game time become one marker whose area grows with the count, so a 20,000-entry
session draws a few hundred markers, not 20,000.

`ttx.report.chart_process.ChartDrawer` hands the data to a drawing process of its own.
"""

from __future__ import annotations

from collections import Counter
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
