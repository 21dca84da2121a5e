"""The report's charts: a swimlane timeline per role, and the Japan–ROK route strip.

This module turns the report into chart data (plain lists and numbers); matplotlib
draws it in `ttx.report.drawing`. Game time is drawn compressed: a stretch of more than
`GAP_HOURS` with nothing in it (a module that jumps the clock a day ahead) is cut to
`GAP_SHOWN` and marked, so the early moves are not crowded into a corner; modules are
shaded bands. Charts only ever print ids, kinds and counts, never
player text. Long sessions are binned: moves of one kind by one role at (nearly) the
same game time become one marker whose area grows with the count, so a 20,000-entry
session draws a few hundred markers, not 20,000.

`ttx.report.chart_process.ChartDrawer` hands the data to a drawing process of its own.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable
from itertools import pairwise
from typing import Any

from ttx.report.coordination_model import CoordinationAnalysis
from ttx.report.model import AfterActionReport

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
GAP_HOURS = 1.0
"""An empty stretch of game time longer than this is cut short in the charts."""
GAP_SHOWN = 0.25
"""How long (in hours of the axis) a cut stretch is drawn."""
ROUTE_STYLES = {"direct": ("o", "#1a7f37", "direct"),
                "via-us": ("s", "#9a6700", "through the US"),
                "broadcast": ("^", "#5f6368", "broadcast")}
RASTER_ABOVE = 600
"""Above this many markers they are drawn as one embedded image (labels stay text):
thousands of SVG markers cost more to write and to print than they tell."""


def chart_data(report: AfterActionReport) -> dict[str, Any]:
    """What `ttx.report.drawing.draw` needs, as JSON-ready data."""
    return {"swimlane": swimlane_data(report),
            "routes": routes_data(report.coordination, report.overview.game_start)}


def swimlane_data(report: AfterActionReport) -> dict[str, Any]:
    """Lanes, the compressed game-time axis (ticks, cuts, module bands), and one marker
    series per kind and lane."""
    # One pass over the timeline, each row's hour computed once: a long session's
    # timeline is tens of thousands of rows.
    moves: list[tuple[str, str, float]] = []
    inject_hours: list[float] = []
    for row in report.timeline:
        if row.category == "move":
            moves.append((row.kind, row.actor, row.game_offset.total_seconds() / 3600))
        elif row.category == "inject":
            inject_hours.append(row.game_offset.total_seconds() / 3600)
    lanes = ["Injects", *_lane_roles(report, {actor for _, actor, _ in moves})]
    lane_of = {lane: index for index, lane in enumerate(lanes)}
    start = report.overview.game_start
    module_hours = [((module.started_at_game - start).total_seconds() / 3600, module.id)
                    for module in report.overview.modules if module.started_at_game]
    hours = [*(hour for _, _, hour in moves), *inject_hours]
    axis = compressed_axis([*hours, *(h for h, _ in module_hours)] or [0.0])
    squeeze = axis.pop("squeeze")
    low, high = axis["low"], axis["high"]
    width = (high - low) / MAX_BINS

    def binned(value: float) -> float:
        return low + round((squeeze(value) - low) / width) * width

    series = [_series(Counter(binned(hour) for hour in inject_hours), 0, INJECT_STYLE,
                      "inject delivered")]
    counts: defaultdict[tuple[str, int], Counter[float]] = defaultdict(Counter)
    for kind, actor, hour in moves:
        lane = lane_of.get(actor)
        if lane is not None and kind in KIND_STYLES:
            counts[kind, lane][binned(hour)] += 1
    kinds = list(KIND_STYLES)
    for kind in kinds:
        by_lane = {lane: counted for (of_kind, lane), counted in counts.items()
                   if of_kind == kind}
        shift = (kinds.index(kind) - (len(kinds) - 1) / 2) * 0.1
        for lane, counted in sorted(by_lane.items()):
            series.append(_series(counted, lane + shift, KIND_STYLES[kind],
                                  kind if lane == min(by_lane) else None))
    kept = [one for one in series if one["x"]]
    ends = [squeeze(h) for h, _ in module_hours[1:]] + [high + width * 3]
    bands = [{"from": squeeze(h), "to": end, "label": module_id}
             for (h, module_id), end in zip(module_hours, ends, strict=True)]
    return {"lanes": lanes, "width": width, "series": kept, "bands": bands, **axis,
            "rasterized": sum(len(one["x"]) for one in kept) > RASTER_ABOVE}


def compressed_axis(hours: list[float]) -> dict[str, Any]:
    """A game-time axis in hours from STARTEX with empty stretches longer than
    `GAP_HOURS` cut to `GAP_SHOWN`: `squeeze` maps an hour onto the axis; `low`, `high`,
    `ticks` (axis position, label) and `cuts` (axis positions of the cuts) draw it."""
    points = sorted(set(hours))
    low_real = min(0.0, points[0])
    gaps = [(a, b) for a, b in pairwise(points) if b - a > GAP_HOURS]
    starts = [a for a, _ in gaps]
    removed = [0.0]
    for a, b in gaps:
        removed.append(removed[-1] + (b - a) - GAP_SHOWN)

    def squeeze(value: float) -> float:
        index = bisect_right(starts, value)
        if index and value < gaps[index - 1][1]:  # inside a cut: along its short stretch
            a, b = gaps[index - 1]
            return a - removed[index - 1] + (value - a) / (b - a) * GAP_SHOWN
        return value - removed[index]

    low, high = squeeze(low_real), max(squeeze(points[-1]), squeeze(low_real) + 1.0)
    segments = [(low_real, starts[0] if gaps else points[-1])]
    segments += [(b, gaps[i + 1][0] if i + 1 < len(gaps) else points[-1])
                 for i, (_, b) in enumerate(gaps)]
    first, last = segments[-1]
    segments[-1] = (first, last + high - squeeze(last))  # the axis may run past the data
    step = _tick_step((high - low) / 8)
    ticks = []
    for first, last in segments:
        tick = math.ceil(first / step) * step
        while tick <= last + 1e-9:
            ticks.append([squeeze(tick), _hours_text(tick)])
            tick += step
    return {"squeeze": squeeze, "low": low, "high": high, "ticks": ticks,
            "cuts": [squeeze(a) + GAP_SHOWN / 2 for a in starts]}


def _tick_step(rough: float) -> float:
    for step in (0.25, 0.5, 1.0, 2.0, 3.0, 6.0, 12.0, 24.0):
        if rough <= step:
            return step
    return 48.0


def _hours_text(value: float) -> str:
    minutes = round(value * 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60}:{abs(minutes) % 60:02d}"


def routes_data(coordination: CoordinationAnalysis, game_start: Any = None) -> dict[str, Any]:
    """Each Japan–ROK exchange on its route's lane over compressed game time."""
    links = coordination.links
    if game_start is None:
        game_start = min((link.at_game for link in links), default=None)
    hours = {id(link): (link.at_game - game_start).total_seconds() / 3600 for link in links}
    axis = compressed_axis(list(hours.values()) or [0.0])
    squeeze: Callable[[float], float] = axis.pop("squeeze")
    lanes = [route for route in ROUTE_STYLES if any(link.route == route for link in links)]
    series = []
    for lane, route in enumerate(lanes):
        marker, colour, label = ROUTE_STYLES[route]
        series.append({"x": [squeeze(hours[id(link)]) for link in links if link.route == route],
                       "lane": lane, "marker": marker, "colour": colour, "label": label})
    return {"lanes": [ROUTE_STYLES[route][2] for route in lanes], "series": series, **axis,
            "rasterized": len(links) > RASTER_ABOVE}


def _lane_roles(report: AfterActionReport, movers: set[str]) -> list[str]:
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
