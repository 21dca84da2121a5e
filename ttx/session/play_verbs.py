"""The verbs that run play: STARTEX, deliveries, skips, modules, moves, the clock, ENDEX.

Each builds its payload inside `SessionCore._write`, checked against the state as it
stands in the write transaction; a refusal is one `TtxError` line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from ttx.errors import TtxError
from ttx.session.checks import (
    check_delivered,
    check_option,
    check_releasable,
    check_role,
    checked_choice,
    checked_text,
    refuse,
    unknown,
)
from ttx.session.events import (
    AnnouncementMade,
    ClockPaused,
    ClockResumed,
    ClockSet,
    ConditionSet,
    DecisionClosed,
    Event,
    EventType,
    ExerciseStarted,
    InjectAcknowledged,
    InjectDelivered,
    InjectSkipped,
    ModuleStarted,
    MoveKind,
    MoveRecorded,
    Payload,
    ScreenShow,
    ScreenShown,
    SessionEnded,
)
from ttx.session.fold import game_time_after
from ttx.session.records import InjectStatus, Move
from ttx.session.seats import Verb
from ttx.session.session_core import SessionCore
from ttx.session.visibility import may_see_inject, may_see_move


class PlayVerbs(SessionCore):
    """What the facilitator (and, for their own moves, the seats) do in play."""

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
            chosen = self._acting_role(role, "acknowledges", "that acknowledges (--role)")
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

    # -- clock and session -------------------------------------------------------

    def startex(self) -> Event:
        """STARTEX: start play in a session that opened ready; the playing clock counts
        from now and the game clock reads the scenario's start (its first module's)."""
        def build() -> Payload:
            startex = self.state.startex
            if startex is not None:
                if self.state.event_types.get(startex.seq) is EventType.exercise_started:
                    refuse(f"STARTEX was called at #{startex.seq} already")
                refuse(f"play started with the session at #{startex.seq}; there is no "
                       "STARTEX to call")
            return ExerciseStarted()
        return self._write(Verb.startex, build)

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


def _unique(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
