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

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar

from ttx.errors import TtxError
from ttx.model.resolved import ResolvedScenario
from ttx.session.clock import (
    PauseInterval,
    delivery_time,
    module_start_time,
    playing_time,
)
from ttx.session.events import (
    AMENDABLE_FIELDS,
    AnnouncementMade,
    ClockSet,
    ConditionSet,
    DecisionClosed,
    EntryAmended,
    EntryRetracted,
    Event,
    EventType,
    FeedbackSubmitted,
    FindingRecorded,
    ImprovementAdded,
    InjectAcknowledged,
    InjectDelivered,
    InjectSkipped,
    ModuleStarted,
    MoveRecorded,
    NoteAdded,
    ObservationRecorded,
    Payload,
    RatingGiven,
    ScreenShown,
    SummaryPart,
    SummaryWritten,
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
    SummaryEntry,
    entry_text,
)

P = TypeVar("P", bound=Payload)

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
    "SummaryEntry",
    "entry_text",
    "fold",
    "game_time_after",
]


@dataclass
class SessionState:
    """Everything a session has come to, as of event `last_seq`."""

    snapshot: ResolvedScenario
    last_seq: int = 0
    started_at_wall: datetime | None = None
    ended_at_wall: datetime | None = None
    ended: bool = False
    ended_seq: int | None = None
    current_module: str | None = None
    modules_started: list[str] = field(default_factory=list)
    module_starts: list[ModuleStart] = field(default_factory=list)
    game_time: datetime = field(default=datetime.min)
    paused: bool = False
    pauses: list[PauseInterval] = field(default_factory=list)
    inject_status: dict[str, InjectStatus] = field(default_factory=dict)
    deliveries: list[Delivery] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    improvements: list[Improvement] = field(default_factory=list)
    retractions: list[Retraction] = field(default_factory=list)
    acknowledgements: list[Acknowledgement] = field(default_factory=list)
    announcements: list[Announcement] = field(default_factory=list)
    summaries: list[SummaryEntry] = field(default_factory=list)
    """Every live summary part written, in order: the latest of each part stands."""
    ratings_given: list[FinalRating] = field(default_factory=list)
    """Every live final rating given, in order: the latest per objective stands."""
    findings: list[Finding] = field(default_factory=list)
    feedback: list[Feedback] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    """The scenario's condition flags the facilitator set (and did not clear)."""
    closed_decisions: dict[str, tuple[str | None, int]] = field(default_factory=dict)
    """Decision points the facilitator closed → the (default) option that applied, and
    the seq of the closing."""
    amendments: list[Amendment] = field(default_factory=list)
    screen: ScreenChange | None = None
    """The facilitator's latest choice of what the room display shows (None: never chosen;
    the display then follows play: briefings at module starts, injects as delivered)."""
    released: dict[str, int] = field(default_factory=dict)
    """Injects released by a picked option → the seq of the (first live) move that did."""
    event_types: dict[int, EventType] = field(default_factory=dict)
    """The type of every event applied, by seq."""
    _entries: dict[int, Entry] = field(default_factory=dict, repr=False)
    _roots: dict[int, int] = field(default_factory=dict, repr=False)
    _retracted: dict[int, Retraction] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.game_time == datetime.min:
            self.game_time = self.snapshot.scenario.start
        self._planned = {slot.inject_id for slot in self.snapshot.planned()}
        self._delivered: dict[str, Delivery] = {d.inject_id: d for d in self.deliveries}
        self._recompute_status()

    # -- questions ---------------------------------------------------------------

    def playing_time(self, now: datetime) -> timedelta:
        """Wall time since the session started, excluding pauses (up to its end)."""
        return playing_time(self.started_at_wall, self.ended_at_wall, self.pauses, now)

    def next_planned(self) -> str | None:
        """The first pending planned inject of the current module, in MSEL order."""
        module = self.snapshot.scenario.module(self.current_module or "")
        if module is None:
            return None
        for ref in module.injects:
            if self.inject_status.get(ref.id) is InjectStatus.pending:
                return ref.id
        return None

    def next_module(self) -> str | None:
        """The first module after the current one (in scenario order) not yet started."""
        modules = self.snapshot.scenario.modules
        ids = [module.id for module in modules]
        after = ids.index(self.current_module) + 1 if self.current_module in ids else 0
        return next((m for m in ids[after:] if m not in self.modules_started), None)

    def injects_with(self, status: InjectStatus) -> list[str]:
        """Inject ids with `status`, in snapshot (MSEL) order."""
        return [inject_id for inject_id, s in self.inject_status.items() if s is status]

    def delivery_of(self, inject_id: str) -> Delivery | None:
        return self._delivered.get(inject_id)

    def acknowledgement(self, inject_id: str, role: str) -> Acknowledgement | None:
        """The first acknowledgement of `inject_id` by `role`, if any."""
        return next((a for a in self.acknowledgements
                     if a.inject_id == inject_id and a.role == role), None)

    def released_by(self, inject_id: str) -> Move | None:
        """The live move whose picked option released `inject_id`, if one did."""
        seq = self.released.get(inject_id)
        move = self._entries.get(seq) if seq is not None else None
        return move if isinstance(move, Move) else None

    def branches_not_taken(self) -> dict[str, Move]:
        """Injects an option of a decided decision point leads to that no live decision
        released, each with the (first) decision that went another way."""
        not_taken: dict[str, Move] = {}
        for move in self.moves:
            inject = self.snapshot.inject(move.inject or "") if move.option else None
            if inject is None:
                continue
            for option in inject.options:
                if option.id == move.option:
                    continue
                for target in option.leads_to:
                    if target not in self.released:
                        not_taken.setdefault(target, move)
        return not_taken

    @property
    def summary(self) -> dict[SummaryPart, SummaryEntry]:
        """The executive summary as it stands: the latest live text of each part."""
        return {entry.part: entry for entry in self.summaries}

    @property
    def final_ratings(self) -> dict[str, FinalRating]:
        """The final rating of each objective that has one: the latest given stands."""
        return {rating.objective: rating for rating in self.ratings_given}

    @property
    def decisions(self) -> list[tuple[str, str]]:
        """(inject, option) of every live decision: picks by a deciding role, then the
        defaults of decision points the facilitator closed."""
        picked = [(move.inject, move.option) for move in self.moves
                  if move.inject and move.option and not move.recommendation]
        return picked + [(inject, option) for inject, (option, _) in
                         self.closed_decisions.items() if option]

    @property
    def conditions(self) -> frozenset[str]:
        """The conditions that hold now: set by decisions and by the facilitator's flags."""
        return self.snapshot.conditions_after(self.decisions, self.flags)

    def seat_of(self, seq: int) -> str:
        """The seat that wrote the entry at `seq` ('' when it is not an entry)."""
        entry = self._entries.get(seq)
        return entry.seat if entry is not None else ""

    def entry(self, seq: int) -> Entry | None:
        """The move, observation, note or improvement item recorded at `seq` (amended as it
        now stands), also when it was retracted; None for any other seq."""
        return self._entries.get(seq)

    def root_of(self, seq: int) -> int:
        """The entry an amendment or retraction at `seq` corrects; `seq` itself otherwise."""
        return self._roots.get(seq, seq)

    def retraction_of(self, seq: int) -> Retraction | None:
        """The retraction of the entry at `seq` (chains resolved), if it was retracted."""
        return self._retracted.get(self.root_of(seq))

    # -- folding -----------------------------------------------------------------

    def apply(self, event: Event) -> None:
        """Fold one more event in. Events must come in seq order; one at or below
        `last_seq` was applied already and is ignored."""
        if event.seq <= self.last_seq:
            return
        self.last_seq = event.seq
        self.event_types[event.seq] = event.type
        handler = _HANDLERS.get(event.type)
        if handler is not None:
            handler(self, event)

    def _start(self, event: Event) -> None:
        self.started_at_wall = event.at_wall
        self.game_time = game_time_after(self, event.payload)

    def _start_module(self, event: Event) -> None:
        payload = _as(event, ModuleStarted)
        self.game_time = game_time_after(self, payload)
        self.current_module = payload.module
        if payload.module not in self.modules_started:
            self.modules_started.append(payload.module)
        self.module_starts.append(ModuleStart(event.seq, payload.module, event.at_wall,
                                              event.at_game, event.seat))
        self._recompute_status()  # the module's contingencies change: rare, so recompute

    def _deliver(self, event: Event) -> None:
        payload = _as(event, InjectDelivered)
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
        payload = _as(event, InjectSkipped)
        inject_id = payload.inject
        if self.delivery_of(inject_id) is None:
            self.skips.append(Skip(event.seq, inject_id, payload.module or self.current_module
                                   or "", payload.reason, event.at_wall, event.at_game,
                                   event.seat))
            if inject_id in self.inject_status:
                self.inject_status[inject_id] = InjectStatus.skipped

    def _acknowledge(self, event: Event) -> None:
        payload = _as(event, InjectAcknowledged)
        if self.acknowledgement(payload.inject, payload.role) is None:
            self.acknowledgements.append(Acknowledgement(
                event.seq, payload.inject, payload.role, event.at_wall, event.at_game,
                event.seat))

    def _record_move(self, event: Event) -> None:
        payload = _as(event, MoveRecorded)
        move = Move(event.seq, payload.role, payload.kind, payload.text, payload.rationale,
                    list(payload.to), payload.inject, payload.option, event.at_wall,
                    event.at_game, event.seat, list(payload.joint), payload.relays,
                    recommendation=self._is_recommendation(payload))
        self.moves.append(move)
        self._entries[event.seq] = move
        for target in self._leads_to(move):
            self.released.setdefault(target, move.seq)
            if self.inject_status.get(target) is InjectStatus.unavailable:
                self.inject_status[target] = InjectStatus.available

    def _record_observation(self, event: Event) -> None:
        payload = _as(event, ObservationRecorded)
        observation = Observation(event.seq, payload.objective, payload.kind, payload.rating,
                                  payload.text, payload.author, event.at_wall, event.at_game,
                                  event.seat, payload.task)
        self.observations.append(observation)
        self._entries[event.seq] = observation

    def _add_note(self, event: Event) -> None:
        note = Note(event.seq, _as(event, NoteAdded).text, event.at_wall, event.at_game,
                    event.seat)
        self.notes.append(note)
        self._entries[event.seq] = note

    def _announce(self, event: Event) -> None:
        payload = _as(event, AnnouncementMade)
        announcement = Announcement(event.seq, payload.text, list(payload.to), event.at_wall,
                                    event.at_game, event.seat)
        self.announcements.append(announcement)
        self._entries[event.seq] = announcement

    def _add_improvement(self, event: Event) -> None:
        p = _as(event, ImprovementAdded)
        item = Improvement(event.seq, p.issue, p.action, p.capability_element, p.owner, p.due,
                           event.at_wall, event.at_game, event.seat, p.objective, p.capability,
                           p.poc, p.start, p.role, p.observation)
        self.improvements.append(item)
        self._entries[event.seq] = item

    def _write_summary(self, event: Event) -> None:
        payload = _as(event, SummaryWritten)
        entry = SummaryEntry(event.seq, payload.part, payload.text, event.at_wall, event.seat)
        self.summaries.append(entry)
        self._entries[event.seq] = entry

    def _give_rating(self, event: Event) -> None:
        payload = _as(event, RatingGiven)
        rating = FinalRating(event.seq, payload.objective, payload.rating, payload.text,
                             event.at_wall, event.seat)
        self.ratings_given.append(rating)
        self._entries[event.seq] = rating

    def _record_finding(self, event: Event) -> None:
        p = _as(event, FindingRecorded)
        finding = Finding(event.seq, p.objective, p.kind, p.text, p.reference, p.analysis,
                          list(p.recommendations), event.at_wall, event.seat)
        self.findings.append(finding)
        self._entries[event.seq] = finding

    def _submit_feedback(self, event: Event) -> None:
        p = _as(event, FeedbackSubmitted)
        feedback = Feedback(event.seq, p.role, dict(p.ratings), list(p.strengths),
                            list(p.improvements), p.text, event.at_wall, event.seat)
        self.feedback.append(feedback)
        self._entries[event.seq] = feedback

    def _show_screen(self, event: Event) -> None:
        payload = _as(event, ScreenShown)
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

    def _amend(self, event: Event) -> None:
        payload = _as(event, EntryAmended)
        target = self.root_of(payload.seq)
        self._roots[event.seq] = target
        entry = self._entries.get(target)
        if entry is None:
            return
        fields = AMENDABLE_FIELDS[self.event_types[target]]
        field_name = payload.field or fields[0]
        if field_name not in fields:
            return
        previous = str(getattr(entry, field_name))
        if field_name == fields[0] and entry.original_text is None:
            entry.original_text = previous
        setattr(entry, field_name, payload.text)
        entry.amended = True
        self.amendments.append(Amendment(event.seq, target, field_name, payload.text, previous,
                                         event.at_wall, event.seat))

    def _retract(self, event: Event) -> None:
        payload = _as(event, EntryRetracted)
        target = self.root_of(payload.seq)
        self._roots[event.seq] = target
        entry = self._entries.get(target)
        if entry is None or target in self._retracted:
            return
        retraction = Retraction(target, event.seq, payload.reason, self.event_types[target],
                                entry_text(entry), event.at_wall, event.seat, entry)
        self._retracted[target] = retraction
        self.retractions.append(retraction)
        for entries in (self.moves, self.observations, self.notes, self.improvements,
                        self.announcements, self.summaries, self.ratings_given,
                        self.findings, self.feedback):
            # each list is in seq order: find the entry by bisection, not by a scan
            index = bisect.bisect_left(entries, target, key=_seq_of)
            if index < len(entries) and entries[index] is entry:
                del entries[index]
                break
        if isinstance(entry, Move) and self._leads_to(entry):
            self._recompute_releases()
            self._recompute_status()

    def _set_condition(self, event: Event) -> None:
        payload = _as(event, ConditionSet)
        if payload.value:
            self.flags.add(payload.condition)
        else:
            self.flags.discard(payload.condition)

    def _close_decision(self, event: Event) -> None:
        payload = _as(event, DecisionClosed)
        self.closed_decisions.setdefault(payload.inject, (payload.option, event.seq))
        self._recompute_releases()
        self._recompute_status()

    def _is_recommendation(self, payload: MoveRecorded) -> bool:
        inject = self.snapshot.inject(payload.inject or "")
        if inject is None or payload.option is None:
            return False
        return not any(inject.may_decide(role) for role in (payload.role, *payload.joint))

    def _end(self, event: Event) -> None:
        self.ended = True
        self.ended_seq = event.seq
        self.ended_at_wall = event.at_wall

    def _leads_to(self, move: Move) -> list[str]:
        if move.recommendation:
            return []
        return self._option_leads_to(move.inject, move.option)

    def _option_leads_to(self, inject_id: str | None, option_id: str | None) -> list[str]:
        inject = self.snapshot.inject(inject_id or "")
        option = inject.option(option_id) if inject and option_id else None
        return list(option.leads_to) if option else []

    def _recompute_releases(self) -> None:
        released: dict[str, int] = {}
        for move in self.moves:
            for target in self._leads_to(move):
                released.setdefault(target, move.seq)
        for inject_id, (option_id, seq) in self.closed_decisions.items():
            for target in self._option_leads_to(inject_id, option_id):
                released.setdefault(target, seq)
        self.released = released

    def _recompute_status(self) -> None:
        delivered = {delivery.inject_id for delivery in self.deliveries}
        skipped = {skip.inject_id for skip in self.skips}
        module = self.snapshot.scenario.module(self.current_module or "")
        contingency = set(module.contingency) if module else set()
        status: dict[str, InjectStatus] = {}
        for inject_id in self.snapshot.injects:
            if inject_id in delivered:
                status[inject_id] = InjectStatus.delivered
            elif inject_id in skipped:
                status[inject_id] = InjectStatus.skipped
            elif inject_id in self._planned:
                status[inject_id] = InjectStatus.pending
            elif inject_id in self.released or inject_id in contingency:
                status[inject_id] = InjectStatus.available
            else:
                status[inject_id] = InjectStatus.unavailable
        self.inject_status = status


def _seq_of(entry: Any) -> int:
    return int(entry.seq)


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


def _as(event: Event, model: type[P]) -> P:
    """The event's payload as `model` (a TypeError, read as damage, when it is not)."""
    if not isinstance(event.payload, model):
        raise TypeError(f"a {event.type} event carries a {type(event.payload).__name__}")
    return event.payload


_HANDLERS = {
    EventType.session_started: SessionState._start,
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
