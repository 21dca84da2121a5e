"""The fold, one event type at a time, on events made by hand (no file)."""

from __future__ import annotations

from datetime import timedelta

from tests.session.conftest import DECISION, DIRECT, FIRST, PRESS, RELAY, EventFactory
from ttx.model.resolved import ResolvedScenario
from ttx.session.events import EventType, MoveKind, ObservationKind, Rating
from ttx.session.fold import InjectStatus, fold

E = EventType


def test_start_sets_the_clock_to_startex_and_the_first_module(
        resolved: ResolvedScenario, make_event: EventFactory) -> None:
    state = fold(resolved, make_event.opening())
    assert state.started_at_wall is not None and not state.ended
    assert state.current_module == "m1-outage"
    assert state.modules_started == ["m1-outage"]
    assert state.game_time == resolved.scenario.start
    assert state.last_seq == 2
    assert state.next_planned() == FIRST
    assert state.inject_status == {
        FIRST: InjectStatus.pending, DECISION: InjectStatus.pending,
        DIRECT: InjectStatus.available, RELAY: InjectStatus.available,
        PRESS: InjectStatus.pending,
    }


def test_module_start_jumps_the_clock_and_retires_the_old_contingencies(
        resolved: ResolvedScenario, make_event: EventFactory) -> None:
    events = [*make_event.opening(), make_event(E.module_started, {"module": "m2-press"})]
    state = fold(resolved, events)
    assert state.current_module == "m2-press"
    assert state.game_time == resolved.scenario.start + timedelta(hours=4)
    assert state.inject_status[DIRECT] is InjectStatus.unavailable
    assert state.next_planned() == PRESS
    assert state.next_module() is None


def test_delivery_moves_the_clock_forward_never_back(
        resolved: ResolvedScenario, make_event: EventFactory) -> None:
    start = resolved.scenario.start
    events = [*make_event.opening(), make_event(E.inject_delivered, {"inject": DECISION,
                                                                     "module": "m1-outage"})]
    state = fold(resolved, events)
    assert state.game_time == start + timedelta(minutes=20)
    assert state.inject_status[DECISION] is InjectStatus.delivered
    assert state.deliveries[0].module_id == "m1-outage"
    state.apply(make_event(E.inject_delivered, {"inject": FIRST, "module": "m1-outage"}))
    assert state.game_time == start + timedelta(minutes=20), "planned +0:00 is earlier"
    assert state.next_planned() is None


def test_skip_then_deliver_leaves_the_skips(resolved: ResolvedScenario,
                                            make_event: EventFactory) -> None:
    state = fold(resolved, make_event.opening())
    state.apply(make_event(E.inject_skipped, {"inject": FIRST, "module": "m1-outage",
                                              "reason": "time"}))
    assert state.inject_status[FIRST] is InjectStatus.skipped
    assert state.skips[0].reason == "time"
    assert state.next_planned() == DECISION
    state.apply(make_event(E.inject_delivered, {"inject": FIRST, "module": "m1-outage"}))
    assert state.inject_status[FIRST] is InjectStatus.delivered
    assert state.skips == []


def test_a_picked_option_releases_its_leads_to_until_the_move_is_retracted(
        resolved: ResolvedScenario, make_event: EventFactory) -> None:
    events = [*make_event.opening(), make_event(E.module_started, {"module": "m2-press"})]
    state = fold(resolved, events)
    assert state.inject_status[DIRECT] is InjectStatus.unavailable
    move = make_event(E.move_recorded, {"role": "ROK", "kind": "decision", "text": "direct",
                                        "inject": DECISION, "option": "direct",
                                        "to": ["JPN"], "rationale": "speed"})
    state.apply(move)
    assert state.inject_status[DIRECT] is InjectStatus.available
    assert state.inject_status[RELAY] is InjectStatus.unavailable
    assert state.released == {DIRECT: move.seq}
    recorded = state.moves[0]
    assert (recorded.role, recorded.kind, recorded.to, recorded.rationale) == (
        "ROK", MoveKind.decision, ["JPN"], "speed")
    state.apply(make_event(E.entry_retracted, {"seq": move.seq, "reason": "wrong"}))
    assert state.moves == []
    assert state.inject_status[DIRECT] is InjectStatus.unavailable
    assert state.retractions[0].text == "direct"
    assert state.retractions[0].entry_type is E.move_recorded


