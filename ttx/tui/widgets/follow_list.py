"""A list of options that follows a session: new rows without a layout of the screen.

Textual's OptionList gives itself a new virtual size whenever its options change, and
that size is a reactive that lays out the whole screen again and repaints every
widget on it: a delegation's console spent most of each announcement doing that, and
thirty seats on one host do it at once. The list's own region never changes with its
options (its height is set by the screen's styles, not by what it holds), so this list
updates its scrollbars alone, as `set_virtual_size` does for the other panes; a
scrollbar that must appear or vanish still asks for the layout itself.

`replace_options` keeps what the reader was looking at: the highlighted option (by id)
and the option at the top of the view, where an OptionList would go back to the top.
It keeps the drawn lines of the options passed again, too: Textual draws each option
with its index in the lines (for the mouse), so a new option on top would have every
option below it drawn again; this list draws an option once per width and style, and
finds the option under the mouse from the line instead. Textual then frames each line
(border, padding, colour filters) by its row on screen, so a new option on top would
frame every row below it again: this list frames a drawn line once per look of the
list and moves the framed line with its option (`_FramedRows`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Self

from rich.terminal_theme import TerminalTheme
from textual import events
from textual._styles_cache import RenderLineCallback, StylesCache
from textual.color import Color
from textual.content import Content
from textual.css.styles import StylesBase
from textual.geometry import Region, Size, Spacing
from textual.strip import Strip
from textual.style import Style
from textual.visual import Padding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

DRAWN_KEPT = 4096
"""How many drawn options the list keeps before it starts again (widths, styles)."""
FRAMED_KEPT = 1024
"""How many framed lines the list keeps before it starts again."""

Label = tuple[Content, Color, Color, Style] | None


class _FramedRows(StylesCache):
    """Textual's per-row cache of framed lines, that also keeps each framed line by
    the drawn line it frames: a row whose line only moved up or down is not framed
    again; and the border's top and bottom rows (with their titles) by what they
    show. Only plain rows are kept (no outline, tint, hatch or text opacity, which
    this list does not use); the padding rows go the usual way."""

    def __init__(self) -> None:
        super().__init__()
        self._framed: dict[tuple[object, ...], tuple[Strip | None, Strip]] = {}
        """(id of the drawn line or which edge, what else the framing depends on) ->
        (the drawn line, kept so its id is not reused while it is here; the framed
        line)."""

    def render_line(self, styles: StylesBase, y: int, size: Size, content_size: Size,
                    padding: Spacing, base_background: Color, background: Color,
                    render_content_line: RenderLineCallback, border_title: Label,
                    border_subtitle: Label, opacity: float, ansi_theme: TerminalTheme,
                    native_ansi: bool) -> Strip:
        gutter = styles.gutter
        row = y - gutter.top
        drawn: Strip | None = None
        key: tuple[object, ...]
        if not self._plain(styles):
            key = ()
        elif 0 <= row < content_size.height and y < size.height - gutter.bottom:
            drawn = render_content_line(row)
            key = (id(drawn), size.width, content_size.width, padding, base_background,
                   background, opacity, styles.border_left, styles.border_right)
        elif y in (0, size.height - 1) and gutter.top and gutter.bottom:
            top = y == 0
            key = ("top" if top else "bottom", size.width, base_background, background,
                   opacity, styles.border, border_title if top else border_subtitle,
                   styles.border_title_align if top else styles.border_subtitle_align)
        else:
            key = ()
        kept = self._framed.get(key) if key else None
        if kept is not None:
            return kept[1]
        framed = super().render_line(styles, y, size, content_size, padding,
                                     base_background, background,
                                     render_content_line if drawn is None
                                     else lambda _row: drawn,
                                     border_title, border_subtitle, opacity, ansi_theme,
                                     native_ansi)
        if key:
            if len(self._framed) >= FRAMED_KEPT:
                self._framed.clear()
            self._framed[key] = (drawn, framed)
        return framed

    @staticmethod
    def _plain(styles: StylesBase) -> bool:
        return not (any(edge for edge, _color in styles.outline) or styles.tint.a
                    or styles.text_opacity != 1.0
                    or (styles.has_rule("hatch") and styles.hatch != "none"))


class FollowList(OptionList):
    """An OptionList whose options are replaced as entries arrive (no separators: it
    draws options only)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._sizing = False
        self._drawn: dict[tuple[Option, Style, Spacing, int], list[Strip]] = {}
        self._styles_cache = _FramedRows()
        self._painting: tuple[Spacing, int] | None = None
        """While the list paints: its options' padding and width (nothing changes
        meanwhile, so its lines and sizes are worked out once, not once a line)."""

    def replace_options(self, options: Sequence[Option], *, highlight_first: bool) -> None:
        """Show `options` instead, the same option highlighted (else the first, if
        `highlight_first`) and the same option on the top line (else the top). Pass the
        Option objects of rows that did not change again: each keeps its drawn text.

        A view at the very top stays there, so rows arriving on top are seen even when
        they push the highlighted row (the one being read, shown in full beside) below
        the view; a view scrolled down keeps its top row and the highlight in view."""
        highlighted = self.highlighted_option.id if self.highlighted_option else None
        top_id = self._top_option_id()
        at_top = top_id is None and round(self.scroll_y) <= 0 and self.option_count > 0
        self.set_options(options)
        if highlighted is not None and highlighted in self._id_to_option:
            self.highlighted = self.get_option_index(highlighted)
        elif options and highlight_first:
            self.highlighted = 0
        if top_id is not None and top_id in self._id_to_option:
            line = self._index_to_line[self.get_option_index(top_id)]
            self.scroll_to(y=line, animate=False, immediate=True)
        if at_top:
            if round(self.scroll_y) > 0:  # the highlight was followed down: back up
                self.scroll_to(y=0, animate=False, immediate=True)
        elif self.highlighted is not None:
            self.scroll_to_highlight()

    def _top_option_id(self) -> str | None:
        """The id of the option on the view's top line (None at the very top)."""
        top = round(self.scroll_y)
        if top <= 0 or top >= len(self._lines):
            return None
        index, _line = self._lines[top]
        return self.get_option_at_index(index).id

    def render_lines(self, crop: Region) -> list[Strip]:
        self._update_lines()
        self._painting = (self.get_component_styles("option-list--option").padding,
                          self.scrollable_content_region.width
                          - self._get_left_gutter_width())
        try:
            return super().render_lines(crop)
        finally:
            self._painting = None

    def _update_lines(self) -> None:
        if self._painting is not None:
            return  # done as the paint began
        self._sizing = True
        try:
            super()._update_lines()
        finally:
            self._sizing = False

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        # the virtual size set while sizing asks for a layout the list does not need
        # (unless its own size depends on its options)
        if self._sizing and not self.styles.auto_dimensions:
            layout = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _get_option_render(self, option: Option, style: Style) -> list[Strip]:
        if self._painting is not None:
            padding, width = self._painting
        else:
            padding = self.get_component_styles("option-list--option").padding
            width = self.scrollable_content_region.width - self._get_left_gutter_width()
        key = (option, style, padding, width)
        strips = self._drawn.get(key)
        if strips is None:
            visual = self._get_visual(option)
            if padding:
                visual = Padding(visual, padding)
            strips = [strip.extend_cell_length(width, style.rich_style)
                      for strip in visual.to_strips(self, visual, width, None, style)]
            if len(self._drawn) >= DRAWN_KEPT:
                self._drawn.clear()
            self._drawn[key] = strips
        return strips

    def _option_at(self, event: events.MouseEvent) -> int | None:
        """The index of the option under the mouse, if any."""
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        line = round(self.scroll_y) + offset.y
        return self._lines[line][0] if 0 <= line < len(self._lines) else None

    async def _on_click(self, event: events.Click) -> None:
        event.prevent_default()  # not OptionList's: it reads the index from the lines
        index = self._option_at(event)
        if index is not None and not self.options[index].disabled:
            self.highlighted = index
            self.action_select()

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        event.prevent_default()
        self._mouse_hovering_over = self._option_at(event)
