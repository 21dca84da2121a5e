"""The journal a session is written to: one protocol, a backend per kind of store.

A session is named by a location: a `.ttx` file (`SqliteJournal`, the embedded
default) or a `postgresql://…?session=ID` URL (`PostgresJournal`, for play across
sites). `Session` and every face talk to the `Journal` protocol only, so a backend is
one added module and one line in `open_journal`/`create_journal`.

Every backend keeps the same promises: `seq` strictly increasing with no two writers
given the same one; an append is durable before `append` (or the write transaction
around it) returns; nothing is ever updated or deleted; checks made inside
`write_transaction` see every committed event, so they cannot race another writer;
each event is chained to the one before by a SHA-256 hash (`ttx.session.chain`).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ttx.errors import TtxError

if TYPE_CHECKING:
    from ttx.model.resolved import ResolvedScenario
    from ttx.session.events import Event, Payload

InitialEvent = tuple["Payload", str, datetime]
"""An event written with the session itself: payload, seat, at_game."""

SESSION_SUFFIX = ".ttx"
SESSIONS_DIR = "sessions"
URL_SCHEMES = ("postgresql://", "postgres://")


class SessionExists(TtxError):
    """Refused: a session already exists where a new one was to be created."""


class Journal(Protocol):
    """One open session journal. Safe to use from several threads; one write at a time."""

    location: str
    """What names it for `open_journal`: a file path, or a URL without its password."""
    snapshot: ResolvedScenario
    """The resolved scenario stored with the session when it started."""
    snapshot_text: str
    """The snapshot as stored (the hash chain starts from its hash)."""
    chained: bool
    """Whether its events are chained by hash (False for files written before the chain,
    and for copies of them)."""

    def write_transaction(self) -> AbstractContextManager[None]:
        """Hold the session's write lock for the block: what is appended inside commits
        together when it ends, and nothing does if it raises."""
        ...

    def append(self, payload: Payload, *, seat: str, at_game: datetime) -> Event:
        """Append one event with the next seq and the current UTC wall time (committed
        before returning when called outside `write_transaction`)."""
        ...

    def events(self, after_seq: int = 0) -> list[Event]:
        """Every committed event with `seq > after_seq`, in seq order, payloads checked."""
        ...

    def last_seq(self) -> int:
        """The highest committed seq, 0 when there is none."""
        ...

    def changed(self) -> bool:
        """Whether another writer may have committed since the last call (cheap)."""
        ...

    def wait_for_change(self, timeout: float) -> bool:
        """Block up to `timeout` seconds until another writer may have committed;
        whether one did (a backend that cannot be told polls `changed`)."""
        ...

    def problem(self) -> str | None:
        """Why entries cannot be written right now (the file was replaced, the server is
        gone), or None when all is well."""
        ...

    def meta(self) -> dict[str, str]:
        """`scenario_id`, `created_at`, `ttx_version`, `snapshot` and what else the
        backend stores about the session."""
        ...

    def raw_rows(self, after_seq: int = 0
                 ) -> list[tuple[int, str, str, str, str, str, str | None]]:
        """Every event row after `after_seq` as stored: seq, at_wall, at_game, type,
        seat, payload text, hash (None in files written before the chain). For
        verification and copies."""
        ...

    def row_at(self, seq: int) -> tuple[int, str, str, str, str, str, str | None] | None:
        """The row of event `seq` as stored (as `raw_rows` gives it), or None."""
        ...

    def resume_chain(self, seq: int, chain_hash: str) -> None:
        """Take the chain as checked up to `seq`, whose entry hashes to `chain_hash`
        (a checkpoint of this journal said so): `events(seq)` checks on from there."""
        ...

    def close(self) -> None:
        ...

    def __enter__(self) -> Journal:
        ...

    def __exit__(self, *exc_info: object) -> None:
        ...


def is_url(location: str | Path) -> bool:
    return isinstance(location, str) and location.startswith(URL_SCHEMES)


def open_journal(location: str | Path, *, read_only: bool = False) -> Journal:
    """The journal at `location` (a `.ttx` path or a PostgreSQL URL), refused in one line
    when it is missing, foreign, damaged or newer than this ttx."""
    if is_url(location):
        from ttx.session.postgres_journal import PostgresJournal

        return PostgresJournal.open(str(location))
    from ttx.session.sqlite_journal import SqliteJournal

    return SqliteJournal.open(Path(location), read_only=read_only)


def create_journal(location: str | Path, resolved: ResolvedScenario, *,
                   initial: Sequence[InitialEvent] = ()) -> Journal:
    """A new journal at `location` holding the snapshot of `resolved` and the `initial`
    events; it appears complete or not at all, and never replaces another session."""
    if is_url(location):
        from ttx.session.postgres_journal import PostgresJournal

        return PostgresJournal.create(str(location), resolved, initial=initial)
    from ttx.session.sqlite_journal import SqliteJournal

    return SqliteJournal.create(Path(location), resolved, initial=initial)


def default_session_path(workspace_root: Path, scenario_id: str, now: datetime) -> Path:
    """`sessions/<scenario-id>-<YYYYMMDDTHHMMSS>.ttx` under `workspace_root`, with `-2`,
    `-3`, … appended when that name is taken. `now` is used as given (local time)."""
    folder = workspace_root / SESSIONS_DIR
    stem = f"{scenario_id}-{now:%Y%m%dT%H%M%S}"
    candidate = folder / f"{stem}{SESSION_SUFFIX}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}{SESSION_SUFFIX}"
        number += 1
    return candidate
