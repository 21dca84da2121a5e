"""The tables a PostgreSQL database holds ttx sessions in, created on first use.

Everything lives in the schema `ttx`: `sessions` (one row per session, locked by a
writer for the length of its write), `session_meta` (the snapshot and the other keys a
session file keeps in its `meta` table) and `events` (the rows, the same text fields as
a file, so the hash chain is the same). Triggers refuse UPDATE, DELETE and TRUNCATE on
all three, and every inserted event is announced on the `ttx_journal` channel as
`SESSION SEQ` for followers. `schema_version` records each migration applied; a
database set up by a newer ttx is refused in one line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ttx import __version__
from ttx.errors import TtxError

if TYPE_CHECKING:
    import psycopg

SCHEMA_VERSION = 1
"""The newest schema this ttx knows; `ttx.schema_version` holds one row per version."""
CHANNEL = "ttx_journal"
"""The NOTIFY channel; the payload is `SESSION SEQ`, nothing else."""
SCHEMA_LOCK = 0x54545853
"""The advisory lock that serialises two ttx setting the schema up at once."""

_APPEND_ONLY = """
CREATE FUNCTION ttx.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the session journal is append-only';
END $$"""

_NOTIFY = f"""
CREATE FUNCTION ttx.announce_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('{CHANNEL}', NEW.session || ' ' || NEW.seq);
    RETURN NULL;
END $$"""

MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        "CREATE SCHEMA IF NOT EXISTS ttx",
        """CREATE TABLE ttx.sessions (
            id      text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$'),
            chained boolean NOT NULL,
            created timestamptz NOT NULL DEFAULT now()
        )""",
        """CREATE TABLE ttx.session_meta (
            session text NOT NULL REFERENCES ttx.sessions (id),
            key     text NOT NULL,
            value   text NOT NULL,
            PRIMARY KEY (session, key)
        )""",
        """CREATE TABLE ttx.events (
            session text   NOT NULL REFERENCES ttx.sessions (id),
            seq     bigint NOT NULL CHECK (seq >= 1),
            at_wall text   NOT NULL,
            at_game text   NOT NULL,
            type    text   NOT NULL,
            seat    text   NOT NULL,
            payload text   NOT NULL CHECK (payload::json IS NOT NULL),
            hash    text,
            PRIMARY KEY (session, seq)
        )""",
        _APPEND_ONLY,
        _NOTIFY,
        *(f"""CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON ttx.{table}
              FOR EACH ROW EXECUTE FUNCTION ttx.refuse_change()"""
          for table in ("sessions", "session_meta", "events")),
        *(f"""CREATE TRIGGER {table}_never_truncated BEFORE TRUNCATE ON ttx.{table}
              FOR EACH STATEMENT EXECUTE FUNCTION ttx.refuse_change()"""
          for table in ("sessions", "session_meta", "events")),
        """CREATE TRIGGER events_announced AFTER INSERT ON ttx.events
           FOR EACH ROW EXECUTE FUNCTION ttx.announce_event()""",
    ),
}


def installed_version(connection: psycopg.Connection) -> int:
    """The schema version the database holds, 0 when it holds no ttx schema."""
    row = connection.execute("SELECT to_regclass('ttx.schema_version') IS NOT NULL").fetchone()
    if not row or not row[0]:
        return 0
    row = connection.execute("SELECT COALESCE(max(version), 0) FROM ttx.schema_version"
                             ).fetchone()
    return int(row[0]) if row else 0


def check_version(version: int, server: str) -> None:
    """Refuse, in one line, a database set up by a newer ttx."""
    if version > SCHEMA_VERSION:
        raise TtxError(f"{server} was set up by a newer ttx (journal schema {version}; this "
                       f"ttx knows up to {SCHEMA_VERSION}): upgrade ttx to use it")


def ensure_schema(connection: psycopg.Connection, server: str) -> None:
    """Create or migrate the `ttx` schema to `SCHEMA_VERSION`, in one transaction that
    holds an advisory lock, so two ttx starting at once do it once."""
    connection.execute("BEGIN")
    try:
        connection.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
        version = installed_version(connection)
        check_version(version, server)
        if version == 0:
            connection.execute("""CREATE SCHEMA IF NOT EXISTS ttx""")
            connection.execute("""CREATE TABLE ttx.schema_version (
                version     integer PRIMARY KEY,
                applied     timestamptz NOT NULL DEFAULT now(),
                ttx_version text NOT NULL)""")
        for number in range(version + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[number]:
                connection.execute(statement)
            connection.execute("INSERT INTO ttx.schema_version (version, ttx_version) "
                               "VALUES (%s, %s)", (number, __version__))
        connection.execute("COMMIT")
    except BaseException:
        if not connection.broken:
            connection.execute("ROLLBACK")
        raise
