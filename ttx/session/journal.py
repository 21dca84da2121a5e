"""The session journal: one SQLite file per session, append-only, safe to share.

The file holds a snapshot of the resolved scenario (so it is self-contained) and the
`events` table. It is opened in WAL mode with `synchronous=FULL`, so an appended
event is on disk when `append` returns, and several processes (facilitator,
evaluators, displays) may read and append at once: writers serialise on
`BEGIN IMMEDIATE`, readers never block them. Triggers refuse any UPDATE or DELETE.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ttx import __version__
from ttx.errors import TtxError
from ttx.model.resolved import ResolvedScenario
from ttx.session.events import Event, EventType

APPLICATION_ID = 0x54545853
"""`PRAGMA application_id` of a ttx session file ("TTXS")."""
SCHEMA_VERSION = 1
"""`PRAGMA user_version`: bumped whenever the tables or the event types change."""
BUSY_TIMEOUT_SECONDS = 10.0
"""How long a writer waits for another process's write to finish before giving up."""
SESSION_SUFFIX = ".ttx"
SESSIONS_DIR = "sessions"

_SCHEMA = (
    """CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE events (
        seq     INTEGER PRIMARY KEY CHECK (seq >= 1),
        at_wall TEXT NOT NULL,
        at_game TEXT NOT NULL,
        type    TEXT NOT NULL,
        seat    TEXT NOT NULL,
        payload TEXT NOT NULL CHECK (json_valid(payload))
    )""",
    *(f"""CREATE TRIGGER {table}_never_{verb}d BEFORE {verb.upper()} ON {table}
        BEGIN SELECT RAISE(ABORT, 'the session journal is append-only'); END"""
      for table in ("events", "meta") for verb in ("update", "delete")),
)


InitialEvent = tuple[EventType, dict[str, Any], str, datetime]
"""An event written with the file itself: type, payload, seat, at_game."""


class SessionExists(TtxError):
    """Refused: a file already exists where a new session was to be created."""


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


class Journal:
    """One open session file. Safe to use from several threads; one write at a time."""

    def __init__(self, path: Path, connection: sqlite3.Connection,
                 snapshot: ResolvedScenario) -> None:
        self.path = path
        self.snapshot = snapshot
        self._connection = connection
        self._lock = threading.RLock()
        self._writing = False
        self._data_version = self._read_data_version()

    # -- opening -----------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, resolved: ResolvedScenario, *,
               initial: Sequence[InitialEvent] = ()) -> Journal:
        """A new session file at `path` holding the snapshot of `resolved` and the
        `initial` events (type, payload, seat, at_game), seq 1, 2, ….

        The file appears complete or not at all (built aside, then hard-linked into
        place), and an existing file is never overwritten: `SessionExists` instead."""
        path = Path(path)
        if path.exists():
            raise SessionExists(f"{path} already exists; choose another file name")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise TtxError(f"cannot create {path.parent}: {error.strerror}") from None
        aside = path.parent / f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp"
        try:
            _build_file(aside, resolved, initial)
            _move_into_place(aside, path)
        except sqlite3.Error as error:
            raise TtxError(f"cannot create {path}: {error}") from None
        except OSError as error:
            raise TtxError(f"cannot create {path}: {error.strerror}") from None
        finally:
            for leftover in (aside, Path(f"{aside}-wal"), Path(f"{aside}-shm")):
                leftover.unlink(missing_ok=True)
        return cls.open(path)

    @classmethod
    def open(cls, path: Path) -> Journal:
        """Open an existing session file for reading and appending.

        Refused with a one-line TtxError when the file is missing, is not a ttx
        session, was written by a newer ttx, or its snapshot is damaged."""
        path = Path(path)
        if not path.exists():
            raise TtxError(f"no session file at {path}")
        if not path.is_file():
            raise TtxError(f"{path} is not a session file")
        try:
            connection = _connect(path)
        except sqlite3.Error as error:
            raise TtxError(f"cannot open {path}: {error}") from None
        try:
            snapshot = _check_and_read_snapshot(path, connection)
            _set_pragmas(connection)
        except BaseException:
            connection.close()
            raise
        return cls(path, connection, snapshot)

    # -- writing -----------------------------------------------------------------

    @contextlib.contextmanager
    def write_transaction(self) -> Iterator[None]:
        """Hold the file's write lock (`BEGIN IMMEDIATE`) for the block.

        Everything appended inside commits together when the block ends, and nothing
        does if it raises. Reads inside the block see every committed event, so checks
        made there cannot race another writer."""
        with self._lock:
            if self._writing:
                raise RuntimeError("write transactions do not nest")
            try:
                self._connection.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                raise TtxError(f"{self.path} is busy ({error}); try again") from None
            self._writing = True
            try:
                yield
            except BaseException:
                self._connection.execute("ROLLBACK")
                raise
            else:
                try:
                    self._connection.execute("COMMIT")
                except sqlite3.Error as error:
                    self._connection.execute("ROLLBACK")
                    raise TtxError(f"cannot write {self.path}: {error}") from None
            finally:
                self._writing = False

    def append(self, type: EventType, payload: dict[str, Any], *, seat: str,
               at_game: datetime) -> Event:
        """Append one event with the next `seq` and the current UTC wall time.

        Outside `write_transaction` the event is committed (and fsynced by SQLite)
        before this returns; inside one it commits when the transaction does."""
        if at_game.tzinfo is None:
            raise ValueError("at_game must be an aware datetime")
        with self._lock:
            if not self._writing:
                with self.write_transaction():
                    return self.append(type, payload, seat=seat, at_game=at_game)
            text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
            row = self._connection.execute(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM events").fetchone()
            seq = int(row[0])
            at_wall = datetime.now(UTC)
            try:
                self._connection.execute(
                    "INSERT INTO events (seq, at_wall, at_game, type, seat, payload) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (seq, at_wall.isoformat(), at_game.isoformat(), str(type), seat, text))
            except sqlite3.Error as error:
                raise TtxError(f"cannot write {self.path}: {error}") from None
            return Event(seq=seq, at_wall=at_wall, at_game=at_game, type=EventType(type),
                         seat=seat, payload=json.loads(text))

    # -- reading -----------------------------------------------------------------

    def events(self, after_seq: int = 0) -> list[Event]:
        """Every committed event with `seq > after_seq`, in `seq` order."""
        with self._lock:
            rows = self._connection.execute(
                "SELECT seq, at_wall, at_game, type, seat, payload FROM events "
                "WHERE seq > ? ORDER BY seq", (after_seq,)).fetchall()
        return [_event_from_row(self.path, row) for row in rows]

    def last_seq(self) -> int:
        """The highest committed `seq`, 0 when the journal has no events."""
        with self._lock:
            row = self._connection.execute("SELECT COALESCE(MAX(seq), 0) FROM events").fetchone()
        return int(row[0])

    def changed(self) -> bool:
        """Whether another connection committed since the last call (cheap: no table read).

        A follower polls this and calls `events(after_seq)` only when it is true."""
        with self._lock:
            version = self._read_data_version()
            changed = version != self._data_version
            self._data_version = version
        return changed

    def meta(self) -> dict[str, str]:
        """The file's metadata: `scenario_id`, `created_at`, `ttx_version`, `snapshot`."""
        with self._lock:
            rows = self._connection.execute("SELECT key, value FROM meta").fetchall()
        return {str(key): str(value) for key, value in rows}

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _read_data_version(self) -> int:
        return int(self._connection.execute("PRAGMA data_version").fetchone()[0])


def _connect(path: Path, *, create: bool = False) -> sqlite3.Connection:
    mode = "rwc" if create else "rw"
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True,
                           timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None,
                           check_same_thread=False)


def _set_pragmas(connection: sqlite3.Connection) -> None:
    connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise TtxError(f"cannot use write-ahead logging here (journal mode {mode})")
    connection.execute("PRAGMA synchronous = FULL")


def _build_file(path: Path, resolved: ResolvedScenario,
                initial: Sequence[InitialEvent]) -> None:
    snapshot = json.dumps(resolved.model_dump(mode="json", by_alias=True), ensure_ascii=False)
    connection = _connect(path, create=True)
    try:
        _set_pragmas(connection)
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for statement in _SCHEMA:
            connection.execute(statement)
        connection.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", [
            ("scenario_id", resolved.scenario.id),
            ("created_at", datetime.now(UTC).isoformat()),
            ("ttx_version", __version__),
            ("snapshot", snapshot),
        ])
        at_wall = datetime.now(UTC).isoformat()
        connection.executemany(
            "INSERT INTO events (seq, at_wall, at_game, type, seat, payload) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(seq, at_wall, at_game.isoformat(), str(type), seat,
              json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
             for seq, (type, payload, seat, at_game) in enumerate(initial, start=1)])
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("COMMIT")
    finally:
        connection.close()


