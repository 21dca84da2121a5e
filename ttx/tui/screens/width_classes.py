"""The width classes (`-narrow`, `-wide`) of the seats' screens, there from their first
styling.

Textual gives a screen its breakpoint class when the screen's first Resize arrives, after
every widget was composed and styled: changing a class then styles the whole screen a
second time (a fifth of the console's first frame). A screen that takes its class while
it composes, from the terminal's size, has its widgets styled once; the Resize that
follows finds the class already set and changes nothing.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

WIDTH_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
"""Textual's HORIZONTAL_BREAKPOINTS of the console, the player's console and the display:
`-wide` from 110 columns."""


def width_class(width: int) -> str:
    """The class Textual's breakpoints give a screen `width` cells wide."""
    return max((at, name) for at, name in WIDTH_BREAKPOINTS if width >= at)[1]


def take_width_class(screen: Screen[Any]) -> None:
    """Give `screen` (composing: its widgets not styled yet) the class of the app's width."""
    wanted = width_class(screen.app.size.width)
    screen.update_classes({name: name == wanted for _, name in WIDTH_BREAKPOINTS})
