"""The footer: one line of the keys that matter now, each clickable.

Textual's Footer rebuilds a widget per key whenever the focus or the bindings change
(two recompositions and a screen layout, ~100 ms with a long log on screen). This bar
is one line of text, rebuilt only when the hints or the width change.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from textual.content import Content
from textual.events import Click, Resize
from textual.widgets import Static

from ttx.tui.keymap import FOOTER_DROP_ORDER, KeyHint

PALETTE_HINT = ("ctrl+p", "^p", "palette")
SEPARATOR = "  "
PALETTE_FROM = 60
"""The palette hint stays down to this width (80 columns keep it, issue 21)."""


def hint_width(hint: KeyHint) -> int:
    return sum(cell_len(key.key_display or key.key) + 1 for key in hint.keys) \
        + cell_len(hint.label)


def fit_hints(hints: list[KeyHint], width: int) -> tuple[list[KeyHint], str]:
    """`hints` and the gap between them: two spaces if all fit so, else one, and without
    the least needed hints (FOOTER_DROP_ORDER) until they fit `width`."""
    def needed(kept: list[KeyHint], gap: str) -> int:
        return sum(map(hint_width, kept)) + len(gap) * (len(kept) - 1)

    if needed(hints, SEPARATOR) <= width:
        return hints, SEPARATOR
    kept = list(hints)
    for action in FOOTER_DROP_ORDER:
        if needed(kept, " ") <= width:
            break
        kept = [hint for hint in kept if hint.action != action]
    return kept, " "


class KeyBar(Static):
    """Shows `hints()`; call `refresh_hints()` when what they depend on changed."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 100%;
        background: $footer-background;
        color: $footer-description-foreground;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    def __init__(self, hints: Callable[[], list[KeyHint]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._hints = hints
        self._shown: Content | None = None
        self._asked: tuple[list[KeyHint], int] | None = None
        """The hints and width last drawn (the same again is not drawn again)."""
        self._targets: list[tuple[int, int, str]] = []
        """(first column, end column, action) of each hint shown, for clicks."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, lambda _: self.refresh_hints())
        self.refresh_hints()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self, event: Resize) -> None:
        self.refresh_hints()

    def refresh_hints(self) -> None:
        """Redraw if the keys that matter (or the room for them) changed."""
        width = self.content_region.width or self.app.size.width
        asked = (self._hints(), width)
        if asked == self._asked:
            return
        self._asked = asked
        palette = f"{PALETTE_HINT[1]} {PALETTE_HINT[2]}"
        show_palette = width >= PALETTE_FROM
        room = width - (len(palette) + len(SEPARATOR) if show_palette else 0)
        hints, gap = fit_hints(asked[0], room)
        content = Content.from_markup(gap.join(self._hint_markup(hint) for hint in hints))
        self._targets = []
        column = 0
        for hint in hints:
            namespace = "app" if hint.keys[0].group == "app" else "screen"
            self._targets.append((column, column + hint_width(hint),
                                  f"{namespace}.{hint.action}"))
            column += hint_width(hint) + len(gap)
        if show_palette:
            space = max(len(SEPARATOR), width - content.cell_length - len(palette))
            self._targets.append((content.cell_length + space, width, "app.command_palette"))
            content = content + Content(" " * space) + Content.from_markup(
                f"[bold $footer-key-foreground]{PALETTE_HINT[1]}[/] {PALETTE_HINT[2]}")
        if content != self._shown:
            self._shown = content
            self.update(content, layout=False)

    async def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for first, end, action in self._targets:
            if first <= offset.x < end:
                await self.run_action(action)
                return

    @staticmethod
    def _hint_markup(hint: KeyHint) -> str:
        keys = " ".join(f"[bold $footer-key-foreground]{key.key_display or key.key}[/]"
                        for key in hint.keys)
        return f"{keys} {hint.label}"
