"""`ttx serve SESSION`: every seat of a session in a browser, one tokened link per seat.

The links (facilitator, evaluator, one per delegation, the room display) are printed
once, on stdout; hand each to its seat over a channel you trust. Each browser that
opens a link runs its own `ttx run … --seat …` (or `ttx display …`) process, so the
seats share nothing but the journal. It listens on 127.0.0.1 unless `--host` opens it;
put a TLS proxy in front before it leaves the machine (README: "Seats in a browser").
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Any

from ttx.cli.locations import session_location, shown
from ttx.errors import TtxError
from ttx.session.journal import is_url
from ttx.session.seats import DISPLAY

DEFAULT_PORT = 8000


def register(commands: Any) -> None:
    serve = commands.add_parser(
        "serve", help="serve a session's seats to browsers; prints one secret link per seat")
    serve.add_argument("session", metavar="SESSION",
                       help="the session: a .ttx file or a postgresql:// URL")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1, this machine only; "
                            "0.0.0.0 opens it: put TLS in front)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT,
                       help=f"port to listen on (default {DEFAULT_PORT})")
    serve.add_argument("--public-url", metavar="URL",
                       help="the address browsers reach it by, e.g. https://ttx.example.org "
                            "behind a TLS proxy (default http://HOST:PORT)")
    serve.set_defaults(handler=run_serve)


def seat_commands(session: str, player_roles: list[tuple[str, str]]
                  ) -> list[tuple[str, list[str]]]:
    """(seat name, command) for every seat of the session: facilitator, evaluator, a
    player console per delegation (role id, name), the room display."""
    ttx = [sys.executable, "-m", "ttx"]
    seats = [("facilitator", [*ttx, "run", session, "--seat", "facilitator"]),
             ("evaluator", [*ttx, "run", session, "--seat", "evaluator"])]
    seats += [(f"player {role} ({name})", [*ttx, "run", session, "--seat", "player",
                                           "--role", role])
              for role, name in player_roles]
    seats.append(("display (room)", [*ttx, "display", session]))
    return seats


def run_serve(args: argparse.Namespace) -> int:
    from ttx.cli.output import say
    from ttx.cli.seat_server import SeatLink, SeatServer, new_token
    from ttx.session.session import Session

    location = session_location(args.session)
    with Session.open(location, seat=DISPLAY, read_only=True) as session:
        scenario = session.snapshot.scenario
        roles = [(role.id, role.name) for role in scenario.player_roles]
        title = scenario.title
    target = str(location) if is_url(str(location)) else str(Path(location).resolve())
    seats = [SeatLink(name, new_token(), shlex.join(command))
             for name, command in seat_commands(target, roles)]
    public_url = args.public_url.rstrip("/") if args.public_url else None
    if public_url is None and args.host in ("0.0.0.0", "::"):
        import socket

        public_url = f"http://{socket.getfqdn()}:{args.port}"
    server = SeatServer(seats, host=args.host, port=args.port, public_url=public_url,
                        title=title)
    width = max(len(seat.name) for seat in seats)
    lines = [f"serving {shown(location)}; each link is a seat: give it to that seat only",
             *(f"{seat.name:<{width}}  {server.url_of(seat)}" for seat in seats)]
    say(*lines)
    try:
        server.serve()
    except OSError as error:
        raise TtxError(f"cannot listen on {args.host}:{args.port}: "
                       f"{error.strerror or error}") from None
    return 0