def test_observation_note_and_improvement_are_recorded(
        resolved: ResolvedScenario, make_event: EventFactory) -> None:
    state = fold(resolved, [
        *make_event.opening(),
        make_event(E.observation_recorded, {"objective": "OBJ-1", "kind": "strength",
                                            "rating": "S", "text": "fast", "author": "eva"}),
        make_event(E.observation_recorded, {"objective": "OBJ-2", "kind": "note",
                                            "text": "no rating"}),
        make_event(E.note_added, {"text": "coffee"}),
        make_event(E.improvement_added, {"issue": "no channel", "action": "build one",
                                         "capability_element": "Planning", "owner": "MOD",
                                         "due": "2027-07-01"}),
    ])
    first, second = state.observations
    assert (first.objective, first.kind, first.rating, first.author) == (
        "OBJ-1", ObservationKind.strength, Rating.S, "eva")
    assert first.rating is not None and first.rating.meaning == "Performed with some challenges"
    assert second.rating is None
    assert state.notes[0].text == "coffee"
    item = state.improvements[0]
    assert (item.issue, item.action, item.owner, item.due) == (
        "no channel", "build one", "MOD", "2027-07-01")


def test_pauses_are_left_out_of_playing_time(resolved: ResolvedScenario,
                                             make_event: EventFactory) -> None:
    events = make_event.opening()  # walls: +1 s, +2 s
    events.append(make_event(E.clock_paused, after=timedelta(minutes=10)))
    events.append(make_event(E.clock_resumed, after=timedelta(minutes=5)))
    state = fold(resolved, events)
    assert not state.paused
    now = events[-1].at_wall + timedelta(minutes=1)
    started = state.started_at_wall
    assert started is not None
    assert state.playing_time(now) == now - started - timedelta(minutes=5)
    state.apply(make_event(E.clock_paused, after=timedelta(minutes=2)))
    assert state.paused
    later = state.pauses[-1].paused_at + timedelta(hours=1)
    assert state.playing_time(later) == state.pauses[-1].paused_at - started - timedelta(
        minutes=5)
    state.apply(make_event(E.session_ended, after=timedelta(hours=2)))
    assert state.ended and state.ended_at_wall is not None
    assert state.playing_time(later + timedelta(days=1)) == state.playing_time(later)


def test_clock_set_puts_the_clock_anywhere(resolved: ResolvedScenario,
                                           make_event: EventFactory) -> None:
    target = resolved.scenario.start + timedelta(hours=7, minutes=3)
    state = fold(resolved, [*make_event.opening(),
                            make_event(E.clock_set, {"game_time": target.isoformat()})])
    assert state.game_time == target


def test_amendments_chain_to_the_original_and_keep_the_first_text(
        resolved: ResolvedScenario, make_event: EventFactory) -> None:
    opening = make_event.opening()
    note = make_event(E.note_added, {"text": "one"})
    state = fold(resolved, [*opening, note])
    first = make_event(E.entry_amended, {"seq": note.seq, "text": "two"})
    state.apply(first)
    state.apply(make_event(E.entry_amended, {"seq": first.seq, "text": "three"}))
    (amended,) = state.notes
    assert (amended.seq, amended.text, amended.original_text, amended.amended) == (
        note.seq, "three", "one", True)
    assert [a.target for a in state.amendments] == [note.seq, note.seq]
    assert state.root_of(first.seq) == note.seq
    retraction = make_event(E.entry_retracted, {"seq": first.seq})
    state.apply(retraction)
    assert state.notes == []
    assert state.retraction_of(note.seq) is not None
    assert state.retractions[0].target == note.seq
    assert state.retractions[0].text == "three"


def test_an_amendment_may_name_another_field(resolved: ResolvedScenario,
                                             make_event: EventFactory) -> None:
    opening = make_event.opening()
    item = make_event(E.improvement_added, {"issue": "i", "action": "a",
                                            "capability_element": "", "owner": "",
                                            "due": ""})
    state = fold(resolved, [*opening, item,
                            make_event(E.entry_amended, {"seq": item.seq, "text": "MOD",
                                                         "field": "owner"}),
                            make_event(E.entry_amended, {"seq": item.seq, "text": "b"})])
    (amended,) = state.improvements
    assert (amended.owner, amended.action, amended.original_text) == ("MOD", "b", "a")


def test_replaying_an_applied_event_changes_nothing(resolved: ResolvedScenario,
                                                    make_event: EventFactory) -> None:
    events = [*make_event.opening(), make_event(E.note_added, {"text": "x"})]
    state = fold(resolved, events)
    state.apply(events[-1])
    assert len(state.notes) == 1
