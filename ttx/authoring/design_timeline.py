"""The design timeline as SVG, and `ttx check`'s whole review as one HTML page.

Plain SVG text written here (no matplotlib to load for a page of circles and labels):
per module, one lane per recipient over the game clock, each planned inject a numbered
marker (a diamond for a decision point) in every lane it reaches, the next module's
start as a dashed line, and a legend of numbers, times and titles below. Every authored
string is escaped and stripped of control characters, which XML cannot hold.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import datetime, timedelta

from ttx.authoring.design_plan import DesignPlan, ModulePlan, TimelineEntry
from ttx.authoring.problems import Problem
from ttx.model import format_offset, wording

WIDTH = 960
LABELS = 120
"""Width of the lane labels on the left."""
RIGHT = 30
INSET = 14
"""Room between the lane labels and a marker at the module's first minute."""
LANE = 24
LEGEND_LINE = 16
FONT = "'Noto Sans CJK JP', 'DejaVu Sans', sans-serif"
_TICK_STEPS = (5, 10, 15, 30, 60, 120, 180, 240, 360, 720, 1440, 2880)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def one_line(text: str, limit: int | None = None) -> str:
    """Authored text on one line, without control characters, cut at `limit` with `…`."""
    return wording.one_line(_CONTROL.sub("", text), limit)


def plain(text: str, limit: int | None = None) -> str:
    """Authored text for SVG or HTML: `one_line`, escaped."""
    return html.escape(one_line(text, limit), quote=True)


def tick_step(span: timedelta) -> int:
    """Minutes between axis ticks: the first step that needs at most ten ticks."""
    minutes = span.total_seconds() / 60
    return next((step for step in _TICK_STEPS if minutes / step <= 10), _TICK_STEPS[-1])


def timeline_svg(plan: DesignPlan) -> str:
    """The whole scenario's timeline, module under module, as one SVG document."""
    parts: list[str] = []
    y = 10
    for module_plan in plan.modules:
        drawn, y = _module_panel(plan, module_plan, y)
        parts += drawn
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{y + 10}" '
            f'viewBox="0 0 {WIDTH} {y + 10}" font-family="{html.escape(FONT)}" '
            f'font-size="12" role="img" aria-label="Design timeline of '
            f'{plain(plan.resolved.scenario.title)}">\n'
            f'<rect width="100%" height="100%" fill="white"/>\n' + "\n".join(parts) + "\n</svg>\n")


def _domain(module_plan: ModulePlan) -> timedelta:
    end = module_plan.span + timedelta(minutes=10)
    if module_plan.next_at is not None:
        until_next = module_plan.next_at - module_plan.module.at
        if timedelta(0) < until_next <= end * 1.5:
            end = max(end, until_next + timedelta(minutes=5))
    return end


def _module_panel(plan: DesignPlan, module_plan: ModulePlan, top: int) -> tuple[list[str], int]:
    module, start = module_plan.module, module_plan.start
    domain = _domain(module_plan)
    usable = WIDTH - LABELS - RIGHT

    def x_of(offset: timedelta) -> float:
        return LABELS + INSET + (usable - INSET) * (offset / domain)

    out = [f'<g class="module" id="module-{plain(module.id)}">',
           f'<text x="10" y="{top + 14}" font-size="14" font-weight="bold">'
           f'{plain(module.title, 90)}</text>',
           f'<text x="{WIDTH - RIGHT}" y="{top + 14}" text-anchor="end" fill="#555">'
           f'opens {format_offset(module.at)} · {plain(wording.game_clock(start))}</text>']
    lanes_top = top + 40
    step = tick_step(domain)
    minute = 0
    while timedelta(minutes=minute) <= domain:
        x = x_of(timedelta(minutes=minute))
        clock = start + timedelta(minutes=minute)
        out.append(f'<line x1="{x:.1f}" y1="{lanes_top - 6}" x2="{x:.1f}" '
                   f'y2="{lanes_top + LANE * len(plan.lanes)}" stroke="#e3e3e3"/>')
        out.append(f'<text x="{x:.1f}" y="{lanes_top - 10}" text-anchor="middle" '
                   f'font-size="10" fill="#555">{format_offset(timedelta(minutes=minute))} '
                   f'({wording.clock(clock)})</text>')
        minute += step
    for lane_index, role in enumerate(plan.lanes):
        y = lanes_top + LANE * lane_index + LANE / 2
        fill = "#f6f6f6" if lane_index % 2 == 0 else "white"
        out.append(f'<rect x="{LABELS}" y="{y - LANE / 2:.1f}" width="{usable}" '
                   f'height="{LANE}" fill="{fill}"/>')
        out.append(f'<text x="{LABELS - 8}" y="{y + 4:.1f}" text-anchor="end">'
                   f'{plain(role)}</text>')
    if module_plan.next_at is not None:
        x = x_of(module_plan.next_at - module.at)
        if x <= WIDTH - RIGHT:
            bottom = lanes_top + LANE * len(plan.lanes)
            out.append(f'<line x1="{x:.1f}" y1="{lanes_top - 4}" x2="{x:.1f}" y2="{bottom}" '
                       'stroke="#b2182b" stroke-dasharray="4 3"/>')
            out.append(f'<text x="{x - 4:.1f}" y="{bottom + 12}" text-anchor="end" '
                       'font-size="10" fill="#b2182b">next module</text>')
    out += _markers(plan, module_plan, lanes_top, x_of)
    y = lanes_top + LANE * len(plan.lanes) + 26
    for entry in module_plan.planned:
        out.append(_legend_line(entry, start, y))
        y += LEGEND_LINE
    if module_plan.contingency:
        out.append(f'<text x="10" y="{y + 4}" fill="#555" font-style="italic">'
                   'Contingency, released at will:</text>')
        y += LEGEND_LINE + 2
        for entry in module_plan.contingency:
            out.append(_legend_line(entry, start, y))
            y += LEGEND_LINE
    out.append("</g>")
    return out, y + 24


