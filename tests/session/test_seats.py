"""Every seat against every verb, in the session layer: allowed, or refused in one line
with the journal unchanged."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.session.conftest import DECISION, FIRST, PRESS, Backend
from ttx.errors import TtxError
from ttx.model.resolved import ResolvedScenario
from ttx.session.events import AFTER_ENDEX, MoveRecorded
from ttx.session.seats import AFTER_ENDEX_VERBS, VERB_EVENTS, Seat, SeatKind, Verb
from ttx.session.session import Session

Act = Callable[[Session], object]

VERBS: dict[str, Act] = {
    "deliver": lambda s: s.deliver(FIRST),
    "skip": lambda s: s.skip(PRESS),
    "module": lambda s: s.start_module(),
    "pause": lambda s: s.pause(),
    "clock": lambda s: s.set_clock(s.snapshot.scenario.start),
    "announce": lambda s: s.announce("Ten minutes left"),
    "screen": lambda s: s.show_on_screen("hold", "Break — back at 10:40"),
    "end": lambda s: s.end(),
    "move US": lambda s: s.record_move("US", "decision", "Share the track"),
    "move ROK": lambda s: s.record_move("ROK", "statement", "We agree"),
    "observe": lambda s: s.record_observation("OBJ-1", "strength", "Fast"),
    "note": lambda s: s.add_note("coffee"),
    "improve": lambda s: s.add_improvement("no channel", "build one"),
    "summary": lambda s: s.write_summary("overview", "It went well"),
    "rating": lambda s: s.give_rating("OBJ-1", "S", "Slow relay"),
    "feedback US": lambda s: s.submit_feedback("US", {"design": 4}),
}

ALLOWED = {
    "facilitator": set(VERBS),
    "evaluator:Kim": {"move US", "move ROK", "observe", "note", "improve", "summary",
                      "rating"},
    "player:US": {"move US", "feedback US"},
    "display": set(),
}


@pytest.fixture
def path(resolved: ResolvedScenario, backend: Backend) -> str | Path:
    location = backend.location("seats")
    with Session.start(resolved, location) as session:
        session.deliver(DECISION)
    return location


@pytest.mark.parametrize("seat", sorted(ALLOWED))
@pytest.mark.parametrize("verb", sorted(VERBS))
def test_each_seat_may_do_what_it_may_and_nothing_else(path: str | Path, seat: str,
                                                       verb: str) -> None:
    with Session.open(path, seat=seat) as session:
        before = session.journal.last_seq()
        if verb in ALLOWED[seat]:
            event = VERBS[verb](session)
            assert session.journal.last_seq() == before + 1
            assert session.journal.events(before)[0].seat == seat
            assert event is not None
        else:
            with pytest.raises(TtxError) as refused:
                VERBS[verb](session)
            assert "\n" not in refused.value.message
            assert session.journal.last_seq() == before


def test_seats_parse_and_print_as_the_journal_writes_them() -> None:
    assert str(Seat.parse("player:JPN")) == "player:JPN"
    assert Seat.parse("evaluator:Kim Ji-woo").name == "Kim Ji-woo"
    assert Seat.parse("cli").kind is SeatKind.facilitator  # earlier files
    for bad in ("king", "player", "player:", "facilitator:Bob", "display:x"):
        with pytest.raises(TtxError):
            Seat.parse(bad)
    assert not Seat.parse("display").may(Verb.note)


def test_a_player_seat_of_an_unknown_role_is_refused(path: str | Path) -> None:
    with pytest.raises(TtxError, match=r"no role 'KOR'.*ROK"):
        Session.open(path, seat="player:KOR")


def test_corrections_stay_with_the_seat_that_wrote(path: str | Path) -> None:
    with Session.open(path, seat="player:JPN") as japan:
        own = japan.record_move("JPN", "statement", "We share the track").seq
    with Session.open(path, seat="player:ROK") as korea, \
            pytest.raises(TtxError, match="only correct its own"):
        korea.amend(own, "changed")
    with Session.open(path, seat="evaluator:Kim") as kim:
        note = kim.add_note("slow").seq
        with pytest.raises(TtxError, match="only correct its own"):
            kim.retract(own)
    with Session.open(path, seat="evaluator:Lee") as lee, \
            pytest.raises(TtxError, match="only correct its own"):
        lee.amend(note, "fast")
    with Session.open(path, seat="player:JPN") as japan:
        japan.amend(own, "We share the track now")
    with Session.open(path) as facilitator:
        facilitator.retract(note)
        assert facilitator.state.retraction_of(note) is not None


def test_a_player_sees_and_answers_only_what_was_sent_to_it(path: str | Path) -> None:
    with Session.open(path) as facilitator:
        facilitator.deliver(FIRST)  # to ROK only
    with Session.open(path, seat="player:JPN") as japan:
        with pytest.raises(TtxError, match="was not sent to JPN"):
            japan.record_move("JPN", "statement", "x", inject=FIRST)
        with pytest.raises(TtxError, match="was not sent to JPN"):
            japan.acknowledge(FIRST)
        japan.acknowledge(DECISION)
        with pytest.raises(TtxError, match=r"acknowledged .* already"):
            japan.acknowledge(DECISION)
    with Session.open(path, seat="player:ROK") as korea:
        delivery = korea.state.delivery_of(FIRST)
        assert delivery is not None
        forward = korea.record_move("ROK", "communication", "FYI", to=["JPN"],
                                    relays=delivery.seq)
        assert isinstance(forward.payload, MoveRecorded)
        assert forward.payload.relays == delivery.seq
    with Session.open(path, seat="player:US") as united_states, \
            pytest.raises(TtxError, match="not a delivery or a message this seat received"):
        united_states.record_move("US", "communication", "FYI", to=["JPN"],
                                  relays=forward.seq)


def test_after_endex_play_is_closed_and_the_analysis_open(path: str | Path) -> None:
    with Session.open(path) as session:
        move = session.record_move("US", "decision", "Share").seq
        session.end()
        before = session.journal.last_seq()
        for refused in (lambda: session.deliver(FIRST), lambda: session.amend(move, "x"),
                        lambda: session.record_move("US", "action", "late"),
                        lambda: session.add_note("late")):
            with pytest.raises(TtxError, match="session ended at"):
                refused()
        assert session.journal.last_seq() == before
        session.give_rating("OBJ-1", "M", "Relay took too long")
        rating = session.give_rating("OBJ-1", "S", "On reflection, some challenges")
        session.write_summary("strengths", "Japan and the ROK talked directly")
        observation = session.record_observation("OBJ-2", "note", "after the hotwash")
        session.amend(observation.seq, "after the hotwash, confirmed")
        assert session.state.final_ratings["OBJ-1"].seq == rating.seq
        session.retract(rating.seq)
        assert str(session.state.final_ratings["OBJ-1"].rating) == "M"


VERB_OF = {"deliver": Verb.deliver, "skip": Verb.skip, "module": Verb.start_module,
           "pause": Verb.pause, "clock": Verb.set_clock, "announce": Verb.announce,
           "screen": Verb.show_screen, "end": Verb.end, "move US": Verb.move,
           "move ROK": Verb.move, "observe": Verb.observe, "note": Verb.note,
           "improve": Verb.improve, "summary": Verb.analyse, "rating": Verb.analyse,
           "feedback US": Verb.feedback}


def test_every_verb_says_which_events_it_appends() -> None:
    assert set(VERB_EVENTS) == set(Verb)
    assert set().union(*VERB_EVENTS.values()) >= AFTER_ENDEX
    after = {Verb.observe, Verb.improve, Verb.correct, Verb.analyse, Verb.feedback}
    assert after == AFTER_ENDEX_VERBS


@pytest.mark.parametrize("name", sorted(set(VERBS) - {"end"}))
def test_after_endex_verbs_are_what_an_ended_session_accepts(path: str | Path,
                                                              name: str) -> None:
    """The set the console derives its after-ENDEX keys from is the session's own rule."""
    with Session.open(path) as session:
        session.end()
        if VERB_OF[name] in AFTER_ENDEX_VERBS:
            VERBS[name](session)
            assert session.journal.events()[-1].type in VERB_EVENTS[VERB_OF[name]]
        else:
            before = session.journal.last_seq()
            with pytest.raises(TtxError):
                VERBS[name](session)
            assert session.journal.last_seq() == before
