"""The Textual apps: the console (facilitator or evaluator seat) and the room display.

Both follow one session: a listening thread blocks in the journal's `wait_for_change`
(LISTEN/NOTIFY on PostgreSQL; on SQLite the kernel's word that the file was written,
or a 20 ms look at its data version where there is none) and wakes `sync` the moment
another seat wrote; a 0.5 s timer watches for problems and looks for entries itself
(on a server only every 5 s: there each look is a round trip). An idle seat wakes
for little else, so thirty on one host leave its cores to the seats that work. `sync`
asks the session layer for the new events (`Session.refresh`, which reads only rows
after the last seq) and hands just those to the screen. Nothing is held
unsaved, so quitting loses nothing.

An app is given an open session, or a function that opens one. In the second case it
paints an "opening" frame at once and opens the session (reading and folding the
whole journal, which takes a second for 20,000 entries) in a worker thread. Importing
this module stays light for the same reason: the screens, the session layer and
pydantic are imported by that worker, not before the first frame.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen

from ttx.errors import TtxError
from ttx.gc_pause import start_up_done
from ttx.session.seats import FACILITATOR, Seat, SeatKind
from ttx.terminal_text import visible
from ttx.tui.commands import ConsoleCommands
from ttx.tui.keymap import APP_KEYS
from ttx.tui.rows_compositor import rows_compositor
from ttx.tui.screens.opening import OpeningScreen

if TYPE_CHECKING:
    from ttx.session.events import Event
    from ttx.session.session import Session
    from ttx.tui.screens.console import ConsoleScreen
    from ttx.tui.screens.display import DisplayScreen
    from ttx.tui.screens.player import PlayerScreen

POLL_SECONDS = 0.5
"""How often a console or display looks for entries others appended (and for problems)
itself: the listening thread wakes it sooner, this is for when that thread cannot."""
LISTEN_SECONDS = 0.5
"""How long the listening thread waits at a time before it looks whether to stop."""
REMOTE_FALLBACK_TICKS = 10
"""A session on a server is told of new entries by push, so its timer asks the server
itself only every this many ticks (5 s): every look is a round trip that holds the
screen still, a tenth of a second across an ocean."""

Clock = Callable[[], datetime]
"""Wall-clock source (UTC, aware); tests pass a fixed one."""

Opener = Callable[[], "Session"]
"""Opens (or starts) the session; raises TtxError when it cannot."""


def system_clock() -> datetime:
    return datetime.now(UTC)


class FollowingScreen(Protocol):
    def apply_events(self, events: list[Event]) -> None: ...


class SessionApp(App[None]):
    """An app that follows one session file and shows its new events as they arrive."""

    ENABLE_COMMAND_PALETTE = False
    session: Session
    """The session followed (set once it is open)."""

    def __init__(self, session: Session | Opener, *, clock: Clock = system_clock,
                 poll: bool = True, opening: str = "the session") -> None:
        super().__init__()
        self.clock = clock
        self.poll = poll
        self.open_error: TtxError | None = None
        """Why the session could not be opened (the app then exits with code 1)."""
        self._opener: Opener | None = None
        self._opening = opening
        if callable(session):
            self._opener = session
        else:
            self.session = session
        self.shown_seq = 0
        """The last event the screen was given."""
        self.problem: str | None = None
        """Why the session cannot be read or written right now (None when all is well)."""
        self._stop_listening = threading.Event()
        self._ticks = 0

    @property
    def following(self) -> FollowingScreen:
        raise NotImplementedError

    @property
    def is_open(self) -> bool:
        return hasattr(self, "session")

    def on_mount(self) -> None:
        if self._opener is None:
            self._show_session()
        else:
            self.push_screen(OpeningScreen(self._opening))
            self.call_after_refresh(self.run_worker, self._open, thread=True,
                                    name="open-session", exit_on_error=False)

    def _open(self) -> None:
        """In a worker thread: open the session and import the screens off the UI thread."""
        assert self._opener is not None
        try:
            session = self._opener()
            self.preload()
        except (TtxError, sqlite3.Error, OSError) as error:
            message = error if isinstance(error, TtxError) else TtxError(str(error))
            with contextlib.suppress(RuntimeError):  # quit while opening
                self.call_from_thread(self._failed, message)
            return
        try:
            self.call_from_thread(self._opened, session)
        except RuntimeError:  # quit while opening: nothing was shown, nothing to keep
            session.close()

    def preload(self) -> None:
        """Import what the session's screen needs (runs in the opening worker)."""

    def prepare(self, session: Session) -> None:
        """Check `session` (TtxError when it does not fit) and build its screen."""

    def _opened(self, session: Session) -> None:
        try:
            self.prepare(session)
        except TtxError as error:
            session.close()
            self._failed(error)
            return
        self.session = session
        self._show_session()

    def _failed(self, error: TtxError) -> None:
        start_up_done()
        self.open_error = error
        self.exit(return_code=1)

    def _show_session(self) -> None:
        self.shown_seq = self.session.state.last_seq
        self.show_session()
        self.call_after_refresh(start_up_done)  # the collector was paused for start-up
        if self.poll:
            self.set_interval(POLL_SECONDS, self._tick, name="follow-session")
            # after the first frame: setting up the wait (a file watch) is not start-up;
            # the journal's mark was set when it opened, so nothing written since is missed
            self.call_after_refresh(self._start_listening)

    def _start_listening(self) -> None:
        threading.Thread(target=self._listen, args=(self.session,), daemon=True,
                         name="ttx-follow").start()

    def _listen(self, session: Session) -> None:
        """In a daemon thread: wake `sync` as soon as another seat wrote (a daemon, not a
        worker, so quitting never waits for a wait to end)."""
        while not self._stop_listening.is_set():
            try:
                changed = session.journal.wait_for_change(LISTEN_SECONDS)
            except (TtxError, sqlite3.Error, OSError):
                changed = False  # the timer reports it; try again after a pause
                self._stop_listening.wait(POLL_SECONDS)
            if changed and not self._stop_listening.is_set():
                try:
                    self.call_from_thread(self.sync)
                except RuntimeError:  # the app is gone
                    return

    def _tick(self) -> None:
        """The timer: `sync`, or for a session on a server only the problem check (free:
        the journal keeps it) between the pushes and an occasional look of its own."""
        self._ticks += 1
        if self.session.is_remote and self._ticks % REMOTE_FALLBACK_TICKS:
            self.check_file()
            return
        self.sync()

    def on_unmount(self) -> None:
        self._stop_listening.set()

    def get_default_screen(self) -> Screen[Any]:
        """The session's screen itself when the session was open before the app ran: the
        first frame is the working screen, with no blank screen composed, styled and then
        covered by it."""
        if self.is_open:
            screen = self.following
            assert isinstance(screen, Screen)
            _paint_changed_rows(screen)
            return screen
        return super().get_default_screen()

    def show_session(self) -> None:
        """Put the session's screen up in place of the opening frame (the session is open)."""
        screen = self.following
        assert isinstance(screen, Screen)
        if self.screen is screen:  # the default screen: up already
            return
        _paint_changed_rows(screen)
        if isinstance(self.screen, OpeningScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def sync(self) -> None:
        """Catch up with the journal and give the screen the events it has not seen.

        `refresh()` returns others' events; our own writes (and anything a write caught
        up with inside its transaction) are read back from the journal by seq, so no
        event is ever shown twice or missed."""
        if not self.is_open:
            return
        self.check_file()
        try:
            fresh = self.session.refresh()
            last = self.session.state.last_seq
            if last <= self.shown_seq:
                return
            contiguous = bool(fresh) and fresh[0].seq == self.shown_seq + 1 \
                and fresh[-1].seq == last
            events = fresh if contiguous else self.session.journal.events(self.shown_seq)
        except (TtxError, sqlite3.Error, OSError) as error:
            message = error.message if isinstance(error, TtxError) else str(error)
            self._report(f"Cannot read the session: {message}")
            return
        self.shown_seq = last
        self.following.apply_events(events)

    def check_file(self) -> str | None:
        """Whether the session's path still leads to the file opened; says so once if not.

        Returns the problem (None when there is none)."""
        problem = self.session.journal.problem()
        self._report(problem)
        return problem

    def _report(self, problem: str | None) -> None:
        """Notify a problem once (not at every poll), and when it goes away."""
        if problem == self.problem:
            return
        previous, self.problem = self.problem, problem
        if problem is not None:
            self.notify(problem, title="Not saving", severity="error", timeout=30)
        elif previous is not None:
            where = "server" if self.session.is_remote else "file"
            self.notify(f"The session {where} is back; following it again.", timeout=5)

    def notify(self, message: str, *, title: str = "",
               severity: SeverityLevel = "information", timeout: float | None = None,
               markup: bool = True) -> None:
        """Every notification, the screens' too: its words (which may quote a title or
        what was typed) shown literally, never read as markup."""
        super().notify(visible(message), title=visible(title), severity=severity,
                       timeout=timeout, markup=False)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Paste) and not event.is_forwarded:
            # pasted text goes into an Input, which draws what it holds as it is
            event.text = visible(event.text)
        await super().on_event(event)

    def action_quit(self) -> None:  # type: ignore[override]
        self.exit()


