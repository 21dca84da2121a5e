"""`RowsCompositor`: a screen update paints the rows it changes, not every widget whole.

Textual's partial update (a clock's line, a new inbox row) asks every widget whose
container overlaps the changed rows for all of its lines, and then writes only the
changed rows: a header clock ticking once a second had a delegation's console go
through its forty rows of ten widgets each second, and thirty seats on one host do it
at once. This compositor asks each widget for the changed rows only (the band from
the first changed row to the last), as Textual already does for a widget partly
scrolled out of view; a widget's lines outside the band stay as they were, and so do
their marks of what needs drawing again. Full updates (a layout, a resize) are
Textual's own.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget


class RowsCompositor(Compositor):
    """A compositor whose partial updates paint the changed band of rows only."""

    def __init__(self) -> None:
        super().__init__()
        self._band: tuple[int, int] | None = None
        """(first row, row after the last) of the partial update being painted."""

    def render_partial_update(self) -> ChopsUpdate | None:
        if not self._dirty_regions:
            return super().render_partial_update()
        changed = Region.from_union(list(self._dirty_regions))
        self._band = (changed.y, changed.bottom)
        try:
            return super().render_partial_update()
        finally:
            self._band = None

    def _get_renders(self, crop: Region | None = None
                     ) -> Iterable[tuple[Region, Region, list[Strip]]]:
        if self._band is None:
            return super()._get_renders(crop)
        top, bottom = self._band
        visible = self.visible_widgets
        banded: dict[Widget, tuple[Region, Region]] = {}
        for widget, (region, clip) in visible.items():
            first, last = max(clip.y, top), min(clip.bottom, bottom)
            if last > first:  # the clip cut to the band: the widget renders those rows
                banded[widget] = (region, Region(clip.x, first, clip.width, last - first))
        self._visible_widgets = banded
        try:
            return list(super()._get_renders(crop))  # rendered while the band is set
        finally:
            self._visible_widgets = visible


def rows_compositor() -> Compositor | None:
    """A `RowsCompositor`, or None when this Textual's compositor is not the one it was
    written against (it overrides private parts of Textual 8's): the screen then keeps
    Textual's own, which paints the same, only with more work."""
    try:
        compositor = RowsCompositor()
    except Exception:  # any change of Textual's constructor
        return None
    expected = all(callable(getattr(Compositor, name, None))
                   for name in ("render_partial_update", "_get_renders"))
    parts = ("_dirty_regions", "_visible_widgets")
    return compositor if expected and all(hasattr(compositor, name) for name in parts) \
        else None
