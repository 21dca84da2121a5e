"""`Session`: a journal opened from one seat; every verb is checked, then appended.

Every check runs inside the journal's write transaction, after catching up with
what other seats appended, so two facilitators cannot both deliver the same inject.
What the seat may do is asked of `Seat` (ttx.session.seats) before anything else. A
refusal is a one-line `TtxError` and leaves the journal unchanged.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path

from ttx.errors import TtxError
from ttx.gc_pause import gc_paused
from ttx.model.resolved import ResolvedScenario
from ttx.session.checks import (
    check_delivered,
    check_objective,
    check_option,
    check_releasable,
    check_role,
    checked_choice,
    checked_due,
    checked_text,
    refuse,
    unknown,
)
from ttx.session.events import (
    AFTER_ENDEX,
    AMENDABLE_FIELDS,
    ANALYSIS,
    DATE_FIELDS,
    AnnouncementMade,
    ClockPaused,
    ClockResumed,
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
    MoveKind,
    MoveRecorded,
    NoteAdded,
    ObservationKind,
    ObservationRecorded,
    Payload,
    Rating,
    RatingGiven,
    ScreenShow,
    ScreenShown,
    SessionEnded,
    SessionStarted,
    SummaryPart,
    SummaryWritten,
)
from ttx.session.fold import SessionState, apply_all, fold, game_time_after
from ttx.session.journal import (
    Journal,
    SessionExists,
    create_journal,
    default_session_path,
    is_url,
    open_journal,
)
from ttx.session.records import InjectStatus, Move
from ttx.session.seats import Seat, Verb
from ttx.session.visibility import may_see_inject, may_see_move

Build = Callable[[], Payload]

CORRECTABLE_AFTER_ENDEX = ANALYSIS | {EventType.observation_recorded,
                                     EventType.feedback_submitted}
"""Checks the refreshed state and returns the payload to append, or raises TtxError."""


class Session:
    """A session opened from one seat: `state` follows the journal, verbs append to it."""

    def __init__(self, journal: Journal, *, seat: Seat | str = "facilitator") -> None:
        self.journal = journal
        self.seat = seat if isinstance(seat, Seat) else Seat.parse(seat)
        with gc_paused():
            self.state: SessionState = fold(journal.snapshot, journal.events(),
                                            journal.location)
        if self.seat.role is not None:
            check_role(self.state, self.seat.role)

    @classmethod
    def start(cls, resolved: ResolvedScenario, location: str | Path | None = None, *,
              workspace_root: Path | None = None, seat: Seat | str = "facilitator"
              ) -> Session:
        """A new session of `resolved` at `location` (a file or a PostgreSQL URL), or
        under `sessions/` of `workspace_root` with a fresh name, with `session_started`
        and the first module's `module_started` already written."""
        seat = seat if isinstance(seat, Seat) else Seat.parse(seat)
        seat.check(Verb.start_module)
        # The opening events are written with the session, so no one ever sees a
        # session without its first module.
        scenario = resolved.scenario
        blank = SessionState(resolved)
        initial = [(payload, str(seat), game_time_after(blank, payload)) for payload in (
            SessionStarted(scenario=scenario.id, title=scenario.title),
            ModuleStarted(module=scenario.modules[0].id))]
        if location is not None:
            return cls(create_journal(location, resolved, initial=initial), seat=seat)
        if workspace_root is None:
            raise ValueError("Session.start needs a location or a workspace_root")
        now = datetime.now().astimezone()
        while True:
            candidate = default_session_path(workspace_root, scenario.id, now)
            try:
                return cls(create_journal(candidate, resolved, initial=initial), seat=seat)
            except SessionExists:
                continue  # another process took the name between the check and here

    @classmethod
    def open(cls, location: str | Path, *, seat: Seat | str = "facilitator",
             read_only: bool = False) -> Session:
        """An existing session (refused when missing, foreign, damaged or too new)."""
        seat = seat if isinstance(seat, Seat) else Seat.parse(seat)
        journal = open_journal(location, read_only=read_only)
        try:
            return cls(journal, seat=seat)
        except BaseException:
            journal.close()
            raise

    @property
    def snapshot(self) -> ResolvedScenario:
        return self.journal.snapshot

    @property
    def name(self) -> str:
        """How messages name the session: its file or its URL."""
        return self.journal.location

    @property
    def short_name(self) -> str:
        """The file's name, or the session id of a URL: for a header."""
        location = self.journal.location
        if is_url(location):
            from urllib.parse import parse_qs, urlsplit

            return parse_qs(urlsplit(location).query).get("session", [location])[0]
        return Path(location).name

    @property
    def is_remote(self) -> bool:
        return is_url(self.journal.location)

    def may(self, verb: Verb) -> bool:
        """Whether this session's seat may `verb` (faces ask this to decide what to offer)."""
        return self.seat.may(verb)

    def refresh(self) -> list[Event]:
        """Apply the events other seats appended since the last look; return them.

        Cheap when nothing changed (no table read)."""
        if not self.journal.changed():
            return []
        return self._catch_up()

    def close(self) -> None:
        self.journal.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- play --------------------------------------------------------------------

    def deliver(self, inject_id: str, *, keep_clock: bool = False) -> Event:
        """Deliver a pending inject of a started module, or an available one, in the
        variant of its text the conditions that hold now select. The game clock moves to
        the inject's planned time when that is later, unless `keep_clock` (then the
        inject is delivered at the game time the clock reads)."""
        def build() -> Payload:
            check_releasable(self.state, inject_id, "delivered")
            inject = self.snapshot.injects[inject_id]
            conditions = self.state.conditions
            if not inject.applies(conditions):
                refuse(f"inject '{inject_id}' does not apply: its condition does not hold "
                       "given the decisions so far; skip it")
            return InjectDelivered(inject=inject_id, module=self.state.current_module,
                                   variant=inject.text_for(conditions).variant_id,
                                   keep_clock=keep_clock)
        return self._write(Verb.deliver, build)

    def set_condition(self, condition: str, value: bool = True, reason: str = "") -> Event:
        """Set (or clear) one of the scenario's facilitator flags."""
        def build() -> Payload:
            declared = [c.id for c in self.snapshot.scenario.conditions]
            if condition not in declared:
                raise unknown("condition flag", condition, declared)
            if (condition in self.state.flags) == value:
                refuse(f"condition '{condition}' is already {'set' if value else 'clear'}")
            return ConditionSet(condition=condition, value=value, reason=reason.strip())
        return self._write(Verb.steer, build)

    def close_decision(self, inject_id: str) -> Event:
        """Close a delivered decision point no deciding role answered: its default option
        (if it names one) applies, recorded as the facilitator's closing."""
        def build() -> Payload:
            check_delivered(self.state, inject_id)
            inject = self.snapshot.injects[inject_id]
            if not inject.options:
                refuse(f"inject '{inject_id}' is not a decision point")
            if inject_id in self.state.closed_decisions:
                refuse(f"the decision '{inject_id}' was closed already")
            decided = [m.seq for m in self.state.moves
                       if m.inject == inject_id and m.option and not m.recommendation]
            if decided:
                refuse(f"'{inject_id}' was decided at #{decided[0]}; nothing to close")
            return DecisionClosed(inject=inject_id, option=inject.default_option)
        return self._write(Verb.steer, build)

    def clock_after_delivering(self, inject_id: str) -> datetime:
        """Where delivering `inject_id` now would put the game clock (the console asks
        before it moves the clock for an inject out of the planned order)."""
        return game_time_after(self.state, InjectDelivered(inject=inject_id))

    def skip(self, inject_id: str, reason: str = "") -> Event:
        """Mark a pending or available inject as skipped (it may still be delivered)."""
        def build() -> Payload:
            if self.state.inject_status.get(inject_id) is InjectStatus.skipped:
                refuse(f"inject '{inject_id}' was already skipped")
            check_releasable(self.state, inject_id, "skipped", allow_future_module=True)
            return InjectSkipped(inject=inject_id, module=self.state.current_module,
                                 reason=reason.strip())
        return self._write(Verb.skip, build)

    def start_module(self, module_id: str | None = None) -> Event:
        """Start the named module, or the next one not started yet."""
        def build() -> Payload:
            state = self.state
            modules = [module.id for module in self.snapshot.scenario.modules]
            chosen = module_id
            if chosen is None:
                chosen = state.next_module()
                if chosen is None:
                    refuse(f"no module left to start: '{state.current_module}' is the last; "
                           "end the session when play is over")
            elif chosen not in modules:
                raise unknown("module", chosen, modules)
            if chosen in state.modules_started:
                started = next(s.seq for s in state.module_starts if s.module_id == chosen)
                refuse(f"module '{chosen}' already started at #{started}")
            return ModuleStarted(module=chosen)
        return self._write(Verb.start_module, build)

    def record_move(self, role: str, kind: str, text: str, *, rationale: str = "",
                    to: Sequence[str] = (), inject: str | None = None,
                    option: str | None = None, joint: Sequence[str] = (),
                    relays: int | None = None) -> Event:
        """Record what a role did; a move that picks an option releases its `leads_to`.

        `joint` names other roles making the move together; `relays` the seq of the
        entry (a delivery or a move) this communication forwards."""
        def build() -> Payload:
            state = self.state
            check_role(state, role)
            if not self.seat.may_act_for(role):
                refuse(f"the {self.seat} seat records moves for {self.seat.role} only, "
                       f"not for {role}")
            recipients = _unique(check_role(state, r) for r in to)
            partners = [r for r in _unique(check_role(state, r) for r in joint) if r != role]
            if partners and self.seat.role is not None:
                refuse("a joint move is recorded by the facilitator or an evaluator, "
                       "who sees every delegation agree to it")
            if option is not None and inject is None:
                refuse(f"option '{option}' needs the inject it answers (--inject)")
            if inject is not None:
                check_delivered(state, inject)
                self._check_may_see_inject(inject)
            if relays is not None:
                self._check_relayable(relays)
                if not recipients:
                    refuse("a forward names the roles it goes to (--to)")
            return MoveRecorded(
                role=role, kind=checked_choice("move kind", kind, list(MoveKind)),
                text=checked_text("a move's text", text), rationale=rationale.strip(),
                to=tuple(recipients), inject=inject,
                option=check_option(state, inject, option) if option and inject else None,
                joint=tuple(partners), relays=relays)
        return self._write(Verb.move, build)

    def acknowledge(self, inject_id: str, role: str | None = None) -> Event:
        """Record that `role` (a player seat's own) received a delivered inject."""
        def build() -> Payload:
            chosen = role or self.seat.role
            if chosen is None:
                refuse("name the role that acknowledges (--role)")
            check_role(self.state, chosen)
            if not self.seat.may_act_for(chosen):
                refuse(f"the {self.seat} seat acknowledges for {self.seat.role} only")
            check_delivered(self.state, inject_id)
            inject = self.snapshot.injects[inject_id]
            if chosen not in self.snapshot.recipients(inject) or inject.control_only:
                refuse(f"inject '{inject_id}' was not sent to {chosen}")
            earlier = self.state.acknowledgement(inject_id, chosen)
            if earlier is not None:
                refuse(f"{chosen} acknowledged '{inject_id}' already at #{earlier.seq}")
            return InjectAcknowledged(inject=inject_id, role=chosen)
        return self._write(Verb.acknowledge, build)

    def announce(self, text: str, to: Sequence[str] = ()) -> Event:
        """A short message from the facilitator to the players' seats and the room."""
        def build() -> Payload:
            roles = _unique(check_role(self.state, r) for r in to)
            return AnnouncementMade(text=checked_text("an announcement", text),
                                    to=tuple(roles))
        return self._write(Verb.announce, build)

    def show_on_screen(self, show: str, text: str = "") -> Event:
        """Put the scenario summary, the module's situation or a hold slide on the room
        display (until the next delivery or module start), or return it to `live`."""
        def build() -> Payload:
            chosen = ScreenShow(checked_choice("screen", show, list(ScreenShow)))
            if chosen is ScreenShow.hold:
                return ScreenShown(show=chosen, text=checked_text("a hold slide's text", text))
            return ScreenShown(show=chosen)
        return self._write(Verb.show_screen, build)

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
            chosen = role or self.seat.role
            if chosen is None:
                refuse("name the role whose feedback this is (--role)")
            check_role(self.state, chosen)
            if not self.seat.may_act_for(chosen):
                refuse(f"the {self.seat} seat gives feedback for {self.seat.role} only")
            for question, value in ratings.items():
                if not 1 <= value <= 5:
                    refuse(f"the rating of '{question}' is {value}; rate from 1 to 5")
            return FeedbackSubmitted(
                role=chosen, ratings=dict(ratings),
                strengths=tuple(s.strip() for s in strengths if s.strip()),
                improvements=tuple(s.strip() for s in improvements if s.strip()),
                text=text.strip())
        return self._write(Verb.feedback, build)

    # -- clock and session -------------------------------------------------------

    def pause(self) -> Event:
        """Stop counting playing time."""
        def build() -> Payload:
            if self.state.paused:
                refuse(f"the clock is already paused (since #{self.state.pauses[-1].paused_seq})")
            return ClockPaused()
        return self._write(Verb.pause, build)

    def resume(self) -> Event:
        """Count playing time again after a pause."""
        def build() -> Payload:
            if not self.state.paused:
                refuse("the clock is not paused")
            return ClockResumed()
        return self._write(Verb.resume, build)

    def set_clock(self, game_time: datetime) -> Event:
        """Put the game clock at `game_time` (naive means the scenario's offset)."""
        zone = self.snapshot.scenario.start.tzinfo
        aware = game_time.replace(tzinfo=zone) if game_time.tzinfo is None else game_time
        try:
            local = aware.astimezone(zone)
        except OverflowError:
            raise TtxError(f"{game_time.isoformat()} is out of the range of game "
                           "times") from None
        return self._write(Verb.set_clock, lambda: ClockSet(game_time=local))

    def end(self) -> Event:
        """End play: only the analysis, observations and feedback may follow."""
        def build() -> Payload:
            if self.state.ended:
                refuse(f"the session ended at #{self.state.ended_seq} already")
            return SessionEnded()
        return self._write(Verb.end, build)

    # -- machinery ---------------------------------------------------------------

    def _catch_up(self) -> list[Event]:
        new_events = self.journal.events(self.state.last_seq)
        apply_all(self.state, new_events, self.journal.location)
        return new_events

    def _write(self, verb: Verb, build: Build) -> Event:
        """Append the payload `build` returns, checked against the state as it stands
        inside the write transaction; refused before anything is written when this
        seat may not `verb`."""
        self.seat.check(verb)
        problem = self.journal.problem()
        if problem is not None:
            raise TtxError(f"not saving: {problem}")
        try:
            with self.journal.write_transaction():
                self._catch_up()
                payload = build()
                if self.state.ended and payload.type not in AFTER_ENDEX:
                    refuse(f"the session ended at #{self.state.ended_seq}; play is closed "
                           "(the analysis, observations, improvement items and feedback "
                           "may still be added)")
                at_game = game_time_after(self.state, payload)
                event = self.journal.append(payload, seat=str(self.seat), at_game=at_game)
                self.state.apply(event)
        except BaseException:
            # rolled back: the state must forget what was applied inside (unless the
            # journal cannot be read now, as when its server is gone: the refusal stands)
            with contextlib.suppress(TtxError):
                if self.state.last_seq > self.journal.last_seq():
                    self.state = fold(self.snapshot, self.journal.events(),
                                      self.journal.location)
            raise
        return event

    def _check_may_see_inject(self, inject_id: str) -> None:
        inject = self.snapshot.injects[inject_id]
        if not may_see_inject(self.snapshot, self.seat, inject):
            refuse(f"inject '{inject_id}' was not sent to {self.seat.role}")

    def _check_relayable(self, seq: int) -> None:
        """Refuse unless `seq` is a delivery or a move this seat may see."""
        state = self.state
        kind = state.event_types.get(seq)
        if kind is EventType.inject_delivered:
            delivery = next((d for d in state.deliveries if d.seq == seq), None)
            if delivery is not None:
                self._check_may_see_inject(delivery.inject_id)
                return
        if kind is EventType.move_recorded:
            move = state.entry(seq)
            if isinstance(move, Move) and state.retraction_of(seq) is None \
                    and may_see_move(self.seat, move):
                return
        refuse(f"#{seq} is not a delivery or a message this seat received; only those "
               "can be forwarded")

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

    def _check_correctable(self, seq: int, verb: str) -> int:
        """The original entry `seq` names, if this seat can still amend or retract it."""
        state = self.state
        if seq not in state.event_types:
            refuse(f"no entry #{seq} in this session (entries are #1 to #{state.last_seq})")
        target = state.root_of(seq)
        target_type = state.event_types[target]
        if state.ended and target_type not in CORRECTABLE_AFTER_ENDEX:
            refuse(f"the session ended at #{state.ended_seq}; play is closed and #{seq} "
                   f"cannot be {verb} (only the analysis, observations and feedback can)")
        if target_type not in AMENDABLE_FIELDS:
            refuse(f"#{seq} is {target_type}: only moves, observations, notes, "
                   f"announcements, improvement items, the analysis and feedback can be "
                   f"{verb}")
        if not self.seat.may_correct(state.seat_of(target)):
            refuse(f"#{target} was written from the {state.seat_of(target)} seat; the {self.seat} "
                   f"seat may only correct its own entries")
        retraction = state.retraction_of(target)
        if retraction is not None:
            refuse(f"#{target} was retracted at #{retraction.retracted_by}; it cannot be "
                   f"{verb}")
        return target


def _unique(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def _rating(text: str | None) -> Rating | None:
    if text is None or not text.strip():
        return None
    return Rating(checked_choice("rating", text.strip().upper(), list(Rating)))
