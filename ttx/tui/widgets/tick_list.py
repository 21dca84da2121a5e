"""A SelectionList whose boxes say ✓ when ticked: Textual's draws the same X in both
states and tells them apart by colour alone. (Its box is a toggle button's, whose
inner character every Checkbox shares.)"""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList

ValueT = TypeVar("ValueT")
TICKED = "✓"
UNTICKED = " "


class TickList(SelectionList[ValueT]):
    """Pick any number of values; each line shows ✓ or a blank box."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 2 or segments[1].text != Checkbox.BUTTON_INNER:
            return strip
        index = round(self.scroll_offset.y) + y
        if index >= self.option_count:
            return strip
        value = self.get_option_at_index(index).value
        mark = TICKED if value in self.selected else UNTICKED
        segments[1] = Segment(mark, segments[1].style, segments[1].control)
        return Strip(segments, strip.cell_length)
