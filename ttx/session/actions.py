"""Checked actions on a session: each one is refused, or appended to the journal.

Every check runs inside the journal's write transaction, after catching up with
what other processes appended, so two facilitators cannot both deliver the same
inject. A refusal is a one-line `TtxError` and leaves the journal unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from ttx.authoring.problems import did_you_mean
from ttx.gc_pause import gc_paused
from ttx.model.resolved import ResolvedScenario
from ttx.session.checks import checked_choice, checked_due, checked_text, refuse, unknown
from ttx.session.events import (
    AMENDABLE,
    AMENDABLE_FIELDS,
    Event,
    EventType,
    MoveKind,
    ObservationKind,
    Rating,
)
from ttx.session.fold import InjectStatus, SessionState, apply_all, fold, game_time_after
from ttx.session.journal import Journal, SessionExists, default_session_path

Build = Callable[[], tuple[EventType, dict[str, Any]]]
"""Checks the refreshed state and returns the event to append, or raises TtxError."""

class Session:
    """A session file opened for play: `state` follows the journal, actions append to it."""

    def __init__(self, journal: Journal, *, seat: str = "facilitator") -> None:
        self.journal = journal
        self.seat = seat
        with gc_paused():
            self.state: SessionState = fold(journal.snapshot, journal.events(), journal.path)

    @classmethod
    def start(cls, resolved: ResolvedScenario, path: Path | None = None, *,
              workspace_root: Path | None = None, seat: str = "facilitator") -> Session:
        """A new session of `resolved`, at `path` or under `sessions/` of the workspace
        (by default the one the scenario was read from), with `session_started` and the
        first module's `module_started` already written."""
        # The opening events are written with the file, so no one ever sees a session
        # without its first module.
        scenario = resolved.scenario
        blank = SessionState(resolved)
        initial = [(event_type, payload, seat, game_time_after(blank, event_type, payload))
                   for event_type, payload in (
                       (EventType.session_started, {"scenario": scenario.id,
                                                    "title": scenario.title}),
                       (EventType.module_started, {"module": scenario.modules[0].id}))]
        if path is not None:
            journal = Journal.create(path, resolved, initial=initial)
        else:
            root = workspace_root or _workspace_of(resolved)
            now = datetime.now().astimezone()
            while True:
                candidate = default_session_path(root, scenario.id, now)
                try:
                    journal = Journal.create(candidate, resolved, initial=initial)
                    break
                except SessionExists:
                    continue  # another process took the name between the check and here
        return cls(journal, seat=seat)

    @classmethod
    def open(cls, path: Path, *, seat: str = "facilitator") -> Session:
        """An existing session file (refused when missing, foreign or too new)."""
        return cls(Journal.open(path), seat=seat)

    @property
    def snapshot(self) -> ResolvedScenario:
        return self.journal.snapshot

    def refresh(self) -> list[Event]:
        """Apply the events other processes appended since the last look; return them.

        Cheap when nothing changed (one pragma, no table read)."""
        if not self.journal.changed():
            return []
        return self._catch_up()

    def close(self) -> None:
        self.journal.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- injects and modules -----------------------------------------------------

    def deliver(self, inject_id: str) -> Event:
        """Deliver a pending inject of a started module, or an available one."""
        def build() -> tuple[EventType, dict[str, Any]]:
            self._check_inject(inject_id, "delivered")
            return EventType.inject_delivered, {"inject": inject_id,
                                                "module": self.state.current_module}
        return self._write(build)[0]

    def skip(self, inject_id: str, reason: str = "") -> Event:
        """Mark a pending or available inject as skipped (it may still be delivered)."""
        def build() -> tuple[EventType, dict[str, Any]]:
            if self.state.inject_status.get(inject_id) is InjectStatus.skipped:
                refuse(f"inject '{inject_id}' was already skipped")
            self._check_inject(inject_id, "skipped", allow_future_module=True)
            payload: dict[str, Any] = {"inject": inject_id, "module": self.state.current_module}
            if reason.strip():
                payload["reason"] = reason.strip()
            return EventType.inject_skipped, payload
        return self._write(build)[0]

    def start_module(self, module_id: str | None = None) -> Event:
        """Start the named module, or the next one not started yet."""
        def build() -> tuple[EventType, dict[str, Any]]:
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
            return EventType.module_started, {"module": chosen}
        return self._write(build)[0]

    # -- entries -----------------------------------------------------------------

    def record_move(self, role: str, kind: str, text: str, *, rationale: str = "",
                    to: Sequence[str] = (), inject: str | None = None,
                    option: str | None = None) -> Event:
        """Record what a role did; a move that picks an option releases its `leads_to`."""
        def build() -> tuple[EventType, dict[str, Any]]:
            self._check_role(role)
            payload: dict[str, Any] = {
                "role": role,
                "kind": checked_choice("move kind", kind, list(MoveKind)),
                "text": checked_text("a move's text", text),
            }
            if rationale.strip():
                payload["rationale"] = rationale.strip()
            recipients: list[str] = []
            for recipient in to:
                self._check_role(recipient)
                if recipient not in recipients:
                    recipients.append(recipient)
            if recipients:
                payload["to"] = recipients
            if option is not None and inject is None:
                refuse(f"option '{option}' needs the inject it answers (--inject)")
            if inject is not None:
                self._check_delivered(inject)
                payload["inject"] = inject
            if option is not None and inject is not None:
                payload["option"] = self._check_option(inject, option)
            return EventType.move_recorded, payload
        return self._write(build)[0]

    def record_observation(self, objective: str, kind: str, text: str, *,
                           rating: str | None = None, author: str = "") -> Event:
        """Record an evaluator's observation on an objective, with an optional P/S/M/U."""
        def build() -> tuple[EventType, dict[str, Any]]:
            objectives = [obj.id for obj in self.snapshot.scenario.objectives]
            if objective not in objectives:
                raise unknown("objective", objective, objectives)
            payload: dict[str, Any] = {
                "objective": objective,
                "kind": checked_choice("observation kind", kind, list(ObservationKind)),
                "text": checked_text("an observation's text", text),
            }
            if rating:
                payload["rating"] = checked_choice("rating", rating.strip().upper(),
                                                   list(Rating))
            if author.strip():
                payload["author"] = author.strip()
            return EventType.observation_recorded, payload
        return self._write(build)[0]

    def add_note(self, text: str) -> Event:
        """Record a facilitator's note."""
        def build() -> tuple[EventType, dict[str, Any]]:
            return EventType.note_added, {"text": checked_text("a note", text)}
        return self._write(build)[0]

    def add_improvement(self, issue: str, action: str, *, capability_element: str = "",
                        owner: str = "", due: str = "") -> Event:
        """Record an improvement item (hotwash): issue, corrective action, owner, due date."""
        def build() -> tuple[EventType, dict[str, Any]]:
            return EventType.improvement_added, {
                "issue": checked_text("an improvement item's issue", issue),
                "action": checked_text("an improvement item's corrective action", action),
                "capability_element": capability_element.strip(),
                "owner": owner.strip(),
                "due": checked_due(due),
            }
        return self._write(build)[0]

    def amend(self, seq: int, text: str, *, field: str | None = None) -> Event:
        """Correct an entry's main text (or `field`); `seq` may name an amendment of it."""
        def build() -> tuple[EventType, dict[str, Any]]:
            target = self._check_correctable(seq, "amended")
            entry_type = self.state.event_types[target]
            fields = AMENDABLE_FIELDS[entry_type]
            chosen = checked_choice(f"field of {entry_type}", field or fields[0], fields)
            if chosen in ("owner", "capability_element"):
                new_text = text.strip()
            elif chosen == "due":
                new_text = checked_due(text)
            else:
                new_text = checked_text(f"the amended {chosen}", text)
            entry = self.state.entry(target)
            if entry is not None and str(getattr(entry, chosen)) == new_text:
                refuse(f"#{target} already reads that; nothing to amend")
            payload: dict[str, Any] = {"seq": target, "text": new_text}
            if chosen != fields[0]:
                payload["field"] = chosen
            return EventType.entry_amended, payload
        return self._write(build)[0]

    def retract(self, seq: int, reason: str = "") -> Event:
        """Withdraw an entry (and its amendments); `seq` may name an amendment of it."""
        def build() -> tuple[EventType, dict[str, Any]]:
            payload: dict[str, Any] = {"seq": self._check_correctable(seq, "retracted")}
            if reason.strip():
                payload["reason"] = reason.strip()
            return EventType.entry_retracted, payload
        return self._write(build)[0]

    # -- clock and session -------------------------------------------------------

    def pause(self) -> Event:
        """Stop counting playing time."""
        def build() -> tuple[EventType, dict[str, Any]]:
            if self.state.paused:
                refuse(f"the clock is already paused (since #{self.state.pauses[-1].paused_seq})")
            return EventType.clock_paused, {}
        return self._write(build)[0]

    def resume(self) -> Event:
        """Count playing time again after a pause."""
        def build() -> tuple[EventType, dict[str, Any]]:
            if not self.state.paused:
                refuse("the clock is not paused")
            return EventType.clock_resumed, {}
        return self._write(build)[0]

    def set_clock(self, game_time: datetime) -> Event:
        """Put the game clock at `game_time` (naive means the scenario's offset)."""
        zone = self.snapshot.scenario.start.tzinfo
        aware = game_time.replace(tzinfo=zone) if game_time.tzinfo is None else game_time

        def build() -> tuple[EventType, dict[str, Any]]:
            return EventType.clock_set, {"game_time": aware.astimezone(zone).isoformat()}
        return self._write(build)[0]

    def end(self) -> Event:
        """End the session: nothing can be recorded after this."""
        return self._write(lambda: (EventType.session_ended, {}))[0]

    # -- machinery ---------------------------------------------------------------

    def _catch_up(self) -> list[Event]:
        new_events = self.journal.events(self.state.last_seq)
        apply_all(self.state, new_events, self.journal.path)
        return new_events

    def _write(self, *builds: Build) -> list[Event]:
        """Append the events `builds` return, each checked against the state as it stands
        inside the write transaction; all of them or none."""
        written: list[Event] = []
        try:
            with self.journal.write_transaction():
                self._catch_up()
                for build in builds:
                    if self.state.ended:
                        ended = max(s for s, t in self.state.event_types.items()
                                    if t is EventType.session_ended)
                        refuse(f"the session ended at #{ended}; nothing more can be recorded")
                    event_type, payload = build()
                    at_game = game_time_after(self.state, event_type, payload)
                    event = self.journal.append(event_type, payload, seat=self.seat,
                                                at_game=at_game)
                    self.state.apply(event)
                    written.append(event)
        except BaseException:
            if written:  # rolled back: the state must forget them
                self.state = fold(self.snapshot, self.journal.events(), self.journal.path)
            raise
        return written

    def _check_role(self, role: str) -> None:
        roles = [r.id for r in self.snapshot.scenario.roles]
        if role not in roles:
            raise unknown("role", role, roles)

    def _check_known_inject(self, inject_id: str) -> None:
        if inject_id not in self.snapshot.injects:
            raise unknown("inject", inject_id, list(self.snapshot.injects))

    def _check_delivered(self, inject_id: str) -> None:
        self._check_known_inject(inject_id)
        if self.state.inject_status[inject_id] is not InjectStatus.delivered:
            refuse(f"inject '{inject_id}' has not been delivered yet")

    def _check_inject(self, inject_id: str, verb: str, *,
                      allow_future_module: bool = False) -> None:
        """Refuse unless `inject_id` can be delivered (or skipped) now."""
        self._check_known_inject(inject_id)
        state = self.state
        status = state.inject_status[inject_id]
        if status is InjectStatus.delivered:
            delivery = state.delivery_of(inject_id)
            refuse(f"inject '{inject_id}' was already delivered"
                    + (f" (#{delivery.seq})" if delivery else ""))
        module = self.snapshot.module_of(inject_id)
        if status is InjectStatus.pending and module is not None and \
                module.id not in state.modules_started and not allow_future_module:
            refuse(f"inject '{inject_id}' is planned in module '{module.id}', which has "
                    f"not started; start it first")
        if status is InjectStatus.unavailable:
            refuse(self._why_unavailable(inject_id, verb))

    def _why_unavailable(self, inject_id: str, verb: str) -> str:
        releasing = [f"'{option.id}' of '{inject.id}'"
                     for inject in self.snapshot.injects.values()
                     for option in inject.options if inject_id in option.leads_to]
        module = self.snapshot.module_of(inject_id)
        reasons = []
        if module is not None and module.id != self.state.current_module:
            reasons.append(f"a contingency of module '{module.id}', not of the current module "
                           f"'{self.state.current_module}'")
        if releasing:
            reasons.append(f"released only when a move picks option {' or '.join(releasing)}")
        why = "; it is " + " and ".join(reasons) if reasons else ""
        return f"inject '{inject_id}' is not available and cannot be {verb}{why}"

    def _check_option(self, inject_id: str, option_id: str) -> str:
        inject = self.snapshot.injects[inject_id]
        options = [option.id for option in inject.options]
        if not options:
            refuse(f"inject '{inject_id}' is not a decision point: it has no options")
        if option_id not in options:
            owners = [other.id for other in self.snapshot.injects.values()
                      if other.option(option_id) is not None]
            elsewhere = f"; '{option_id}' is an option of '{owners[0]}'" if owners else ""
            refuse(f"inject '{inject_id}' has no option '{option_id}'"
                    f"{did_you_mean(option_id, options)}; choose {', '.join(options)}"
                    f"{elsewhere}")
        return option_id

    def _check_correctable(self, seq: int, verb: str) -> int:
        """The original entry `seq` names, if it can still be amended or retracted."""
        state = self.state
        if seq not in state.event_types:
            refuse(f"no entry #{seq} in this session (entries are #1 to #{state.last_seq})")
        target = state.root_of(seq)
        target_type = state.event_types[target]
        if target_type not in AMENDABLE:
            refuse(f"#{seq} is {target_type}: only moves, observations, notes and "
                    f"improvement items can be {verb}")
        retraction = state.retraction_of(target)
        if retraction is not None:
            refuse(f"#{target} was retracted at #{retraction.retracted_by}; it cannot be "
                    f"{verb}")
        return target


def _workspace_of(resolved: ResolvedScenario) -> Path:
    # Imported here: the workspace loader is heavy and only `start` needs it.
    from ttx.authoring.workspace import find_workspace_root

    if resolved.source:
        return find_workspace_root(Path(resolved.source))
    return find_workspace_root(Path.cwd())