def _markers(plan: DesignPlan, module_plan: ModulePlan, lanes_top: int,
             x_of: Callable[[timedelta], float]) -> list[str]:
    out: list[str] = []
    stacked: dict[tuple[str, int], int] = {}
    for entry in module_plan.planned:
        assert entry.offset is not None
        x = x_of(entry.offset)
        for role in entry.recipients:
            if role not in plan.lanes:
                continue
            y = lanes_top + LANE * plan.lanes.index(role) + LANE / 2
            minute = int(entry.offset.total_seconds()) // 60
            shift = stacked.get((role, minute), 0)
            stacked[(role, minute)] = shift + 1
            cx = x + shift * 9
            colour = "#b2182b" if entry.inject.options else "#2166ac"
            if entry.inject.options:
                shape = (f'<path d="M{cx:.1f} {y - 8:.1f} L{cx + 8:.1f} {y:.1f} '
                         f'L{cx:.1f} {y + 8:.1f} L{cx - 8:.1f} {y:.1f} Z" fill="{colour}"/>')
            else:
                shape = f'<circle cx="{cx:.1f}" cy="{y:.1f}" r="7.5" fill="{colour}"/>'
            out.append(f'<g><title>{_tooltip(entry)}</title>{shape}'
                       f'<text x="{cx:.1f}" y="{y + 3.5:.1f}" text-anchor="middle" '
                       f'font-size="9" fill="white">{entry.number}</text></g>')
    return out


def _tooltip(entry: TimelineEntry) -> str:
    when = format_offset(entry.offset) if entry.offset is not None else "contingency"
    return f"#{entry.number} {when} {plain(entry.inject.id)}: {plain(entry.inject.title, 120)}"


def _legend_line(entry: TimelineEntry, start: datetime, y: int) -> str:
    if entry.offset is not None:
        when = f"{format_offset(entry.offset)} {wording.clock(start + entry.offset)}"
    else:
        when = "at will"
    decision = " ◆ decision" if entry.inject.options else ""
    to = ", ".join(entry.recipients) or "nobody"
    return (f'<text x="10" y="{y}" font-size="11"><tspan font-weight="bold">#{entry.number}'
            f'</tspan> <tspan fill="#555">{when}</tspan> {plain(entry.inject.id)} — '
            f'{plain(entry.inject.title, 70)} <tspan fill="#555">({entry.inject.method} → '
            f'{plain(to)}){decision}</tspan></text>')


def review_html(scenario_title: str, problems: list[Problem], plan: DesignPlan | None) -> str:
    """The review as one self-contained HTML page: findings, timeline, coverage."""
    rows = "".join(f"<li class=\"{p.severity}\"><code>{plain(str(p.path))}:{p.line}:"
                   f"{p.column}</code> {p.severity}: {plain(p.text)}</li>" for p in problems)
    body = [f"<h1>Design check: {plain(scenario_title)}</h1>",
            "<h2>Findings</h2>", f"<ul>{rows}</ul>" if rows else "<p>No findings.</p>"]
    if plan is not None:
        body += ["<h2>Timeline</h2>", timeline_svg(plan), "<h2>Objectives</h2>",
                 _objectives_table(plan), "<h2>Delegations</h2>", _workload_table(plan)]
    style = ("body{font-family:" + FONT + ";margin:2em;color:#222}"
             "li.error{color:#b2182b}table{border-collapse:collapse}"
             "td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}"
             "svg{max-width:100%;height:auto}")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>ttx check: {plain(scenario_title)}</title><style>{style}</style></head>"
            f"<body>{''.join(body)}</body></html>\n")


def _objectives_table(plan: DesignPlan) -> str:
    rows = "".join(f"<tr><td>{plain(objective_id)}</td><td>{plain(', '.join(modules)) or '—'}"
                   f"</td><td>{plain(', '.join(injects)) or '—'}</td></tr>"
                   for objective_id, (modules, injects) in plan.objective_coverage().items())
    return f"<table><tr><th>objective</th><th>modules</th><th>injects</th></tr>{rows}</table>"


def _workload_table(plan: DesignPlan) -> str:
    modules = [module_plan.module.id for module_plan in plan.modules]
    cells: dict[str, dict[str, str]] = {}
    for load in plan.workload():
        cells.setdefault(load.role, {})[load.module] = (
            f"{load.injects} injects, {load.questions} questions")
    head = "".join(f"<th>{plain(module_id)}</th>" for module_id in modules)
    rows = "".join(f"<tr><td>{plain(role)}</td>"
                   + "".join(f"<td>{by_module.get(m, '')}</td>" for m in modules) + "</tr>"
                   for role, by_module in cells.items())
    return f"<table><tr><th>delegation</th>{head}</tr>{rows}</table>"
