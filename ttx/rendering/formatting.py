"""Template filters shared by the HTML and Markdown reports: times, durations, languages.

The forms of times and durations are `ttx.model.wording`'s; a filter adds the `—` that
stands for a missing value."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from markupsafe import Markup, escape

from ttx.model import wording
from ttx.rendering.markdown_escape import MarkdownSafe, escape_markdown

_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]")
_JAPANESE = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"
                       "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def language_of(text: object) -> str | None:
    """`ko` for text with Hangul, `ja` for Kana or Kanji (and no Hangul), else None.

    Han characters without Hangul are taken as Japanese: in this exercise's texts
    Hanja are rare and Kanji common, and the Japanese font renders them correctly."""
    if not isinstance(text, str) or text.isascii():
        return None
    if _HANGUL.search(text):
        return "ko"
    if _JAPANESE.search(text):
        return "ja"
    return None


def lang_attr(text: object) -> Markup:
    """` lang="ko"` / ` lang="ja"` for an element holding `text`, or nothing."""
    language = language_of(text)
    return Markup(f' lang="{language}"') if language else Markup("")


def paragraphs(text: str) -> list[str]:
    """Authored Markdown prose as paragraphs: split at blank lines, hard wraps joined."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return [" ".join(line.strip() for line in block.splitlines()) for block in blocks if block]


_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EMPHASIS = re.compile(r"(?<![\w*\\])([*_])(?=\S)(.+?)(?<=[^\s\\])\1(?![\w*])")
_ESCAPED_STRONG = re.compile(r"\\\*\\\*(?=\S)(.+?)(?<=\S)\\\*\\\*")
_ESCAPED_EMPHASIS = re.compile(r"(?<![\w*])\\([*_])(?=\S)(.+?)(?<=\S)\\\1(?![\w*])")


def authored_html(text: str) -> Markup:
    """Authored prose (a scenario summary) as HTML: escaped, with its `**bold**` and
    `*italic*` kept as emphasis. Only for text an author wrote, never for player text."""
    html = _STRONG.sub(r"<strong>\1</strong>", str(escape(text)))
    return Markup(_EMPHASIS.sub(r"<em>\2</em>", html))


def authored_markdown(text: str) -> MarkdownSafe:
    """Authored prose as Markdown on one line: escaped like player text, but with its
    `**bold**` and `*italic*` kept."""
    markdown = _ESCAPED_STRONG.sub(r"**\1**", escape_markdown(text))
    return MarkdownSafe(_ESCAPED_EMPHASIS.sub(r"\1\2\1", markdown))


def wall(value: datetime | None) -> str:
    """A wall time in full: `2027-05-10 09:15 UTC`."""
    if value is None:
        return "—"
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def wall_clock(value: datetime | None) -> str:
    """A wall time of day in UTC: `09:15:02`."""
    if value is None:
        return "—"
    return value.astimezone(UTC).strftime("%H:%M:%S")


def game(value: datetime | None) -> str:
    """A game time in full with its offset: `2027-05-10 08:20 (UTC+09:00)`."""
    if value is None:
        return "—"
    return f"{value:%Y-%m-%d %H:%M} ({wording.zone_label(value)})"


def game_clock(value: datetime | None) -> str:
    """A game time for a table row: `10 May 08:20`."""
    return "—" if value is None else wording.day_and_clock(value)


def offset(value: timedelta | None) -> str:
    """A game-clock offset from STARTEX as authors write them: `+4:30`, `+36:00`, `-0:10`."""
    return "—" if value is None else wording.offset(value)


def duration(value: timedelta | None) -> str:
    """A duration for a reader: `45 s`, `12 min 05 s`, `2 h 07 min`, `3 d 4 h`."""
    return "—" if value is None else wording.duration_words(value)


RATINGS_LISTED = 8
"""Up to this many observation ratings are listed one by one; more are counted."""
GRADES = ("P", "S", "M", "U")


def ratings(values: Sequence[str]) -> str:
    """Observation ratings as a reader takes them in: each one (`P, S, S`) up to
    `RATINGS_LISTED`, else a count per grade (`P ×251, S ×248, M ×250, U ×251`): a
    long session's thousand letters in a row say nothing a count does not."""
    if len(values) <= RATINGS_LISTED:
        return ", ".join(values)
    counts = Counter(values)
    order = [*(grade for grade in GRADES if counts[grade]),
             *sorted(grade for grade in counts if grade not in GRADES)]
    return ", ".join(f"{grade}\u00a0×{counts[grade]}" for grade in order)  # kept on one line


FILTERS = {
    "wall": wall,
    "wall_clock": wall_clock,
    "game": game,
    "game_clock": game_clock,
    "offset": offset,
    "duration": duration,
    "language": language_of,
    "paragraphs": paragraphs,
    "ratings": ratings,
}
"""Filters for every report template; the HTML environment adds `lang_attr`."""
