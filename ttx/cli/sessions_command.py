"""`ttx sessions`: the sessions of a workspace, and the offer to resume an unfinished one.

`ttx run SCENARIO` asks `unfinished_sessions` before it starts a new session, so a
console killed mid-play is resumed by running the same command again.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ttx.cli.locations import shown
from ttx.cli.output import say, say_text
from ttx.errors import TtxError
from ttx.session.journal import SESSION_SUFFIX, SESSIONS_DIR
from ttx.terminal_text import visible_json


def register(commands: Any) -> None:
    sessions = commands.add_parser(
        "sessions", help="list the sessions of this workspace: scenario, state, last entry")
    sessions.add_argument("scenario", nargs="?", metavar="SCENARIO",
                          help="only the sessions of this scenario id")
    sessions.add_argument("--format", choices=("text", "json"), default="text")
    sessions.set_defaults(handler=run_sessions)


@dataclass(frozen=True)
class SessionSummary:
    """One session file as a list shows it."""

    path: Path
    scenario: str
    state: str
    """`ready` (waiting for STARTEX), `running`, `paused`, `ended`, or `unreadable: why`."""
    last_seq: int = 0
    last_entry: str = ""
    """The last entry's type, e.g. `move_recorded`."""
    last_at: datetime | None = None
    """When the last entry was written (wall clock, local)."""

    @property
    def unfinished(self) -> bool:
        return self.state in ("ready", "running", "paused")

    def as_json(self) -> dict[str, Any]:
        return {"path": shown(self.path), "scenario": self.scenario, "state": self.state,
                "last_seq": self.last_seq, "last_entry": self.last_entry,
                "last_at": self.last_at.isoformat() if self.last_at else None}

    @property
    def last(self) -> str:
        """`#12 move_recorded at 2026-11-29 10:40`, or `—`."""
        when = f"{self.last_at:%Y-%m-%d %H:%M}" if self.last_at else "—"
        return f"#{self.last_seq} {self.last_entry} at {when}" if self.last_seq else "—"

    def line(self) -> str:
        return f"{self.scenario:<20} {self.state:<8} {self.last:<45} {shown(self.path)}"


def summarise(path: Path) -> SessionSummary:
    """What `path` holds; an unreadable file is listed as such, never raised."""
    from ttx.session.seats import DISPLAY
    from ttx.session.session import Session

    try:
        with Session.open(path, seat=DISPLAY, read_only=True) as session:
            state = session.state
            events = session.journal.events(max(state.last_seq - 1, 0))
            last = events[-1] if events else None
            status = "ended" if state.ended else "ready" if state.ready else \
                "paused" if state.paused else "running"
            return SessionSummary(
                path, state.snapshot.scenario.id, status, state.last_seq,
                str(last.type) if last else "",
                last.at_wall.astimezone() if last else None)
    except TtxError as error:
        return SessionSummary(path, "?", f"unreadable: {error.message}")


def workspace_sessions(workspace: Path, scenario: str | None = None) -> list[SessionSummary]:
    """The sessions under `workspace/sessions/`, the most recently written first."""
    folder = workspace / SESSIONS_DIR
    if not folder.is_dir():
        return []
    found = [summarise(path) for path in sorted(folder.glob(f"*{SESSION_SUFFIX}"))
             if path.is_file()]
    if scenario is not None:
        found = [s for s in found if s.scenario == scenario]
    return sorted(found, key=lambda s: (s.last_at is not None, s.last_at or datetime.min),
                  reverse=True)


def unfinished_sessions(workspace: Path, scenario: str) -> list[SessionSummary]:
    """The sessions of `scenario` that have not ended, the most recent first."""
    return [s for s in workspace_sessions(workspace, scenario) if s.unfinished]


def run_sessions(args: argparse.Namespace) -> int:
    from ttx.authoring.workspace import find_workspace_root

    found = workspace_sessions(find_workspace_root(Path.cwd()), args.scenario)
    if args.format == "json":
        document = json.dumps([s.as_json() for s in found], ensure_ascii=False, indent=2)
        say_text(visible_json(document) + "\n")
        return 0
    if not found:
        say("no sessions in this workspace yet; start one with: ttx run SCENARIO")
        return 0
    say(f"{'SCENARIO':<20} {'STATE':<8} {'LAST ENTRY':<45} PATH",
        *(s.line() for s in found))
    return 0


Ask = Callable[[str], str]


def choose_session(candidates: list[SessionSummary], scenario: str, *,
                   ask: Ask = input, out: Callable[..., None] = say) -> Path | None:
    """Offer the newest unfinished session of `scenario`: its path to resume it, or None
    to start a new one. Enter resumes; `l` lists them all to pick one by number."""
    newest = candidates[0]
    out(f"An unfinished session of {scenario} exists: {shown(newest.path)}",
        f"  {newest.state}, last entry {newest.last}")
    while True:
        answer = _ask(ask, "[r]esume it (Enter), start a [n]ew session, or [l]ist "
                           f"{len(candidates)} unfinished? ").strip().lower()
        if answer in ("", "r", "resume"):
            return newest.path
        if answer in ("n", "new"):
            return None
        if answer in ("l", "list"):
            out(*(f"  {number}. {s.line()}" for number, s in enumerate(candidates, 1)))
            picked = _ask(ask, "resume which (number), or n for a new session? ").strip()
            if picked.lower() in ("n", "new"):
                return None
            if picked.isdigit() and 1 <= int(picked) <= len(candidates):
                return candidates[int(picked) - 1].path
            out(f"'{picked}' is not one of 1 to {len(candidates)}")
            continue
        out(f"'{answer}' is not r, n or l")


def _ask(ask: Ask, prompt: str) -> str:
    try:
        return ask(prompt)
    except EOFError:
        raise TtxError("no answer: nothing started (run 'ttx run SCENARIO --new' to start "
                       "a new session, or 'ttx run SESSION' to resume one)") from None
    finally:
        sys.stdout.flush()
