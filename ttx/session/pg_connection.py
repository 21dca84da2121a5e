"""Connections to the server a `PostgresJournal` uses, and what to say when they fail.

Each connection is set up for a journal: autocommit (transactions are explicit),
`synchronous_commit = on`, and timeouts, so that a seat that hangs frees the session's
lock and a busy one is told so. Every failure becomes one line naming the server, with
a hint where the password comes from when logging in is what failed.
"""

from __future__ import annotations

from collections.abc import Sequence

import psycopg

from ttx.errors import TtxError
from ttx.session.chain import Row
from ttx.session.pg_schema import installed_version
from ttx.session.pg_url import PASSWORD_SOURCES, SessionUrl

CONNECT_TIMEOUT_SECONDS = 5
SESSION_SETTINGS = (
    "SET synchronous_commit = on;"  # committed means on the server's disk
    "SET lock_timeout = '10s';"  # as long as SqliteJournal waits for another writer
    "SET idle_in_transaction_session_timeout = '60s'"  # a hung seat frees the lock
)
SESSIONS_LISTED = 5
"""How many session ids a refusal lists."""


def connect(url: SessionUrl) -> psycopg.Connection:
    try:
        connection = psycopg.connect(url.conninfo, autocommit=True,
                                     connect_timeout=CONNECT_TIMEOUT_SECONDS,
                                     application_name="ttx")
    except psycopg.ProgrammingError as error:  # a URL libpq cannot read
        raise TtxError(f"{url.location} is not a usable PostgreSQL URL: "
                       f"{first_line(error)}") from None
    except psycopg.Error as error:
        raise TtxError(describe(url, error)) from None
    try:
        connection.execute(SESSION_SETTINGS)
    except psycopg.Error as error:
        connection.close()
        raise TtxError(describe(url, error)) from None
    return connection


def insert_session(connection: psycopg.Connection, session_id: str, meta: dict[str, str],
                    rows: Sequence[Row], *, chained: bool) -> None:
    """The session, its meta and its rows, in one transaction (all or nothing)."""
    with connection.transaction():
        connection.execute("INSERT INTO ttx.sessions (id, chained) VALUES (%s, %s)",
                           (session_id, chained))
        with connection.cursor() as cursor:
            cursor.executemany("INSERT INTO ttx.session_meta (session, key, value) "
                               "VALUES (%s, %s, %s)",
                               [(session_id, key, value) for key, value in meta.items()])
            with cursor.copy("COPY ttx.events (session, seq, at_wall, at_game, type, seat, "
                             "payload, hash) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row((session_id, *row[:6], row[6] if chained else None))


def listing(connection: psycopg.Connection) -> str:
    """`; sessions there: a, b, …` (the newest first), or `` when there are none."""
    if not installed_version(connection):
        return "; no ttx session is stored there yet"
    ids = [row[0] for row in connection.execute(
        "SELECT id FROM ttx.sessions ORDER BY created DESC LIMIT %s", (SESSIONS_LISTED + 1,))]
    if not ids:
        return "; no ttx session is stored there yet"
    more = ", …" if len(ids) > SESSIONS_LISTED else ""
    return f"; sessions there: {', '.join(ids[:SESSIONS_LISTED])}{more}"


def first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def describe(url: SessionUrl, error: BaseException) -> str:
    """One line saying why the server cannot be used, with a hint where one helps."""
    reason = first_line(error).removeprefix("connection failed: ")
    if "no password supplied" in reason or "password authentication failed" in reason:
        return f"cannot log in to the PostgreSQL server at {url.server}: {reason} " \
               f"(the password comes from {PASSWORD_SOURCES})"
    if isinstance(error, psycopg.OperationalError) or "connection" in reason:
        return f"cannot reach the PostgreSQL server at {url.server}: {reason}"
    return f"{url.server}: {reason}"
