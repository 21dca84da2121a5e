"""A console on a session on PostgreSQL: another seat's entry arrives by push; when the
server stops it says NOT SAVING, refuses a note keeping what was typed, and once the
server is back it writes and follows again by itself."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from textual.widgets import Input

from tests.session.pg_cluster import Cluster
from ttx.model.resolved import ResolvedScenario
from ttx.session.session import Session
from ttx.tui.app import ConsoleApp
from ttx.tui.forms.note import NoteForm
from ttx.tui.widgets.header import ConsoleHeader

PATIENCE = 60.0


async def _until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + PATIENCE
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        await asyncio.sleep(0.05)


def _header(app: ConsoleApp) -> str:
    return str(app.screen.query_one(ConsoleHeader).query_one("#clocks").render())


async def test_a_console_on_a_server_follows_and_says_when_it_is_not_saving(
        own_pg_cluster: Cluster, resolved: ResolvedScenario) -> None:
    cluster = own_pg_cluster
    url = cluster.url(session="console")
    Session.start(resolved, url).close()
    session = Session.open(url)
    app = ConsoleApp(session)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await _until(lambda: app.shown_seq == 2, "the console is up")
            with Session.open(url, seat="evaluator:Kim") as seoul:
                seoul.add_note("from Seoul")
            await _until(lambda: app.shown_seq == 3, "the other seat's entry arrived")
            assert session.state.notes[-1].text == "from Seoul"

            cluster.stop("fast")
            await _until(lambda: "NOT SAVING" in _header(app), "the header says so")
            assert "cannot reach the PostgreSQL server" in str(app.problem)
            await pilot.press("t", *"typed during the outage", "enter")
            await pilot.pause()
            assert isinstance(app.screen, NoteForm), "the form stays open"
            assert "cannot reach the PostgreSQL server" in str(
                app.screen.query_one(".form-problem").render())
            assert app.screen.query_one("#note-text", Input).value == \
                "typed during the outage"

            cluster.start()
            await _until(lambda: app.problem is None, "the console reconnected")
            await pilot.press("enter")  # the same form, sent again
            await _until(lambda: app.shown_seq == 4, "the note was written")
            with Session.open(url, seat="evaluator:Kim") as tokyo:
                tokyo.add_note("from Tokyo")
            await _until(lambda: app.shown_seq == 5, "following again")
            await _until(lambda: "NOT SAVING" not in _header(app), "the header is clear")
    finally:
        session.close()
    assert [note.text for note in Session.open(url).state.notes] == [
        "from Seoul", "typed during the outage", "from Tokyo"]
