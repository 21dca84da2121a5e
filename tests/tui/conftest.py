"""A fixed scenario (with Hangul and Kanji), sessions on it in a tmp dir, a fixed clock."""

from __future__ import annotations

import asyncio
import io
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input

from tests.tui.tmux import tmux  # noqa: F401  (the fixture, for the terminal tests)
from ttx.authoring.resolve import resolve_scenario
from ttx.model.resolved import ResolvedScenario
from ttx.session.events import Event
from ttx.session.seats import FACILITATOR, Seat
from ttx.session.session import Session
from ttx.session.sqlite_journal import SqliteJournal as Journal
from ttx.tui.app import ConsoleApp, DisplayApp

WORKSPACE = Path(__file__).parent / "workspace"
SCENARIO_ID = "tui-demo"
JCS = "tui-01-jcs-report"
J_ALERT = "tui-02-j-alert"
WHITE_TRUTH = "tui-03-white-truth"
DECISION = "tui-04-share-decision"
RELAY_LAG = "tui-05-relay-lag"
PRESS = "tui-06-press"
PLAYING_FOR = timedelta(minutes=12, seconds=34)
"""Playing time the fixed clock shows: wall time since the session's start."""


@pytest.fixture(scope="session")
def resolved() -> ResolvedScenario:
    return resolve_scenario(SCENARIO_ID, WORKSPACE)


@pytest.fixture
def session(resolved: ResolvedScenario, tmp_path: Path) -> Iterator[Session]:
    with Session.start(resolved, tmp_path / "demo.ttx") as started:
        yield started


def fixed_clock(session: Session) -> Callable[[], datetime]:
    """A wall clock stopped PLAYING_FOR after the session started."""
    started = session.state.started_at_wall
    assert started is not None
    return lambda: started + PLAYING_FOR


def console(session: Session, seat: Seat = FACILITATOR, *,
            poll: bool = False) -> ConsoleApp:
    """A console on `session`, with a fixed clock; polling only when a test follows."""
    return ConsoleApp(session, seat=seat, clock=fixed_clock(session), poll=poll)


def display(session: Session, role: str | None = None, *, poll: bool = False) -> DisplayApp:
    return DisplayApp(session, role=role, clock=fixed_clock(session), poll=poll)


def player(session: Session, role: str) -> ConsoleApp:
    """A delegation's console on `session`, through a connection of its own."""
    opened = Session.open(session.journal.location, seat=Seat.player(role))
    return ConsoleApp(opened, seat=Seat.player(role), clock=fixed_clock(session), poll=False)


SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
"""The terminal sizes every snapshot is taken at."""


async def steady(pilot: Pilot[Any]) -> None:
    """Hold the screen still for a snapshot: no blinking cursors."""
    for text_input in pilot.app.screen.query(Input):
        text_input.cursor_blink = False
    await pilot.pause()


def journal_events(path: str | Path) -> list[Event]:
    """Every event of the file, read through a fresh connection (what is on disk)."""
    with Journal.open(Path(path)) as journal:
        return journal.events()


async def wait_until(condition: Callable[[], bool], pilot: object, *,
                     deadline: float = 5.0) -> None:
    """Let the app run until `condition()` holds; fail after `deadline` seconds."""
    end = time.monotonic() + deadline
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("condition not met before the deadline")
        await asyncio.sleep(0.05)


def screen_text(app: App[None]) -> str:
    """The whole screen as a terminal would show it, as plain text (no styles)."""
    width, height = app.size
    recorder = Console(width=width, height=height, file=io.StringIO(), record=True,
                       force_terminal=True, color_system="truecolor", legacy_windows=False)
    recorder.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return recorder.export_text(styles=False)
