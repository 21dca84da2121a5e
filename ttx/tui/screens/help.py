"""f1: every key of this seat and what it does, and what the other seat may do."""

from __future__ import annotations

from typing import ClassVar

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ttx.session.seats import Seat, describe
from ttx.tui.keymap import CONSOLE_KEYS, keys_for

STATUS_LEGEND = (
    "MSEL status words: pending (planned, not yet played) · delivered · skipped · "
    "available (a contingency of this module, or released by an option a move picked) · "
    "— (not released). ▶ and '(next)' mark the next planned inject."
)

NARROW = 100
"""Below this many columns the palette name goes above its description, not beside it."""


def help_table(seat: Seat, width: int = NARROW) -> Table:
    """The keys of `seat` with their palette names and what they do."""
    table = Table(expand=True, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
                  header_style="bold")
    table.add_column("key", no_wrap=True)
    if width >= NARROW:
        table.add_column("command", no_wrap=True)
    table.add_column("what it does", ratio=1)
    for key in keys_for(seat):
        shown = f"{key.key_display} {key.key}" if key.key_display else key.key
        if width >= NARROW:
            table.add_row(shown, key.command, key.help)
        else:
            table.add_row(shown, Text.assemble((key.command, "bold"), "\n", key.help))
    return table


class HelpScreen(ModalScreen[None]):
    """Keys of the current seat; escape, f1 or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "close", "Close help", id="help.close")]

    def __init__(self, seat: Seat) -> None:
        super().__init__()
        self.seat = seat

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="help-dialog"):
            yield Static(Text(f"ttx console — keys ({self.seat!s} seat)", style="bold"),
                         classes="form-title")
            yield Static(help_table(self.seat, self.app.size.width))
            yield Static(describe(self.seat), classes="help-note")
            yield Static(STATUS_LEGEND, classes="help-note")
            yield Static("In the MSEL and log: ↑ ↓ pgup pgdn home end move; tab moves "
                         "between panels; enter in the log amends the entry. Nothing is "
                         "ever unsaved: each entry is on disk when it appears.",
                         classes="help-note")
            yield Static("escape closes this help", classes="form-hint")

    def action_close(self) -> None:
        self.dismiss(None)


def every_command() -> list[str]:
    """All console commands by palette name (for documentation and tests)."""
    return [key.command for key in CONSOLE_KEYS]
