"""STARTEX as a moment the facilitator controls: a session that opens ready waits for it,
the session layer keeps its rules (facilitator only, once, never after ENDEX), and every
session without it (older files, `ttx session start` without `--ready`) plays as before."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.session.conftest import (
    DECISION,
    FIRST,
    SCENARIO_ID,
    CliResult,
    EventFactory,
    all_events,
)
from ttx.errors import TtxError
from ttx.model.resolved import ResolvedScenario
from ttx.report.build import build_report
from ttx.session.events import EventType
from ttx.session.fold import fold
from ttx.session.seats import Seat, Verb
from ttx.session.session import Session


@pytest.fixture
def ready(resolved: ResolvedScenario, tmp_path: Path) -> Iterator[Session]:
    with Session.start(resolved, tmp_path / "ready.ttx", ready=True) as started:
        yield started


def _stored_payloads(path: Path) -> list[tuple[str, dict[str, object]]]:
    raw = sqlite3.connect(path)
    try:
        rows = raw.execute("SELECT type, payload FROM events ORDER BY seq").fetchall()
    finally:
        raw.close()
    return [(kind, json.loads(payload)) for kind, payload in rows]


def test_a_ready_session_waits_with_the_clocks_at_the_start(ready: Session) -> None:
    state = ready.state
    assert state.ready and state.startex is None and state.startex_at_wall is None
    assert state.game_time == ready.snapshot.scenario.start
    started = state.started_at_wall
    assert started is not None
    assert state.playing_time(started + timedelta(hours=1)) == timedelta(0)
    assert _stored_payloads(Path(ready.name))[0][1]["ready"] is True


def test_startex_is_recorded_and_the_playing_clock_counts_from_it(ready: Session) -> None:
    event = ready.startex()
    assert event.type is EventType.exercise_started
    state = ready.state
    assert not state.ready
    assert state.startex is not None and state.startex.seq == event.seq
    assert state.startex_at_wall == event.at_wall
    assert event.at_game == ready.snapshot.scenario.start
    assert state.playing_time(event.at_wall + timedelta(minutes=5)) == timedelta(minutes=5)
    ready.deliver(FIRST)  # play is open now
    assert ready.state.delivery_of(FIRST) is not None


@pytest.mark.parametrize("verb", [
    lambda s: s.deliver(FIRST),
    lambda s: s.start_module(),
    lambda s: s.pause(),
    lambda s: s.set_clock(s.snapshot.scenario.start + timedelta(hours=1)),
    lambda s: s.record_move("US", "statement", "we are ready"),
], ids=["deliver", "module", "pause", "clock", "move"])
def test_play_waits_for_startex_with_the_journal_unchanged(
        ready: Session, verb: Callable[[Session], object]) -> None:
    before = all_events(Path(ready.name))
    with pytest.raises(TtxError, match="waits for the facilitator's STARTEX"):
        verb(ready)
    assert all_events(Path(ready.name)) == before
    assert ready.state.last_seq == len(before)


def test_getting_ready_stays_open_before_startex(ready: Session) -> None:
    ready.skip(DECISION, "not in this run")
    ready.announce("We start at 10:00")
    ready.add_note("room set up")
    ready.show_on_screen("hold", "Starting at 10:00")
    assert ready.state.ready and ready.state.last_seq == 6


@pytest.mark.parametrize("seat", ["evaluator", "evaluator:Kim", "player:US", "display"])
def test_only_the_facilitator_calls_startex(ready: Session, seat: str) -> None:
    with Session.open(ready.name, seat=Seat.parse(seat)) as other:
        assert not other.may(Verb.startex)
        with pytest.raises(TtxError, match="cannot call STARTEX"):
            other.startex()
    assert len(all_events(Path(ready.name))) == 2


def test_startex_is_refused_twice(ready: Session) -> None:
    first = ready.startex()
    with pytest.raises(TtxError, match=f"STARTEX was called at #{first.seq} already"):
        ready.startex()
    assert len(all_events(Path(ready.name))) == first.seq


def test_startex_is_refused_after_endex(ready: Session) -> None:
    ended = ready.end()  # an exercise called off before it started
    with pytest.raises(TtxError, match=f"ended at #{ended.seq}"):
        ready.startex()
    assert len(all_events(Path(ready.name))) == ended.seq
    assert ready.state.playing_time(ended.at_wall + timedelta(hours=2)) == timedelta(0)


def test_a_session_started_running_has_no_startex_to_call(session: Session) -> None:
    state = session.state
    assert not state.ready
    assert state.startex is not None and state.startex.seq == 1
    assert state.startex_at_wall == state.started_at_wall
    with pytest.raises(TtxError, match="play started with the session at #1"):
        session.startex()
    assert "ready" not in _stored_payloads(Path(session.name))[0][1]


def test_following_one_event_at_a_time_gives_the_same_state(
        resolved: ResolvedScenario, make_event: EventFactory) -> None:
    events = [make_event(EventType.session_started, {"scenario": SCENARIO_ID,
                                                     "ready": True}),
              make_event(EventType.module_started, {"module": "m1-outage"}),
              make_event(EventType.exercise_started, after=timedelta(minutes=10)),
              make_event(EventType.exercise_started)]  # a second one changes nothing
    whole = fold(resolved, events)
    assert not whole.ready and whole.startex is not None and whole.startex.seq == 3
    assert whole.startex_at_wall == events[2].at_wall
    for prefix in range(len(events) + 1):
        stepped = fold(resolved, [])
        for event in events[:prefix]:
            stepped.apply(event)
        assert stepped.ready == fold(resolved, events[:prefix]).ready


def test_the_report_starts_at_startex(ready: Session) -> None:
    first_module_wall = ready.state.module_starts[0].at_wall
    startex = ready.startex()
    report = build_report(ready.snapshot, all_events(Path(ready.name)))
    assert report.overview.wall_start == startex.at_wall
    assert report.overview.modules[0].started_at_wall == startex.at_wall
    first = next(row for row in report.timeline if row.category == "module")
    assert first.at_wall == startex.at_wall
    assert startex.at_wall >= first_module_wall


# -- the command line -----------------------------------------------------------------


def test_cli_start_stays_running_and_ready_waits_for_startex(
        ttx: Callable[..., CliResult], workspace: Path) -> None:
    running = workspace / ttx("session", "start", SCENARIO_ID, "-o", "run.ttx").out.strip()
    assert ttx("session", "deliver", running, FIRST).code == 0

    made = ttx("session", "start", SCENARIO_ID, "-o", "ready.ttx", "--ready")
    assert made.code == 0, made.err
    path = workspace / made.out.strip()
    refused = ttx("session", "deliver", path, FIRST)
    assert refused.code == 1 and refused.out == ""
    assert refused.err.count("\n") == 1 and refused.err.startswith("error: ")
    assert "STARTEX" in refused.err
    assert len(all_events(path)) == 2
    assert "ready (waiting for STARTEX)" in ttx("session", "show", path).out

    evaluator = ttx("session", "startex", path, "--seat", "evaluator")
    assert evaluator.code == 1 and evaluator.err.startswith("error: ")
    assert json.loads(ttx("session", "show", path, "--json").out)["state"]["ready"] is True
    started = ttx("session", "startex", path)
    assert started.code == 0, started.err
    assert started.out.strip() == "#3 exercise_started"
    again = ttx("session", "startex", path)
    assert again.code == 1 and "already" in again.err
    assert ttx("session", "deliver", path, FIRST).code == 0
    shown = json.loads(ttx("session", "show", path, "--json").out)["state"]
    assert "ready" not in shown and shown["startex_at_wall"]
