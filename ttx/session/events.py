"""Event types of the session journal and the vocabularies their payloads use.

The payload keys of each event type are listed in docs/session-api.md; DESIGN.md
("Session journal") fixes the type names and the move/observation fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any


class EventType(StrEnum):
    """Every kind of entry a session journal holds."""

    session_started = "session_started"
    module_started = "module_started"
    inject_delivered = "inject_delivered"
    inject_skipped = "inject_skipped"
    move_recorded = "move_recorded"
    observation_recorded = "observation_recorded"
    note_added = "note_added"
    clock_paused = "clock_paused"
    clock_resumed = "clock_resumed"
    clock_set = "clock_set"
    entry_amended = "entry_amended"
    entry_retracted = "entry_retracted"
    improvement_added = "improvement_added"
    session_ended = "session_ended"


class MoveKind(StrEnum):
    """What a role did in play."""

    decision = "decision"
    action = "action"
    request = "request"
    statement = "statement"
    communication = "communication"
    question = "question"


class ObservationKind(StrEnum):
    """What an evaluator's observation is."""

    strength = "strength"
    improvement = "improvement"
    note = "note"


_RATING_MEANINGS = {
    "P": "Performed without challenges",
    "S": "Performed with some challenges",
    "M": "Performed with major challenges",
    "U": "Unable to be performed",
}


class Rating(StrEnum):
    """HSEEP performance rating of an objective."""

    P = "P"
    S = "S"
    M = "M"
    U = "U"

    @property
    def meaning(self) -> str:
        """The HSEEP wording, e.g. `Performed with some challenges`."""
        return _RATING_MEANINGS[self.value]


class Seat(StrEnum):
    """How the writer of an event sits at the session."""

    facilitator = "facilitator"
    evaluator = "evaluator"
    display = "display"
    cli = "cli"


AMENDABLE = frozenset({
    EventType.move_recorded,
    EventType.observation_recorded,
    EventType.note_added,
    EventType.improvement_added,
})
"""Entries that `entry_amended` and `entry_retracted` may name (after resolving chains)."""

AMENDABLE_FIELDS: dict[EventType, tuple[str, ...]] = {
    EventType.move_recorded: ("text", "rationale"),
    EventType.observation_recorded: ("text",),
    EventType.note_added: ("text",),
    EventType.improvement_added: ("action", "issue", "owner", "due", "capability_element"),
}
"""Payload fields an amendment may replace; the first is the one amended by default."""


@dataclass(frozen=True)
class Event:
    """One row of the journal, as read back or as just appended."""

    seq: int
    """Strictly increasing from 1, without gaps."""
    at_wall: datetime
    """When it was written: UTC, aware."""
    at_game: datetime
    """The game clock after the event took effect: aware, in the scenario's offset."""
    type: EventType
    seat: str
    """Who wrote it: facilitator, evaluator, display or cli (free text is kept)."""
    payload: dict[str, Any]
    """A JSON object; keys per event type (docs/session-api.md)."""

    def as_json(self) -> dict[str, Any]:
        """The event as a JSON-ready mapping, times in ISO 8601."""
        return {
            "seq": self.seq,
            "at_wall": self.at_wall.isoformat(),
            "at_game": self.at_game.isoformat(),
            "type": str(self.type),
            "seat": self.seat,
            "payload": self.payload,
        }
