"""Journal rows as every backend stores them: text fields, chained by hash.

One home for what `SqliteJournal` and `PostgresJournal` must do alike so that a session
copied from one to the other reads, verifies and reports identically: the payload and
snapshot texts, the opening rows of a new session, the chain check made while reading,
and turning a stored row back into an `Event`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ttx.errors import TtxError
from ttx.session.chain import Row, row_hash, snapshot_hash
from ttx.session.events import (
    PAYLOADS,
    DamagedPayload,
    Event,
    EventType,
    Payload,
    payload_of,
)

if TYPE_CHECKING:
    from ttx.model.resolved import ResolvedScenario
    from ttx.session.journal import InitialEvent

Source = str | Path
"""What names a journal in messages: its file, or its URL."""


def payload_text(payload: Payload) -> str:
    """The payload as stored: compact JSON, keys in declaration order, text unescaped."""
    return json.dumps(payload.as_json(), ensure_ascii=False, separators=(",", ":"))


def snapshot_text(resolved: ResolvedScenario) -> str:
    """The scenario snapshot as stored with a new session."""
    return json.dumps(resolved.model_dump(mode="json", by_alias=True), ensure_ascii=False)


def initial_rows(snapshot: str, initial: Sequence[InitialEvent], at_wall: str) -> list[Row]:
    """The rows of the events a session is created with, seq 1, 2, …, chained."""
    rows: list[Row] = []
    previous = snapshot_hash(snapshot)
    for seq, (payload, seat, at_game) in enumerate(initial, start=1):
        fields = (seq, at_wall, at_game.isoformat(), str(payload.type), seat,
                  payload_text(payload))
        previous = row_hash(previous, *fields)
        rows.append((*fields, previous))
    return rows


def check_chain(source: Source, verified: tuple[int, str], rows: list[Row]) -> tuple[int, str]:
    """The new last verified (seq, hash) after `rows`, which follow `verified`."""
    last_seq, previous = verified
    for seq, at_wall, at_game, type_name, seat, payload, stored in rows:
        if seq != last_seq + 1:
            raise TtxError(f"{source}: the journal is altered: entry #{last_seq + 1} is "
                           "missing (ttx session verify names the first altered entry)")
        if stored != row_hash(previous, seq, at_wall, at_game, type_name, seat, payload):
            raise TtxError(f"{source}: the journal is altered at #{seq}: its hash does not "
                           "match (ttx session verify names the first altered entry)")
        last_seq, previous = seq, stored
    return last_seq, previous


Appended = tuple[int, str, str]
"""An entry this process appended: its seq, the hash it chained from, and its own."""


def verified_after_commit(verified: tuple[int, str], appended: Sequence[Appended]
                          ) -> tuple[int, str]:
    """The last verified (seq, hash) once this process's own `appended` entries have
    committed: each extends it when it chained onto the verified head itself (its hash
    was computed here, from that head), so the entries other seats write after them are
    still checked as they are read. One that chained onto rows not yet read leaves it."""
    for seq, previous, stored in appended:
        if verified == (seq - 1, previous):
            verified = (seq, stored)
    return verified


def events_from_rows(source: Source, rows: Sequence[Row]) -> list[Event]:
    """The events stored `rows` hold, in their order; one TtxError naming the first
    damaged entry (as `event_from_row` names it) when one is."""
    try:
        return _events_of_sound_rows(rows)
    except (KeyError, ValueError, TypeError):
        # Some row is damaged: read them again one by one, to name the first as always.
        return [event_from_row(source, row) for row in rows]


def _events_of_sound_rows(rows: Sequence[Row]) -> list[Event]:
    """What `event_from_row` makes of each row, with its checks but without its per-row
    Python (a session of 100,000 entries is opened by reading them all); raises on the
    first damaged row, without saying which."""
    parse_time = datetime.fromisoformat
    events: list[Event] = []
    for seq, at_wall, at_game, type_name, seat, payload, _ in rows:
        wall, game = parse_time(at_wall), parse_time(at_game)
        if wall.tzinfo is None or game.tzinfo is None:
            raise ValueError("a time without its offset")
        read_payload = _PAYLOAD_READERS.get(type_name) or _payload_reader(type_name)
        events.append(Event(int(seq), wall, game, _EVENT_TYPES[type_name], str(seat),
                            read_payload(payload)))
    return events


_EVENT_TYPES = {str(member): member for member in EventType}
_PAYLOAD_READERS: dict[str, Callable[[str | bytes], Payload]] = {}
"""Each event type's payload validator, as `payload_of` uses it for JSON text."""


def _payload_reader(type_name: str) -> Callable[[str | bytes], Payload]:
    reader = PAYLOADS[_EVENT_TYPES[type_name]].__pydantic_validator__.validate_json
    _PAYLOAD_READERS[type_name] = reader
    return reader


def event_from_row(source: Source, row: Row) -> Event:
    """The event a stored row holds; one TtxError naming the entry when it is damaged."""
    seq, at_wall, at_game, type_name, seat, payload, _ = row
    try:
        event_type = EventType(type_name)
        wall, game = datetime.fromisoformat(at_wall), datetime.fromisoformat(at_game)
        if wall.tzinfo is None or game.tzinfo is None:
            raise ValueError("a time without its offset")
        return Event(seq=int(seq), at_wall=wall, at_game=game, type=event_type,
                     seat=str(seat), payload=payload_of(event_type, payload))
    except (DamagedPayload, ValueError, TypeError) as error:
        kind = f" ({type_name})" if type_name in EventType.__members__ else ""
        raise TtxError(f"{source}: event #{seq}{kind} is damaged: "
                       f"{(str(error).splitlines() or [''])[0]}") from None
