"""`SqliteJournal`: a session as one SQLite file, append-only, safe to share.

The file holds a snapshot of the resolved scenario (so it is self-contained) and the
`events` table. It is opened in WAL mode with `synchronous=FULL`, so an appended
event is on disk when `append` returns, and several processes (facilitator,
evaluators, displays) may read and append at once: writers serialise on
`BEGIN IMMEDIATE`, readers never block them. Triggers refuse any UPDATE or DELETE.
Files of format 2 chain every event by hash (`ttx.session.chain`); format 1 files
(no `hash` column) still open, append and report, and verify as "not verifiable".
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from ttx import __version__
from ttx.errors import TtxError
from ttx.model.resolved import ResolvedScenario
from ttx.session.chain import Row, row_hash, snapshot_hash
from ttx.session.events import Event, Payload
from ttx.session.file_identity import FileIdentity, identity_of
from ttx.session.file_watch import FolderWatch
from ttx.session.journal import InitialEvent, SessionExists
from ttx.session.journal_rows import Appended, initial_rows, snapshot_text, verified_after_commit
from ttx.session.journal_rows import check_chain as _check_chain
from ttx.session.journal_rows import events_from_rows as _events_from_rows
from ttx.session.journal_rows import payload_text as _payload_text
from ttx.session.snapshot_cache import snapshot_of

APPLICATION_ID = 0x54545853
"""`PRAGMA application_id` of a ttx session file ("TTXS")."""
SCHEMA_VERSION = 2
"""`PRAGMA user_version`: bumped whenever the tables change (2: the `hash` column)."""
BUSY_TIMEOUT_SECONDS = 10.0
"""How long a writer waits for another process's write to finish before giving up."""

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
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        hash    TEXT
    )""",
    *(f"""CREATE TRIGGER {table}_never_{verb}d BEFORE {verb.upper()} ON {table}
        BEGIN SELECT RAISE(ABORT, 'the session journal is append-only'); END"""
      for table in ("events", "meta") for verb in ("update", "delete")),
)


class SqliteJournal:
    """One open session file. Safe to use from several threads; one write at a time."""

    def __init__(self, path: Path, connection: sqlite3.Connection,
                 snapshot: ResolvedScenario, snapshot_text: str, *, chained: bool) -> None:
        self.path = path
        self.location = str(path)
        self.snapshot = snapshot
        self.snapshot_text = snapshot_text
        self.chained = chained
        """Whether the file chains its events (format 2) or predates the chain."""
        self._connection = connection
        self._lock = threading.RLock()
        self._writing = False
        self._appended: list[Appended] = []
        self._data_version = self._read_data_version()
        self._wait_version = self._data_version
        self._watch: FolderWatch | None = None
        self._watch_made = False
        self._settle_until = 0.0
        """Until when `wait_for_change` looks again and again (a write was reported)."""
        self._settle_look = POLL_INTERVAL
        """How long it waits before its next look meanwhile (doubling)."""
        self._identity: FileIdentity | None = identity_of(path)
        self._verified: tuple[int, str] = (0, snapshot_hash(snapshot_text))
        """The last seq whose chain was checked on reading, and its hash."""

    # -- opening -----------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, resolved: ResolvedScenario, *,
               initial: Sequence[InitialEvent] = ()) -> SqliteJournal:
        """A new session file at `path` holding the snapshot of `resolved` and the
        `initial` events (payload, seat, at_game), seq 1, 2, ….

        The file appears complete or not at all (built aside, then hard-linked into
        place), and an existing file is never overwritten: `SessionExists` instead."""
        snapshot = snapshot_text(resolved)
        now = datetime.now(UTC).isoformat()
        meta = {"scenario_id": resolved.scenario.id, "created_at": now,
                "ttx_version": __version__, "snapshot": snapshot}
        return cls.create_copy(path, meta, initial_rows(snapshot, initial, now), chained=True)

    @classmethod
    def create_copy(cls, path: Path, meta: dict[str, str], rows: Sequence[Row], *,
                    chained: bool) -> SqliteJournal:
        """A new session file at `path` holding `meta` (with its `snapshot`) and `rows`
        exactly as given: a copy of another journal. `chained` False writes a file of
        format 1 (no hash column), as the journal copied predates the chain.

        Complete or not at all, never over an existing file (`SessionExists`)."""
        path = Path(path)
        if path.exists():
            raise SessionExists(f"{path} already exists; choose another file name")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise TtxError(f"cannot create {path.parent}: {error.strerror}") from None
        aside = path.parent / f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp"
        try:
            _build_file(aside, meta, rows, chained=chained)
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
    def open(cls, path: Path, *, read_only: bool = False) -> SqliteJournal:
        """Open an existing session file for reading and appending (or only reading).

        Refused with a one-line TtxError when the file is missing, is not a ttx
        session, was written by a newer ttx, or its snapshot is damaged. Read-only,
        a file on a read-only mount opens too (SQLite cannot make its `-shm` there)."""
        path = Path(path)
        if not path.exists():
            raise TtxError(f"no session file at {path}")
        if not path.is_file():
            raise TtxError(f"{path} is not a session file")
        try:
            connection = _connect(path, mode="ro" if read_only else "rw")
        except sqlite3.Error as error:
            raise TtxError(f"cannot open {path}: {_reason(error)}") from None
        try:
            try:
                snapshot, text, chained = _check_and_read_snapshot(path, connection)
            except _CannotRead:
                if not read_only:
                    raise
                # A read-only folder: no -shm can be made, so read the file as it stands.
                connection.close()
                connection = _connect(path, mode="ro", immutable=True)
                snapshot, text, chained = _check_and_read_snapshot(path, connection)
            if not read_only:
                _set_pragmas(connection)
        except _CannotRead as error:
            connection.close()
            raise TtxError(f"cannot read {path}: {error}") from None
        except BaseException:
            connection.close()
            raise
        return cls(path, connection, snapshot, text, chained=chained)

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
                if "locked" in str(error) or "busy" in str(error):
                    raise TtxError(f"{self.path} is busy ({error}); try again") from None
                raise TtxError(f"cannot write {self.path}: {_reason(error)}") from None
            self._writing, self._appended = True, []
            try:
                yield
            except BaseException:
                self._rollback()
                raise
            else:
                try:
                    self._connection.execute("COMMIT")
                except sqlite3.Error as error:
                    self._rollback()
                    raise TtxError(f"cannot write {self.path}: {_reason(error)}; "
                                   "nothing was recorded") from None
                self._verified = verified_after_commit(self._verified, self._appended)
            finally:
                self._writing = False

    def _rollback(self) -> None:
        with contextlib.suppress(sqlite3.Error):  # a failed COMMIT may have rolled back
            self._connection.execute("ROLLBACK")

    def append(self, payload: Payload, *, seat: str, at_game: datetime) -> Event:
        """Append one event with the next `seq` and the current UTC wall time.

        Outside `write_transaction` the event is committed (and fsynced by SQLite)
        before this returns; inside one it commits when the transaction does."""
        if at_game.tzinfo is None:
            raise ValueError("at_game must be an aware datetime")
        with self._lock:
            if not self._writing:
                with self.write_transaction():
                    return self.append(payload, seat=seat, at_game=at_game)
            text = _payload_text(payload)
            last = self._connection.execute(
                "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1"
                if self.chained else
                "SELECT seq, NULL FROM events ORDER BY seq DESC LIMIT 1").fetchone()
            seq = int(last[0]) + 1 if last else 1
            at_wall = datetime.now(UTC)
            row = (seq, at_wall.isoformat(), at_game.isoformat(), str(payload.type), seat, text)
            try:
                if self.chained:
                    previous = str(last[1]) if last else snapshot_hash(self.snapshot_text)
                    stored = row_hash(previous, *row)
                    self._connection.execute(
                        "INSERT INTO events (seq, at_wall, at_game, type, seat, payload, hash) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)", (*row, stored))
                    self._appended.append((seq, previous, stored))
                else:
                    self._connection.execute(
                        "INSERT INTO events (seq, at_wall, at_game, type, seat, payload) "
                        "VALUES (?, ?, ?, ?, ?, ?)", row)
            except sqlite3.Error as error:
                raise TtxError(f"cannot write {self.path}: {_reason(error)}") from None
            return Event(seq=seq, at_wall=at_wall, at_game=at_game, type=payload.type,
                         seat=seat, payload=payload)

    # -- reading -----------------------------------------------------------------

    def events(self, after_seq: int = 0) -> list[Event]:
        """Every committed event with `seq > after_seq`, in `seq` order.

        Reading on from the last entry read, the hash chain is checked as it goes: an
        altered, missing or inserted entry is one TtxError naming the first one."""
        rows = self.raw_rows(after_seq)
        if self.chained and after_seq == self._verified[0]:
            self._verified = _check_chain(self.path, self._verified, rows)
        return _events_from_rows(self.path, rows)

    def raw_rows(self, after_seq: int = 0) -> list[Row]:
        """Every event row as stored, with `seq > after_seq` (hash None before format 2)."""
        hash_column = "hash" if self.chained else "NULL"
        try:
            with self._lock:
                return self._connection.execute(
                    f"SELECT seq, at_wall, at_game, type, seat, payload, {hash_column} "
                    "FROM events WHERE seq > ? ORDER BY seq", (after_seq,)).fetchall()
        except sqlite3.DatabaseError as error:
            raise TtxError(f"{self.path} is a damaged ttx session file: "
                           f"{_reason(error)}") from None

    def row_at(self, seq: int) -> Row | None:
        """The row of event `seq` as stored, or None."""
        hash_column = "hash" if self.chained else "NULL"
        try:
            with self._lock:
                return self._connection.execute(
                    f"SELECT seq, at_wall, at_game, type, seat, payload, {hash_column} "
                    "FROM events WHERE seq = ?", (seq,)).fetchone()
        except sqlite3.DatabaseError as error:
            raise TtxError(f"{self.path} is a damaged ttx session file: "
                           f"{_reason(error)}") from None

    def resume_chain(self, seq: int, chain_hash: str) -> None:
        """Take the chain as checked up to `seq`, which hashes to `chain_hash`."""
        self._verified = (seq, chain_hash)

    def wait_for_change(self, timeout: float) -> bool:
        """Block up to `timeout` seconds until another connection committed; whether one
        did. SQLite cannot push: the kernel tells when the file's log is written
        (`FolderWatch`), and the data version says whether a commit came of it; where
        it cannot tell, the data version is looked at every 20 ms. A write is reported
        before its commit is visible (the log is synced first), so after each report
        the version is looked at again after 1, 2, 4 … ms (doubling up to
        `LAST_SETTLE_LOOK`) until `SETTLE_SECONDS` passed: about ten looks, so a commit
        whose sync takes d ms is seen within about 2d ms, and thirty seats on one host
        do not each wake thirty times a write. This keeps its own mark, apart from
        `changed`'s, so a thread that waits never hides a change from the one that
        reads."""
        deadline = time.monotonic() + timeout
        watch = self._folder_watch()
        while True:
            with self._lock:
                version = self._read_data_version()
                if version != self._wait_version:
                    self._wait_version = version
                    return True
            now = time.monotonic()
            left = deadline - now
            if left <= 0:
                return False
            if watch is None or watch.broken:
                time.sleep(min(POLL_INTERVAL, left))
                continue
            if now < self._settle_until:
                self._settle_look = min(2 * self._settle_look, LAST_SETTLE_LOOK)
                reported = watch.wait(min(self._settle_look, left))
            else:
                reported = watch.wait(left)
            if reported:
                self._settle_until = time.monotonic() + SETTLE_SECONDS
                self._settle_look = FIRST_SETTLE_LOOK / 2

    def _folder_watch(self) -> FolderWatch | None:
        """The watch of this file's folder, made on the first wait (None: poll)."""
        with self._lock:
            if not self._watch_made:
                self._watch_made = True
                self._watch = FolderWatch.of(self.path)
            return self._watch

    def problem(self) -> str | None:
        """Why the path no longer leads to the file opened (deleted, replaced), if so."""
        return self._identity.problem() if self._identity is not None else None

    def last_seq(self) -> int:
        """The highest committed `seq`, 0 when the journal has no events."""
        try:
            with self._lock:
                row = self._connection.execute(
                    "SELECT COALESCE(MAX(seq), 0) FROM events").fetchone()
        except sqlite3.DatabaseError as error:
            raise TtxError(f"{self.path} is a damaged ttx session file: "
                           f"{_reason(error)}") from None
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
            self._watch_made = True  # no watch after closing
            watch = self._watch
        if watch is not None:
            watch.close()  # a thread waiting on it returns at once
        with self._lock:
            self._connection.close()

    def __enter__(self) -> SqliteJournal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _read_data_version(self) -> int:
        return int(self._connection.execute("PRAGMA data_version").fetchone()[0])


