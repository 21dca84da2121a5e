"""A screen that records to a session from one seat: the console's and a delegation's.

Every change is one checked action of the session layer. A refusal (or a session that
cannot be written) is a notification and leaves the journal unchanged; a form stays
open when what it recorded was refused, showing why, so nothing typed is lost.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from textual.screen import Screen

from ttx.errors import TtxError
from ttx.session.events import Event
from ttx.session.fold import SessionState
from ttx.session.seats import Seat
from ttx.tui.seats import seat_allows

if TYPE_CHECKING:
    from ttx.session.session import Session
    from ttx.tui.forms.base import FormScreen

SessionCall = Callable[[], Event]


@runtime_checkable
class SessionHost(Protocol):
    """What the app a recording screen runs in offers it (`ttx.tui.app.SessionApp`)."""

    problem: str | None
    """Why the session cannot be read or written right now (None when all is well)."""

    def check_file(self) -> str | None: ...

    def sync(self) -> None: ...


class RecordingScreen(Screen[None]):
    """Runs session actions for its seat; subclasses add the layout and the keys."""

    session: Session
    seat: Seat

    @property
    def state(self) -> SessionState:
        return self.session.state

    @property
    def host(self) -> SessionHost | None:
        """The session app this screen runs in; None under a bare test app."""
        app = self.app
        return app if isinstance(app, SessionHost) else None

    def refresh_header(self) -> None:
        raise NotImplementedError

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide (and refuse) the keys this seat may not use."""
        return seat_allows(self.seat, action)

    def play_waits(self) -> bool:
        """Say so, before a form is filled in vain, while the session waits for the
        facilitator's STARTEX (the session would refuse play)."""
        waits = self.state.ready and not self.state.ended
        if waits:
            self.notify("Play has not started: it waits for the facilitator's STARTEX.",
                        severity="warning")
        return waits

    def attempt(self, what: str, call: SessionCall) -> str | None:
        """Run one session action; None when it was written, else why not (also said in
        an error notification). The journal is unchanged when it was not written."""
        host = self.host
        problem = host.check_file() if host is not None else None
        if problem is not None:
            self.refresh_header()
            return problem
        try:
            call()
        except TtxError as error:
            self.notify(error.message, title=f"Not {what}", severity="error", timeout=8)
            if host is not None:  # the check caught up with others' entries: show them
                host.sync()
            return error.message
        except (sqlite3.Error, OSError) as error:
            message = f"cannot write {self.session.name}: {error}"
            self.notify(message, title=f"Not {what}", severity="error", timeout=15)
            return message
        if host is not None:
            host.sync()
        return None

    def perform(self, what: str, call: SessionCall) -> bool:
        """`attempt`, answering whether it was written."""
        return self.attempt(what, call) is None

    def open_form(self, form: FormScreen[Any], what: str,
                  call: Callable[[Any], SessionCall]) -> None:
        """Show `form`; its draft is recorded with `call(draft)`, and the form closes only
        once that was written."""
        form.attempt = lambda draft: self.attempt(what, call(draft))
        self.app.push_screen(form)
