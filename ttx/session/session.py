"""`Session`: a journal opened from one seat; every verb is checked, then appended.

The checked write is `SessionCore` (`ttx.session.session_core`); the verbs of play
are `PlayVerbs` (`ttx.session.play_verbs`) and those of the record, the analysis and
corrections `RecordVerbs` (`ttx.session.record_verbs`). This module joins them and
creates or opens sessions.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ttx.model.resolved import ResolvedScenario
from ttx.session.events import ModuleStarted, SessionStarted
from ttx.session.fold import SessionState, game_time_after
from ttx.session.journal import (
    SessionExists,
    create_journal,
    default_session_path,
    open_journal,
)
from ttx.session.play_verbs import PlayVerbs
from ttx.session.record_verbs import CORRECTABLE_AFTER_ENDEX, RecordVerbs
from ttx.session.seats import Seat, Verb
from ttx.session.session_core import Build

__all__ = ["CORRECTABLE_AFTER_ENDEX", "Build", "Session"]


class Session(PlayVerbs, RecordVerbs):
    """A session opened from one seat: `state` follows the journal, verbs append to it."""

    @classmethod
    def start(cls, resolved: ResolvedScenario, location: str | Path | None = None, *,
              workspace_root: Path | None = None, seat: Seat | str = "facilitator",
              ready: bool = False) -> Session:
        """A new session of `resolved` at `location` (a file or a PostgreSQL URL), or
        under `sessions/` of `workspace_root` with a fresh name, with `session_started`
        and the first module's `module_started` already written.

        `ready`: play waits for the facilitator's STARTEX (`startex`), as in the
        console; otherwise it starts with the session, as scripts expect."""
        seat = seat if isinstance(seat, Seat) else Seat.parse(seat)
        seat.check(Verb.start_module)
        # The opening events are written with the session, so no one ever sees a
        # session without its first module.
        scenario = resolved.scenario
        blank = SessionState(resolved)
        initial = [(payload, str(seat), game_time_after(blank, payload)) for payload in (
            SessionStarted(scenario=scenario.id, title=scenario.title, ready=ready),
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
