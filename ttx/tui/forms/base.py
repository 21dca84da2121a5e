"""What every form shares: a titled dialog, a label per field, Record / Cancel.

A form never writes: it hands its draft to `attempt` (the console's, which gives it to
the session layer) and closes once that was written; when it was refused, the form
stays open with the reason under the fields, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from ttx.tui.literal import literal

DraftT = TypeVar("DraftT")


class FormProblem(Exception):
    """What is missing from a form, said in one line; the form stays open."""


class FormScreen(ModalScreen[DraftT | None], Generic[DraftT]):
    """A modal form: `fields()` yields (label, widget) pairs, `draft()` reads them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "submit", "Record", id="form.submit", priority=True),
    ]

    form_title = "Form"
    submit_label = "Record"
    first_field = ""
    """The id of the Input that has the focus when the form opens."""
    attempt: Callable[[DraftT], str | None] | None = None
    """Records a draft: None when written, else why not. Without it the form just
    returns the draft."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-dialog"):
            yield Static(literal(self.form_title), classes="form-title")
            yield from self.preamble()
            with VerticalScroll(classes="form-body", can_focus=False), \
                    Grid(classes="form-grid"):
                for label, widget in self.fields():
                    yield Label(literal(label), classes="form-label",
                                id=f"label-{widget.id}" if widget.id else None)
                    yield widget
            yield Static("", classes="form-problem")
            with Horizontal(classes="form-buttons"):
                yield from self.buttons()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.first_field:  # focused as soon as the form is composed
            cls.AUTO_FOCUS = f"#{cls.first_field}"

    def on_mount(self) -> None:
        # tabbing into a filled field must not select it all: one key would replace a
        # typed (or Japanese) text; the cursor goes to its end instead
        for field in self.query(Input):
            field.select_on_focus = False

    def on_input_changed(self, event: Input.Changed) -> None:
        """A warning about what was missing goes once the person types (a change that
        was already there when it was shown, reported late, keeps it)."""
        shown_with = getattr(self, "_problem_values", None)
        if shown_with is None or event.value != event.input.value \
                or shown_with.get(event.input.id) == event.value:
            return  # nothing shown, a stale report, or no change since it was shown
        self._problem_values: dict[str | None, str] | None = None
        self.query_one(".form-problem", Static).update("")

    def preamble(self) -> ComposeResult:
        """Read-only lines above the fields (none by default)."""
        yield from ()

    def fields(self) -> list[tuple[str, Widget]]:
        """The form's (label, widget) pairs, in order."""
        raise NotImplementedError

    def buttons(self) -> ComposeResult:
        yield Button(f"{self.submit_label} (ctrl+s)", variant="primary", id="submit")
        yield Button("Cancel (esc)", id="cancel")

    def draft(self) -> DraftT:
        """The filled-in draft, or FormProblem saying what is missing."""
        raise NotImplementedError

    def action_submit(self) -> None:
        try:
            draft = self.draft()
        except FormProblem as problem:
            self.show_problem(str(problem))
            return
        self.finish(draft)

    def finish(self, draft: DraftT) -> None:
        """Record `draft` and close, or stay open saying why it was not recorded."""
        if self.attempt is not None:
            problem = self.attempt(draft)
            if problem is not None:
                self.show_problem(problem)
                return
        self.dismiss(draft)

    def show_problem(self, problem: str) -> None:
        self.query_one(".form-problem", Static).update(literal(f"⚠ {problem}"))
        self._problem_values = {field.id: field.value for field in self.query(Input)}

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "cancel":
            self.action_cancel()
        elif event.button.id == "submit":
            self.action_submit()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()


def required(value: str, what: str) -> str:
    """`value` stripped, or FormProblem naming the empty field."""
    stripped = value.strip()
    if not stripped:
        raise FormProblem(f"{what} is empty")
    return stripped
