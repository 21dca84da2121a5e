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

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import NamedTuple

from markupsafe import Markup

from ttx.rendering.formatting import game_clock, lang_attr, language_of, offset
from ttx.rendering.print_text import print_text
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
    game_text, offset_text = _cached_formats()
    rows = []
    for entry in entries:
        rows.append(TimelineRow(
            entry.seq, entry.category, game_text(entry.at_game), offset_text(entry.game_offset),
            _wall_clock(entry.at_wall), entry.actor, _label(entry), lang_attr(entry.text),
            ", ".join(entry.to), entry.text,
            entry.inject if entry.inject and entry.category != "inject" else "",
            entry.amended, entry.rationale))
    return rows


def timeline_html(entries: list[TimelineEntry], *, for_print: bool = False) -> Markup:
    """The rows of the HTML report's timeline table: number, game time and offset, wall
    time, who and what kind of entry, and the text with its recipients and inject;
    `for_print`, texts are made ready for WeasyPrint's line breaking."""
    game_text, offset_text = _cached_formats()
    printed = print_text if for_print else str
    parts: list[str] = []
    for entry in entries:
        who = f"<b>{escape(entry.actor)}</b><br>" if entry.actor else ""
        to = f'<span class="to">→ {escape(", ".join(entry.to))}</span> ' if entry.to else ""
        inject = (f' <span class="muted">[{escape(entry.inject)}]</span>'
                  if entry.inject and entry.category != "inject" else "")
        # Category, kind, rating, times and offsets are ours (words and digits).
        parts.append(
            f'<tr class="row-{entry.category}"><td class="num">{entry.seq}</td>'
            f'<td>{game_text(entry.at_game)}<br><span class="muted">'
            f'{offset_text(entry.game_offset)}</span></td>'
            f'<td>{_wall_clock(entry.at_wall)}</td>'
            f'<td>{who}<span class="kind">{escape(_label(entry))}</span></td>'
            f'<td class="text"{_lang(entry.text)}>{to}{escape(printed(entry.text))}{inject}'
            f'{AMENDED_BADGE if entry.amended else ""}{_rationale(entry, printed)}</td></tr>\n')
    return Markup("".join(parts))


def _cached_formats() -> tuple[Callable[[datetime], str], Callable[[timedelta], str]]:
    """`game_clock` and `offset`, each minute formatted once: rows in the same minute
    are common, and strftime costs more than the rest of a row."""
    game_minutes: dict[int, str] = {}
    offset_minutes: dict[int, str] = {}

    def game_text(value: datetime) -> str:
        minute = int(value.timestamp()) // 60
        text = game_minutes.get(minute)
        if text is None:
            text = game_minutes[minute] = game_clock(value)
        return text

    def offset_text(value: timedelta) -> str:
        minutes = int(value.total_seconds()) // 60
        text = offset_minutes.get(minutes)
        if text is None:
            text = offset_minutes[minutes] = offset(value)
        return text

    return game_text, offset_text


_SPECIAL = re.compile("[&<>\"']")


_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"})


def escape(text: str) -> str:
    """`text` escaped for HTML text and attribute values exactly as autoescaping does;
    most text has nothing to escape, and a search costs less than a translation."""
    return text.translate(_ENTITIES) if _SPECIAL.search(text) else text


def _lang(text: str) -> str:
    language = language_of(text)
    return f' lang="{language}"' if language else ""


def _label(entry: TimelineEntry) -> str:
    label = entry.category
    if entry.kind:
        label += f" · {entry.kind}"
    if entry.rating:
        label += f" · {entry.rating}"
    if entry.objective:
        label += f" · {entry.objective}"
    return label


def _rationale(entry: TimelineEntry, printed: Callable[[str], str]) -> str:
    if not entry.rationale:
        return ""
    return (f'<br><span class="rationale"{_lang(entry.rationale)}>Rationale: '
            f'{escape(printed(entry.rationale))}</span>')


def _wall_clock(value: datetime) -> str:
    """`formatting.wall_clock` (UTC) from the epoch seconds: strftime costs more than the
    rest of a row."""
    seconds = int(value.timestamp()) % 86_400
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
