"""Session URLs: `postgresql://user@host[:port]/db?session=ID[&sslmode=…]`.

The URL names the server the way libpq does (its other query parameters pass through),
plus `session=ID`, which is ttx's. A password never belongs in it: it would be on the
command line, in the shell history and in every message; libpq finds it in PGPASSWORD,
~/.pgpass or a PGSERVICE entry instead, so a URL holding one is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ttx.errors import TtxError

SESSION_PARAMETER = "session"
SESSION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
"""What a session id may be: a file-name-like slug, so it names a file when copied."""
PASSWORD_SOURCES = "PGPASSWORD, ~/.pgpass or a PGSERVICE entry"


@dataclass(frozen=True)
class SessionUrl:
    """A parsed session URL."""

    location: str
    """The URL as given (it holds no password): how messages name the session."""
    conninfo: str
    """The URL without `session=`, for libpq."""
    session: str | None
    """The session id, None when the URL names only a database."""
    server: str
    """`host:port/db` for messages."""

    def with_session(self, session_id: str) -> SessionUrl:
        """The same database with `session=session_id`."""
        return parse_session_url(_set_query(self.conninfo, session_id))


def parse_session_url(text: str) -> SessionUrl:
    """Split a session URL into what libpq reads and the session id; refuse a URL that
    holds a password or a session id that is not a plain name."""
    try:
        parts = urlsplit(text)
        password = parts.password
        host, port = parts.hostname, parts.port
    except ValueError as error:
        raise TtxError(f"'{_without_password(text)}' is not a PostgreSQL URL: {error}") from None
    query = parse_qsl(parts.query, keep_blank_values=True)
    if password is not None or any(key == "password" for key, _ in query):
        raise TtxError(f"a password in the session URL is refused (it would show in the "
                       f"shell history and in messages): remove it and set {PASSWORD_SOURCES}")
    sessions = [value for key, value in query if key == SESSION_PARAMETER]
    if len(sessions) > 1:
        raise TtxError(f"{text}: name one session (session= appears {len(sessions)} times)")
    session = sessions[0] if sessions else None
    if session is not None and not SESSION_ID.fullmatch(session):
        raise TtxError(f"{text}: '{session}' is not a session id (letters, digits, '.', "
                       "'_' and '-', starting with a letter or digit, at most 128)")
    rest = [(key, value) for key, value in query if key != SESSION_PARAMETER]
    conninfo = urlunsplit(parts._replace(query=urlencode(rest)))
    database = parts.path.lstrip("/") or "(default database)"
    server = f"{host or 'localhost'}{f':{port}' if port else ''}/{database}"
    return SessionUrl(location=text, conninfo=conninfo, session=session, server=server)


def _set_query(conninfo: str, session_id: str) -> str:
    parts = urlsplit(conninfo)
    query = [*parse_qsl(parts.query, keep_blank_values=True), (SESSION_PARAMETER, session_id)]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _without_password(text: str) -> str:
    return re.sub(r"(://[^/@:]*):[^/@]*@", r"\1:…@", text)