class ConsoleApp(SessionApp):
    """`ttx run`: the facilitator's or an evaluator's console."""

    TITLE = "ttx console"
    CSS_PATH: ClassVar[list[str | PurePath]] = ["console.tcss"]
    MODAL_CSS = Path(__file__).absolute().with_name("forms.tcss")
    """The forms', confirmations' and help's styles: read when the first of them is pushed
    (parsing them is ~6 ms no seat needs for its working screen)."""
    ENABLE_COMMAND_PALETTE = True
    COMMANDS: ClassVar[set[type[ConsoleCommands]]] = {ConsoleCommands}  # type: ignore[assignment]
    BINDINGS: ClassVar[list[BindingType]] = [key.binding() for key in APP_KEYS
                                             if key.action != "command_palette"]
    COMMAND_PALETTE_BINDING = "ctrl+p"
    console_screen: ConsoleScreen | PlayerScreen

    def __init__(self, session: Session | Opener, *,
                 seat: Seat = FACILITATOR, clock: Clock = system_clock,
                 poll: bool = True, opening: str = "the session",
                 announce: str = "") -> None:
        super().__init__(session, clock=clock, poll=poll, opening=opening)
        self.seat = seat
        self.announce = announce
        """Said in a notification once the console is up (e.g. where a new session is)."""
        if self.is_open:
            self.prepare(self.session)

    def preload(self) -> None:
        if self.seat.kind is SeatKind.player:
            import ttx.tui.screens.player
        else:
            import ttx.tui.screens.console
        import ttx.tui.screens.help  # noqa: F401

    def prepare(self, session: Session) -> None:
        if session.seat != self.seat:
            raise ValueError(f"a {self.seat} console needs a session opened for that "
                             f"seat, not for '{session.seat}'")
        if self.seat.kind is SeatKind.player:
            from ttx.tui.screens.player import PlayerScreen

            self.console_screen = PlayerScreen(session, self.seat, self.clock)
        else:
            from ttx.tui.screens.console import ConsoleScreen

            self.console_screen = ConsoleScreen(session, self.seat, self.clock)

    @property
    def following(self) -> FollowingScreen:
        return self.console_screen

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(screen, ModalScreen):
            self._read_modal_styles()
        return super().push_screen(screen, *args, **kwargs)

    def _read_modal_styles(self) -> None:
        """Add MODAL_CSS to the stylesheet, once. Only that file is parsed (the others'
        rules are kept), and no widget already up is styled again: its rules match
        only the modal screens and what they hold."""
        if not self.stylesheet.has_source(str(self.MODAL_CSS), ""):
            self.stylesheet.read(self.MODAL_CSS)
            self.stylesheet.parse()

    def show_session(self) -> None:
        super().show_session()
        if self.announce:
            self.notify(self.announce, timeout=10)

    def action_quit(self) -> None:  # type: ignore[override]
        """The facilitator's seat asks before leaving a running exercise: nothing is lost,
        but the room's clock stops mattering while no one runs play (before STARTEX and
        after ENDEX nothing runs: it leaves at once)."""
        state = self.session.state if self.is_open else None
        if not (state is not None and self.seat.kind is SeatKind.facilitator
                and not state.ended and not state.ready):
            self.exit()
            return
        from ttx.tui.forms.confirm import ConfirmScreen

        if isinstance(self.screen, ConfirmScreen):
            return

        def leave(confirmed: bool | None) -> None:
            if confirmed:
                self.exit()

        self.push_screen(ConfirmScreen(
            "Leave the facilitator console while play runs?",
            "Every entry is saved; run the same command again to resume. Nobody steers "
            "play until then."), leave)

    def action_help(self) -> None:
        from ttx.tui.screens.help import HelpScreen

        if self.is_open and not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.seat))


