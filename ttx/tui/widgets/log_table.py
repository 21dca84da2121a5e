"""The live log: moves, observations, notes and improvement items, newest first.

A DataTable is virtualised (it renders only the visible lines), but it only appends
rows at the bottom. New entries are appended with `add_row` and the table is then
re-ordered by seq, which for rows already in order is a linear pass: nothing is
cleared or rebuilt, and the cursor stays on the entry it was on.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.widgets import DataTable

from ttx.tui.formatting import clock_text
from ttx.tui.log_rows import LogRow
from ttx.tui.widgets.column_fit import fit_flexible_column


class LogTable(DataTable[object]):
    """Entries keyed by their seq; amendments and retractions update cells in place."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.amend_entry", "amend", key_display="⏎", id="log.amend",
                show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._seats: dict[int, str] = {}

    def on_mount(self) -> None:
        self.add_column("#", key="seq")
        self.add_column("game", key="game")
        self.add_column("entry", key="entry")
        self.add_column("who", key="who")
        self.add_column("text", key="text")

    def load(self, rows: list[LogRow]) -> None:
        """Show the entries a session already had when the console opened (oldest first in)."""
        for row in reversed(rows):
            self._append(row)
        self._fit()

    def add_entries(self, rows: list[LogRow]) -> None:
        """Put just-committed entries at the top; the cursor stays on its entry (or on the
        newest one, when it was already there)."""
        fresh = [row for row in rows if str(row.seq) not in self.rows]
        for row in rows:
            if str(row.seq) in self.rows:
                self.update_entry(row)
        if not fresh:
            return
        was_at_top = self.cursor_row == 0
        for row in fresh:
            self._append(row)
        self.sort("seq", reverse=True)
        if self.row_count > len(fresh) and not was_at_top:
            self.move_cursor(row=self.cursor_row + len(fresh), animate=False, scroll=False)
        else:
            self.move_cursor(row=0, animate=False, scroll=False)

    def update_entry(self, row: LogRow) -> None:
        """Show an entry's corrected text, or that it was retracted."""
        key = str(row.seq)
        if key not in self.rows:
            return
        self.update_cell(key, "text", _text_cell(row))
        self.update_cell(key, "entry", _entry_cell(row))

    def seat_of(self, seq: int) -> str:
        """The seat that wrote entry `seq` ('' when it is not shown)."""
        return self._seats.get(seq, "")

    @property
    def selected_seq(self) -> int | None:
        """The seq of the entry under the cursor."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return int(key.value) if key.value is not None else None

    def _append(self, row: LogRow) -> None:
        self._seats[row.seq] = row.seat
        self.add_row(row.seq, clock_text(row.game_time), _entry_cell(row), row.who,
                     _text_cell(row), key=str(row.seq))

    def on_resize(self, event: Resize) -> None:
        self._fit()

    def _fit(self) -> None:
        fit_flexible_column(self, "text", minimum=20)


def _entry_cell(row: LogRow) -> Text:
    return Text(row.entry, style="strike dim" if row.retracted else "")


def _text_cell(row: LogRow) -> Text:
    return Text(row.shown_text, no_wrap=True, overflow="ellipsis",
                style="dim" if row.retracted else "")
