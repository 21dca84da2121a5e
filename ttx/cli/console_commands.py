"""`ttx run` and `ttx display`: the facilitator console and the room display (Textual).

Textual is imported only inside the handlers, so every other command starts light.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ttx.cli.locations import session_location, shown, workspace_of_scenario
from ttx.cli.output import say, tell
from ttx.errors import TtxError
from ttx.gc_pause import paused_for_start_up
from ttx.session.journal import is_url
from ttx.session.seats import DISPLAY, FACILITATOR, Seat, SeatKind

if TYPE_CHECKING:
    from ttx.session.session import Session
    from ttx.tui.app import ConsoleApp

SESSION_SUFFIX = ".ttx"
OPENS_AT_ONCE_BYTES = 1_000_000
"""A session file up to this size (a thousand entries or so) is read and folded in a
few tens of milliseconds: the console opens it before its first frame and paints its
working screen at once, with no opening frame first (a whole extra frame to lay out
and draw). A larger file, or a session on a server, opens behind an opening frame."""


def register(commands: Any) -> None:
    run = commands.add_parser(
        "run", help="the facilitator console: start a session of a scenario, or resume one")
    run.add_argument("target", metavar="SCENARIO|SESSION",
                     help="a scenario file or id (starts a new session), or a .ttx session "
                          "file (resumes it where it stood)")
    run.add_argument("--seat", type=_console_seat, default=FACILITATOR, metavar="SEAT",
                     help="facilitator (default) runs play; evaluator[:NAME] records "
                          "observations; player with --role is a delegation's console")
    run.add_argument("--role", metavar="ROLE", help="the delegation of a player seat")
    run.add_argument("--new", action="store_true",
                     help="start a new session even when an unfinished one of the scenario "
                          "exists (without it, ttx run SCENARIO offers to resume that one)")
    run.set_defaults(handler=run_console)

    play = commands.add_parser(
        "play", help="a delegation's console on a running session (ttx run SESSION --seat "
                     "player --role ROLE)")
    play.add_argument("target", metavar="SESSION",
                      help="the session: a .ttx file or a postgresql:// URL")
    play.add_argument("role", metavar="ROLE", help="the delegation, e.g. JPN")
    play.set_defaults(handler=run_console, seat=Seat(SeatKind.player, "?"), new=False)

    display = commands.add_parser(
        "display", help="read-only large-type view of a live session for the room")
    display.add_argument("session", metavar="SESSION",
                         help="the session: a .ttx file or a postgresql:// URL")
    display.add_argument("--role", metavar="ROLE",
                         help="show only injects addressed to this role (default: every "
                              "inject players may see)")
    display.set_defaults(handler=run_display)


def _console_seat(text: str) -> Seat:
    if text.strip() == "player":  # the role comes with --role
        return Seat(SeatKind.player, "?")
    try:
        seat = Seat.parse(text)
    except TtxError as error:
        raise argparse.ArgumentTypeError(error.message) from None
    if seat.kind is SeatKind.display:
        raise argparse.ArgumentTypeError("the room display is 'ttx display SESSION'")
    return seat


def _seat_of(args: argparse.Namespace) -> Seat:
    seat: Seat = args.seat
    if seat.kind is SeatKind.player:
        role = args.role or (seat.name if seat.name != "?" else None)
        if not role:
            raise TtxError("a player seat names its delegation: --seat player --role JPN")
        return Seat.player(role)
    if args.role:
        raise TtxError(f"--role goes with a player seat, not the {seat} seat")
    return seat


def _is_session_file(target: str) -> bool:
    if is_url(target):
        return True
    path = Path(target)
    return path.suffix == SESSION_SUFFIX or (path.is_file() and _has_sqlite_header(path))


def _has_sqlite_header(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            return stream.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _in_browser() -> bool:
    """Whether `ttx serve` runs this seat: Textual draws to a browser through stdout."""
    return os.environ.get("TEXTUAL_DRIVER", "").endswith(":WebDriver")


def _require_terminal(what: str) -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty()) and not _in_browser():
        raise TtxError(f"the {what} needs a terminal; use 'ttx session …' in scripts")


def run_console(args: argparse.Namespace) -> int:
    seat = _seat_of(args)
    _require_terminal("console")
    with paused_for_start_up():  # the app resumes the collector once its console is up
        return _run_console(args, seat)


def _run_console(args: argparse.Namespace, seat: Seat) -> int:
    from ttx.tui.app import ConsoleApp

    target = args.target
    if not _is_session_file(target) and seat.kind is SeatKind.facilitator and not args.new:
        target = _unfinished_or(target)
    if _is_session_file(target):
        location = session_location(target)
        if isinstance(location, Path) and not location.is_file():
            raise TtxError(f"no session file at {location}")

        def open_session() -> Session:
            from ttx.session.session import Session

            try:
                return Session.open(location, seat=seat)
            except sqlite3.Error as error:
                raise TtxError(str(error)) from None

        if _opens_at_once(location):
            app = _console_on(open_session(), seat)
        else:  # the journal is read and folded behind a first frame, not before it
            app = ConsoleApp(open_session, seat=seat, opening=shown(location))
    else:
        if seat.kind is not SeatKind.facilitator:
            raise TtxError(f"the {seat} seat joins a running session: give its .ttx file, "
                           f"e.g. ttx run sessions/<file>.ttx --seat {args.seat}")
        from ttx.authoring.resolve import resolve_scenario
        from ttx.session.session import Session

        resolved = resolve_scenario(target)
        # ready: the facilitator calls STARTEX from the console when the room is
        started = Session.start(resolved, workspace_root=workspace_of_scenario(resolved),
                                seat=seat, ready=True)
        # said before the console takes the screen, so it stays in the terminal's
        # scrollback even if the console is killed
        tell(f"started session {started.name}")
        app = ConsoleApp(started, seat=seat,
                         announce=f"New session, saved as you go in {started.name}")
    try:
        app.run()
    finally:
        if app.is_open:
            app.session.close()
    if app.open_error is not None:
        raise app.open_error
    if not app.is_open:
        return 1
    name = app.session.name
    again = "" if seat.kind is SeatKind.facilitator else \
        f" --seat {seat}" if seat.kind is SeatKind.evaluator else \
        f" --seat player --role {seat.role}"
    if app.return_code:  # Textual printed what went wrong above; say what it means
        raise TtxError(f"the console stopped on an internal error; every entry made before "
                       f"it is in {name}; resume: ttx run {name}{again}")
    if _in_browser():
        return 0  # stdout carries the browser's screen: nothing else may be written there
    say(f"session saved in {name}", f"resume: ttx run {name}{again}")
    return 0


def _opens_at_once(location: Path | str) -> bool:
    try:
        return isinstance(location, Path) and location.stat().st_size <= OPENS_AT_ONCE_BYTES
    except OSError:
        return False  # the opening worker reports it


def _console_on(session: Session, seat: Seat) -> ConsoleApp:
    """The console on an open `session`; the session is closed if it cannot be built."""
    from ttx.tui.app import ConsoleApp

    try:
        return ConsoleApp(session, seat=seat)
    except BaseException:
        session.close()
        raise


def _unfinished_or(scenario: str) -> str:
    """The session to resume when `scenario` has an unfinished one and the facilitator
    says so at the prompt; `scenario` itself to start a new one."""
    from ttx.authoring.resolve import resolve_scenario
    from ttx.cli.sessions_command import choose_session, unfinished_sessions

    resolved = resolve_scenario(scenario)
    candidates = unfinished_sessions(workspace_of_scenario(resolved), resolved.scenario.id)
    if not candidates:
        return scenario
    chosen = choose_session(candidates, resolved.scenario.id)
    return scenario if chosen is None else str(chosen)


def run_display(args: argparse.Namespace) -> int:
    with paused_for_start_up():  # the app resumes the collector once its screen is up
        return _run_display(args)


def _run_display(args: argparse.Namespace) -> int:
    from ttx.session.session import Session
    from ttx.tui.display_content import check_display_role

    session = Session.open(session_location(args.session), seat=DISPLAY)
    try:
        check_display_role(session.state.snapshot, args.role)
        _require_terminal("display")
        from ttx.tui.app import DisplayApp

        DisplayApp(session, role=args.role).run()
    finally:
        session.close()
    return 0
