"""The verbs that keep the record: observations, notes, improvement items, the
analysis (also after ENDEX) and corrections (amend, retract)."""

from __future__ import annotations

from collections.abc import Sequence

from ttx.session.checks import (
    check_objective,
    check_role,
    checked_choice,
    checked_due,
    checked_text,
    refuse,
    unknown,
)
from ttx.session.events import (
    AMENDABLE_FIELDS,
    ANALYSIS,
    DATE_FIELDS,
    EntryAmended,
    EntryRetracted,
    Event,
    EventType,
    FeedbackSubmitted,
    FindingRecorded,
    ImprovementAdded,
    NoteAdded,
    ObservationKind,
    ObservationRecorded,
    Payload,
    Rating,
    RatingGiven,
    SummaryPart,
    SummaryWritten,
)
from ttx.session.seats import Verb
from ttx.session.session_core import SessionCore

CORRECTABLE_AFTER_ENDEX = ANALYSIS | {EventType.observation_recorded,
                                     EventType.feedback_submitted}
"""The entries that may still be amended or retracted after the session ended."""


class RecordVerbs(SessionCore):
    """What evaluators (and the facilitator) record beside play, and corrections."""

    # -- the record --------------------------------------------------------------

    def record_observation(self, objective: str, kind: str, text: str, *,
                           rating: str | None = None, author: str = "",
                           task: str | None = None) -> Event:
        """Record an evaluator's observation on an objective (or one of its critical
        tasks), with an optional P/S/M/U rating."""
        def build() -> Payload:
            check_objective(self.state, objective)
            chosen_task = self._check_task(objective, task) if task else None
            author_name = author.strip() or (self.seat.name if self.seat.name else "")
            return ObservationRecorded(
                objective=objective,
                kind=checked_choice("observation kind", kind, list(ObservationKind)),
                text=checked_text("an observation's text", text),
                rating=_rating(rating), author=author_name, task=chosen_task)
        return self._write(Verb.observe, build)

    def add_note(self, text: str) -> Event:
        """Record a facilitator's (or evaluator's) note."""
        return self._write(Verb.note, lambda: NoteAdded(text=checked_text("a note", text)))

    def add_improvement(self, issue: str, action: str, *, capability_element: str = "",
                        owner: str = "", due: str = "", objective: str | None = None,
                        capability: str = "", poc: str = "", start: str = "",
                        role: str | None = None, observation: int | None = None) -> Event:
        """Record an improvement-plan item: issue, corrective action, capability element,
        responsible organisation and its POC, start and completion dates."""
        def build() -> Payload:
            if objective is not None:
                check_objective(self.state, objective)
            if role is not None:
                check_role(self.state, role)
            if observation is not None and \
                    self.state.event_types.get(observation) is not EventType.observation_recorded:
                refuse(f"#{observation} is not an observation")
            return ImprovementAdded(
                issue=checked_text("an improvement item's issue", issue),
                action=checked_text("an improvement item's corrective action", action),
                capability_element=capability_element.strip(), owner=owner.strip(),
                due=checked_due(due), objective=objective, capability=capability.strip(),
                poc=poc.strip(), start=checked_due(start), role=role, observation=observation)
        return self._write(Verb.improve, build)

    # -- the analysis (also after ENDEX) -----------------------------------------

    def write_summary(self, part: str, text: str) -> Event:
        """Write (or rewrite) a part of the executive summary; the latest stands."""
        def build() -> Payload:
            return SummaryWritten(
                part=SummaryPart(checked_choice("summary part", part, list(SummaryPart))),
                text=checked_text("the summary", text))
        return self._write(Verb.analyse, build)

    def give_rating(self, objective: str, rating: str, text: str = "") -> Event:
        """The final P/S/M/U rating of an objective, with why; the latest given stands."""
        def build() -> Payload:
            chosen = _rating(rating)
            if chosen is None:
                refuse("a final rating is one of P, S, M, U")
            return RatingGiven(objective=check_objective(self.state, objective),
                               rating=chosen, text=text.strip())
        return self._write(Verb.analyse, build)

    def record_finding(self, objective: str, kind: str, text: str, *, reference: str = "",
                       analysis: str = "", recommendations: Sequence[str] = ()) -> Event:
        """A strength or area for improvement of an objective, with its analysis."""
        def build() -> Payload:
            chosen = checked_choice("finding kind", kind, ["strength", "improvement"])
            return FindingRecorded(
                objective=check_objective(self.state, objective), kind=ObservationKind(chosen),
                text=checked_text("a finding", text), reference=reference.strip(),
                analysis=analysis.strip(),
                recommendations=tuple(r.strip() for r in recommendations if r.strip()))
        return self._write(Verb.analyse, build)

    def submit_feedback(self, role: str | None, ratings: dict[str, int], *,
                        strengths: Sequence[str] = (), improvements: Sequence[str] = (),
                        text: str = "") -> Event:
        """A delegation's participant feedback (ratings 1–5 by question id)."""
        def build() -> Payload:
            chosen = self._acting_role(role, "gives feedback",
                                       "whose feedback this is (--role)")
            for question, value in ratings.items():
                if not 1 <= value <= 5:
                    refuse(f"the rating of '{question}' is {value}; rate from 1 to 5")
            return FeedbackSubmitted(
                role=chosen, ratings=dict(ratings),
                strengths=tuple(s.strip() for s in strengths if s.strip()),
                improvements=tuple(s.strip() for s in improvements if s.strip()),
                text=text.strip())
        return self._write(Verb.feedback, build)

    def _check_task(self, objective_id: str, task: str) -> str:
        objective = next(o for o in self.snapshot.scenario.objectives if o.id == objective_id)
        tasks = [t.id for t in objective.critical_tasks]
        if task not in tasks:
            raise unknown(f"critical task of {objective_id}", task, tasks)
        return task

    # -- corrections -------------------------------------------------------------

    def amend(self, seq: int, text: str, *, field: str | None = None) -> Event:
        """Correct an entry's main text (or `field`); `seq` may name an amendment of it."""
        def build() -> Payload:
            target = self._check_correctable(seq, "amended")
            entry_type = self.state.event_types[target]
            fields = AMENDABLE_FIELDS[entry_type]
            chosen = checked_choice(f"field of {entry_type}", field or fields[0], fields)
            if chosen in DATE_FIELDS:
                new_text = checked_due(text)
            elif chosen == fields[0]:
                new_text = checked_text(f"the amended {chosen}", text)
            else:
                new_text = text.strip()
            entry = self.state.entry(target)
            if entry is not None and str(getattr(entry, chosen, "")) == new_text:
                refuse(f"#{target} already reads that; nothing to amend")
            return EntryAmended(seq=target, text=new_text,
                                field=None if chosen == fields[0] else chosen)
        return self._write(Verb.correct, build)

    def retract(self, seq: int, reason: str = "") -> Event:
        """Withdraw an entry (and its amendments); `seq` may name an amendment of it."""
        def build() -> Payload:
            return EntryRetracted(seq=self._check_correctable(seq, "retracted"),
                                  reason=reason.strip())
        return self._write(Verb.correct, build)

    def may_correct_something(self) -> bool:
        """Whether this seat may amend or retract any entry now (faces ask this before
        offering the key); newest entries first, so it usually stops at once."""
        if not self.seat.may(Verb.correct):
            return False
        state, seat = self.state, self.seat
        # only the entries of seats this one may correct: its own, or all for the
        # facilitator (whose newest entry usually answers at once)
        return any(self._why_not_correctable(seq, "amended") is None
                   for written_from in state.seats_with_entries()
                   if seat.may_correct(written_from)
                   for seq in state.entry_seqs_newest_first(written_from))

    def _check_correctable(self, seq: int, verb: str) -> int:
        """The original entry `seq` names, if this seat can still amend or retract it."""
        problem = self._why_not_correctable(seq, verb)
        if problem is not None:
            refuse(problem)
        return self.state.root_of(seq)

    def _why_not_correctable(self, seq: int, verb: str) -> str | None:
        """Why this seat cannot amend or retract the entry `seq` names; None if it can."""
        state = self.state
        if seq not in state.event_types:
            return f"no entry #{seq} in this session (entries are #1 to #{state.last_seq})"
        target = state.root_of(seq)
        target_type = state.event_types[target]
        if state.ended and target_type not in CORRECTABLE_AFTER_ENDEX:
            return (f"the session ended at #{state.ended_seq}; play is closed and #{seq} "
                    f"cannot be {verb} (only the analysis, observations and feedback can)")
        if target_type not in AMENDABLE_FIELDS:
            return (f"#{seq} is {target_type}: only moves, observations, notes, "
                    f"announcements, improvement items, the analysis and feedback can be "
                    f"{verb}")
        if not self.seat.may_correct(state.seat_of(target)):
            return (f"#{target} was written from the {state.seat_of(target)} seat; the "
                    f"{self.seat} seat may only correct its own entries")
        retraction = state.retraction_of(target)
        if retraction is not None:
            return (f"#{target} was retracted at #{retraction.seq}; it cannot be "
                    f"{verb}")
        return None



def _rating(text: str | None) -> Rating | None:
    if text is None or not text.strip():
        return None
    return Rating(checked_choice("rating", text.strip().upper(), list(Rating)))
