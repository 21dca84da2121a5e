"""A table that renders only the lines on screen: the MSEL and the log of a long exercise.

Textual's DataTable measures and re-lays out every row it holds whenever rows are
added or sorted, so 20,000 log entries cost seconds to open and tens of milliseconds
per new entry. This table keeps its rows as a list of keys and builds a row's cells
only when the row is first drawn (`cells_for`, cached until `invalidate`): opening is
linear in nothing but the key list, adding an entry is O(1), and a keypress redraws
the visible lines alone.

Rows are kept in the order they were given; `newest_first` shows them reversed, so a
log can append at the end and still show its newest entry on top. Cells are cropped
to their column in terminal cells (Hangul and Kanji count two), so columns stay
aligned whatever the script.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ttx.tui.literal import literal
from ttx.tui.widgets.text_pane import set_virtual_size

Cell = str | Text
CELL_PADDING = 1
"""Blank cells on each side of every cell."""
STRIP_CACHE_LIMIT = 2000


@dataclass
class TableColumn:
    """One column: a fixed width, or (`width=0`) whatever the other columns leave free."""

    key: str
    label: str
    width: int = 0
    justify: Literal["left", "right"] = "left"
    minimum: int = 8
    """The flexible column's narrowest width."""
    hide_below: int = 0
    """Left out when the table is narrower than this (a detail the other panels repeat)."""

    @property
    def flexible(self) -> bool:
        return self.width == 0


