"""The cell texts of the report's long tables, as its template filters print them.

The HTML report's long tables (the timeline, the decision logs, the coordination
ledger, the observations) are rendered in Python (`ttx.report.rows`,
`ttx.report.long_tables`): through Jinja each cell is an attribute check, a filter call
and an autoescape, most of a second at 20,000 entries. `Cells` gives each cell the text
the template's filter would have printed, formatting each distinct time once, and
escapes player text exactly as autoescaping does; for print, text is first made ready
for WeasyPrint's line breaking, as the print environment's `finalize` does.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from ttx.rendering.formatting import duration, game_clock, language_of, offset
from ttx.rendering.print_text import print_text

_SPECIAL = re.compile("[&<>\"']")
_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"})
_SECONDS = tuple(f"{second:02d}" for second in range(60))


def escape(text: str) -> str:
    """`text` escaped for HTML text and attribute values exactly as autoescaping does;
    most text has nothing to escape, and a search costs less than a translation."""
    return text.translate(_ENTITIES) if _SPECIAL.search(text) else text


def lang(text: str | None) -> str:
    """`formatting.lang_attr`: ` lang="ko"` or ` lang="ja"` for an element holding
    `text`, or nothing."""
    language = language_of(text)
    return f' lang="{language}"' if language else ""


class Cells:
    """Cell texts for one rendering: times, offsets and durations each formatted once
    per distinct minute or value (strftime costs more than the rest of a row, and rows
    in the same minute are common); text escaped, and `for_print` made ready for print."""

    def __init__(self, *, for_print: bool = False) -> None:
        self.for_print = for_print
        self._game_minutes: dict[int, str] = {}
        self._offset_minutes: dict[int, str] = {}
        self._wall_minutes: dict[int, str] = {}
        self._durations: dict[timedelta, str] = {}
        self._repeated: dict[str, str] = {}

    def game_clock(self, value: datetime) -> str:
        """`formatting.game_clock`: `10 May 08:20`."""
        minute = int(value.timestamp()) // 60
        text = self._game_minutes.get(minute)
        if text is None:
            text = self._game_minutes[minute] = game_clock(value)
        return text

    def offset(self, value: timedelta) -> str:
        """`formatting.offset`: `+0:20`."""
        minutes = int(value.total_seconds()) // 60
        text = self._offset_minutes.get(minutes)
        if text is None:
            text = self._offset_minutes[minutes] = offset(value)
        return text

    def wall_clock(self, value: datetime) -> str:
        """`formatting.wall_clock` (UTC), from the epoch seconds: `09:15:02`."""
        seconds = int(value.timestamp())
        minute = seconds // 60
        text = self._wall_minutes.get(minute)
        if text is None:
            of_day = minute % 1440
            text = self._wall_minutes[minute] = f"{of_day // 60:02d}:{of_day % 60:02d}:"
        return text + _SECONDS[seconds % 60]

    def duration(self, value: timedelta | None) -> str:
        """`formatting.duration`: `12 min 05 s`, or `—` for none."""
        if value is None:
            return "—"
        text = self._durations.get(value)
        if text is None:
            text = self._durations[value] = duration(value)
        return text

    def text(self, value: str) -> str:
        """Player or author text, escaped (and ready for print)."""
        return escape(print_text(value) if self.for_print else value)

    def repeated(self, value: str) -> str:
        """`text` of a value that recurs in many rows (a role, an author, an inject id):
        escaped once."""
        text = self._repeated.get(value)
        if text is None:
            text = self._repeated[value] = self.text(value)
        return text
