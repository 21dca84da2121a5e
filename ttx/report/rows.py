"""The timeline pre-formatted, for templates that print thousands of rows.

A 20,000-entry session has a 20,000-row timeline. Formatting each cell through Jinja
attribute lookups, filters and autoescaping costs most of a second; formatting them
here in one loop, with repeated game times formatted once, costs a tenth of that.

* `timeline_rows` gives the Markdown template one tuple of plain text per row, which
  the template unpacks (`{% for seq, category, … in timeline_rows %}`) and escapes.
* `timeline_html` gives the HTML template the `<tr>` rows of its timeline table, every
  value escaped here, exactly as the template's autoescaping would have.

An organisation's own template may as well loop over `report.timeline` with the
report filters; these are only the fast path of the built-in ones.
"""

from __future__ import annotations

from typing import NamedTuple

from markupsafe import Markup

from ttx.rendering.formatting import lang_attr
from ttx.report.cells import Cells, escape, lang
from ttx.report.model import TimelineEntry

AMENDED_BADGE = Markup(' <span class="badge amended" title="corrected after it was first '
                       'recorded">amended</span>')
"""How the HTML report marks an entry that shows its corrected text."""


class TimelineRow(NamedTuple):
    """One timeline row as text, in the order templates unpack it."""

    seq: int
    category: str
    game: str
    """Game time of day, e.g. `10 May 08:20`."""
    offset: str
    """Game time since STARTEX, e.g. `+0:20`."""
    wall: str
    """Wall time of day in UTC."""
    actor: str
    entry: str
    """What the entry is, e.g. `move · decision` or `observation · strength · S`."""
    lang: Markup
    """` lang="ko"`/` lang="ja"` for the text cell, or empty."""
    to: str
    """Recipients, comma-separated."""
    text: str
    inject: str
    """The inject a move or skip refers to (not repeated on the inject's own row)."""
    amended: bool
    rationale: str
    """A move's rationale, or empty."""


def timeline_rows(entries: list[TimelineEntry]) -> list[TimelineRow]:
    """Every entry as a `TimelineRow`."""
    cells = Cells()
    rows = []
    for entry in entries:
        rows.append(TimelineRow(
            entry.seq, entry.category, cells.game_clock(entry.at_game),
            cells.offset(entry.game_offset), cells.wall_clock(entry.at_wall), entry.actor,
            _label(entry), lang_attr(entry.text), ", ".join(entry.to), entry.text,
            entry.inject if entry.inject and entry.category != "inject" else "",
            entry.amended, entry.rationale))
    return rows


def timeline_html(entries: list[TimelineEntry], *, for_print: bool = False,
                  cells: Cells | None = None) -> Markup:
    """The rows of the HTML report's timeline table: number, game time and offset, wall
    time, who and what kind of entry, and the text with its recipients and inject;
    `for_print`, texts are made ready for WeasyPrint's line breaking. `cells`: the
    formatter other tables of the same report share (each minute formatted once)."""
    cells = cells or Cells(for_print=for_print)
    labels: dict[tuple[str, str, str | None, str | None], str] = {}
    actors: dict[str, str] = {}
    parts: list[str] = []
    for entry in entries:
        who = actors.get(entry.actor)
        if who is None:
            who = actors[entry.actor] = (f"<b>{escape(entry.actor)}</b><br>"
                                         if entry.actor else "")
        to = f'<span class="to">→ {escape(", ".join(entry.to))}</span> ' if entry.to else ""
        inject = (f' <span class="muted">[{escape(entry.inject)}]</span>'
                  if entry.inject and entry.category != "inject" else "")
        label_key = (entry.category, entry.kind, entry.rating, entry.objective)
        label = labels.get(label_key)
        if label is None:
            label = labels[label_key] = escape(_label(entry))
        # Category, kind, rating, times and offsets are ours (words and digits).
        parts.append(
            f'<tr class="row-{entry.category}"><td class="num">{entry.seq}</td>'
            f'<td>{cells.game_clock(entry.at_game)}<br><span class="muted">'
            f'{cells.offset(entry.game_offset)}</span></td>'
            f'<td>{cells.wall_clock(entry.at_wall)}</td>'
            f'<td>{who}<span class="kind">{label}</span></td>'
            f'<td class="text"{lang(entry.text)}>{to}{cells.text(entry.text)}{inject}'
            f'{AMENDED_BADGE if entry.amended else ""}{_rationale(entry, cells)}</td></tr>\n')
    return Markup("".join(parts))


def _label(entry: TimelineEntry) -> str:
    label = entry.category
    if entry.kind:
        label += f" · {entry.kind}"
    if entry.rating:
        label += f" · {entry.rating}"
    if entry.objective:
        label += f" · {entry.objective}"
    return label


def _rationale(entry: TimelineEntry, cells: Cells) -> str:
    if not entry.rationale:
        return ""
    return (f'<br><span class="rationale"{lang(entry.rationale)}>Rationale: '
            f'{cells.text(entry.rationale)}</span>')
