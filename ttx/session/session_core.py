"""The core of a `Session`: a journal opened from one seat, and the one checked write.

Every check runs inside the journal's write transaction, after catching up with
what other seats appended, so two facilitators cannot both deliver the same inject.
What the seat may do is asked of `Seat` (ttx.session.seats) before anything else. A
refusal is a one-line `TtxError` and leaves the journal unchanged. The verbs live in
`ttx.session.play_verbs` and `ttx.session.record_verbs`; `ttx.session.session`
joins them into `Session`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Self

from ttx.errors import TtxError
from ttx.gc_pause import gc_paused
from ttx.model.resolved import ResolvedScenario
from ttx.session.checks import check_role, refuse
from ttx.session.disk_cache import wait_for_writes
from ttx.session.events import AFTER_ENDEX, Event, EventType, Payload
from ttx.session.fold import SessionState, apply_all, fold, game_time_after
from ttx.session.fold_cache import open_state
from ttx.session.journal import Journal, is_url
from ttx.session.seats import Seat, Verb

WAITS_FOR_STARTEX = frozenset({
    EventType.inject_delivered, EventType.module_started, EventType.move_recorded,
    EventType.inject_acknowledged, EventType.decision_closed, EventType.clock_paused,
    EventType.clock_resumed, EventType.clock_set})
"""What a session that opened ready refuses until STARTEX: play and its clock. Getting
ready stays open (skipping injects, setting conditions, announcing, the room screen,
notes and observations), and so does ENDEX, for an exercise called off.

STARTEX is never implied by a delivery: it is the moment the playing clock counts
from and the report's start, so it is recorded only when the facilitator calls it;
faces offer it when a refused action needs it."""

Build = Callable[[], Payload]
"""Checks the refreshed state and returns the payload to append, or raises TtxError."""


class SessionCore:
    """A journal opened from one seat, the state that follows it, and the one checked
    write every verb goes through."""

    def __init__(self, journal: Journal, *, seat: Seat | str = "facilitator") -> None:
        self.journal = journal
        self.seat = seat if isinstance(seat, Seat) else Seat.parse(seat)
        with gc_paused():
            self.state: SessionState = open_state(journal)
        if self.seat.role is not None:
            check_role(self.state, self.seat.role)

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
        """Close the journal, once a checkpoint being written in the background (see
        `ttx.session.fold_cache`) is in place: nothing is left running."""
        self.journal.close()
        wait_for_writes()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


    def _acting_role(self, role: str | None, doing: str, flag: str) -> str:
        """The role an entry is for: `role`, else a player seat's own; refused when
        there is none, it is not a role, or this seat may not act for it."""
        chosen = role or self.seat.role
        if chosen is None:
            refuse(f"name the role {flag}")
        check_role(self.state, chosen)
        if not self.seat.may_act_for(chosen):
            refuse(f"the {self.seat} seat {doing} for {self.seat.role} only")
        return chosen

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
                if self.state.ready and payload.type in WAITS_FOR_STARTEX:
                    refuse("play has not started: the session is ready and waits for the "
                           "facilitator's STARTEX")
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
