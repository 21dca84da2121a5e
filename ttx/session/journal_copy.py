"""Copy a session between backends (file ⇄ PostgreSQL, file → file), row for row.

Every event row is copied as stored (seq, times, type, seat, payload text, hash) with
the snapshot and the other metadata, so the copy folds, reports and verifies exactly
as the original; a session written before the chain stays unchained. A copy never
replaces a session: the destination must not exist.
"""

from __future__ import annotations

from pathlib import Path, PurePath

from ttx.errors import TtxError
from ttx.session.journal import SESSION_SUFFIX, is_url, open_journal


def session_id_of(location: str | Path) -> str:
    """The name a session goes by: a URL's `session=`, or a file's name without `.ttx`."""
    if is_url(location):
        from ttx.session.pg_url import parse_session_url

        return parse_session_url(str(location)).session or ""
    return PurePath(location).stem


def copy_session(source: str | Path, destination: str | Path) -> str | Path:
    """Copy the session at `source` to `destination` (a file, a folder to put
    `<session-id>.ttx` in, or a PostgreSQL URL with or without `session=`); where it went."""
    with open_journal(source, read_only=True) as journal:
        meta = journal.meta()
        rows = journal.raw_rows()
        chained = journal.chained
    if "snapshot" not in meta:
        raise TtxError(f"{source} has no scenario snapshot to copy")
    name = session_id_of(source)
    if is_url(destination):
        from ttx.session.pg_url import SESSION_ID
        from ttx.session.postgres_journal import PostgresJournal

        if not SESSION_ID.fullmatch(name):
            name = meta.get("scenario_id", "session")
        with PostgresJournal.create_copy(str(destination), meta, rows, chained=chained,
                                         default_id=name) as copied:
            return copied.location
    from ttx.session.sqlite_journal import SqliteJournal

    path = Path(destination)
    if path.is_dir():
        path = path / f"{name}{SESSION_SUFFIX}"
    with SqliteJournal.create_copy(path, meta, rows, chained=chained) as copied:
        return copied.path
