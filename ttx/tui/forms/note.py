"""Add a free note to the journal (a facilitator's or evaluator's aside)."""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Input

from ttx.tui.forms.base import FormScreen, required


class NoteForm(FormScreen[str]):
    """Returns the note's text, or None when cancelled."""

    form_title = "Add a note"
    first_field = "note-text"
    submit_label = "Add"

    def fields(self) -> list[tuple[str, Widget]]:
        return [("Note", Input(placeholder="what to remember", compact=True, id="note-text"))]


    def draft(self) -> str:
        return required(self.query_one("#note-text", Input).value, "the note")
