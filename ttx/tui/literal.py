"""Authored and typed text as the console draws it: literally, and only as text.

A title, a role name or a typed move is data. Given to Textual or Rich as a string it
would be read as markup (`[/]` raises, `[@click=app.quit]` becomes a live action), and
any control character in it would go to the terminal. `literal` is the one way such
text becomes something drawn: a Rich `Text` (never parsed) of
`ttx.terminal_text.visible`; `literal_content` the same as a Textual `Content`, where
Textual wants one (border titles).
"""

from __future__ import annotations

from typing import Any

from rich.style import StyleType
from rich.text import Text
from textual.content import Content

from ttx.terminal_text import visible


def literal(text: str, style: StyleType = "", **options: Any) -> Text:
    """`text` to be drawn as it reads: no markup, control characters written out.
    `options` are `Text`'s (justify, no_wrap, overflow)."""
    return Text(visible(text), style=style, **options)


def literal_content(text: str) -> Content:
    """`literal` for the places that take Textual content (a border title)."""
    return Content(visible(text))
