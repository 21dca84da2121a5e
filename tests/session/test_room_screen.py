"""`screen_shown`: the facilitator's choice of what the room display shows is journalled,
folded (the latest stands), checked, and read back from the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.session.conftest import DECISION, FIRST
from ttx.errors import TtxError
from ttx.model.resolved import ResolvedScenario
from ttx.session.events import ScreenShow
from ttx.session.session import Session


def test_the_latest_choice_stands_and_survives_a_reopen(resolved: ResolvedScenario,
                                                        tmp_path: Path) -> None:
    location = tmp_path / "screen.ttx"
    with Session.start(resolved, location) as session:
        assert session.state.screen is None
        session.show_on_screen("summary")
        event = session.show_on_screen("hold", "  Break — back at 10:40  ")
        assert event.as_json()["payload"] == {"show": "hold", "text": "Break — back at 10:40"}
        session.deliver(FIRST)
    with Session.open(location, read_only=True) as reopened:
        screen = reopened.state.screen
        assert screen is not None
        assert (screen.seq, screen.show, screen.text) == (event.seq, ScreenShow.hold,
                                                          "Break — back at 10:40")


def test_a_live_choice_carries_no_text(resolved: ResolvedScenario, tmp_path: Path) -> None:
    with Session.start(resolved, tmp_path / "s.ttx") as session:
        event = session.show_on_screen("live", "ignored")
        assert event.as_json()["payload"] == {"show": "live"}


@pytest.mark.parametrize(("show", "text", "message"), [
    ("hold", "  ", "a hold slide's text cannot be empty"),
    ("slides", "", "'slides' is not a screen.*; choose live, summary, situation, hold"),
])
def test_refusals_write_nothing(resolved: ResolvedScenario, tmp_path: Path, show: str,
                                text: str, message: str) -> None:
    with Session.start(resolved, tmp_path / "s.ttx") as session:
        before = session.journal.last_seq()
        with pytest.raises(TtxError, match=message):
            session.show_on_screen(show, text)
        assert session.journal.last_seq() == before


def test_only_the_facilitator_chooses(resolved: ResolvedScenario, tmp_path: Path) -> None:
    location = tmp_path / "s.ttx"
    Session.start(resolved, location).close()
    with Session.open(location, seat="evaluator:Kim") as session, \
            pytest.raises(TtxError, match="evaluator"):
        session.show_on_screen("summary")


def test_a_delivery_may_keep_the_clock(resolved: ResolvedScenario, tmp_path: Path) -> None:
    """`keep_clock`: the inject goes out at the game time the clock reads (issue 21)."""
    location = tmp_path / "clock.ttx"
    with Session.start(resolved, location) as session:
        start = session.state.game_time
        assert session.clock_after_delivering(DECISION) > start
        event = session.deliver(DECISION, keep_clock=True)
        assert event.as_json()["payload"]["keep_clock"] is True
        assert event.at_game == start == session.state.game_time
    with Session.open(location, read_only=True) as reopened:
        assert reopened.state.game_time == start