def _move_into_place(aside: Path, path: Path) -> None:
    """Give the finished file its name without ever replacing an existing one."""
    try:
        os.link(aside, path)
    except FileExistsError:
        raise SessionExists(f"{path} already exists; choose another file name") from None
    except OSError:
        # No hard links on this file system: a rename, checked first.
        if path.exists():
            raise SessionExists(f"{path} already exists; choose another file name") from None
        os.rename(aside, path)
    with contextlib.suppress(OSError):
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def _check_and_read_snapshot(path: Path, connection: sqlite3.Connection) -> ResolvedScenario:
    not_session = TtxError(f"{path} is not a ttx session file")
    try:
        application_id = int(connection.execute("PRAGMA application_id").fetchone()[0])
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError:
        raise not_session from None
    if application_id != APPLICATION_ID:
        raise not_session
    if version > SCHEMA_VERSION:
        raise TtxError(f"{path} was written by a newer ttx (session format {version}; this "
                       f"ttx reads up to {SCHEMA_VERSION}): upgrade ttx to open it")
    if version < 1:
        raise TtxError(f"{path} is an unfinished ttx session file")
    try:
        row = connection.execute("SELECT value FROM meta WHERE key = 'snapshot'").fetchone()
    except sqlite3.DatabaseError as error:
        raise TtxError(f"{path} is a damaged ttx session file: {error}") from None
    if row is None:
        raise TtxError(f"{path} is a damaged ttx session file: no scenario snapshot")
    try:
        return ResolvedScenario.model_validate(json.loads(row[0]))
    except (ValueError, ValidationError) as error:
        first = str(error).splitlines()[0]
        raise TtxError(f"{path} is a damaged ttx session file: bad snapshot ({first})") from None


def _event_from_row(path: Path, row: tuple[Any, ...]) -> Event:
    seq, at_wall, at_game, type_name, seat, payload = row
    try:
        return Event(seq=int(seq), at_wall=datetime.fromisoformat(at_wall),
                     at_game=datetime.fromisoformat(at_game), type=EventType(type_name),
                     seat=str(seat), payload=json.loads(payload))
    except ValueError as error:
        raise TtxError(f"{path}: event #{seq} is damaged ({error})") from None
