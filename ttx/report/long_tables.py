"""The built-in HTML report's long tables, rendered in Python.

A 20,000-entry session has thousands of decisions, observations, Japan–ROK exchanges
and moves answering injects; through Jinja each of their cells is a sandboxed attribute
lookup, a filter and an autoescape (half a second at 20,000 entries, after the
timeline's rows had been moved out the same way, `ttx.report.rows`). Here each table
is rendered in one loop, with the markup the template's loop printed, each value
escaped once (`ttx.report.cells`): player text stays text. The tests render the
template's former loops over the same reports and compare.

An organisation's own template may loop over the report's lists with the report
filters as before; these are only the fast path of the built-in one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from ttx.rendering.formatting import wall
from ttx.report.analysis_model import InjectReview
from ttx.report.cells import Cells, escape, lang
from ttx.report.coordination_model import CoordinationLink
from ttx.report.model import (
    AfterActionReport,
    DecisionEntry,
    ObservationEntry,
    RetractedEntry,
)
from ttx.report.rows import AMENDED_BADGE, timeline_html

ROUTE_NAMES = {"direct": "direct", "via-us": "through the US", "broadcast": "broadcast"}
OBSERVATION_KINDS = (("strength", "strengths"), ("improvement", "improvements"),
                     ("note", "notes"))
"""An observation's kind and the objective's list that holds that kind."""


def long_tables(report: AfterActionReport, *, for_print: bool = False) -> dict[str, Any]:
    """The template's pre-rendered tables of `report` (as printed, with `for_print`):

    * `timeline_html`: the timeline's `<tr>` rows (`ttx.report.rows.timeline_html`);
    * `decision_rows`: per role's log, in `report.decisions` order, its `<tr>` rows;
    * `observation_items`: per `(objective id, kind)`, the `<li>` items of its list;
    * `link_rows`: the coordination ledger's `<tr>` rows;
    * `review_rows`: per inject review, in order, its `<tr>` rows;
    * `retracted_rows`: the corrections appendix's `<tr>` rows."""
    cells = Cells(for_print=for_print)
    return {
        "timeline_html": timeline_html(report.timeline, cells=cells),
        "decision_rows": [decision_rows(log.decisions, cells) for log in report.decisions],
        "observation_items": {
            (objective.id, kind): observation_items(getattr(objective, field), cells)
            for objective in report.objectives for kind, field in OBSERVATION_KINDS},
        "link_rows": link_rows(report.coordination.links, cells),
        "review_rows": [review_rows(review, cells) for review in report.inject_reviews],
        "retracted_rows": retracted_rows(report.retracted, cells),
    }


def decision_rows(decisions: Sequence[DecisionEntry], cells: Cells) -> Markup:
    """A decision log's rows: number, game and room time, inject and option, decision
    and rationale, response time."""
    parts = []
    for d in decisions:
        inject = d.inject_title or d.inject
        inject_cell = f"<span{lang(inject)}>{cells.repeated(inject)}</span>" if inject else "—"
        if d.option:
            option = d.option_label or d.option
            inject_cell += (f'<br><span class="option"{lang(option)}>Option: '
                            f"{cells.repeated(option)}</span>")
        rationale = (f'<br><span class="rationale"{lang(d.rationale)}>Rationale: '
                     f"{cells.text(d.rationale)}</span>" if d.rationale else "")
        room = (f'<br><span class="muted">room {cells.duration(d.room_time)}</span>'
                if d.room_time is not None else "")
        parts.append(
            f'<tr><td class="num">{d.seq}</td><td>{cells.game_clock(d.at_game)}<br>'
            f'<span class="muted">room {cells.wall_clock(d.at_wall)} UTC</span></td>'
            f'<td>{inject_cell}</td><td class="text"><span{lang(d.text)}>{cells.text(d.text)}'
            f'</span>{AMENDED_BADGE if d.amended else ""}{rationale}</td>'
            f'<td class="num">{cells.duration(d.response_time)}{room}</td></tr>\n')
    return Markup("".join(parts))


def observation_items(entries: Sequence[ObservationEntry], cells: Cells) -> Markup:
    """An objective's observations of one kind as list items: rating, text, number,
    author and game time."""
    parts = []
    for entry in entries:
        rating = (f'<span class="rating rating-{cells.repeated(entry.rating)}">'
                  f"{cells.repeated(entry.rating)}</span> " if entry.rating else "")
        author = f", {cells.repeated(entry.author)}" if entry.author else ""
        parts.append(
            f"      <li{lang(entry.text)}>{rating}{cells.text(entry.text)} "
            f'<span class="muted">(#{entry.seq}{author}, {cells.game_clock(entry.at_game)})'
            f'</span>{AMENDED_BADGE if entry.amended else ""}</li>')
    return Markup("".join(parts))


def link_rows(links: Sequence[CoordinationLink], cells: Cells) -> Markup:
    """The coordination ledger's rows: route, path, inject and module, moves, when it
    completed, and how long a relay took."""
    parts = []
    for link in links:
        method = (f'<br><span class="muted">{cells.repeated(link.method)}</span>'
                  if link.method else "")
        relay = (f'{cells.duration(link.relay_delay)}<br><span class="muted">room '
                 f"{cells.duration(link.room_time)}</span>"
                 if link.relay_delay is not None else "—")
        parts.append(
            f'<tr class="route-{cells.repeated(link.route)}"><td>'
            f"{cells.repeated(ROUTE_NAMES[link.route])}{method}</td>"
            f'<td>{escape(" → ".join(link.path))}</td>'
            f'<td>{cells.repeated(link.inject or "—")}<br><span class="muted">'
            f'{cells.repeated(link.module or "—")}</span></td>'
            f'<td>{", ".join(f"#{seq}" for seq in link.seqs)}</td>'
            f'<td>{cells.game_clock(link.at_game)}</td><td class="num">{relay}</td></tr>\n')
    return Markup("".join(parts))


def review_rows(review: InjectReview, cells: Cells) -> Markup:
    """One inject's review rows: per role, what was expected and the moves that
    answered it."""
    parts = []
    for response in review.responses:
        expected = _paragraphs(response.expected, cells) or "—"
        moves = (_paragraphs(response.moves, cells)
                 or '<span class="muted">No move recorded.</span>')
        parts.append(f'<tr><th scope="row">{cells.repeated(response.role)}</th>'
                     f"<td>{expected}</td><td>{moves}</td></tr>\n")
    return Markup("".join(parts))


def _paragraphs(texts: Sequence[str], cells: Cells) -> str:
    return "".join(f'<p class="para"{lang(text)}>{cells.text(text)}</p>' for text in texts)


def retracted_rows(retracted: Sequence[RetractedEntry], cells: Cells) -> Markup:
    """The corrections appendix's rows: number, kind of entry, text, reason, when."""
    parts = []
    for r in retracted:
        reason = r.reason or "—"
        parts.append(
            f'<tr><td class="num">{r.seq}</td><td>{cells.repeated(r.entry_type)}</td>'
            f'<td class="text"{lang(r.text)}>{cells.text(r.text)}</td>'
            f'<td class="text"{lang(reason)}>{cells.text(reason)}</td>'
            f'<td>{cells.repeated(wall(r.retracted_at_wall))} <span class="muted">'
            f"(#{r.retracted_by})</span></td></tr>\n")
    return Markup("".join(parts))
