"""A session's state: a pure fold over its events.

`fold(snapshot, events)` and `SessionState.apply(event)` (one event at a time, as a
follower does) give the same state. Amendments and retractions are applied to the
entries they name while the journal keeps the originals:

* an amendment replaces one field (by default the main text) of an entry;
  amending again replaces it again, `original_text` keeps the first text;
* a `seq` in an amendment or retraction that names an `entry_amended` event means
  the entry that amendment corrected: chains always resolve to the original entry;
* a retracted entry leaves its list (`moves`, `observations`, …) and is listed in
  `retractions`; a retracted move no longer releases its option's `leads_to`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from ttx.errors import TtxError
from ttx.model.resolved import ResolvedScenario
from ttx.session.clock import (
    PauseInterval,
    delivery_time,
    module_start_time,
)
from ttx.session.entry_folding import EntryFolding, payload_as
from ttx.session.events import (
    ClockSet,
    ConditionSet,
    DecisionClosed,
    Event,
    EventType,
    InjectAcknowledged,
    InjectDelivered,
    InjectSkipped,
    ModuleStarted,
    Payload,
    ScreenShown,
    SessionStarted,
)
from ttx.session.records import (
    Acknowledgement,
    Amendment,
    Announcement,
    Delivery,
    Entry,
    Feedback,
    FinalRating,
    Finding,
    Improvement,
    InjectStatus,
    ModuleStart,
    Move,
    Note,
    Observation,
    Retraction,
    ScreenChange,
    Skip,
    Startex,
    SummaryEntry,
    entry_text,
)

__all__ = [
    "Acknowledgement",
    "Amendment",
    "Announcement",
    "Delivery",
    "Entry",
    "Feedback",
    "FinalRating",
    "Finding",
    "Improvement",
    "InjectStatus",
    "ModuleStart",
    "Move",
    "Note",
    "Observation",
    "Retraction",
    "ScreenChange",
    "SessionState",
    "Skip",
    "Startex",
    "SummaryEntry",
    "entry_text",
    "fold",
    "game_time_after",
]


@dataclass  # again: the generated __init__ must call this class's __post_init__
class SessionState(EntryFolding):
    """Everything a session has come to, as of event `last_seq`: the fields and the
    questions are `StateViews`' (`ttx.session.state_views`), the handlers of entries
    `EntryFolding`'s (`ttx.session.entry_folding`), the handlers of play here."""

    def __post_init__(self) -> None:
        if self.game_time == datetime.min:
            self.game_time = self.snapshot.scenario.start
        self._planned = {slot.inject_id for slot in self.snapshot.planned()}
        self._delivered = {d.inject_id: d for d in self.deliveries}
        self._recompute_status()

    # -- folding -----------------------------------------------------------------

    def apply(self, event: Event) -> None:
        """Fold one more event in. Events must come in seq order; one at or below
        `last_seq` was applied already and is ignored."""
        seq, event_type = event.seq, event.type
        if seq <= self.last_seq:
            return
        self.last_seq = seq
        self.event_types[seq] = event_type
        handler = _HANDLERS.get(event_type)
        if handler is not None:
            handler(self, event)

    def _start(self, event: Event) -> None:
        payload = payload_as(event, SessionStarted)
        self.started_at_wall = event.at_wall
        self.game_time = game_time_after(self, payload)
        self.ready = payload.ready
        if not payload.ready:  # play started with the session, as in every older file
            self.startex = Startex(event.seq, event.at_wall, self.game_time, event.seat)

    def _startex(self, event: Event) -> None:
        if self.ready:
            self.ready = False
            self.startex = Startex(event.seq, event.at_wall, event.at_game, event.seat)

    def _start_module(self, event: Event) -> None:
        payload = payload_as(event, ModuleStarted)
        self.game_time = game_time_after(self, payload)
        self.current_module = payload.module
        if payload.module not in self.modules_started:
            self.modules_started.append(payload.module)
        self.module_starts.append(ModuleStart(event.seq, payload.module, event.at_wall,
                                              event.at_game, event.seat))
        self._recompute_status()  # the module's contingencies change: rare, so recompute

    def _deliver(self, event: Event) -> None:
        payload = payload_as(event, InjectDelivered)
        inject_id = payload.inject
        self.game_time = game_time_after(self, payload)
        delivery = Delivery(event.seq, inject_id, payload.module or self.current_module or "",
                            event.at_wall, event.at_game, event.seat, payload.variant)
        self.deliveries.append(delivery)
        self._delivered.setdefault(inject_id, delivery)
        if any(skip.inject_id == inject_id for skip in self.skips):
            self.skips = [skip for skip in self.skips if skip.inject_id != inject_id]
        if inject_id in self.inject_status:  # delivered outranks every other status
            self.inject_status[inject_id] = InjectStatus.delivered

    def _skip(self, event: Event) -> None:
        payload = payload_as(event, InjectSkipped)
        inject_id = payload.inject
        if self.delivery_of(inject_id) is None:
            skip = Skip(event.seq, inject_id, payload.module or self.current_module or "",
                        payload.reason, event.at_wall, event.at_game, event.seat)
            self.skips.append(skip)
            self._skips_by_seq[event.seq] = skip
            if inject_id in self.inject_status:
                self.inject_status[inject_id] = InjectStatus.skipped

    def _acknowledge(self, event: Event) -> None:
        payload = payload_as(event, InjectAcknowledged)
        if self.acknowledgement(payload.inject, payload.role) is None:
            self.acknowledgements.append(Acknowledgement(
                event.seq, payload.inject, payload.role, event.at_wall, event.at_game,
                event.seat))

    def _show_screen(self, event: Event) -> None:
        payload = payload_as(event, ScreenShown)
        self.screen = ScreenChange(event.seq, payload.show, payload.text, event.at_game,
                                   event.seat)

    def _pause(self, event: Event) -> None:
        if not self.paused:
            self.paused = True
            self.pauses.append(PauseInterval(event.seq, event.at_wall))

    def _resume(self, event: Event) -> None:
        if self.paused:
            self.paused = False
            last = self.pauses[-1]
            self.pauses[-1] = PauseInterval(last.paused_seq, last.paused_at, event.at_wall)

    def _set_clock(self, event: Event) -> None:
        self.game_time = game_time_after(self, event.payload)

    def _set_condition(self, event: Event) -> None:
        payload = payload_as(event, ConditionSet)
        if payload.value:
            self.flags.add(payload.condition)
        else:
            self.flags.discard(payload.condition)

    def _close_decision(self, event: Event) -> None:
        payload = payload_as(event, DecisionClosed)
        self.closed_decisions.setdefault(payload.inject, (payload.option, event.seq))
        self._recompute_releases()
        self._recompute_status()

    def _end(self, event: Event) -> None:
        self.ended = True
        self.ended_seq = event.seq
        self.ended_at_wall = event.at_wall

