"""Choices carry forward in play: a decision sets conditions, later injects are delivered
in the variant those conditions select (recorded with the delivery), a pick by a role
that does not decide is a recommendation, and a closed decision applies its default."""

from __future__ import annotations

from pathlib import Path

import pytest

from ttx.authoring.resolve import resolve_scenario
from ttx.errors import TtxError
from ttx.session.session import Session

ROOT = Path(__file__).resolve().parents[2]
ASW = "slbm-08-asw-picture"
KCNA = "slbm-06-kcna-underwater-launch"
SECOND_LAUNCH = "slbm-09b-second-launch"


def _play_until(session: Session, inject_id: str) -> None:
    """Start modules until the one that plays `inject_id`, then deliver it."""
    module = session.snapshot.module_of(inject_id)
    assert module is not None
    while module.id not in session.state.modules_started:
        session.start_module()
    session.deliver(inject_id)


def _kcna_after(tmp_path: Path, role: str, option: str | None) -> Session:
    resolved = resolve_scenario("slbm-launch", cwd=ROOT)
    session = Session.start(resolved, tmp_path / f"{role}-{option}.ttx")
    _play_until(session, ASW)
    if option is None:
        session.close_decision(ASW)
    else:
        session.record_move(role, "decision", "our call", inject=ASW, option=option)
    _play_until(session, KCNA)
    return session


def test_two_choices_deliver_two_texts_of_the_same_later_inject(tmp_path: Path) -> None:
    with _kcna_after(tmp_path, "US", "commit-ssn") as trailed, \
            _kcna_after(tmp_path, "US", "keep-ssn-separate") as separate:
        first, second = trailed.state.delivery_of(KCNA), separate.state.delivery_of(KCNA)
        assert first is not None and second is not None
        assert first.variant == "boat-was-trailed" and second.variant is None
        assert "us-ssn-committed" in trailed.state.conditions
        assert "us-ssn-committed" not in separate.state.conditions


def test_an_inject_whose_condition_fails_is_not_delivered(tmp_path: Path) -> None:
    resolved = resolve_scenario("slbm-launch", cwd=ROOT)
    with Session.start(resolved, tmp_path / "s.ttx") as session:
        _play_until(session, ASW)
        session.record_move("US", "decision", "trail it", inject=ASW, option="commit-ssn")
        before = session.journal.last_seq()
        with pytest.raises(TtxError, match="does not apply"):
            session.deliver(SECOND_LAUNCH)  # plays only when the boat was not trailed
        assert session.journal.last_seq() == before


def test_a_pick_by_a_role_that_does_not_decide_is_a_recommendation(tmp_path: Path) -> None:
    with _kcna_after(tmp_path, "JPN", "commit-ssn") as session:
        japan = next(move for move in session.state.moves if move.inject == ASW)
        assert japan.recommendation
        assert "us-ssn-committed" not in session.state.conditions
        delivery = session.state.delivery_of(KCNA)
        assert delivery is not None and delivery.variant is None


def test_a_closed_decision_applies_its_default_once(tmp_path: Path) -> None:
    with _kcna_after(tmp_path, "US", None) as session:
        assert session.state.closed_decisions[ASW][0] == "keep-ssn-separate"
        with pytest.raises(TtxError, match="closed already"):
            session.close_decision(ASW)
    with _kcna_after(tmp_path, "US", "commit-ssn") as decided, \
            pytest.raises(TtxError, match="was decided at"):
        decided.close_decision(ASW)


def test_a_player_seat_cannot_steer(tmp_path: Path) -> None:
    with _kcna_after(tmp_path, "US", "commit-ssn") as session:
        location = session.journal.location
    with Session.open(location, seat="player:US") as united_states:
        before = united_states.journal.last_seq()
        with pytest.raises(TtxError, match="cannot set a condition"):
            united_states.close_decision(ASW)
        assert united_states.journal.last_seq() == before
