"""`PostgresJournal`: a session on a PostgreSQL server (being built; see issue 14)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from ttx.errors import TtxError

if TYPE_CHECKING:
    from ttx.model.resolved import ResolvedScenario
    from ttx.session.journal import InitialEvent


class PostgresJournal:
    @classmethod
    def open(cls, url: str) -> NoReturn:
        raise TtxError(f"{url}: PostgreSQL journals are not available in this ttx yet")

    @classmethod
    def create(cls, url: str, resolved: ResolvedScenario, *,
               initial: Sequence[InitialEvent] = ()) -> NoReturn:
        raise TtxError(f"{url}: PostgreSQL journals are not available in this ttx yet")
