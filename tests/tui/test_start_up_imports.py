"""What a seat's start-up leaves out: once the console, a delegation's console or the
room display is up, no report, spreadsheet, database-server or authoring library has
been imported. A guard on start-up cost that asserts no time (bench/ measures that)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.tui.conftest import J_ALERT, JCS
from ttx.session.session import Session

NEVER_AT_START_UP = ("weasyprint", "matplotlib", "openpyxl", "psycopg", "jinja2", "yaml",
                     "ttx.report", "ttx.msel", "ttx.authoring", "ttx.docs", "ttx.rendering",
                     "ttx.tui.forms")
"""Modules (and their submodules) no seat needs to show a session (a form is imported
when it is first opened)."""
NOT_FOR_PLAIN_BODIES = ("rich.markdown", "markdown_it", "pygments", "textual.widgets._markdown")
"""What a seat leaves out while the injects it shows are plain paragraphs
(`ttx.tui.widgets.markdown_body`, which the room display draws with too)."""

UP_AND_LOADED = """
import asyncio, sys
from pathlib import Path
from ttx.session.seats import DISPLAY, Seat
from ttx.session.session import Session
from ttx.tui.app import ConsoleApp, DisplayApp

async def main(path, seat):
    if seat == "display":
        app = DisplayApp(Session.open(path, seat=DISPLAY), poll=False)
        working = lambda: app.screen is app.display_screen
    else:
        chosen = Seat.player("JPN") if seat == "player" else Seat.parse(seat)
        app = ConsoleApp(lambda: Session.open(path, seat=chosen), seat=chosen, poll=False)
        working = lambda: app.is_open and app.screen is app.console_screen
    async with app.run_test(size=(120, 40)) as pilot:
        while not working():
            await pilot.pause(0.05)
        await pilot.pause()  # the screen's on_mount has filled it
        never = sys.argv[3].split(",")
        print(sorted(m for m in sys.modules if any(m == n or m.startswith(n + ".")
                                                   for n in never)))
        app.session.close()

asyncio.run(main(Path(sys.argv[1]), sys.argv[2]))
"""


@pytest.mark.parametrize("seat", ["facilitator", "player", "display"])
def test_a_seat_comes_up_without_the_heavy_libraries(session: Session, seat: str) -> None:
    session.deliver(JCS)
    session.deliver(J_ALERT)  # the one the player seat (JPN) is sent
    never = NEVER_AT_START_UP + NOT_FOR_PLAIN_BODIES
    result = subprocess.run(
        [sys.executable, "-c", UP_AND_LOADED, str(session.journal.location), seat,
         ",".join(never)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"
