"""The inject pane renders the MSEL's neighbouring injects while the console is idle, so
an arrow key shows one without rendering it, and what it shows is the same."""

from __future__ import annotations

from textual.strip import Strip

from tests.tui.conftest import console, wait_until
from ttx.session.session import Session
from ttx.tui.widgets.inject_view import InjectView
from ttx.tui.widgets.msel_table import MselTable

SIZE = (120, 40)


def kept_injects(view: InjectView) -> set[object]:
    return {key[0] for key in view.kept_keys() if isinstance(key, tuple)}


async def test_the_inject_below_the_cursor_is_rendered_before_the_key(session: Session) -> None:
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        msel = app.screen.query_one(MselTable)
        view = app.screen.query_one(InjectView)
        await wait_until(lambda: view.inject_id is not None, pilot)
        below = msel.key_at(msel.cursor_row + 1)
        await wait_until(lambda: below in kept_injects(view), pilot)
        rendered: list[object] = []
        render = view._rendered_lines

        def counted(content: object, width: int) -> list[Strip]:
            rendered.append(content)
            return render(content, width)  # type: ignore[arg-type]

        view._rendered_lines = counted  # type: ignore[method-assign]
        await pilot.press("down")
        assert view.inject_id == below
        assert all(content is not view.content for content in rendered)  # rendered ahead
        title = session.state.snapshot.inject(below).title  # type: ignore[union-attr]
        assert title in view.lines[0].text
        # and the one after it is rendered in turn
        await wait_until(lambda: msel.key_at(msel.cursor_row + 1) in kept_injects(view), pilot)


async def test_a_prepared_inject_shows_what_a_fresh_render_shows(session: Session) -> None:
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        msel = app.screen.query_one(MselTable)
        view = app.screen.query_one(InjectView)
        await wait_until(lambda: msel.key_at(msel.cursor_row + 1) in kept_injects(view), pilot)
        await pilot.press("down")
        prepared = [strip.text for strip in view.lines]
        view._rendered.clear()
        view.update(view.content, key=None)
        assert [strip.text for strip in view.lines] == prepared


async def test_another_seats_entry_leaves_the_inject_where_it_was_read(
        session: Session) -> None:
    app = console(session)
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.screen.query_one(InjectView)
        await wait_until(lambda: view.inject_id is not None, pilot)
        await wait_until(lambda: view.max_scroll_y > 1, pilot)
        view.scroll_to(y=2, animate=False, immediate=True)
        shown = view.inject_id
        with Session.open(session.journal.location, seat="cli") as other:
            other.add_note("the room is quiet")  # changes nothing the pane shows
        app.sync()
        await pilot.pause()
        assert view.inject_id == shown
        assert round(view.scroll_y) == 2, "still where the reader had scrolled to"
        assert shown is not None
        with Session.open(session.journal.location, seat="cli") as other:
            other.deliver(shown)  # its status changes: shown anew, from the top
        app.sync()
        await pilot.pause()
        assert round(view.scroll_y) == 0
        assert "delivered" in " ".join(strip.text for strip in view.lines).lower()
