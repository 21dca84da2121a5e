"""Text on its way to a terminal: every control character shown, none obeyed.

Authored and player text is data. A terminal obeys what it is sent, so an inject title
holding `ESC ] 0 ; … BEL` would retitle the window, `ESC ] 52 ; …` would set the
clipboard and `ESC [ 2 J` would clear the screen. Every string the command line prints
and every string the console draws passes through `visible` (or `visible_line`) on its
way out: C0 controls, DEL, the C1 controls (U+0080–U+009F, which some terminals take as
8-bit escape sequences) and lone surrogates (undecodable bytes of a command-line
argument, which would otherwise be written back raw) are replaced by the escape Python
would write for them: `\\x1b`, `\\x9b`, `\\r`. Tab and newline stay where the text may
hold them. One form everywhere, so what a facilitator sees on the console is what
`ttx session show` prints and what an author searches their YAML for.

No Textual here: the command line and the console both use it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

_NAMED: Final = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}


def _escape(code: int) -> str:
    if code in _NAMED:
        return _NAMED[code]
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, carried by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


_CONTROLS: Final = (range(0x00, 0x20), (0x7F,), range(0x80, 0xA0), range(0xD800, 0xE000))


@cache
def _line_table() -> dict[int, str]:
    """Every control character escaped, tab and newline too: text that must stay one line.

    Made on first use, not at import (two thousand surrogates, each an escape: 3 % of a
    console's start-up), as the tables are only read when a string holds a control."""
    return {code: _escape(code) for codes in _CONTROLS for code in codes}


@cache
def _text_table() -> dict[int, str]:
    """Tab and newline kept: text that may run over several lines."""
    return {code: text for code, text in _line_table().items() if code not in (0x09, 0x0A)}


@cache
def _json_table() -> dict[int, str]:
    """What `json.dumps(ensure_ascii=False)` leaves raw: DEL and the C1 controls (it
    escapes C0 itself), as JSON escapes, so the document still parses to the same
    strings."""
    return {code: f"\\u{code:04x}" for codes in _CONTROLS for code in codes if code >= 0x7F}


_ANY_CONTROL: Final = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_IN_TEXT: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_IN_JSON: Final = re.compile("[\x7f-\x9f\ud800-\udfff]")


def visible(text: str) -> str:
    """`text` with every control character but tab and newline written out as an escape."""
    # almost every string has none: one regex scan in C, and no copy
    return text.translate(_text_table()) if _CONTROL_IN_TEXT.search(text) else text


def visible_line(text: str) -> str:
    """`text` as one line: every control character, tab and newline too, written out."""
    return text.translate(_line_table()) if _ANY_CONTROL.search(text) else text


def visible_json(document: str) -> str:
    """A JSON document from `json.dumps(..., ensure_ascii=False)` with DEL, the C1
    controls and lone surrogates escaped as `\\u…`: it parses to the same values."""
    return document.translate(_json_table()) if _CONTROL_IN_JSON.search(document) else document
