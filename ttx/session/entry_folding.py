"""How the entries of a session fold in: moves, observations, notes, the analysis,
and their corrections (amendments and retractions).

`EntryFolding` is mixed into `SessionState` (`ttx.session.fold`), whose handler table
calls these methods one event at a time.
"""

from __future__ import annotations

import bisect
from typing import Any, TypeVar

from ttx.session.events import (
    AMENDABLE_FIELDS,
    AnnouncementMade,
    EntryAmended,
    EntryRetracted,
    Event,
    FeedbackSubmitted,
    FindingRecorded,
    ImprovementAdded,
    MoveRecorded,
    NoteAdded,
    ObservationRecorded,
    Payload,
    RatingGiven,
    SummaryWritten,
)
from ttx.session.records import (
    Amendment,
    Announcement,
    Feedback,
    FinalRating,
    Finding,
    Improvement,
    InjectStatus,
    Move,
    Note,
    Observation,
    Retraction,
    SummaryEntry,
    entry_text,
)
from ttx.session.state_views import StateViews

P = TypeVar("P", bound=Payload)


class EntryFolding(StateViews):
    """The handlers of entry events, and the inject statuses and releases they (and
    module starts and closed decisions) recompute."""

    def _record_move(self, event: Event) -> None:
        payload = payload_as(event, MoveRecorded)
        picks = payload.option is not None  # most moves pick no option: nothing to look up
        move = Move(event.seq, payload.role, payload.kind, payload.text, payload.rationale,
                    list(payload.to), payload.inject, payload.option, event.at_wall,
                    event.at_game, event.seat, list(payload.joint), payload.relays,
                    picks and self._is_recommendation(payload))
        self.moves.append(move)
        self._keep(event.seq, move)
        if not picks:
            return
        for target in self._leads_to(move):
            self.released.setdefault(target, move.seq)
            if self.inject_status.get(target) is InjectStatus.unavailable:
                self.inject_status[target] = InjectStatus.available

    def _record_observation(self, event: Event) -> None:
        payload = payload_as(event, ObservationRecorded)
        observation = Observation(event.seq, payload.objective, payload.kind, payload.rating,
                                  payload.text, payload.author, event.at_wall, event.at_game,
                                  event.seat, payload.task)
        self.observations.append(observation)
        self._keep(event.seq, observation)

    def _add_note(self, event: Event) -> None:
        note = Note(event.seq, payload_as(event, NoteAdded).text, event.at_wall, event.at_game,
                    event.seat)
        self.notes.append(note)
        self._keep(event.seq, note)

    def _announce(self, event: Event) -> None:
        payload = payload_as(event, AnnouncementMade)
        announcement = Announcement(event.seq, payload.text, list(payload.to), event.at_wall,
                                    event.at_game, event.seat)
        self.announcements.append(announcement)
        self._keep(event.seq, announcement)

    def _add_improvement(self, event: Event) -> None:
        p = payload_as(event, ImprovementAdded)
        item = Improvement(event.seq, p.issue, p.action, p.capability_element, p.owner, p.due,
                           event.at_wall, event.at_game, event.seat, p.objective, p.capability,
                           p.poc, p.start, p.role, p.observation)
        self.improvements.append(item)
        self._keep(event.seq, item)

    def _write_summary(self, event: Event) -> None:
        payload = payload_as(event, SummaryWritten)
        entry = SummaryEntry(event.seq, payload.part, payload.text, event.at_wall, event.seat)
        self.summaries.append(entry)
        self._keep(event.seq, entry)

    def _give_rating(self, event: Event) -> None:
        payload = payload_as(event, RatingGiven)
        rating = FinalRating(event.seq, payload.objective, payload.rating, payload.text,
                             event.at_wall, event.seat)
        self.ratings_given.append(rating)
        self._keep(event.seq, rating)

    def _record_finding(self, event: Event) -> None:
        p = payload_as(event, FindingRecorded)
        finding = Finding(event.seq, p.objective, p.kind, p.text, p.reference, p.analysis,
                          list(p.recommendations), event.at_wall, event.seat)
        self.findings.append(finding)
        self._keep(event.seq, finding)

    def _submit_feedback(self, event: Event) -> None:
        p = payload_as(event, FeedbackSubmitted)
        feedback = Feedback(event.seq, p.role, dict(p.ratings), list(p.strengths),
                            list(p.improvements), p.text, event.at_wall, event.seat)
        self.feedback.append(feedback)
        self._keep(event.seq, feedback)

    def _amend(self, event: Event) -> None:
        payload = payload_as(event, EntryAmended)
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
        payload = payload_as(event, EntryRetracted)
        target = self.root_of(payload.seq)
        self._roots[event.seq] = target
        entry = self._entries.get(target)
        if entry is None or target in self._retracted:
            return
        retraction = Retraction(event.seq, target, payload.reason, self.event_types[target],
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

    def _is_recommendation(self, payload: MoveRecorded) -> bool:
        inject = self.snapshot.inject(payload.inject or "")
        if inject is None or payload.option is None:
            return False
        return not any(inject.may_decide(role) for role in (payload.role, *payload.joint))

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


def payload_as(event: Event, model: type[P]) -> P:
    """The event's payload as `model` (a TypeError, read as damage, when it is not)."""
    if not isinstance(event.payload, model):
        raise TypeError(f"a {event.type} event carries a {type(event.payload).__name__}")
    return event.payload