POLL_INTERVAL = 0.02
"""How often `wait_for_change` looks at the file's data version when it must poll."""
FIRST_SETTLE_LOOK = 0.001
"""How soon after a write is reported `wait_for_change` looks whether it was a commit."""
LAST_SETTLE_LOOK = 0.128
"""The longest wait between those looks (a sync slower than this is seen this late)."""
SETTLE_SECONDS = 0.5
"""How long `wait_for_change` keeps polling after a write was reported: a commit
becomes visible once its log is synced to disk, which a slow disk takes a while to do."""


class _CannotRead(Exception):
    """The file could not be read at all as opened (e.g. no -shm on a read-only mount)."""


def _reason(error: BaseException) -> str:
    text = str(error)
    if "disk is full" in text or "database or disk is full" in text:
        return "the disk is full"
    if "readonly" in text or "read-only" in text:
        return "the file or its folder is read-only"
    return text


def _connect(path: Path, *, mode: str = "rw", immutable: bool = False) -> sqlite3.Connection:
    flags = f"mode={mode}" + ("&immutable=1" if immutable else "")
    return sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True,
                           timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None,
                           check_same_thread=False)


def _set_pragmas(connection: sqlite3.Connection) -> None:
    connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise TtxError(f"cannot use write-ahead logging here (journal mode {mode})")
    connection.execute("PRAGMA synchronous = FULL")


