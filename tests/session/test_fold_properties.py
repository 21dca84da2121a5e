"""Properties: the fold is deterministic, incremental = batch, and correction chains resolve."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.session.conftest import DECISION, DIRECT, FIRST, PRESS, RELAY, EventFactory
from ttx.errors import TtxError
from ttx.model.resolved import ResolvedScenario
from ttx.session.events import AMENDABLE, EntryAmended, EntryRetracted, EventType
from ttx.session.fold import SessionState, fold
from ttx.session.session import Session

INJECTS = [FIRST, DECISION, DIRECT, RELAY, PRESS, "nope"]
SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

action = st.one_of(
    st.tuples(st.just("deliver"), st.sampled_from(INJECTS)),
    st.tuples(st.just("skip"), st.sampled_from(INJECTS)),
    st.tuples(st.just("module"), st.sampled_from([None, "m1-outage", "m2-press"])),
    st.tuples(st.just("move"), st.sampled_from(["US", "ROK", "XX"]),
              st.sampled_from([None, "direct", "through-us"])),
    st.tuples(st.just("note"), st.sampled_from(["a", "b", " "])),
    st.tuples(st.just("amend"), st.integers(1, 30), st.sampled_from(["x", "y", "z"])),
    st.tuples(st.just("retract"), st.integers(1, 30)),
    st.tuples(st.just("pause")), st.tuples(st.just("resume")),
    st.tuples(st.just("clock"), st.integers(0, 600)),
)


def act(session: Session, step: tuple[Any, ...]) -> None:
    match step:
        case ("deliver", inject):
            session.deliver(inject)
        case ("skip", inject):
            session.skip(inject, "why not")
        case ("module", module):
            session.start_module(module)
        case ("move", role, option):
            inject = DECISION if option else None
            session.record_move(role, "decision", "text", inject=inject, option=option)
        case ("note", text):
            session.add_note(text)
        case ("amend", seq, text):
            session.amend(seq, text)
        case ("retract", seq):
            session.retract(seq)
        case ("pause",):
            session.pause()
        case ("resume",):
            session.resume()
        case ("clock", minutes):
            session.set_clock(session.snapshot.scenario.start + timedelta(minutes=minutes))


@SETTINGS
@given(steps=st.lists(action, max_size=25))
def test_refused_or_appended_and_any_fold_gives_the_same_state(
        resolved: ResolvedScenario, steps: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory() as folder, \
            Session.start(resolved, Path(folder) / "s.ttx") as session:
        for step in steps:
            before = session.journal.last_seq()
            try:
                act(session, step)
            except TtxError as refusal:
                assert "\n" not in refusal.message
                assert session.journal.last_seq() == before
            else:
                assert session.journal.last_seq() == before + 1
        events = session.journal.events()
        batch = fold(resolved, events)
        assert batch == fold(resolved, events), "the fold is deterministic"
        assert batch == session.state, "the writer's incremental state equals a full fold"
        incremental = SessionState(resolved)
        for event in events:
            incremental.apply(event)
        assert incremental == batch
        now = datetime(2030, 1, 1, tzinfo=UTC)
        assert incremental.playing_time(now) == batch.playing_time(now)
        for amendment in batch.amendments:
            assert batch.event_types[amendment.target] in AMENDABLE
        for retraction in batch.retractions:
            assert batch.event_types[retraction.seq] in AMENDABLE
        for event in events:
            if isinstance(event.payload, EntryAmended | EntryRetracted):
                assert batch.event_types[event.payload.seq] in AMENDABLE, \
                    "stored corrections always name the original entry"


corrections = st.lists(st.tuples(st.sampled_from(["amend", "retract"]), st.integers(0, 40),
                                 st.text("abc", min_size=1, max_size=3)), max_size=30)


@settings(max_examples=150, deadline=None)
@given(note_count=st.integers(1, 5), steps=corrections)
def test_raw_chains_of_corrections_resolve_to_the_original_entry(
        resolved: ResolvedScenario, note_count: int,
        steps: list[tuple[str, int, str]]) -> None:
    make = EventFactory(resolved)
    events = make.opening()
    root: dict[int, int] = {}
    text: dict[int, str] = {}
    first_text: dict[int, str] = {}
    retracted: list[int] = []
    for number in range(note_count):
        note = make(EventType.note_added, {"text": f"note{number}"})
        events.append(note)
        root[note.seq] = note.seq
        text[note.seq] = f"note{number}"
    for verb, pick, new_text in steps:
        named = sorted(root)[pick % len(root)]  # a note, or an amendment of one
        target = root[named]
        if verb == "amend":
            event = make(EventType.entry_amended, {"seq": named, "text": new_text})
            first_text.setdefault(target, text[target])
            text[target] = new_text
            root[event.seq] = target
        else:
            event = make(EventType.entry_retracted, {"seq": named})
            if target not in retracted:
                retracted.append(target)
        events.append(event)

    state = fold(resolved, events)
    live = [seq for seq in sorted(text) if seq not in retracted]
    assert [note.seq for note in state.notes] == live
    for folded in state.notes:
        assert folded.text == text[folded.seq]
        assert folded.amended == (folded.seq in first_text)
        assert folded.original_text == first_text.get(folded.seq)
    assert [r.seq for r in state.retractions] == retracted
    assert all(a.target in text for a in state.amendments)
