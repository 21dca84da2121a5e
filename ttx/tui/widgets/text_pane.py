"""A scrollable pane that renders its content once per change and then only copies lines.

A Static in a scrolling container renders its content twice per update (once to
measure its height, once to draw) and re-lays out the screen. This pane renders the
Rich renderable once, at its own width, keeps the lines, and draws the visible ones:
moving the MSEL cursor costs one render of the inject, not a layout of the screen.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable

from rich.console import RenderableType
from rich.segment import Segment
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

RENDERED_KEPT = 64
"""How many rendered contents a pane keeps (MSEL browsing goes back and forth)."""


def set_virtual_size(view: ScrollView, size: Size) -> None:
    """Give a line-API view a new virtual size without a layout of the whole screen.

    Assigning `virtual_size` asks Textual for a full layout, which the screen runs a
    frame or more later: tens of milliseconds per keypress. The view's own region does
    not change, so updating its scrollbars is enough; if one must appear or vanish,
    that reactive asks for the layout itself."""
    if size != view.virtual_size:
        view.set_reactive(ScrollView.virtual_size, size)
        view._scroll_update(size)


class TextPane(ScrollView, can_focus=True):
    """Shows one Rich renderable, wrapped to the pane's width, scrollable."""

    DEFAULT_CSS = """
    TextPane {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
    }
    """

    def __init__(self, content: RenderableType = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._content: RenderableType = content
        self._content_key: Hashable = None
        self._lines: list[Strip] = []
        self._rendered_width = -1
        self._rendered: OrderedDict[tuple[Hashable, int], list[Strip]] = OrderedDict()

    @property
    def content(self) -> RenderableType:
        return self._content

    @property
    def lines(self) -> list[Strip]:
        """The rendered lines (for tests: what the pane shows, scrolled or not)."""
        self._render_content()
        return self._lines

    @property
    def shown_key(self) -> Hashable:
        """The key the content shown was given with (None: none)."""
        return self._content_key

    def update(self, content: RenderableType, key: Hashable = None) -> None:
        """Show `content` from its first line. Content given with a `key` is rendered
        once per width and kept (the last few), so showing it again costs nothing."""
        self._content = content
        self._content_key = key
        self._rendered_width = -1
        self._render_content()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def _on_resize(self, event: events.Resize) -> None:
        self._render_content()
        self.refresh()

    def prerender(self, content: RenderableType, key: Hashable) -> None:
        """Render `content` for `key` at the pane's width and keep it, without showing it:
        done in idle time for what is likely shown next (the MSEL's neighbouring rows), so
        that showing it costs no render when the key comes."""
        width = self.scrollable_content_region.width
        if width > 0 and (key, width) not in self._rendered:
            self._keep((key, width), self._rendered_lines(content, width))

    def kept_keys(self) -> list[Hashable]:
        """The keys of the contents kept rendered, oldest first."""
        return [key for key, _ in self._rendered]

    def is_rendered(self, key: Hashable) -> bool:
        """Whether content given with `key` is kept rendered at the pane's width."""
        return (key, self.scrollable_content_region.width) in self._rendered

    def _render_content(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._rendered_width:
            return
        cached = self._rendered.get((self._content_key, width))
        if self._content_key is not None and cached is not None:
            self._rendered.move_to_end((self._content_key, width))
            self._lines = cached
        else:
            self._lines = self._rendered_lines(self._content, width)
            if self._content_key is not None:
                self._keep((self._content_key, width), self._lines)
        self._rendered_width = width
        set_virtual_size(self, Size(width, len(self._lines)))

    def _rendered_lines(self, content: RenderableType, width: int) -> list[Strip]:
        console = self.app.console
        options = console.options.update(width=width, min_width=width, height=None,
                                         highlight=False)
        rendered = console.render_lines(content, options, pad=True)
        return [Strip(Segment.simplify(line), width) for line in rendered]

    def _keep(self, key: tuple[Hashable, int], lines: list[Strip]) -> None:
        self._rendered[key] = lines
        if len(self._rendered) > RENDERED_KEPT:
            self._rendered.popitem(last=False)

    def render_line(self, y: int) -> Strip:
        self._render_content()
        index = round(self.scroll_y) + y
        width = self.scrollable_content_region.width
        if 0 <= index < len(self._lines):
            return self._lines[index].apply_style(self.rich_style)
        return Strip.blank(width, self.rich_style)
