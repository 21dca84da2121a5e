"""The Textual apps: the console (facilitator or evaluator seat) and the room display.

Both follow one session file: a 0.25 s timer asks the session layer for events other
processes appended (`Session.refresh`, which reads only rows after the last seq) and
hands just those to the screen. Nothing is held unsaved, so quitting loses nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import PurePath
from typing import TYPE_CHECKING, ClassVar, Protocol

from textual.app import App
from textual.binding import Binding, BindingType

from ttx.errors import TtxError
from ttx.session.events import Event
from ttx.tui.commands import ConsoleCommands
from ttx.tui.keymap import APP_KEYS
from ttx.tui.screens.console import ConsoleScreen
from ttx.tui.screens.display import DisplayScreen
from ttx.tui.screens.help import HelpScreen
from ttx.tui.seats import ConsoleSeat

if TYPE_CHECKING:
    from ttx.session.actions import Session

POLL_SECONDS = 0.25
"""How often a console or display looks for entries others appended."""

Clock = Callable[[], datetime]
"""Wall-clock source (UTC, aware); tests pass a fixed one."""


def system_clock() -> datetime:
    return datetime.now(UTC)


class FollowingScreen(Protocol):
    def apply_events(self, events: list[Event]) -> None: ...


class SessionApp(App[None]):
    """An app that follows one session file and shows its new events as they arrive."""

    ENABLE_COMMAND_PALETTE = False

    def __init__(self, session: Session, *, clock: Clock = system_clock,
                 poll: bool = True) -> None:
        super().__init__()
        self.session = session
        self.clock = clock
        self.poll = poll
        self.shown_seq = session.state.last_seq
        """The last event the screen was given."""

    @property
    def following(self) -> FollowingScreen:
        raise NotImplementedError

    def on_mount(self) -> None:
        if self.poll:
            self.set_interval(POLL_SECONDS, self.sync, name="follow-session")

    def sync(self) -> None:
        """Catch up with the journal and give the screen the events it has not seen.

        `refresh()` returns others' events; our own writes (and anything a write caught
        up with inside its transaction) are read back from the journal by seq, so no
        event is ever shown twice or missed."""
        try:
            fresh = self.session.refresh()
            last = self.session.state.last_seq
            if last <= self.shown_seq:
                return
            contiguous = bool(fresh) and fresh[0].seq == self.shown_seq + 1 \
                and fresh[-1].seq == last
            events = fresh if contiguous else self.session.journal.events(self.shown_seq)
        except (TtxError, sqlite3.Error) as error:
            message = error.message if isinstance(error, TtxError) else str(error)
            self.notify(f"Cannot read the session: {message}", severity="error")
            return
        self.shown_seq = last
        self.following.apply_events(events)

    def action_quit(self) -> None:  # type: ignore[override]
        self.exit()


class ConsoleApp(SessionApp):
    """`ttx run`: the facilitator's or an evaluator's console."""

    TITLE = "ttx console"
    CSS_PATH: ClassVar[list[str | PurePath]] = ["console.tcss", "forms.tcss"]
    ENABLE_COMMAND_PALETTE = True
    COMMANDS: ClassVar[set[type[ConsoleCommands]]] = {ConsoleCommands}  # type: ignore[assignment]
    BINDINGS: ClassVar[list[BindingType]] = [key.binding() for key in APP_KEYS
                                             if key.action != "command_palette"]
    COMMAND_PALETTE_BINDING = "ctrl+p"

    def __init__(self, session: Session, *, seat: ConsoleSeat = ConsoleSeat.facilitator,
                 clock: Clock = system_clock, poll: bool = True) -> None:
        super().__init__(session, clock=clock, poll=poll)
        if session.seat != seat.value:
            raise ValueError(f"a {seat.value} console needs a session opened for that seat, "
                             f"not for '{session.seat}'")
        self.seat = seat
        self.console_screen = ConsoleScreen(session, seat, clock)

    @property
    def following(self) -> FollowingScreen:
        return self.console_screen

    def on_mount(self) -> None:
        super().on_mount()
        self.push_screen(self.console_screen)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.seat))


class DisplayApp(SessionApp):
    """`ttx display`: the read-only, large-type view for the room or a delegation."""

    TITLE = "ttx display"
    CSS_PATH = "display.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "quit", id="display.quit"),
    ]

    def __init__(self, session: Session, *, role: str | None = None,
                 clock: Clock = system_clock, poll: bool = True) -> None:
        super().__init__(session, clock=clock, poll=poll)
        self.display_screen = DisplayScreen(session, role)

    @property
    def following(self) -> FollowingScreen:
        return self.display_screen

    def on_mount(self) -> None:
        super().on_mount()
        self.push_screen(self.display_screen)