class VirtualTable(ScrollView, can_focus=True):
    """Rows keyed by strings; subclasses say what a row shows in `cells_for`."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-table--header", "virtual-table--cursor", "virtual-table--even-row",
    }
    DEFAULT_CSS = """
    VirtualTable {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        &:focus {
            background-tint: $foreground 5%;
            & > .virtual-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
        & > .virtual-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        & > .virtual-table--even-row {
            background: $surface-lighten-1 50%;
        }
        &:dark > .virtual-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .virtual-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_by(-1)", "up", show=False),
        Binding("down", "cursor_by(1)", "down", show=False),
        Binding("pageup", "page(-1)", "page up", show=False),
        Binding("pagedown", "page(1)", "page down", show=False),
        Binding("home", "cursor_to(0)", "first", show=False),
        Binding("end", "cursor_to(-1)", "last", show=False),
    ]

    class RowHighlighted(Message):
        """The cursor moved to another row (or the rows under it changed)."""

        def __init__(self, table: VirtualTable, key: str | None) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> VirtualTable:
            return self.table

    def __init__(self, columns: Sequence[TableColumn], *, newest_first: bool = False,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        self.newest_first = newest_first
        self._keys: list[str] = []
        self._position: dict[str, int] = {}
        self._cells: dict[str, tuple[Cell, ...]] = {}
        self._strips: dict[tuple[str, bool, bool, int], Strip] = {}
        """Drawn rows by (key, under the cursor, focused, zebra stripe)."""
        self._widths: list[tuple[int, int]] = []
        """(cell index, width) of each column shown."""
        self._cursor = 0
        self._highlighted: str | None = None

    # -- what subclasses provide --------------------------------------------------

    def cells_for(self, key: str) -> tuple[Cell, ...]:
        """The cells of row `key`, one per column."""
        raise NotImplementedError

    # -- rows -----------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def cursor_row(self) -> int:
        """The cursor's line, counted from the top as shown."""
        return self._cursor

    def key_at(self, row: int) -> str:
        """The key of the row shown at line `row` (from 0, top)."""
        index = len(self._keys) - 1 - row if self.newest_first else row
        return self._keys[index]

    def row_of(self, key: str) -> int | None:
        """The line (from 0, top) that shows `key`, or None."""
        index = self._position.get(key)
        if index is None:
            return None
        return len(self._keys) - 1 - index if self.newest_first else index

    def __contains__(self, key: object) -> bool:
        return key in self._position

    @property
    def cursor_key(self) -> str | None:
        """The key of the row under the cursor."""
        return self.key_at(self._cursor) if self._keys else None

    def set_rows(self, keys: Sequence[str]) -> None:
        """Replace every row (in the order given); the cursor goes to the top line."""
        self._keys = list(keys)
        self._position = {key: index for index, key in enumerate(self._keys)}
        self._cells.clear()
        self._strips.clear()
        self._cursor = 0
        self._resize_virtual()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()
        self._announce()

    def append_rows(self, keys: Sequence[str]) -> None:
        """Add rows after the existing ones. With `newest_first` they appear on top, and
        the cursor and view stay on the rows they were on unless the cursor was on top."""
        fresh = [key for key in keys if key not in self._position]
        if not fresh:
            return
        for key in fresh:
            self._position[key] = len(self._keys)
            self._keys.append(key)
        self._resize_virtual()
        if self.newest_first and len(self._keys) > len(fresh) and self._cursor > 0:
            self._cursor += len(fresh)
            self.scroll_to(y=self.scroll_y + len(fresh), animate=False, immediate=True)
        self.refresh()
        self._announce()

    def invalidate(self, key: str) -> None:
        """Rebuild row `key` from `cells_for` the next time it is drawn."""
        if key in self._position:
            self._cells.pop(key, None)
            for cached in [k for k in self._strips if k[0] == key]:
                del self._strips[cached]
            row = self.row_of(key)
            if row is not None:
                self._refresh_rows(row)

    def get_cell(self, key: str, column: str) -> Cell:
        """The cell of row `key` in column `column` (as `cells_for` gives it)."""
        index = next(i for i, c in enumerate(self.columns) if c.key == column)
        return self._row_cells(key)[index]

    def get_cell_at(self, coordinate: tuple[int, int]) -> Cell:
        """The cell at (line, column index), lines counted from the top as shown."""
        row, column = coordinate
        return self._row_cells(self.key_at(row))[column]

    def _row_cells(self, key: str) -> tuple[Cell, ...]:
        cells = self._cells.get(key)
        if cells is None:
            cells = self._cells[key] = self.cells_for(key)
        return cells

    # -- the cursor -------------------------------------------------------------------

    def move_cursor(self, row: int) -> None:
        """Put the cursor on line `row` (clamped) and scroll it into view."""
        if not self._keys:
            return
        row = max(0, min(row, len(self._keys) - 1))
        if row != self._cursor:
            self._refresh_rows(self._cursor, row)
            self._cursor = row
        self._scroll_cursor_into_view()
        self._announce()

    def select(self, key: str) -> None:
        """Put the cursor on the row of `key`, if there is one."""
        row = self.row_of(key)
        if row is not None:
            self.move_cursor(row)

    def action_cursor_by(self, lines: int) -> None:
        self.move_cursor(self._cursor + lines)

    def action_page(self, pages: int) -> None:
        self.move_cursor(self._cursor + pages * max(1, self._visible_rows() - 1))

    def action_cursor_to(self, row: int) -> None:
        self.move_cursor(row if row >= 0 else len(self._keys) - 1)

    def _refresh_rows(self, *rows: int) -> None:
        """Redraw the lines of `rows` that are on screen (scrolling redraws everything)."""
        top = round(self.scroll_y)
        width = self.scrollable_content_region.width
        regions = [Region(0, row - top + 1, width, 1) for row in rows
                   if 0 <= row - top < self._visible_rows()]
        if regions:
            self.refresh(*regions)

    def _visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_cursor_into_view(self) -> None:
        top = round(self.scroll_y)
        visible = self._visible_rows()
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False, immediate=True)
        elif self._cursor >= top + visible:
            self.scroll_to(y=self._cursor - visible + 1, animate=False, immediate=True)

    def _announce(self) -> None:
        key = self.cursor_key
        if key != self._highlighted:
            self._highlighted = key
            self.post_message(self.RowHighlighted(self, key))

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        self.move_cursor(round(self.scroll_y) + offset.y - 1)

    # -- drawing ----------------------------------------------------------------------

    def _resize_virtual(self) -> None:
        set_virtual_size(self, Size(self.scrollable_content_region.width, len(self._keys) + 1))

    def _on_resize(self, event: events.Resize) -> None:
        self._fit_columns()
        self._resize_virtual()
        self._scroll_cursor_into_view()

    def _fit_columns(self) -> None:
        width = self.scrollable_content_region.width
        shown = [(index, column) for index, column in enumerate(self.columns)
                 if width >= column.hide_below]
        fixed = sum(column.width for _, column in shown)
        padding = 2 * CELL_PADDING * len(shown)
        flexible = [column for _, column in shown if column.flexible]
        free = max(0, width - fixed - padding)
        share = free // len(flexible) if flexible else 0
        widths = [(index, column.width or max(column.minimum, share))
                  for index, column in shown]
        if widths != self._widths:
            self._widths = widths
            self._strips.clear()
            self.refresh()

    def set_column_width(self, key: str, width: int) -> None:
        """Change a fixed column's width (e.g. when row numbers gain a digit)."""
        for column in self.columns:
            if column.key == key and column.width != width:
                column.width = width
                self._fit_columns()

    def set_column_hide_below(self, key: str, hide_below: int) -> None:
        """Show a column only on tables at least `hide_below` wide (a large number hides
        it everywhere)."""
        for column in self.columns:
            if column.key == key and column.hide_below != hide_below:
                column.hide_below = hide_below
                self._fit_columns()
                self._strips.clear()
                self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        if not self._widths:
            self._fit_columns()
        width = self.scrollable_content_region.width
        if y == 0:
            return self._header_strip(width)
        row = round(self.scroll_y) + y - 1
        if row >= len(self._keys):
            return Strip.blank(width, self.rich_style)
        key = self.key_at(row)
        is_cursor = row == self._cursor
        cache_key = (key, is_cursor, is_cursor and self.has_focus, row % 2)
        strip = self._strips.get(cache_key)
        if strip is None:
            style = self.rich_style
            if row % 2:
                style += self.get_component_rich_style("virtual-table--even-row")
            if is_cursor:
                style += self.get_component_rich_style("virtual-table--cursor")
            strip = self._line(self._row_cells(key), style, width)
            if len(self._strips) > STRIP_CACHE_LIMIT:
                self._strips.clear()
            self._strips[cache_key] = strip
        return strip

    def _header_strip(self, width: int) -> Strip:
        style = self.rich_style + self.get_component_rich_style("virtual-table--header")
        return self._line(tuple(column.label for column in self.columns), style, width)

    def _line(self, cells: tuple[Cell, ...], style: Style, width: int) -> Strip:
        console = self.app.console
        pad = Segment(" " * CELL_PADDING)
        segments: list[Segment] = []
        for index, cell_width in self._widths:
            column, cell = self.columns[index], cells[index]
            text = cell.copy() if isinstance(cell, Text) else literal(str(cell))
            text.no_wrap = True
            text.end = ""
            text.truncate(cell_width, overflow="ellipsis")
            text.align(column.justify, cell_width)
            # each cell its own segments (the meta differs), so a cell of wide Hangul or
            # Kanji cannot shift the next one when the line is drawn glyph-run by glyph-run
            segments.append(pad)
            segments.extend(Segment.apply_style(text.render(console),
                                                post_style=Style(meta={"column": index})))
            segments.append(pad)
        return Strip(Segment.apply_style(segments, style)).adjust_cell_length(width, style)
