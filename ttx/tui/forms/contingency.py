"""Pick a contingency (or released) inject to deliver now."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ttx.tui.formatting import one_line
from ttx.tui.literal import literal


class ContingencyPicker(ModalScreen[str | None]):
    """The injects available now; enter delivers the highlighted one, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="form.cancel")]

    def __init__(self, available: list[tuple[str, str]]) -> None:
        """`available`: (inject id, title) pairs."""
        super().__init__()
        self.available = available

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-dialog"):
            yield Static("Deliver a contingency inject", classes="form-title")
            if self.available:
                yield OptionList(*[Option(literal(one_line(f"{inject_id} — {title}", 100)),
                                          id=inject_id)
                                   for inject_id, title in self.available],
                                 id="contingency-list")
                yield Static("enter delivers · esc cancels", classes="form-hint")
            else:
                yield Static("No contingency inject is available now. (esc)",
                             classes="form-hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
