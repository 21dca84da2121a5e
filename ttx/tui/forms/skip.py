"""Skip an inject, saying why (the reason goes into the journal and the report's MSEL)."""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Input

from ttx.tui.forms.base import FormScreen


class SkipForm(FormScreen[str]):
    """Returns the reason (possibly empty) or None when cancelled."""

    form_title = "Skip inject"
    first_field = "skip-reason"
    submit_label = "Skip"

    def __init__(self, inject_id: str, title: str) -> None:
        super().__init__()
        self.inject_id = inject_id
        self.inject_title = title
        self.form_title = f"Skip {inject_id}: {title}"

    def fields(self) -> list[tuple[str, Widget]]:
        return [("Reason", Input(placeholder="why it is skipped (e.g. overtaken by play)",
                                 compact=True, id="skip-reason"))]


    def draft(self) -> str:
        return self.query_one("#skip-reason", Input).value.strip()
