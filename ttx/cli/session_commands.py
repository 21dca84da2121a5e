"""`ttx session …`: every change the console can make to a session, headless.

Each verb opens the session file, makes one checked action and prints one line
(`#12 move_recorded US decision`); `start` prints only the new file's path. Only
the session layer is imported, never Textual or the report stack.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ttx.cli.analysis_commands import register_analysis
from ttx.cli.locations import session_location, shown, workspace_of_scenario
from ttx.errors import TtxError
from ttx.session.journal import is_url
from ttx.session.seats import Seat
from ttx.session.vocabulary import MoveKind, ObservationKind

if TYPE_CHECKING:
    from ttx.session.events import Event
    from ttx.session.session import Session

LAST_ENTRIES_SHOWN = 10


def register(commands: Any) -> None:
    session = commands.add_parser("session", help="record a session headless (start, deliver, "
                                  "move, observe, …)")
    verbs = session.add_subparsers(dest="verb", metavar="VERB", parser_class=type(session))
    verbs.required = True
    seat = argparse.ArgumentParser(add_help=False)
    seat.add_argument("--seat", type=_seat, default="facilitator", metavar="SEAT",
                      help="who writes: facilitator (default), evaluator[:NAME], player:ROLE")

    def verb(name: str, help_text: str, handler: Callable[[argparse.Namespace], int], *,
             file: bool = True) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = verbs.add_parser(name, help=help_text, parents=[seat])
        if file:
            parser.add_argument("session", metavar="SESSION",
                                help="the session: a .ttx file or a postgresql:// URL")
        parser.set_defaults(handler=handler)
        return parser

    start = verb("start", "start a session; prints the new file's path", run_start, file=False)
    start.add_argument("scenario", metavar="SCENARIO", help="scenario file or id")
    where = start.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="FILE", help="the session file to create")
    where.add_argument("--journal", metavar="URL", type=_journal_url,
                       help="start it on PostgreSQL: postgresql://user@host/db[?session=ID] "
                            "(the password comes from PGPASSWORD, ~/.pgpass or PGSERVICE)")
    start.add_argument("--ready", action="store_true",
                       help="open it ready: play and the playing clock wait for "
                            "'ttx session startex' (without it, play starts at once)")

    verb("startex", "STARTEX: start play in a session that opened ready",
         _action(lambda s, a: s.startex()))

    deliver = verb("deliver", "deliver an inject", _action(
        lambda s, a: s.deliver(a.inject, keep_clock=a.keep_clock)))
    deliver.add_argument("inject", metavar="INJECT")
    deliver.add_argument("--keep-clock", action="store_true",
                         help="deliver at the game time the clock reads; do not move the "
                              "clock to the inject's later planned time")

    skip = verb("skip", "skip an inject", _action(lambda s, a: s.skip(a.inject, a.reason)))
    skip.add_argument("inject", metavar="INJECT")
    skip.add_argument("--reason", default="", metavar="TEXT")

    module = verb("module", "start the next (or the named) module", _action(
        lambda s, a: s.start_module(a.module)))
    module.add_argument("module", nargs="?", metavar="MODULE")

    move = verb("move", "record a role's move", _action(lambda s, a: s.record_move(
        a.role, a.kind, a.text, rationale=a.rationale, to=a.to, inject=a.inject,
        option=a.option, joint=a.joint, relays=a.relays)))
    move.add_argument("--role", required=True, metavar="ROLE")
    move.add_argument("--kind", required=True, metavar="KIND",
                      help=", ".join(MoveKind))
    move.add_argument("--to", action="append", default=[], metavar="ROLE",
                      help="a role the move addresses (repeat for several)")
    move.add_argument("--inject", metavar="ID", help="the inject it answers")
    move.add_argument("--option", metavar="ID", help="the option it picks at a decision point")
    move.add_argument("--rationale", default="", metavar="TEXT")
    move.add_argument("--joint", action="append", default=[], metavar="ROLE",
                      help="another role making the move together with --role (repeat)")
    move.add_argument("--relays", type=_seq, metavar="SEQ",
                      help="the delivery or message this communication forwards")
    move.add_argument("text", metavar="TEXT")

    ack = verb("ack", "acknowledge a delivered inject for a delegation", _action(
        lambda s, a: s.acknowledge(a.inject, a.role)))
    ack.add_argument("inject", metavar="INJECT")
    ack.add_argument("--role", metavar="ROLE", help="default: the player seat's role")

    flag = verb("flag", "set (or --clear) one of the scenario's condition flags", _action(
        lambda s, a: s.set_condition(a.condition, not a.clear, a.reason)))
    flag.add_argument("condition", metavar="CONDITION")
    flag.add_argument("--clear", action="store_true", help="clear the flag instead")
    flag.add_argument("--reason", default="", metavar="TEXT")

    close = verb("close", "close a decision point no one decided: its default option applies",
                 _action(lambda s, a: s.close_decision(a.inject)))
    close.add_argument("inject", metavar="INJECT")

    announce = verb("announce", "announce to the delegations' seats and the room", _action(
        lambda s, a: s.announce(a.text, a.to)))
    announce.add_argument("--to", action="append", default=[], metavar="ROLE",
                          help="only to this role (repeat; default: every player)")
    announce.add_argument("text", metavar="TEXT")

    observe = verb("observe", "record an evaluator's observation", _action(
        lambda s, a: s.record_observation(a.objective, a.kind, a.text, rating=a.rating,
                                          author=a.author, task=a.task)))
    observe.add_argument("--objective", required=True, metavar="OBJ")
    observe.add_argument("--kind", required=True, metavar="KIND",
                         help=", ".join(ObservationKind))
    observe.add_argument("--rating", metavar="P|S|M|U")
    observe.add_argument("--author", default="", metavar="NAME")
    observe.add_argument("--task", metavar="ID", help="the objective's critical task rated")
    observe.add_argument("text", metavar="TEXT")

    note = verb("note", "add a facilitator's note", _action(lambda s, a: s.add_note(a.text)))
    note.add_argument("text", metavar="TEXT")

    improve = verb("improve", "add an improvement item", _action(lambda s, a: s.add_improvement(
        a.issue, a.action, capability_element=a.element, owner=a.owner, due=a.due,
        objective=a.objective, capability=a.capability, poc=a.poc, start=a.start,
        role=a.role, observation=a.observation)))
    improve.add_argument("--issue", required=True, metavar="TEXT")
    improve.add_argument("--action", required=True, metavar="TEXT")
    improve.add_argument("--owner", default="", metavar="TEXT")
    improve.add_argument("--due", default="", metavar="DATE", help="YYYY-MM-DD")
    improve.add_argument("--element", default="", metavar="TEXT",
                         help="capability element: Planning, Organization, Equipment, …")
    improve.add_argument("--objective", metavar="OBJ", help="the objective it answers")
    improve.add_argument("--capability", default="", metavar="TEXT", help="core capability")
    improve.add_argument("--poc", default="", metavar="TEXT",
                         help="the responsible organisation's point of contact")
    improve.add_argument("--start", default="", metavar="DATE", help="start date, YYYY-MM-DD")
    improve.add_argument("--role", metavar="ROLE", help="the government the item belongs to")
    improve.add_argument("--observation", type=_seq, metavar="SEQ",
                         help="the observation it answers")
    register_analysis(verb, _action)

    amend = verb("amend", "correct an entry (the journal keeps the original)", _action(
        lambda s, a: s.amend(a.seq, a.text, field=a.field)))
    amend.add_argument("seq", type=_seq, metavar="SEQ")
    amend.add_argument("text", metavar="TEXT")
    amend.add_argument("--field", metavar="NAME",
                       help="field to correct (default: the entry's main text)")

    retract = verb("retract", "withdraw an entry", _action(
        lambda s, a: s.retract(a.seq, a.reason)))
    retract.add_argument("seq", type=_seq, metavar="SEQ")
    retract.add_argument("--reason", default="", metavar="TEXT")

    verb("pause", "pause the clock", _action(lambda s, a: s.pause()))
    verb("resume", "resume the clock", _action(lambda s, a: s.resume()))
    verb("end", "end the session", _action(lambda s, a: s.end()))

    clock = verb("clock", "set the game clock", _action(lambda s, a: s.set_clock(
        _game_time(s, a.game_time))))
    clock.add_argument("game_time", metavar="GAMETIME",
                       help="ISO time, +H:MM from STARTEX, or HH:MM on the game day")

    verb("verify", "check the journal's hash chain; exit 1 names the first altered entry",
         run_verify)

    copy = verbs.add_parser("copy", help="copy a session between a file and PostgreSQL, "
                            "every entry identical; prints where the copy is")
    copy.add_argument("source", metavar="SRC", help="the session: a .ttx file or a URL")
    copy.add_argument("destination", metavar="DEST",
                      help="a new .ttx file (or a folder for <session-id>.ttx), or "
                           "postgresql://user@host/db[?session=ID]; never overwritten")
    copy.set_defaults(handler=run_copy)

    show = verb("show", "summarise a session", run_show)
    show.add_argument("--json", action="store_true", help="every event and the folded state")


def _journal_url(text: str) -> str:
    if not is_url(text):
        raise argparse.ArgumentTypeError(f"'{text}' is not a postgresql:// URL")
    return text


def _seat(text: str) -> Seat:
    try:
        return Seat.parse(text)
    except TtxError as error:
        raise argparse.ArgumentTypeError(error.message) from None


def _seq(text: str) -> int:
    value = int(text.removeprefix("#"))
    if value < 1:
        raise ValueError(text)
    return value


_seq.__name__ = "entry number"  # argparse names the type in its usage error


def _game_time(session: Session, text: str) -> datetime:
    from ttx.session.clock import parse_game_time

    return parse_game_time(text, session.snapshot, session.state.game_time)


def _open(args: argparse.Namespace) -> Session:
    from ttx.session.session import Session

    return Session.open(session_location(args.session), seat=args.seat)


def _action(act: Callable[[Session, argparse.Namespace], Event]
            ) -> Callable[[argparse.Namespace], int]:
    """A handler that opens the session, makes one action and prints its confirmation."""
    def handler(args: argparse.Namespace) -> int:
        from ttx.cli.output import say
        from ttx.errors import TtxError
        from ttx.session.describe import confirmation

        with _open(args) as session:
            event = act(session, args)
        line = confirmation(event)
        try:
            say(line)
        except TtxError as error:  # the entry is in the journal: never let that be doubted
            raise TtxError(f"{line} was recorded, but {error.message}") from None
        return 0
    return handler


def run_start(args: argparse.Namespace) -> int:
    from ttx.authoring.resolve import resolve_scenario
    from ttx.cli.output import say
    from ttx.session.session import Session

    resolved = resolve_scenario(args.scenario, Path.cwd())
    location = args.journal or (Path(args.output) if args.output else None)
    with Session.start(resolved, location, workspace_root=workspace_of_scenario(resolved),
                       seat=args.seat, ready=args.ready) as session:
        name = session.name
    say(shown(name))
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from ttx.cli.output import say
    from ttx.session.chain import verify
    from ttx.session.journal import open_journal

    with open_journal(session_location(args.session), read_only=True) as journal:
        verdict = verify(journal.snapshot_text, journal.raw_rows())
        if verdict.chained and not verdict.ok:
            raise TtxError(f"{shown(journal.location)}: the journal is {verdict.describe()}")
        journal.events()  # and every entry must read: a writer may chain a damaged one
    say(f"{shown(journal.location)}: {verdict.describe()}")
    return 0


def run_copy(args: argparse.Namespace) -> int:
    from ttx.cli.output import say
    from ttx.session.journal_copy import copy_session

    copied = copy_session(session_location(args.source), session_location(args.destination))
    say(shown(copied))
    return 0


def run_show(args: argparse.Namespace) -> int:
    from ttx.cli.output import say, say_text
    from ttx.session.describe import state_as_json
    from ttx.session.session import Session
    from ttx.terminal_text import visible_json

    now = datetime.now(UTC)
    with Session.open(session_location(args.session), seat=args.seat,
                      read_only=True) as session:
        events = session.journal.events()
        state = session.state
        if args.json:
            document = json.dumps({"path": session.name,
                                   "events": [event.as_json() for event in events],
                                   "state": state_as_json(state, now)},
                                  ensure_ascii=False, indent=2)
            say_text(visible_json(document) + "\n")
            return 0
        say(*_summary(session, events, now))
    return 0


def _summary(session: Session, events: list[Event], now: datetime) -> list[str]:
    from ttx.model.wording import duration_clock, game_clock
    from ttx.session.describe import event_line
    from ttx.session.fold import InjectStatus

    state = session.state
    scenario = session.snapshot.scenario
    module = scenario.module(state.current_module or "")
    modules = [m.id for m in scenario.modules]
    where = (f"{module.id}: {module.title} ({modules.index(module.id) + 1} of {len(modules)})"
             if module else "none")
    status = "ended" if state.ended else "ready (waiting for STARTEX)" if state.ready else \
        "paused" if state.paused else "running"
    counts = {s: len(state.injects_with(s)) for s in InjectStatus}
    lines = [
        f"{scenario.title} ({scenario.id})",
        scenario.classification,
        f"file       {shown(session.name)}",
        f"status     {status}",
        f"module     {where}",
        f"game time  {game_clock(state.game_time)}",
        f"playing    {duration_clock(state.playing_time(now))}",
        "injects    " + ", ".join(f"{counts[s]} {s}" for s in InjectStatus if counts[s]),
        f"entries    {len(state.moves)} moves, {len(state.observations)} observations, "
        f"{len(state.notes)} notes, {len(state.improvements)} improvement items, "
        f"{len(state.amendments)} amended, {len(state.retractions)} retracted",
    ]
    if not state.ended:
        lines.append(f"next       {state.next_planned() or '(no planned inject left)'}")
    last = events[-LAST_ENTRIES_SHOWN:]
    lines.append(f"last {len(last)} of {len(events)} entries:")
    lines += [f"  {event_line(event, scenario.start)}" for event in last]
    return lines
