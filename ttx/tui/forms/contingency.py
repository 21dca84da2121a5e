"""Pick a contingency (or released) inject to deliver now."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ttx.model.wording import one_line
from ttx.tui.literal import literal


class ContingencyPicker(ModalScreen[str | None]):
    """The injects available now; enter delivers the highlighted one, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="form.cancel")]

    def __init__(self, available: list[tuple[str, str]],
                 notes: dict[str, str] | None = None,
                 not_taken: frozenset[str] = frozenset()) -> None:
        """`available`: (inject id, title) pairs; `notes`: why an inject is a branch
        (`released by ROK's decision #22 (relay)`); `not_taken`: branches a decision did not
        take, listed apart at the end."""
        super().__init__()
        self.notes = notes or {}
        self.not_taken = not_taken
        self.available = [item for item in available if item[0] not in not_taken]
        self.apart = [item for item in available if item[0] in not_taken]

    def _option(self, inject_id: str, title: str) -> Option:
        text = one_line(f"{inject_id} — {title}", 100)
        note = self.notes.get(inject_id)
        return Option(literal(f"{text}\n   ↳ {note}" if note else text), id=inject_id)

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-dialog"):
            yield Static("Deliver a contingency inject", classes="form-title")
            if self.available or self.apart:
                options: list[Option | None] = [self._option(*item) for item in self.available]
                if self.apart:
                    if options:
                        options.append(None)  # a separator: the branches not taken
                    options += [self._option(*item) for item in self.apart]
                yield OptionList(*options, id="contingency-list")
                yield Static("enter delivers · esc cancels" + (
                    " · below the line: branches a decision did not take (asks first)"
                    if self.apart else ""), classes="form-hint")
            else:
                yield Static("No contingency inject is available now. (esc)",
                             classes="form-hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
