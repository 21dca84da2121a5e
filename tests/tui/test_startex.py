"""STARTEX in the console (issue 21, point 5): a session the console opens for a new
exercise waits, ready, until the facilitator presses x; the displays and the other seats
say so; the session layer refuses what waits, and the journal stays unchanged."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.tui.conftest import (
    JCS,
    console,
    display,
    journal_events,
    screen_text,
    wait_until,
)
from ttx.model.resolved import ResolvedScenario
from ttx.session.events import EventType
from ttx.session.seats import EVALUATOR
from ttx.session.session import Session
from ttx.tui.forms.confirm import ConfirmScreen
from ttx.tui.keymap import keys_for
from ttx.tui.widgets.log_table import LogTable

SIZE = (120, 40)


@pytest.fixture
def ready(resolved: ResolvedScenario, tmp_path: Path) -> Iterator[Session]:
    with Session.start(resolved, tmp_path / "ready.ttx", ready=True) as started:
        yield started


def notes(app: object) -> str:
    return " ".join(n.message for n in app._notifications)  # type: ignore[attr-defined]


def types_on_disk(session: Session) -> list[EventType]:
    return [event.type for event in journal_events(session.journal.location)]


def footer(app: object) -> str:
    return str(app.screen.query_one("#keys", Static).render())  # type: ignore[attr-defined]


def header(app: object) -> str:
    return str(app.screen.query_one("#clocks", Static).render())  # type: ignore[attr-defined]


async def test_a_ready_console_offers_startex_and_keeps_the_clock_still(
        ready: Session) -> None:
    app = console(ready)
    async with app.run_test(size=SIZE):
        clocks = header(app)
        assert "READY — press x for STARTEX" in clocks
        assert "playing 0:00:00" in clocks  # the fixed wall clock is 12:34 on: it waits
        keys = footer(app)
        assert "x STARTEX" in keys
        assert "n next" not in keys and "a module" not in keys and "pause" not in keys
        assert "e amend" not in keys  # nothing to amend at the start


async def test_x_calls_startex_and_play_opens(ready: Session) -> None:
    app = console(ready)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert "RUNNING" in header(app) and "READY" not in header(app)
        assert "playing 0:12:34" not in header(app)  # counts from STARTEX, not the start
        assert "x STARTEX" not in footer(app) and "n next" in footer(app)
        log = app.screen.query_one(LogTable)
        startex_seq = ready.state.startex.seq if ready.state.startex else -1
        assert str(log.get_cell(str(startex_seq), "entry")) == "STARTEX"
        await pilot.press("n")
        await pilot.pause()
    assert types_on_disk(ready) == [EventType.session_started, EventType.module_started,
                                    EventType.exercise_started, EventType.inject_delivered]


async def test_next_while_ready_asks_for_startex_first(ready: Session) -> None:
    app = console(ready)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, ConfirmScreen)
        assert "STARTEX now?" in screen_text(app)
        await pilot.press("n")  # not now: nothing is written
        await pilot.pause()
        assert types_on_disk(ready) == [EventType.session_started, EventType.module_started]
        await pilot.press("n")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert ready.state.delivery_of(JCS) is not None
    assert types_on_disk(ready)[2:] == [EventType.exercise_started,
                                        EventType.inject_delivered]


async def test_a_refusal_of_the_session_layer_leaves_the_journal_unchanged(
        ready: Session) -> None:
    app = console(ready)  # not polling: it has not seen the other console's STARTEX
    async with app.run_test(size=SIZE) as pilot:
        with Session.open(ready.journal.location) as other:
            other.startex()
        before = types_on_disk(ready)
        await pilot.press("x")
        await pilot.pause()
        assert "STARTEX was called at #3 already" in notes(app)
        assert types_on_disk(ready) == before
        assert "RUNNING" in header(app)  # the write caught up with the journal


async def test_an_evaluator_waits_for_the_facilitator(ready: Session) -> None:
    with Session.open(ready.journal.location, seat=EVALUATOR) as evaluating:
        app = console(evaluating, EVALUATOR)
        async with app.run_test(size=SIZE) as pilot:
            assert "READY — waiting for STARTEX" in header(app)
            assert "x STARTEX" not in footer(app)
            await pilot.press("x", "m")
            await pilot.pause()
            assert not isinstance(app.screen, ConfirmScreen)
            assert "waits for the facilitator's STARTEX" in notes(app)
    assert types_on_disk(ready) == [EventType.session_started, EventType.module_started]


async def test_startex_is_in_the_palette_and_help(ready: Session) -> None:
    from rich.console import Console

    from ttx.session.seats import FACILITATOR
    from ttx.tui.commands import ConsoleCommands
    from ttx.tui.screens.help import help_table

    app = console(ready)
    async with app.run_test(size=SIZE):
        provider = ConsoleCommands(app.screen)
        commands = [hit.text async for hit in provider.discover()]
    assert "session: STARTEX — start play" in commands
    recorder = Console(width=120, record=True, file=io.StringIO())
    recorder.print(help_table(FACILITATOR, 120))
    helped = " ".join(recorder.export_text().split())
    assert "session: STARTEX — start play" in helped
    assert "the playing clock counts from now" in helped
    assert "STARTEX" not in " ".join(key.command for key in keys_for(EVALUATOR))


async def test_the_room_display_says_it_waits_for_startex(ready: Session) -> None:
    app = display(ready, poll=True)
    async with app.run_test(size=SIZE) as pilot:
        status = app.display_screen.query_one("#display-status", Static)
        title = app.display_screen.query_one("#display-title", Static)
        assert "READY — waiting for STARTEX" in str(status.render())
        assert ready.snapshot.scenario.title in str(title.render())  # the road to crisis
        with Session.open(ready.journal.location) as other:
            other.startex()
        await wait_until(lambda: "READY" not in str(status.render()), pilot)


async def test_a_delegation_seat_shows_the_ready_state(ready: Session) -> None:
    from ttx.session.seats import Seat
    from ttx.tui.app import ConsoleApp

    with Session.open(ready.journal.location, seat=Seat.player("JPN")) as playing:
        started = ready.state.started_at_wall
        assert started is not None
        app = ConsoleApp(playing, seat=Seat.player("JPN"),
                         clock=lambda: started + timedelta(minutes=3), poll=False)
        async with app.run_test(size=SIZE) as pilot:
            assert "READY — waiting for STARTEX" in header(app)
            assert "m move" not in footer(app) and "s send" not in footer(app)
            await pilot.press("m")
            await pilot.pause()
            assert app.screen is app.console_screen  # no form to fill in vain
            assert "waits for the facilitator's STARTEX" in notes(app)