def game_time_after(state: SessionState, payload: Payload) -> datetime:
    """The game clock once an event with `payload` is applied to `state`: what the
    writer stores as the event's `at_game`."""
    snapshot = state.snapshot
    match payload:
        case ModuleStarted():
            module = snapshot.scenario.module(payload.module)
            return module_start_time(snapshot, module) if module else state.game_time
        case InjectDelivered():
            if payload.keep_clock:
                return state.game_time
            return delivery_time(snapshot, payload.inject, state.game_time)
        case ClockSet():
            return payload.game_time
    if payload.type is EventType.session_started:
        return snapshot.scenario.start
    return state.game_time


_HANDLERS = {
    EventType.session_started: SessionState._start,
    EventType.exercise_started: SessionState._startex,
    EventType.module_started: SessionState._start_module,
    EventType.inject_delivered: SessionState._deliver,
    EventType.inject_skipped: SessionState._skip,
    EventType.move_recorded: SessionState._record_move,
    EventType.observation_recorded: SessionState._record_observation,
    EventType.note_added: SessionState._add_note,
    EventType.improvement_added: SessionState._add_improvement,
    EventType.clock_paused: SessionState._pause,
    EventType.clock_resumed: SessionState._resume,
    EventType.clock_set: SessionState._set_clock,
    EventType.entry_amended: SessionState._amend,
    EventType.entry_retracted: SessionState._retract,
    EventType.session_ended: SessionState._end,
    EventType.inject_acknowledged: SessionState._acknowledge,
    EventType.announcement_made: SessionState._announce,
    EventType.summary_written: SessionState._write_summary,
    EventType.rating_given: SessionState._give_rating,
    EventType.finding_recorded: SessionState._record_finding,
    EventType.feedback_submitted: SessionState._submit_feedback,
    EventType.condition_set: SessionState._set_condition,
    EventType.decision_closed: SessionState._close_decision,
    EventType.screen_shown: SessionState._show_screen,
}


DAMAGE = (KeyError, ValueError, TypeError, AttributeError)
"""What applying a malformed event (hand-edited, or from a buggy writer) raises."""


def fold(snapshot: ResolvedScenario, events: Iterable[Event], source: object = "session"
         ) -> SessionState:
    """The state a session reaches through `events` (in seq order) from its snapshot.

    An event the fold cannot read is refused as a TtxError naming `source` and the event.
    """
    state = SessionState(snapshot)
    apply_all(state, events, source)
    return state


def apply_all(state: SessionState, events: Iterable[Event], source: object) -> None:
    """Apply `events` to `state`; a damaged one is one TtxError saying which it is."""
    event: Event | None = None
    try:
        for event in events:
            state.apply(event)
    except DAMAGE as error:
        assert event is not None
        detail = f"no '{error.args[0]}'" if isinstance(error, KeyError) else str(error)
        raise TtxError(f"{source}: event #{event.seq} ({event.type}) is damaged: "
                       f"{(detail.splitlines() or [''])[0]}") from None