def _build_file(path: Path, meta: dict[str, str], rows: Sequence[Row], *,
                chained: bool) -> None:
    connection = _connect(path, mode="rwc")
    try:
        _set_pragmas(connection)
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for statement in _SCHEMA:
            connection.execute(statement)
        if not chained:  # format 1, as the journal copied was written
            connection.execute("ALTER TABLE events DROP COLUMN hash")
        connection.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta.items())
        connection.executemany(
            "INSERT INTO events (seq, at_wall, at_game, type, seat, payload, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)" if chained else
            "INSERT INTO events (seq, at_wall, at_game, type, seat, payload) "
            "VALUES (?, ?, ?, ?, ?, ?)", (row if chained else row[:6] for row in rows))
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION if chained else 1}")
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


def _check_and_read_snapshot(path: Path, connection: sqlite3.Connection
                             ) -> tuple[ResolvedScenario, str, bool]:
    """The snapshot, its stored text, and whether the file chains its events."""
    not_session = TtxError(f"{path} is not a ttx session file")
    try:
        application_id = int(connection.execute("PRAGMA application_id").fetchone()[0])
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.OperationalError as error:
        if "unable to open" in str(error) or "readonly" in str(error):
            raise _CannotRead(_reason(error)) from None
        if "disk" in str(error) or "I/O" in str(error):
            raise TtxError(f"cannot read {path}: {_reason(error)}") from None
        raise not_session from None
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
        snapshot = snapshot_of(str(row[0]))
    except (ValueError, ValidationError) as error:
        first = str(error).splitlines()[0]
        raise TtxError(f"{path} is a damaged ttx session file: bad snapshot ({first})") from None
    return snapshot, str(row[0]), version >= 2
