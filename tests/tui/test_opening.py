"""`ttx run SESSION` paints a first frame at once and opens the journal behind it."""

from __future__ import annotations

import threading
from pathlib import Path

from tests.tui.conftest import JCS, fixed_clock, wait_until
from ttx.errors import TtxError
from ttx.session.session import Session
from ttx.tui.app import ConsoleApp
from ttx.tui.screens.opening import OpeningScreen
from ttx.tui.widgets.msel_table import MselTable

SIZE = (120, 40)


async def test_the_first_frame_comes_before_the_journal_is_read(session: Session) -> None:
    session.deliver(JCS)
    path = Path(session.journal.location)
    release = threading.Event()

    def open_slowly() -> Session:
        assert release.wait(10)
        return Session.open(path)

    app = ConsoleApp(open_slowly, clock=fixed_clock(session), poll=False,
                     opening=str(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OpeningScreen)
        assert path.name in str(app.screen.query_one("Static").render())
        await pilot.press("f1")  # help waits for the session; no crash
        release.set()
        await wait_until(lambda: app.is_open and app.screen is app.console_screen, pilot)
        table = app.screen.query_one(MselTable)
        # the screen is current before its on_mount has filled the MSEL
        await wait_until(lambda: JCS in table.inject_ids, pilot)
        assert str(table.get_cell(JCS, "status")) == "delivered"
        app.session.close()


async def test_a_session_that_cannot_be_opened_ends_the_app(session: Session) -> None:
    def refuse() -> Session:
        raise TtxError("no session file at nowhere.ttx")

    app = ConsoleApp(refuse, poll=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(lambda: not app.is_running, pilot)
    assert app.return_code == 1
    assert app.open_error is not None and "no session file" in app.open_error.message
