"""The first frame: painted at once, while the session is opened in the background."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from ttx.tui.literal import literal


class OpeningScreen(Screen[None]):
    """Says which session is being opened; replaced by the console or display."""

    DEFAULT_CSS = """
    OpeningScreen {
        align: center middle;
    }
    OpeningScreen > Static {
        width: auto;
        max-width: 90%;
        color: $text-muted;
    }
    """

    def __init__(self, what: str) -> None:
        super().__init__(id="opening")
        self.what = what

    def compose(self) -> ComposeResult:
        yield Static(literal(f"ttx — opening {self.what}…"))
