"""The live log: moves, observations, notes and improvement items, newest first.

Virtualised (see `VirtualTable`): the table holds the entries' seqs only and builds a
row from the session state when it first draws it, so a 20,000-entry journal opens in
milliseconds and a new entry costs one append, not a reload or a re-sort.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType

from ttx.tui.literal import literal
from ttx.tui.log_rows import LogRow
from ttx.tui.widgets.virtual_table import Cell, TableColumn, VirtualTable

WHO_WIDTH = 12
"""Roles and objective ids fit; a long improvement owner is cut."""

SEAT_WIDTH = 11
"""`facilitator`, `player:JPN`; an evaluator's long name is cut."""
SEAT_SHOWN_FROM = 110
"""The seat column appears (on tables this wide) once another seat than the facilitator
has written: a session run from one console does not need it."""
NEVER = 1_000_000
ONE_SEAT = frozenset({"facilitator", "cli"})

RowSource = Callable[[int], LogRow | None]
"""The current row of the entry at a seq (None when it is not an entry)."""


class LogTable(VirtualTable):
    """Entries keyed by their seq; amendments and retractions redraw one row."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.amend_entry", "amend", key_display="⏎", id="log.amend",
                show=False),
    ]

    def __init__(self, row_for: RowSource, *, id: str | None = None) -> None:
        super().__init__([
            TableColumn("seq", "#", width=1, justify="right"),
            TableColumn("game", "game", width=5),
            TableColumn("entry", "entry", width=5),
            TableColumn("who", "who", width=3),
            TableColumn("seat", "seat", width=SEAT_WIDTH, hide_below=NEVER),
            TableColumn("text", "text", minimum=20),
        ], newest_first=True, id=id)
        self._row_for = row_for
        self._seats_shown = False
        self.unseen = 0
        """Entries from other seats that arrived above the selected row: the title says
        so ("3 new ↑") until the cursor goes back to the newest."""
        self._plain_title: str | None = None

    def cells_for(self, key: str) -> tuple[Cell, ...]:
        row = self._row_for(int(key))
        if row is None:
            return (key, "", "", "", "", "")
        return (str(row.seq), row.when, _entry_cell(row), row.who,
                literal(row.seat), _text_cell(row))

    def load(self, seqs: list[int], labels: Iterable[str] = (),
             whos: Iterable[str] = (), seats: Iterable[str] = (),
             whens: Iterable[str] = ()) -> None:
        """Show the entries a session already had when the console opened (oldest first);
        `labels`, `whos` and `whens` are the entry words, roles or objectives and game
        times that may show, to size those columns once."""
        self._widen(seqs, labels, whos, whens)
        self.set_rows([str(seq) for seq in seqs])
        self._show_seats(seats)

    def add_entries(self, rows: list[LogRow], *, own_seat: str | None = None) -> None:
        """Put just-committed entries on top; the cursor stays on its entry (or on the
        newest one, when it was already there). Entries from another seat than
        `own_seat` that arrive while the cursor is below the newest are counted in the
        title until the cursor goes up to them."""
        for row in rows:
            if str(row.seq) in self:
                self.update_entry(row)
        fresh = [row for row in rows if str(row.seq) not in self]
        self._show_seats([row.seat for row in fresh])
        if fresh:
            away = self.row_count > 0 and self.cursor_row > 0
            self._widen([row.seq for row in fresh], [row.entry for row in fresh],
                        [row.who for row in fresh], [row.when for row in fresh])
            self.append_rows([str(row.seq) for row in fresh])
            others = sum(1 for row in fresh if row.seat != own_seat)
            if away and others:  # one's own entries are no news
                self._set_unseen(self.unseen + others)

    def move_cursor(self, row: int) -> None:
        super().move_cursor(row)
        if self.unseen and self.cursor_row == 0:
            self._set_unseen(0)

    def _set_unseen(self, count: int) -> None:
        if self._plain_title is None:
            self._plain_title = str(self.border_title or "")
        self.unseen = count
        marker = f" · {count} new ↑" if count else ""
        self.border_title = f"{self._plain_title}{marker}"

    def _show_seats(self, seats: Iterable[str]) -> None:
        if not self._seats_shown and any(seat not in ONE_SEAT for seat in seats):
            self._seats_shown = True
            self.set_column_hide_below("seat", SEAT_SHOWN_FROM)

    def update_entry(self, row: LogRow) -> None:
        """Show an entry's corrected text, or that it was retracted."""
        self.invalidate(str(row.seq))

    def seat_of(self, seq: int) -> str:
        """The seat that wrote entry `seq` ('' when it is not an entry)."""
        row = self._row_for(seq)
        return row.seat if row else ""

    @property
    def selected_seq(self) -> int | None:
        """The seq of the entry under the cursor."""
        key = self.cursor_key
        return int(key) if key is not None else None

    def _widen(self, seqs: list[int], labels: Iterable[str], whos: Iterable[str],
               whens: Iterable[str] = ()) -> None:
        widths = {column.key: column.width for column in self.columns}
        if seqs:
            self.set_column_width("seq", max(widths["seq"], len(str(max(seqs)))))
        self.set_column_width("entry", max([widths["entry"], *map(cell_len, labels)]))
        self.set_column_width("who", min(WHO_WIDTH, max([widths["who"], *map(cell_len, whos)])))
        self.set_column_width("game", max([widths["game"], *map(cell_len, whens)]))


def _entry_cell(row: LogRow) -> Text:
    return literal(row.entry, style="strike dim" if row.retracted else "")


def _text_cell(row: LogRow) -> Text:
    return literal(row.shown_text, style="dim" if row.retracted else "")
