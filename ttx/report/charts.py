"""Charts as inline SVG: a swimlane timeline per role, and the coordination heatmap.

matplotlib is imported only when a chart is drawn (the Agg backend, no display), with
`svg.fonttype = 'none'` so labels stay text in the HTML and the PDF, in a font family
that reaches a CJK font. Charts only ever print ids, kinds and counts, never player
text. Long sessions are binned: moves of one kind by one role at (nearly) the same
game time become one marker whose area grows with the count, so a 20,000-entry
session draws a few hundred markers, not 20,000.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any

from ttx.report.model import AfterActionReport, CoordinationAnalysis

FONT_FAMILY = ["Noto Sans CJK JP", "DejaVu Sans", "sans-serif"]
"""The report body's font first, so chart labels read like the text around them."""
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
_SVG_START = re.compile(r"<svg\b")
_ID = re.compile(r'\bid="([^"]+)"')
_REFERENCE = re.compile(r'(url\(#|href="#)')


def _figure(width: float, height: float) -> Any:
    """A new figure with its axes, without pyplot (whose import costs a second)."""
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
    figure = Figure(figsize=(width, height), layout="constrained")
    return figure, figure.add_subplot()


def swimlane_svg(report: AfterActionReport) -> str:
    """Injects on a top lane and each role's moves by kind on its own lane, over game time."""
    from matplotlib.ticker import FuncFormatter

    lanes = ["Injects", *_lane_roles(report)]
    moves = [row for row in report.timeline if row.category == "move"]
    injects = [row for row in report.timeline if row.category == "inject"]
    hours = [row.game_offset.total_seconds() / 3600 for row in moves + injects] or [0.0]
    low, high = min(0.0, *hours), max(1.0, *hours)
    width = (high - low) / MAX_BINS

    def binned(value: float) -> float:
        return low + round((value - low) / width) * width

    figure, axes = _figure(6.9, 0.42 * len(lanes) + 1.1)
    inject_bins = Counter(binned(row.game_offset.total_seconds() / 3600) for row in injects)
    _scatter(axes, inject_bins, 0, INJECT_STYLE, "inject delivered")
    kinds = list(KIND_STYLES)
    for kind in kinds:
        bins: Counter[tuple[float, int]] = Counter()
        for row in moves:
            if row.kind == kind and row.actor in lanes:
                bins[(binned(row.game_offset.total_seconds() / 3600), lanes.index(row.actor))] += 1
        shift = (kinds.index(kind) - (len(kinds) - 1) / 2) * 0.1
        by_lane: dict[int, Counter[float]] = {}
        for (x, lane), count in bins.items():
            by_lane.setdefault(lane, Counter())[x] = count
        for lane, counts in sorted(by_lane.items()):
            _scatter(axes, counts, lane + shift, KIND_STYLES[kind],
                     kind if lane == min(by_lane) else None)
    markers = sum(len(collection.get_offsets()) for collection in axes.collections)
    for collection in axes.collections if markers > RASTER_ABOVE else []:
        collection.set_rasterized(True)
    axes.set_yticks(range(len(lanes)), lanes)
    axes.set_ylim(len(lanes) - 0.5, -0.6)
    axes.set_xlim(low - width * 3, high + width * 3)
    axes.xaxis.set_major_formatter(FuncFormatter(_hours_label))
    axes.set_xlabel("Game time from STARTEX (h:mm); larger markers stand for several moves")
    axes.grid(axis="x", color="#dddddd", linewidth=0.5)
    for lane in range(1, len(lanes)):
        axes.axhline(lane - 0.5, color="#eeeeee", linewidth=0.5)
    figure.legend(loc="outside lower center", ncols=7, frameon=False, fontsize=7,
                  handletextpad=0.2, columnspacing=1.0, markerscale=1.0)
    return _finish(figure, "swimlane")


def heatmap_svg(coordination: CoordinationAnalysis) -> str:
    """The who-communicated-with-whom matrix: senders in rows, recipients in columns."""
    roles = coordination.roles
    counts = [row.counts for row in coordination.matrix]
    size = 1.2 + 0.55 * len(roles)
    figure, axes = _figure(size + 0.9, size)
    image = axes.imshow(counts or [[0]], cmap="Blues", vmin=0,
                        vmax=max(1, *(max(row, default=0) for row in counts)))
    axes.set_xticks(range(len(roles)), roles)
    axes.set_yticks(range(len(roles)), roles)
    axes.xaxis.tick_top()
    peak = max((max(row, default=0) for row in counts), default=0)
    for row_index, row in enumerate(counts):
        for column_index, count in enumerate(row):
            colour = "white" if peak and count > peak * 0.6 else "#222222"
            axes.text(column_index, row_index, str(count), ha="center", va="center",
                      color=colour, fontsize=8)
    from matplotlib.ticker import MaxNLocator

    colorbar = figure.colorbar(image, ax=axes, fraction=0.046, pad=0.04, label="moves")
    colorbar.locator = MaxNLocator(integer=True)
    colorbar.update_ticks()
    for spine in axes.spines.values():
        spine.set_visible(False)
    return _finish(figure, "heatmap")


def _lane_roles(report: AfterActionReport) -> list[str]:
    movers = {row.actor for row in report.timeline if row.category == "move"}
    return [role.id for role in report.overview.roles
            if role.kind == "player" or role.id in movers]


def _scatter(axes: Any, counts: Counter[float], lane: float, style: tuple[str, str],
             label: str | None) -> None:
    if not counts:
        return
    xs = sorted(counts)
    # A few marker sizes (1, 2–3, 4–7, 8–15, … moves): each size is one SVG definition.
    sizes = [28 * 2 ** (min(counts[x].bit_length(), 6) - 1) ** 0.5 for x in xs]
    marker, colour = style
    axes.scatter(xs, [lane] * len(xs), s=sizes, marker=marker, color=colour, alpha=0.85,
                 linewidths=0, label=label, zorder=3)


def _hours_label(value: float, _position: int) -> str:
    minutes = round(value * 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60}:{abs(minutes) % 60:02d}"


def _finish(figure: Any, prefix: str) -> str:
    """The figure as an SVG element for inlining: no XML prolog, ids made unique."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", dpi=200, metadata={"Date": None})
    text = buffer.getvalue()
    match = _SVG_START.search(text)
    svg = text[match.start():] if match else text
    svg = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    return _REFERENCE.sub(lambda m: f"{m.group(1)}{prefix}-", svg)
