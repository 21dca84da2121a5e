"""The MSEL of the current module: planned injects, then its contingencies, with status words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.widgets import DataTable

from ttx.model.resolved import ResolvedScenario
from ttx.tui.formatting import clock_text, offset_text, one_line, status_word
from ttx.tui.widgets.column_fit import fit_flexible_column

NEXT_MARK = "▶"


@dataclass(frozen=True)
class MselRow:
    """One line of the MSEL: a planned slot (`order` from 1) or a contingency (`order` None)."""

    inject_id: str
    order: int | None
    offset: timedelta
    game_time: datetime
    title: str
    method: str
    recipients: str


def module_rows(resolved: ResolvedScenario, module_id: str) -> list[MselRow]:
    """The MSEL rows of one module: its planned injects in order, then its contingencies."""
    module = resolved.scenario.module(module_id)
    if module is None:
        return []
    players = [role.id for role in resolved.scenario.player_roles]
    rows: list[MselRow] = []
    slots = [slot for slot in resolved.planned() if slot.module_id == module_id]
    for slot in slots:
        rows.append(_row(resolved, module_id, slot.inject_id, slot.order, slot.at, players))
    for inject_id in module.contingency:
        offset = resolved.planned_offset(module, inject_id)
        rows.append(_row(resolved, module_id, inject_id, None, offset, players))
    return rows


def _row(resolved: ResolvedScenario, module_id: str, inject_id: str, order: int | None,
         offset: timedelta, players: list[str]) -> MselRow:
    inject = resolved.inject(inject_id)
    module = resolved.scenario.module(module_id)
    start = resolved.scenario.start + (module.at if module else timedelta(0))
    if inject is None:
        return MselRow(inject_id, order, offset, start + offset, inject_id, "?", "?")
    recipients = resolved.recipients(inject)
    return MselRow(
        inject_id=inject_id,
        order=order,
        offset=offset,
        game_time=start + offset,
        title=inject.title,
        method=str(inject.method),
        recipients="all" if recipients == players else " ".join(recipients),
    )


class MselTable(DataTable[object]):
    """The current module's MSEL; rows are keyed by inject id and updated cell by cell."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.deliver_selected", "deliver", key_display="⏎",
                id="msel.deliver", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._next: str | None = None
        self._orders: dict[str, int | None] = {}
        self._statuses: dict[str, str] = {}

    def on_mount(self) -> None:
        self.add_column("#", key="order")
        self.add_column("at (game)", key="at")
        self.add_column("status", key="status")
        self.add_column("title", key="title")
        self.add_column("to", key="to")
        self.add_column("method", key="method")

    def show_module(self, rows: list[MselRow], statuses: dict[str, str],
                    next_inject: str | None) -> None:
        """Fill the table with a module's rows (only when the module changes)."""
        self.clear()
        self._orders = {}
        self._next = next_inject
        for row in rows:
            self._orders[row.inject_id] = row.order
            self.add_row(
                self._order_cell(row.inject_id),
                f"{offset_text(row.offset)} {clock_text(row.game_time)}",
                self._status_cell(row.inject_id, statuses.get(row.inject_id)),
                Text(one_line(row.title), no_wrap=True, overflow="ellipsis"),
                row.recipients,
                row.method,
                key=row.inject_id,
            )
        self._fit()
        self._statuses = dict(statuses)
        if next_inject in self._orders:
            self.move_cursor(row=self.get_row_index(next_inject))

    def set_status(self, inject_id: str, status: str) -> None:
        """Show a new status for one inject, if it is in this module."""
        if inject_id not in self._orders:
            return
        self._statuses[inject_id] = status
        self.update_cell(inject_id, "status", self._status_cell(inject_id, status))

    def set_next(self, next_inject: str | None) -> None:
        """Move the `▶ next` mark to another planned inject."""
        if next_inject == self._next:
            return
        previous, self._next = self._next, next_inject
        for inject_id in (previous, next_inject):
            if inject_id in self._orders:
                self.update_cell(inject_id, "order", self._order_cell(inject_id))
                self.update_cell(inject_id, "status",
                                 self._status_cell(inject_id, self._statuses.get(inject_id)))

    @property
    def inject_ids(self) -> list[str]:
        """The injects this table shows, in MSEL order."""
        return list(self._orders)

    def select(self, inject_id: str) -> None:
        """Put the cursor on `inject_id`, if shown."""
        if inject_id in self._orders:
            self.move_cursor(row=self.get_row_index(inject_id))

    @property
    def selected_inject(self) -> str | None:
        """The inject under the cursor."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return key.value

    def _order_cell(self, inject_id: str) -> str:
        order = self._orders.get(inject_id)
        label = "c" if order is None else str(order)
        return f"{NEXT_MARK}{label}" if inject_id == self._next else f" {label}"

    def _status_cell(self, inject_id: str, status: str | None) -> Text:
        word = status_word(status)
        if inject_id == self._next:
            return Text(f"{word} (next)", style="bold")
        return Text(word, style="dim" if word in ("—", "skipped") else "")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The screen decides whether this seat may deliver."""
        if action.startswith("screen."):
            return self.screen.check_action(action.removeprefix("screen."), parameters)
        return super().check_action(action, parameters)

    def on_resize(self, event: Resize) -> None:
        self._fit()

    def _fit(self) -> None:
        fit_flexible_column(self, "title")
