"""SVG snapshots of the console, the move form and the display at 80×24 and 120×40.

Deterministic: a fixed scenario, a fixed wall clock, the session file at a fixed name
in a tmp dir (the header shows only its name), no polling, no blinking cursor.
Review changes in snapshot_report.html before `pytest tests/tui --snapshot-update`.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.tui.conftest import DECISION, J_ALERT, JCS, console, display
from ttx.session.actions import Session

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


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


async def _steady(pilot: Pilot[Any]) -> None:
    for text_input in pilot.app.screen.query(Input):
        text_input.cursor_blink = False
    await pilot.pause()


async def _open_move_form(pilot: Pilot[Any]) -> None:
    await pilot.press("m")
    await _steady(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_console(snap_compare: Any, session: Session, size: tuple[int, int]) -> None:
    assert snap_compare(console(played(session)), terminal_size=size, run_before=_steady)


@pytest.mark.parametrize("size", SIZES)
def test_move_form(snap_compare: Any, session: Session, size: tuple[int, int]) -> None:
    played(session).deliver(DECISION)
    assert snap_compare(console(session), terminal_size=size, run_before=_open_move_form)


@pytest.mark.parametrize("size", SIZES)
def test_display(snap_compare: Any, session: Session, size: tuple[int, int]) -> None:
    assert snap_compare(display(played(session)), terminal_size=size, run_before=_steady)
