"""The MSEL of the current module: planned injects, then its contingencies, with status words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType

from ttx.model.offsets import format_offset
from ttx.model.resolved import ResolvedScenario
from ttx.model.wording import clock, one_line
from ttx.tui.formatting import STATUS_WORDS, status_word
from ttx.tui.widgets.virtual_table import Cell, TableColumn, VirtualTable

NEXT_MARK = "▶"
NEXT_WORD = " (next)"
STATUS_WIDTH = max(cell_len(STATUS_WORDS["pending"]) + len(NEXT_WORD),
                   *map(cell_len, STATUS_WORDS.values()))
"""Only a pending inject is ever the next one."""
MAX_TO_WIDTH = 14
"""Recipients wider than this are cut (the inject panel names them all)."""


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
    """The MSEL rows of one module (`ResolvedScenario.msel_slots`: its planned injects in
    order, then its contingencies), as the table shows them."""
    module = resolved.scenario.module(module_id)
    if module is None:
        return []
    players = [role.id for role in resolved.scenario.player_roles]
    start = resolved.scenario.start + module.at
    return [_row(resolved, start, slot.inject_id, slot.order, slot.at, players)
            for slot in resolved.msel_slots(module_id)]


def _row(resolved: ResolvedScenario, start: datetime, inject_id: str, order: int | None,
         offset: timedelta, players: list[str]) -> MselRow:
    inject = resolved.inject(inject_id)
    if inject is None:
        return MselRow(inject_id, order, offset, start + offset, inject_id, "?", "?")
    recipients = resolved.recipients(inject)
    return MselRow(
        inject_id=inject_id,
        order=order,
        offset=offset,
        game_time=start + offset,
        title=one_line(inject.title),
        method=str(inject.method),
        recipients="all" if recipients == players else " ".join(recipients),
    )


class MselTable(VirtualTable):
    """The current module's MSEL; rows are keyed by inject id and redrawn one by one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.deliver_selected", "deliver", key_display="⏎",
                id="msel.deliver", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__([
            TableColumn("order", "#", width=2, justify="right"),
            TableColumn("at", "at (game)", width=9),
            TableColumn("status", "status", width=STATUS_WIDTH),
            TableColumn("title", "title", minimum=16),
            TableColumn("to", "to", width=2),
            TableColumn("method", "method", width=6, hide_below=90),
            TableColumn("replies", "replies", width=8, hide_below=64),
        ], id=id)
        self._replies: dict[str, str] = {}
        self._next: str | None = None
        self._rows: dict[str, MselRow] = {}
        self._statuses: dict[str, str] = {}

    def show_module(self, rows: list[MselRow], statuses: Mapping[str, object],
                    next_inject: str | None) -> None:
        """Fill the table with a module's rows (only when the module changes); the cursor
        goes to the next planned inject."""
        self._rows = {row.inject_id: row for row in rows}
        self._statuses = {row.inject_id: str(statuses.get(row.inject_id, "")) for row in rows}
        self._next = next_inject
        planned = [row.order for row in rows if row.order is not None]
        self.set_column_width("order", len(NEXT_MARK) + len(str(max(planned, default=1))))
        self.set_column_width("at", max([9, *(cell_len(self._at(row)) for row in rows)]))
        self.set_column_width("to", min(MAX_TO_WIDTH, max([2, *(cell_len(row.recipients)
                                                                for row in rows)])))
        self.set_column_width("method", max([6, *(cell_len(row.method) for row in rows)]))
        self.set_rows(list(self._rows))
        if next_inject is not None:
            self.select(next_inject)

    def cells_for(self, key: str) -> tuple[Cell, ...]:
        row = self._rows[key]
        return (self._order_cell(key), self._at(row), self._status_cell(key),
                row.title, row.recipients, row.method, self._replies.get(key, ""))

    def set_replies(self, replies: Mapping[str, str]) -> None:
        """What the delegations did about each delivered inject (`2/3✓ 1↩`), redrawn
        only where it changed."""
        for inject_id, text in replies.items():
            if inject_id in self._rows and self._replies.get(inject_id) != text:
                self._replies[inject_id] = text
                self.invalidate(inject_id)

    def set_statuses(self, statuses: Mapping[str, object]) -> list[str]:
        """Show the statuses that changed (only this module's injects are looked at: a
        dictionary lookup each, no redraw unless one changed); returns their ids."""
        changed = []
        for inject_id in self._rows:
            status = str(statuses.get(inject_id, ""))
            if status != self._statuses.get(inject_id, ""):
                self._statuses[inject_id] = status
                self.invalidate(inject_id)
                changed.append(inject_id)
        return changed

    def set_status(self, inject_id: str, status: str) -> None:
        """Show a new status for one inject, if it is in this module."""
        self.set_statuses({**self._statuses, inject_id: status})

    def set_next(self, next_inject: str | None) -> None:
        """Move the `▶ next` mark to another planned inject."""
        if next_inject == self._next:
            return
        previous, self._next = self._next, next_inject
        for inject_id in (previous, next_inject):
            if inject_id is not None:
                self.invalidate(inject_id)

    @property
    def inject_ids(self) -> list[str]:
        """The injects this table shows, in MSEL order."""
        return list(self._rows)

    @property
    def selected_inject(self) -> str | None:
        """The inject under the cursor."""
        return self.cursor_key

    @staticmethod
    def _at(row: MselRow) -> str:
        return f"{format_offset(row.offset)} {clock(row.game_time)}"

    def _order_cell(self, inject_id: str) -> str:
        order = self._rows[inject_id].order
        label = "c" if order is None else str(order)
        return f"{NEXT_MARK}{label}" if inject_id == self._next else label

    def _status_cell(self, inject_id: str) -> Text:
        word = status_word(self._statuses.get(inject_id) or None)
        if inject_id == self._next:
            return Text(f"{word}{NEXT_WORD}", style="bold")
        return Text(word, style="dim" if word in ("—", "skipped") else "")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The screen decides whether this seat may deliver."""
        if action.startswith("screen."):
            return self.screen.check_action(action.removeprefix("screen."), parameters)
        return super().check_action(action, parameters)
