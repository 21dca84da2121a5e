"""`PostgresJournal`: a session on a PostgreSQL server, for play across sites.

It keeps every promise `SqliteJournal` keeps. A write transaction locks the session's
row in `ttx.sessions` (`SELECT … FOR UPDATE`) before it reads the last entry, so two
writers anywhere are never given the same seq; READ COMMITTED lets the statements after
the lock see what the previous holder committed. An append outside a transaction is
committed (`synchronous_commit = on`) before it returns. The rows are the same text
fields as a file, chained by the same hashes (`ttx.session.journal_rows`), so a session
copied either way verifies and reports identically. The database refuses UPDATE,
DELETE and TRUNCATE (`ttx.session.pg_schema`).

Followers are told by LISTEN/NOTIFY: a watcher thread, started by the first
`changed`/`wait_for_change` (or by a lost connection), listens on its own connection;
a notification carries only session and seq. When the server goes away the watcher
says so through `problem()` and reconnects every half second; once back, it reads the
last seq, so a follower catches up from wherever it stood. A lost connection is never
hidden: a write that cannot reach the server is refused with "not saving: …".

psycopg is imported here only, so a command that never names a URL never loads it.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

import psycopg
from pydantic import ValidationError

from ttx import __version__
from ttx.errors import TtxError
from ttx.model.resolved import ResolvedScenario
from ttx.session.chain import Row, row_hash, snapshot_hash
from ttx.session.events import Event, Payload
from ttx.session.journal import InitialEvent, SessionExists
from ttx.session.journal_rows import (
    Appended,
    check_chain,
    events_from_rows,
    initial_rows,
    payload_text,
    snapshot_text,
    verified_after_commit,
)
from ttx.session.pg_connection import (
    connect,
    describe,
    first_line,
    insert_session,
    listing,
)
from ttx.session.pg_schema import CHANNEL, check_version, ensure_schema, installed_version
from ttx.session.pg_url import SessionUrl, parse_session_url
from ttx.session.snapshot_cache import snapshot_of

CLOSE_WAIT_SECONDS = 5.0
"""How long `close` waits for the watcher (it may be in the middle of connecting)."""
RECONNECT_SECONDS = 0.5
"""How often the watcher tries the server again while it is gone."""
LISTEN_TICK_SECONDS = 0.25
"""How long the watcher waits for a notification before looking whether to stop."""


class PostgresJournal:
    """One open session on a server. Safe to use from several threads; one write at a time."""

    def __init__(self, url: SessionUrl, connection: psycopg.Connection,
                 snapshot: ResolvedScenario, snapshot_text: str, *, chained: bool,
                 last_seq: int) -> None:
        assert url.session is not None
        self.url = url
        self.session_id = url.session
        self.location = url.location
        self.snapshot = snapshot
        self.snapshot_text = snapshot_text
        self.chained = chained
        self._connection: psycopg.Connection | None = connection
        self._lock = threading.RLock()
        self._writing: psycopg.Connection | None = None
        """The connection of the open write transaction: everything inside uses it, and
        it is never replaced by a new one halfway (that one would hold no lock)."""
        self._appended: list[int] = []
        self._chained: list[Appended] = []
        self._verified = (0, snapshot_hash(snapshot_text))
        self._state = threading.Condition()
        self._announced = last_seq
        """The highest seq the watcher heard of (or read when it connected)."""
        self._change_mark = last_seq
        self._wait_mark = last_seq
        self._problem: str | None = None
        self._watcher: threading.Thread | None = None
        self._closing = threading.Event()

    # -- opening -----------------------------------------------------------------

    @classmethod
    def open(cls, url_text: str) -> PostgresJournal:
        """The session the URL names, refused in one line when the server cannot be
        reached, holds no such session, or was set up by a newer ttx."""
        url = parse_session_url(url_text)
        connection = connect(url)
        try:
            version = installed_version(connection)
            check_version(version, url.server)
            if url.session is None:
                raise TtxError(f"{url.location}: name the session with ?session=ID"
                               f"{listing(connection)}")
            row = connection.execute(
                "SELECT s.chained, m.value, (SELECT COALESCE(max(seq), 0) FROM ttx.events e"
                " WHERE e.session = s.id) FROM ttx.sessions s LEFT JOIN ttx.session_meta m"
                " ON m.session = s.id AND m.key = 'snapshot' WHERE s.id = %s",
                (url.session,)).fetchone() if version else None
            if row is None:
                raise TtxError(f"no session '{url.session}' at {url.server}"
                               f"{listing(connection)}")
            chained, text, last_seq = bool(row[0]), row[1], int(row[2])
            if text is None:
                raise TtxError(f"{url.location} is damaged: no scenario snapshot")
            try:
                snapshot = snapshot_of(text)
            except (ValueError, ValidationError) as error:
                raise TtxError(f"{url.location} is damaged: bad snapshot "
                               f"({str(error).splitlines()[0]})") from None
        except psycopg.Error as error:
            connection.close()
            raise TtxError(describe(url, error)) from None
        except BaseException:
            connection.close()
            raise
        return cls(url, connection, snapshot, text, chained=chained, last_seq=last_seq)

    @classmethod
    def create(cls, url_text: str, resolved: ResolvedScenario, *,
               initial: Sequence[InitialEvent] = ()) -> PostgresJournal:
        """A new session holding the snapshot of `resolved` and the `initial` events.

        Without `session=` in the URL its id is `<scenario-id>-<YYYYMMDDTHHMMSS>` (local
        time), with `-2`, `-3`, … when taken; `location` then names it."""
        snapshot = snapshot_text(resolved)
        now = datetime.now(UTC).isoformat()
        meta = {"scenario_id": resolved.scenario.id, "created_at": now,
                "ttx_version": __version__, "snapshot": snapshot}
        stem = f"{resolved.scenario.id}-{datetime.now().astimezone():%Y%m%dT%H%M%S}"
        return cls.create_copy(url_text, meta, initial_rows(snapshot, initial, now),
                               chained=True, default_id=stem, number_taken=True)

    @classmethod
    def create_copy(cls, url_text: str, meta: dict[str, str], rows: Sequence[Row], *,
                    chained: bool, default_id: str, number_taken: bool = False
                    ) -> PostgresJournal:
        """A new session holding `meta` (with its `snapshot`) and `rows` exactly as given,
        all in one transaction; named by the URL's `session=`, else `default_id` (and
        `-2`, `-3`, … when `number_taken`). Never over an existing one: `SessionExists`."""
        url = parse_session_url(url_text)
        connection = connect(url)
        try:
            ensure_schema(connection, url.server)
            number = 1
            while True:
                session_id = url.session or (default_id if number == 1
                                             else f"{default_id}-{number}")
                try:
                    insert_session(connection, session_id, meta, rows, chained=chained)
                    break
                except psycopg.errors.UniqueViolation:
                    if url.session is not None or not number_taken:
                        raise SessionExists(f"session '{session_id}' already exists at "
                                            f"{url.server}; choose another session id"
                                            ) from None
                    number += 1
        except psycopg.Error as error:
            raise TtxError(f"cannot create the session: {describe(url, error)}") from None
        finally:
            connection.close()
        return cls.open(url.location if url.session else url.with_session(session_id).location)

    # -- writing -----------------------------------------------------------------

    @contextlib.contextmanager
    def write_transaction(self) -> Iterator[None]:
        """Hold the session's row lock for the block: what is appended inside commits
        together when it ends, and nothing does if it raises. Reads inside see every
        event committed before the lock was granted."""
        with self._lock:
            if self._writing:
                raise RuntimeError("write transactions do not nest")
            connection = self._begin_write()
            self._writing, self._appended, self._chained = connection, [], []
            try:
                yield
            except BaseException:
                with contextlib.suppress(psycopg.Error):
                    connection.execute("ROLLBACK")
                raise
            else:
                try:
                    connection.execute("COMMIT")
                except psycopg.Error as error:
                    self._lost(error)
                    raise TtxError(f"not saving: {self._problem or describe(self.url, error)}"
                                   " (the connection went while saving; what was being "
                                   "recorded shows once the server is back, if it was)"
                                   ) from None
                self._advance_marks(self._appended)
                self._verified = verified_after_commit(self._verified, self._chained)
            finally:
                self._writing = None

    def _begin_write(self) -> psycopg.Connection:
        for attempt in (1, 2):
            connection = self._live_connection(saving=True)
            try:
                connection.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
                connection.execute("SELECT 1 FROM ttx.sessions WHERE id = %s FOR UPDATE",
                                   (self.session_id,))
                return connection
            except psycopg.errors.LockNotAvailable:
                connection.execute("ROLLBACK")
                raise TtxError(f"{self.location} is busy (another seat's write did not "
                               "finish); try again") from None
            except psycopg.Error as error:
                self._lost(error)
                if attempt == 2:
                    raise TtxError(f"not saving: {describe(self.url, error)}") from None
        raise AssertionError("unreachable")

    def append(self, payload: Payload, *, seat: str, at_game: datetime) -> Event:
        """Append one event with the next `seq` and the current UTC wall time; committed
        before returning when called outside `write_transaction`."""
        if at_game.tzinfo is None:
            raise ValueError("at_game must be an aware datetime")
        with self._lock:
            connection = self._writing
            if connection is None:
                with self.write_transaction():
                    return self.append(payload, seat=seat, at_game=at_game)
            try:
                last = connection.execute(
                    "SELECT seq, hash FROM ttx.events WHERE session = %s "
                    "ORDER BY seq DESC LIMIT 1", (self.session_id,)).fetchone()
                seq = int(last[0]) + 1 if last else 1
                at_wall = datetime.now(UTC)
                row = (seq, at_wall.isoformat(), at_game.isoformat(), str(payload.type), seat,
                       payload_text(payload))
                stored = None
                if self.chained:
                    previous = str(last[1]) if last else snapshot_hash(self.snapshot_text)
                    stored = row_hash(previous, *row)
                    self._chained.append((seq, previous, stored))
                connection.execute(
                    "INSERT INTO ttx.events (session, seq, at_wall, at_game, type, seat, "
                    "payload, hash) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                    (self.session_id, *row, stored))
            except psycopg.Error as error:
                self._lost(error)
                raise TtxError(f"not saving: {describe(self.url, error)}") from None
            self._appended.append(seq)
            return Event(seq=seq, at_wall=at_wall, at_game=at_game, type=payload.type,
                         seat=seat, payload=payload)

    # -- reading -----------------------------------------------------------------

    def events(self, after_seq: int = 0) -> list[Event]:
        """Every committed event with `seq > after_seq`, in `seq` order; the hash chain
        is checked as it is read on from the last entry read."""
        rows = self.raw_rows(after_seq)
        if self.chained and after_seq == self._verified[0]:
            self._verified = check_chain(self.location, self._verified, rows)
        return events_from_rows(self.location, rows)

    def raw_rows(self, after_seq: int = 0) -> list[Row]:
        """Every event row as stored with `seq > after_seq` (hash None if unchained)."""
        rows = self._read("SELECT seq, at_wall, at_game, type, seat, payload, hash "
                          "FROM ttx.events WHERE session = %s AND seq > %s ORDER BY seq",
                          (self.session_id, after_seq))
        return [(int(r[0]), r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows]

    def row_at(self, seq: int) -> Row | None:
        """The row of event `seq` as stored, or None."""
        rows = self._read("SELECT seq, at_wall, at_game, type, seat, payload, hash "
                          "FROM ttx.events WHERE session = %s AND seq = %s",
                          (self.session_id, seq))
        return (int(rows[0][0]), *rows[0][1:7]) if rows else None

    def resume_chain(self, seq: int, chain_hash: str) -> None:
        """Take the chain as checked up to `seq`, which hashes to `chain_hash`."""
        self._verified = (seq, chain_hash)

    def last_seq(self) -> int:
        """The highest committed `seq`, 0 when there is none."""
        rows = self._read("SELECT COALESCE(max(seq), 0) FROM ttx.events WHERE session = %s",
                          (self.session_id,))
        return int(rows[0][0])

    def meta(self) -> dict[str, str]:
        """`scenario_id`, `created_at`, `ttx_version`, `snapshot` (as a file keeps them)."""
        rows = self._read("SELECT key, value FROM ttx.session_meta WHERE session = %s",
                          (self.session_id,))
        return {str(key): str(value) for key, value in rows}

    def changed(self) -> bool:
        """Whether another writer committed since the last call: one index lookup of the
        last seq, so an entry acknowledged anywhere is seen by the next call. False while
        the server cannot be reached (`problem()` says so)."""
        try:
            last = self.last_seq()
        except TtxError:
            return False
        with self._state:
            changed, self._change_mark = last > self._change_mark, max(last, self._change_mark)
        return changed

    def wait_for_change(self, timeout: float) -> bool:
        """Block up to `timeout` seconds until a notification says another writer
        committed (or the watcher reconnected and found entries); whether one did."""
        self._start_watcher()
        with self._state:
            self._state.wait_for(lambda: self._announced > self._wait_mark
                                 or self._closing.is_set(), timeout)
            changed, self._wait_mark = self._announced > self._wait_mark, self._announced
        return changed

    def problem(self) -> str | None:
        """Why entries cannot be written now (the server cannot be reached), or None."""
        return self._problem

    def close(self) -> None:
        self._closing.set()
        with self._state:
            self._state.notify_all()
        if self._watcher is not None:
            self._watcher.join(timeout=2 * LISTEN_TICK_SECONDS + CLOSE_WAIT_SECONDS)
        with self._lock:
            if self._connection is not None:
                self._connection.close()

    def __enter__(self) -> PostgresJournal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- the connection ----------------------------------------------------------

    def _read(self, query: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        """Rows of a read, retried once on a fresh connection when the old one was lost
        (a restarted server); one TtxError when the server cannot be reached."""
        with self._lock:
            if self._writing is not None:  # inside a write: its connection, or nothing
                try:
                    return self._writing.execute(query, params).fetchall()
                except psycopg.Error as error:
                    raise TtxError(f"not saving: {describe(self.url, error)}") from None
            for attempt in (1, 2):
                connection = self._live_connection(saving=False)
                try:
                    return connection.execute(query, params).fetchall()
                except psycopg.OperationalError as error:
                    self._lost(error)
                    if attempt == 2:
                        raise TtxError(describe(self.url, error)) from None
                except psycopg.Error as error:
                    raise TtxError(f"{self.location}: {first_line(error)}") from None
        raise AssertionError("unreachable")

    def _live_connection(self, *, saving: bool) -> psycopg.Connection:
        connection = self._connection
        if connection is not None and not connection.closed and not connection.broken:
            return connection
        if self._problem is not None and self._watcher_alive():
            raise TtxError(f"not saving: {self._problem}" if saving else self._problem)
        try:
            self._connection = connect(self.url)
        except TtxError as error:
            self._set_problem(error.message)
            self._start_watcher()
            raise TtxError(f"not saving: {error.message}" if saving else error.message
                           ) from None
        return self._connection

    def _lost(self, error: psycopg.Error) -> None:
        """Forget a connection that failed; the next use opens a new one."""
        connection = self._connection
        if connection is not None and (connection.broken or connection.closed
                                       or isinstance(error, psycopg.OperationalError)):
            with contextlib.suppress(psycopg.Error):
                connection.close()
            self._connection = None

    def _advance_marks(self, seqs: list[int]) -> None:
        """Our own entries are no change to report: move the marks over them when
        nothing from another writer lies between."""
        with self._state:
            for seq in seqs:
                if self._change_mark == seq - 1:
                    self._change_mark = seq
                if self._wait_mark == seq - 1:
                    self._wait_mark = seq

    def _set_problem(self, problem: str | None) -> None:
        with self._state:
            self._problem = problem

    # -- the watcher -------------------------------------------------------------

    def _watcher_alive(self) -> bool:
        return self._watcher is not None and self._watcher.is_alive()

    def _start_watcher(self) -> None:
        with self._state:
            if self._watcher_alive() or self._closing.is_set():
                return
            self._watcher = threading.Thread(target=self._watch, daemon=True,
                                             name=f"ttx-listen-{self.session_id}")
            self._watcher.start()

    def _watch(self) -> None:
        """Listen for new entries; while the server is gone, say so and keep trying."""
        while not self._closing.is_set():
            try:
                listener = connect(self.url)
            except TtxError as error:
                self._set_problem(f"{error.message}; trying again")
                self._closing.wait(RECONNECT_SECONDS)
                continue
            try:
                listener.execute(f"LISTEN {CHANNEL}")
                row = listener.execute("SELECT COALESCE(max(seq), 0) FROM ttx.events "
                                       "WHERE session = %s", (self.session_id,)).fetchone()
                self._set_problem(None)
                self._announce(int(row[0]) if row else 0)
                while not self._closing.is_set():
                    for notification in listener.notifies(timeout=LISTEN_TICK_SECONDS):
                        session, _, seq = notification.payload.rpartition(" ")
                        if session == self.session_id and seq.isdigit():
                            self._announce(int(seq))
            except psycopg.Error as error:
                if not self._closing.is_set():
                    self._set_problem(f"{describe(self.url, error)}; trying again")
            finally:
                with contextlib.suppress(psycopg.Error):
                    listener.close()

    def _announce(self, seq: int) -> None:
        with self._state:
            if seq > self._announced:
                self._announced = seq
                self._state.notify_all()
