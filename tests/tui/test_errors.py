"""What goes wrong during a live exercise is a notification, never a traceback, and the
journal is left as it was: a refused action, a locked, broken, deleted or replaced file."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Input

from tests.tui.conftest import JCS, console, journal_events, wait_until
from ttx.session.events import InjectDelivered
from ttx.session.session import Session
from ttx.session.sqlite_journal import SqliteJournal
from ttx.tui.app import POLL_SECONDS
from ttx.tui.forms.note import NoteForm
from ttx.tui.widgets.header import ConsoleHeader

SIZE = (120, 40)


def messages(app: App[Any]) -> list[str]:
    return [n.message for n in app._notifications]


def header_text(app: App[Any]) -> str:
    return str(app.screen.query_one(ConsoleHeader).query_one("#clocks").render())


async def test_a_locked_file_is_a_notification(session: Session) -> None:
    # another writer holds the lock; a short wait so the test does not sit out 10 s
    journal = session.journal
    assert isinstance(journal, SqliteJournal)
    journal._connection.execute("PRAGMA busy_timeout = 50")
    holder = sqlite3.connect(session.journal.location, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    app = console(session)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n")
            await pilot.pause()
            assert any("busy" in message for message in messages(app))
            assert app.is_running
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert len(journal_events(session.journal.location)) == 2


async def test_a_failing_disk_is_a_notification(session: Session,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(session, "deliver", broken)
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert any("disk I/O error" in message for message in messages(app))
        assert app.is_running


async def test_a_deleted_file_stops_writes_and_says_so(session: Session) -> None:
    path = Path(session.journal.location)
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        path.rename(path.with_suffix(".moved"))
        await pilot.press("n", "t", *"lost?", "enter")
        await pilot.pause()
        assert isinstance(app.screen, NoteForm)  # still open, with the reason, text kept
        assert "deleted or moved" in str(app.screen.query_one(".form-problem").render())
        assert app.screen.query_one("#note-text", Input).value == "lost?"
        await pilot.press("escape")
        assert sum("deleted or moved" in message for message in messages(app)) == 1
        assert "NOT SAVING" in header_text(app)
        assert app.is_running
    assert session.state.last_seq == 2  # nothing was written to the file that went away


async def test_a_replaced_file_stops_writes(session: Session, tmp_path: Path) -> None:
    path = Path(session.journal.location)
    app = console(session)
    async with app.run_test(size=SIZE) as pilot:
        replacement = tmp_path / "other.ttx"
        with Session.start(session.snapshot, replacement):
            pass
        replacement.replace(path)
        await pilot.press("n")
        await pilot.pause()
        assert any("replaced by another file" in message for message in messages(app))
    assert session.state.last_seq == 2


async def test_a_file_problem_is_said_once_not_at_every_poll(session: Session) -> None:
    path = Path(session.journal.location)
    app = console(session, poll=True)
    async with app.run_test(size=SIZE) as pilot:
        path.rename(path.with_suffix(".moved"))
        await wait_until(lambda: app.problem is not None, pilot)
        await pilot.pause(POLL_SECONDS * 4)
        assert sum("deleted or moved" in message for message in messages(app)) == 1
        path.with_suffix(".moved").rename(path)
        await wait_until(lambda: app.problem is None, pilot)
        assert any("back" in message for message in messages(app))
        await pilot.press("n")
        await pilot.pause()
    delivered = journal_events(path)[-1].payload
    assert isinstance(delivered, InjectDelivered) and delivered.inject == JCS


async def test_polling_follows_others_at_least_twice_a_second(session: Session) -> None:
    app = console(session, poll=True)
    async with app.run_test(size=SIZE):
        timers = [timer for timer in app._timers if timer.name == "follow-session"]
        assert len(timers) == 1
        assert timers[0]._interval <= 0.5