class DisplayApp(SessionApp):
    """`ttx display`: the read-only, large-type view for the room or a delegation."""

    TITLE = "ttx display"
    CSS_PATH = "display.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "quit", id="display.quit"),
    ]
    display_screen: DisplayScreen

    def __init__(self, session: Session | Opener, *, role: str | None = None,
                 clock: Clock = system_clock, poll: bool = True,
                 opening: str = "the session") -> None:
        super().__init__(session, clock=clock, poll=poll, opening=opening)
        self.role = role
        if self.is_open:
            self.prepare(self.session)

    def preload(self) -> None:
        import ttx.tui.screens.display  # noqa: F401

    def prepare(self, session: Session) -> None:
        from ttx.tui.display_content import check_display_role
        from ttx.tui.screens.display import DisplayScreen

        check_display_role(session.state.snapshot, self.role)
        self.display_screen = DisplayScreen(session, self.role)

    @property
    def following(self) -> FollowingScreen:
        return self.display_screen


def _paint_changed_rows(screen: Screen[Any]) -> None:
    """Give `screen`, before its first frame, a compositor that paints only the rows an
    update changed (`ttx.tui.rows_compositor`), where this Textual allows it."""
    compositor = rows_compositor()
    if not screen.is_mounted and compositor is not None:
        screen._compositor = compositor
