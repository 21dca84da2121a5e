"""SVG snapshots of the console, its forms, the help screen and the display, at 80×24
and 120×40 (and the console at 200 columns).

Deterministic: a fixed scenario (Hangul and Kanji in titles and moves, to show the
columns stay aligned), a fixed wall clock, the session file at a fixed name in a tmp
dir (the header shows only its name), no polling, no blinking cursor. Review changes
in snapshot_report.html before `pytest tests/tui --snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import (
    DECISION,
    J_ALERT,
    JCS,
    SIZES,
    console,
    display,
    player,
    steady,
)
from ttx.model.resolved import ResolvedScenario
from ttx.session.session import Session


def played(session: Session) -> Session:
    """A session some way into module 1: two injects out, a move, an observation, a note."""
    session.deliver(JCS)
    session.deliver(J_ALERT)
    session.record_move("ROK", "communication", "합참 전화: track passed to 統合幕僚監部",
                        to=["JPN"], inject=JCS)
    session.record_observation("OBJ-1", "strength", "Track passed within 6 minutes",
                               rating="P")
    session.add_note("JPN asked for a pause to consult Tokyo")
    return session


def pressing(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Press `keys`, then hold the screen still for the snapshot."""
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press(*keys)
        await steady(pilot)
    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_console(snap_compare: Any, session: Session, size: tuple[int, int]) -> None:
    assert snap_compare(console(played(session)), terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES)
def test_console_ready_for_startex(snap_compare: Any, resolved: ResolvedScenario,
                                   tmp_path: Path, size: tuple[int, int]) -> None:
    """A new exercise waits for the facilitator's STARTEX: READY in the header, x in
    the footer, the clocks still."""
    with Session.start(resolved, tmp_path / "demo.ttx", ready=True) as ready:
        assert snap_compare(console(ready), terminal_size=size, run_before=steady)


def test_console_paused_at_200_columns(snap_compare: Any, session: Session) -> None:
    played(session).pause()
    assert snap_compare(console(session), terminal_size=(200, 50), run_before=steady)


@pytest.mark.parametrize("size", SIZES)
def test_move_form(snap_compare: Any, session: Session, size: tuple[int, int]) -> None:
    played(session).deliver(DECISION)
    # JPN ticked as a recipient: ✓ against a blank box, not only a colour
    assert snap_compare(console(session), terminal_size=size,
                        run_before=pressing("m", "tab", "tab", "down", "space"))


FORMS = [
    pytest.param(("o",), id="observation"),
    pytest.param(("i",), id="improvement"),
    pytest.param(("tab", "tab", "e"), id="amend"),
    pytest.param(("c",), id="contingency"),
    pytest.param(("f1",), id="help"),
]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("keys", FORMS)
def test_form(snap_compare: Any, session: Session, keys: tuple[str, ...],
              size: tuple[int, int]) -> None:
    assert snap_compare(console(played(session)), terminal_size=size,
                        run_before=pressing(*keys))


@pytest.mark.parametrize("size", SIZES)
def test_display(snap_compare: Any, session: Session, size: tuple[int, int]) -> None:
    assert snap_compare(display(played(session)), terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES)
def test_display_for_a_role(snap_compare: Any, session: Session,
                            size: tuple[int, int]) -> None:
    played(session).deliver(DECISION)
    assert snap_compare(display(session, "JPN"), terminal_size=size, run_before=steady)


def _japan(session: Session) -> Any:
    played(session)
    session.deliver(DECISION)
    with Session.open(session.journal.location, seat="player:JPN") as japan:
        japan.acknowledge(J_ALERT)
        japan.record_move("JPN", "communication", "防衛省: track received, thank you",
                          to=["ROK"], inject=DECISION)
    session.announce("Ten minutes left in this module")
    return player(session, "JPN")


@pytest.mark.parametrize("size", SIZES)
def test_player_console(snap_compare: Any, session: Session, size: tuple[int, int]) -> None:
    assert snap_compare(_japan(session), terminal_size=size, run_before=steady)


def test_player_message_form(snap_compare: Any, session: Session) -> None:
    assert snap_compare(_japan(session), terminal_size=(120, 40), run_before=pressing("s"))
