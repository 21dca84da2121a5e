"""Correct a log entry: amend its text, or retract it with a reason.

The journal keeps the original either way; the report shows the corrected text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Button, Input, Static

from ttx.terminal_text import visible
from ttx.tui.forms.base import FormProblem, FormScreen, required
from ttx.tui.literal import literal


@dataclass(frozen=True)
class CorrectionDraft:
    """Either `Session.amend(seq, text)` or `Session.retract(seq, reason)`."""

    seq: int
    action: Literal["amend", "retract"]
    text: str
    """The new text (amend) or the reason (retract)."""


class AmendForm(FormScreen[CorrectionDraft]):
    """The entry as it stands, a field for the corrected text and one for a retraction reason."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *FormScreen.BINDINGS,
        Binding("ctrl+r", "retract", "Retract", id="form.retract", priority=True),
    ]

    form_title = "Amend or retract an entry"
    first_field = "amend-text"
    submit_label = "Amend"

    def __init__(self, seq: int, summary: str, current_text: str) -> None:
        super().__init__()
        self.seq = seq
        self.summary = summary
        self.current_text = visible(current_text)
        """The entry's text as the field shows it: an Input draws what it holds as it is."""

    def preamble(self) -> ComposeResult:
        yield Static(literal(f"#{self.seq}  {self.summary}"), classes="form-preamble")

    def fields(self) -> list[tuple[str, Widget]]:
        return [
            # the cursor at the end, not the whole text selected: one stray key would
            # otherwise replace the entry being corrected
            ("New text", Input(value=self.current_text, compact=True, select_on_focus=False,
                               id="amend-text")),
            ("Or retract", Input(placeholder="reason for retracting (optional)", compact=True,
                                 id="amend-reason")),
        ]

    def buttons(self) -> ComposeResult:
        yield Button("Amend (ctrl+s)", variant="primary", id="submit")
        yield Button("Retract (ctrl+r)", variant="error", id="retract")
        yield Button("Cancel (esc)", id="cancel")


    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "retract":
            event.stop()
            self.action_retract()
            return
        super().on_button_pressed(event)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "amend-reason":
            self.action_retract()
        else:
            self.action_submit()

    def draft(self) -> CorrectionDraft:
        text = required(self.query_one("#amend-text", Input).value, "the new text")
        if text == self.current_text.strip():
            raise FormProblem("the text is unchanged: edit it, or retract the entry")
        return CorrectionDraft(self.seq, "amend", text)

    def action_retract(self) -> None:
        reason = self.query_one("#amend-reason", Input).value.strip()
        self.finish(CorrectionDraft(self.seq, "retract", reason))
