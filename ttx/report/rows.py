"""The timeline as pre-formatted rows, for templates that print thousands of them.

A 20,000-entry session has a 20,000-row timeline. Formatting each cell through Jinja
attribute lookups and filters costs seconds; formatting them here in one loop, with
repeated game times formatted once, costs a fraction of that. Templates unpack each
row as a tuple (`{% for seq, category, … in timeline_rows %}`); the values are plain
text, escaped by the template like any other value. Organisation templates may as
well use `report.timeline` and the filters.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from markupsafe import Markup

from ttx.report.formatting import game_clock, lang_attr, offset, wall_clock
from ttx.report.model import TimelineEntry


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


def timeline_rows(entries: list[TimelineEntry]) -> list[TimelineRow]:
    """Every entry as a `TimelineRow`."""
    game_text = lru_cache(maxsize=4096)(game_clock)
    offset_text = lru_cache(maxsize=4096)(offset)
    rows = []
    for entry in entries:
        label = entry.category
        if entry.kind:
            label += f" · {entry.kind}"
        if entry.rating:
            label += f" · {entry.rating}"
        rows.append(TimelineRow(
            entry.seq, entry.category, game_text(entry.at_game), offset_text(entry.game_offset),
            wall_clock(entry.at_wall), entry.actor, label, lang_attr(entry.text),
            ", ".join(entry.to), entry.text,
            entry.inject if entry.inject and entry.category != "inject" else "",
            entry.amended))
    return rows
