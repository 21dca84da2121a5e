"""A screen update paints the rows it changed: the widgets elsewhere are not asked for
their lines, and the screen shows what a whole repaint shows."""

from __future__ import annotations

import pytest
from textual._compositor import Compositor
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Static

from tests.tui.conftest import console, display, player, screen_text
from ttx.session.session import Session
from ttx.tui.rows_compositor import RowsCompositor, rows_compositor


class TwoPanes(App[None]):
    CSS = "#top { height: 1; } #below { height: 1fr; border: round white; }"

    def compose(self) -> ComposeResult:
        yield Static("clock 0", id="top")
        yield Static("\n".join(f"line {n}" for n in range(30)), id="below")

    def on_mount(self) -> None:
        self.screen._compositor = RowsCompositor()
        self.screen.refresh(layout=True)


async def test_a_changed_row_is_painted_without_asking_the_widgets_elsewhere() -> None:
    app = TwoPanes()
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        below = app.query_one("#below", Static)
        asked: list[Region] = []
        render_lines = below.render_lines

        def counted(crop: Region) -> list[Strip]:
            asked.append(crop)
            return render_lines(crop)
        below.render_lines = counted  # type: ignore[method-assign]
        for second in range(1, 4):
            app.query_one("#top", Static).update(f"clock {second}", layout=False)
            await pilot.pause()
        assert asked == [], "the pane below the clock was not painted again"
        shown = screen_text(app)
        assert "clock 3" in shown and "line 5" in shown
        below.update("\n".join(f"row {n}" for n in range(30)), layout=False)
        await pilot.pause()
        assert asked, "a change in the pane paints the pane"
        assert "row 5" in screen_text(app) and "clock 3" in screen_text(app)


async def test_the_rows_painted_are_the_rows_a_whole_repaint_shows() -> None:
    app = TwoPanes()
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        top = app.query_one("#top", Static)
        top.update("clock 9", layout=False)
        compositor = app.screen._compositor
        compositor.update_widgets({top})
        update = compositor.render_partial_update()
        assert update is not None
        painted = [Strip.join(strip for strip in row.values() if strip is not None)
                   for row in update.chops]
        whole = compositor.render_strips()
        assert painted[0].text.startswith("clock 9")
        assert painted[0] == whole[0], "the same characters in the same styles"
        assert all(not row.text for row in painted[1:]), "no other row was painted"


async def test_every_seat_paints_changed_rows_only(session: Session) -> None:
    for app in (console(session), player(session, "JPN"), display(session)):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen._compositor, RowsCompositor), app


def test_a_textual_without_the_parts_it_overrides_keeps_its_own_compositor(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(rows_compositor(), RowsCompositor)
    monkeypatch.delattr(Compositor, "_get_renders")
    assert rows_compositor() is None
