"""Text made ready for WeasyPrint's line breaking: printed documents only.

Two things the CSS cannot say to WeasyPrint (70):

* **Long unbroken runs.** A word with no break opportunity (a 40,000-character hash, a
  URL pasted without spaces) is split by `overflow-wrap` at a cost that grows with the
  square of its length: 46 s for 40,000 characters. A zero-width space every
  `RUN_CHUNK` characters of such a run gives the line breaker ordinary opportunities,
  and layout stays linear. It has no width and no glyph: the printed and extracted text
  read the same.
* **Korean words.** Hangul may break between any two syllables by Unicode's rules, and
  WeasyPrint ignores `word-break: keep-all`, so 복구를 printed as 복 / 구를. A word joiner
  between the syllables of each Hangul word forbids those breaks; the spaces between
  words stay the place to break, as Korean is written. Words longer than
  `HANGUL_WORD_LIMIT` syllables are left alone, so they cannot become a long run.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

ZERO_WIDTH_SPACE = "\u200b"
WORD_JOINER = "\u2060"
RUN_LENGTH = 32
"""Runs of at least this many characters without a break opportunity are broken up."""
RUN_CHUNK = 12
"""A break opportunity is inserted after every this many characters of such a run."""
HANGUL_WORD_LIMIT = 16
"""Longer Hangul runs are not joined (no Korean word is this long)."""

_HANGUL = "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff"
_BREAKABLE = "\\s\\-/\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef" + _HANGUL
"""Characters at or next to which a line can already break: spaces, hyphens, slashes,
CJK ideographs, kana and Hangul syllables (each a break opportunity by UAX #14)."""
_LONG_RUN = re.compile(f"[^{_BREAKABLE}]{{{RUN_LENGTH},}}")
_ANY_HANGUL_RUN = re.compile(f"[{_HANGUL}]+")
_NEEDS_WORK = re.compile(f"[{_HANGUL}]|[^{_BREAKABLE}]{{{RUN_LENGTH}}}")


def print_text(text: str) -> str:
    """`text` with break opportunities in long runs and Hangul words held together."""
    if not _NEEDS_WORK.search(text):
        return text
    text = _LONG_RUN.sub(_broken_run, text)
    return _ANY_HANGUL_RUN.sub(_joined_word, text)


def _broken_run(match: re.Match[str]) -> str:
    run = match.group()
    return ZERO_WIDTH_SPACE.join(run[i:i + RUN_CHUNK] for i in range(0, len(run), RUN_CHUNK))


def _joined_word(match: re.Match[str]) -> str:
    word = match.group()
    if len(word) > HANGUL_WORD_LIMIT:
        return word
    return WORD_JOINER.join(word)


def print_finalize(value: Any) -> Any:
    """A Jinja `finalize` for printed HTML: every printed text value goes through
    `print_text`; our own markup (`Markup`: stylesheet, charts, pre-rendered rows) and
    non-text values pass as they are."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return print_text(value)
    return value
