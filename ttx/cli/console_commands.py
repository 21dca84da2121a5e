"""`ttx run` and `ttx display`: the facilitator console and the room display (Textual).

Textual is imported only inside the handlers, so every other command starts light.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ttx.cli.output import say, tell
from ttx.errors import TtxError

if TYPE_CHECKING:
    from ttx.session.actions import Session

SESSION_SUFFIX = ".ttx"


def register(commands: Any) -> None:
    run = commands.add_parser(
        "run", help="the facilitator console: start a session of a scenario, or resume one")
    run.add_argument("target", metavar="SCENARIO|SESSION",
                     help="a scenario file or id (starts a new session), or a .ttx session "
                          "file (resumes it where it stood)")
    run.add_argument("--seat", choices=("facilitator", "evaluator"), default="facilitator",
                     help="facilitator runs play; evaluator records observations "
                          "(default: facilitator)")
    run.set_defaults(handler=run_console)

    display = commands.add_parser(
        "display", help="read-only large-type view of a live session for the room")
    display.add_argument("session", metavar="SESSION", help="the session file (.ttx)")
    display.add_argument("--role", metavar="ROLE",
                         help="show only injects addressed to this role (default: every "
                              "inject players may see)")
    display.set_defaults(handler=run_display)


def _is_session_file(target: str) -> bool:
    path = Path(target)
    return path.suffix == SESSION_SUFFIX or (path.is_file() and _has_sqlite_header(path))


def _has_sqlite_header(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            return stream.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _require_terminal(what: str) -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise TtxError(f"the {what} needs a terminal; use 'ttx session …' in scripts")


def run_console(args: argparse.Namespace) -> int:
    _require_terminal("console")
    from ttx.tui.app import ConsoleApp
    from ttx.tui.seats import ConsoleSeat

    seat = ConsoleSeat(args.seat)
    if _is_session_file(args.target):
        path = Path(args.target)
        if not path.is_file():
            raise TtxError(f"no session file at {path}")

        def open_session() -> Session:
            from ttx.session.actions import Session

            return Session.open(path, seat=seat.value)

        # the journal is read and folded behind a first frame, not before it
        app = ConsoleApp(open_session, seat=seat, opening=str(path))
    else:
        if seat is not ConsoleSeat.facilitator:
            raise TtxError("an evaluator joins a running session: give its .ttx file, "
                           "e.g. ttx run sessions/<file>.ttx --seat evaluator")
        from ttx.authoring.resolve import resolve_scenario
        from ttx.session.actions import Session

        started = Session.start(resolve_scenario(args.target), seat=seat.value)
        # said before the console takes the screen, so it stays in the terminal's
        # scrollback even if the console is killed
        tell(f"started session {started.journal.path}")
        app = ConsoleApp(started, seat=seat,
                         announce=f"New session, saved as you go in {started.journal.path}")
    try:
        app.run()
    finally:
        if app.is_open:
            app.session.close()
    if app.open_error is not None:
        raise app.open_error
    if not app.is_open:
        return 1
    path = app.session.journal.path
    if app.return_code:  # Textual printed what went wrong above; say what it means
        raise TtxError(f"the console stopped on an internal error; every entry made before "
                       f"it is in {path}; resume: ttx run {path}")
    say(f"session saved in {path}", f"resume: ttx run {path}")
    return 0


def run_display(args: argparse.Namespace) -> int:
    from ttx.session.actions import Session
    from ttx.tui.display_content import check_display_role

    session = Session.open(Path(args.session), seat="display")
    try:
        check_display_role(session.state.snapshot, args.role)
        _require_terminal("display")
        from ttx.tui.app import DisplayApp

        DisplayApp(session, role=args.role).run()
    finally:
        session.close()
    return 0
