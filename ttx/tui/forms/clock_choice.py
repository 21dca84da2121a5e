"""Ask before a delivery moves the game clock: advance it, or deliver at the time it reads."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ttx.tui.formatting import asking
from ttx.tui.literal import literal

ADVANCE = "advance"
KEEP = "keep"


class ClockChoice(ModalScreen[str | None]):
    """`a` advances the clock to the inject's time, `d` delivers at the clock's time
    (the default button), escape delivers nothing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "answer('advance')", "Advance", id="clock.advance"),
        Binding("d", "answer('keep')", "Deliver now", id="clock.keep"),
        Binding("escape", "answer(None)", "Cancel", id="clock.cancel"),
    ]

    def __init__(self, title: str, planned: str, current: str) -> None:
        super().__init__()
        self.title_text = title
        self.planned = planned
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-dialog confirm-dialog"):
            yield Static(literal(asking(f"Deliver {self.title_text}")), classes="form-title")
            yield Static(literal(f"It is timed {self.planned}; the game clock reads "
                                 f"{self.current}."), classes="form-preamble")
            with Horizontal(classes="form-buttons"):
                yield Button(f"Deliver at {self.current} (d)", variant="primary", id=KEEP)
                yield Button(f"Advance the clock to {self.planned} (a)", id=ADVANCE)
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one(f"#{KEEP}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id if event.button.id in (ADVANCE, KEEP) else None)

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)
