"""Every event a session journal holds, with one typed payload per event type.

This module is the reference for the journal's contents: each payload model below
lists, in order, the keys of its JSON object as stored in the `payload` column. A
payload is built in one place (the `Session` verbs), validated when read back (a
payload that does not fit is one error line naming the entry) and read by attribute
everywhere else. The type of an event is the row's `type` column: it picks the model
(`PAYLOADS`), so the stored JSON carries no type key and stays as earlier ttx wrote it.

Keys with a default are written only when they differ from it (`exclude_defaults`),
which is how the files written before these models existed look too.
"""


from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_serializer

from ttx.session.vocabulary import (
    EventType,
    MoveKind,
    ObservationKind,
    Rating,
    ScreenShow,
    SummaryPart,
)

__all__ = ["EventType", "MoveKind", "ObservationKind", "Rating", "ScreenShow", "SummaryPart"]


# -- payloads ----------------------------------------------------------------------


class Payload(BaseModel):
    """The JSON object stored with an event; subclasses add the keys of one type."""

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)
    type: ClassVar[EventType]

    def as_json(self) -> dict[str, Any]:
        """The object as stored: keys in declaration order, defaults left out."""
        return self.model_dump(mode="json", exclude_defaults=True)


class SessionStarted(Payload):
    type = EventType.session_started
    scenario: str
    title: str = ""
    ready: bool = False
    """The session opened ready: play and the playing clock wait for `exercise_started`
    (STARTEX). Without it (every file written before STARTEX was a moment of its own)
    play started with the session."""


class ExerciseStarted(Payload):
    """STARTEX: the facilitator starts play in a session that opened ready; the playing
    clock counts from this moment and the game clock reads the scenario's start."""

    type = EventType.exercise_started


class ModuleStarted(Payload):
    type = EventType.module_started
    module: str


class InjectDelivered(Payload):
    type = EventType.inject_delivered
    inject: str
    module: str | None = None
    """The module that was current when it was delivered."""
    variant: str | None = None
    """The variant of the inject's text the conditions selected, if it has variants."""
    keep_clock: bool = False
    """Delivered at the game time the clock read, not moving it to the inject's later
    planned time (the facilitator chose so)."""


class InjectSkipped(Payload):
    type = EventType.inject_skipped
    inject: str
    module: str | None = None
    reason: str = ""


class InjectAcknowledged(Payload):
    """A delegation confirms it received a delivered inject ("received")."""

    type = EventType.inject_acknowledged
    inject: str
    role: str


class MoveRecorded(Payload):
    type = EventType.move_recorded
    role: str
    """The delegation (or cell) that made the move."""
    kind: MoveKind
    text: str
    rationale: str = ""
    to: tuple[str, ...] = ()
    """The roles a communication addresses."""
    inject: str | None = None
    """The inject the move answers."""
    option: str | None = None
    """The option it picks at a decision point."""
    joint: tuple[str, ...] = ()
    """Other roles that make the move together with `role` (a joint move)."""
    relays: int | None = None
    """The seq of the entry (a delivery or another move) this communication forwards."""


class ObservationRecorded(Payload):
    type = EventType.observation_recorded
    objective: str
    kind: ObservationKind
    text: str
    rating: Rating | None = None
    author: str = ""
    task: str | None = None
    """The critical task of the objective the observation rates, if any."""


class NoteAdded(Payload):
    type = EventType.note_added
    text: str


class AnnouncementMade(Payload):
    """The facilitator's short message to the players' seats and the room display."""

    type = EventType.announcement_made
    text: str
    to: tuple[str, ...] = ()
    """Roles it is for; empty means every player."""


class ScreenShown(Payload):
    """The facilitator puts something on the room display until play moves on (the next
    delivery or module start) or `live` is shown again."""

    type = EventType.screen_shown
    show: ScreenShow
    text: str = ""
    """A hold slide's text."""


class ClockPaused(Payload):
    type = EventType.clock_paused


class ClockResumed(Payload):
    type = EventType.clock_resumed


class ClockSet(Payload):
    type = EventType.clock_set
    game_time: datetime
    """Where the facilitator put the game clock (aware)."""

    @field_serializer("game_time")
    def _iso(self, value: datetime) -> str:
        return value.isoformat()


class EntryAmended(Payload):
    type = EventType.entry_amended
    seq: int
    """The entry corrected (or an earlier amendment of it)."""
    text: str
    field: str | None = None
    """The field replaced when it is not the entry's main text."""


class EntryRetracted(Payload):
    type = EventType.entry_retracted
    seq: int
    """The entry withdrawn (or an amendment of it)."""
    reason: str = ""


class ImprovementAdded(Payload):
    """One row of the improvement plan (HSEEP AAR/IP Appendix A)."""

    type = EventType.improvement_added
    issue: str
    action: str
    """The corrective action."""
    capability_element: str
    """Planning, Organization, Equipment, Training or Exercise."""
    owner: str
    """The primary responsible organisation."""
    due: str
    """The completion date, `YYYY-MM-DD`, or empty."""
    objective: str | None = None
    capability: str = ""
    """The core capability the item improves."""
    poc: str = ""
    """The organisation's point of contact."""
    start: str = ""
    """The start date, `YYYY-MM-DD`, or empty."""
    role: str | None = None
    """The government (role) the item belongs to."""
    observation: int | None = None
    """The seq of the observation the item answers."""


class SessionEnded(Payload):
    type = EventType.session_ended


class SummaryWritten(Payload):
    """A part of the executive summary, written after (or during) play; the latest stands."""

    type = EventType.summary_written
    part: SummaryPart
    text: str


class RatingGiven(Payload):
    """The lead evaluator's final P/S/M/U rating of an objective; the latest stands."""

    type = EventType.rating_given
    objective: str
    rating: Rating
    text: str = ""
    """Why: the explanation printed beside the rating."""


class FindingRecorded(Payload):
    """A strength or area for improvement of an objective, as the AAR's analysis states it."""

    type = EventType.finding_recorded
    objective: str
    kind: ObservationKind
    text: str
    """The finding's title as the report lists it."""
    reference: str = ""
    analysis: str = ""
    recommendations: tuple[str, ...] = ()


class FeedbackSubmitted(Payload):
    """A delegation's participant feedback form at ENDEX (HSEEP Parts I and II)."""

    type = EventType.feedback_submitted
    role: str
    ratings: dict[str, int] = Field(default_factory=dict)
    """Question id to a 1–5 rating."""
    strengths: tuple[str, ...] = ()
    improvements: tuple[str, ...] = ()
    text: str = ""
    """Free comments."""


class ConditionSet(Payload):
    """The facilitator sets (or clears) one of the scenario's condition flags."""

    type = EventType.condition_set
    condition: str
    value: bool = True
    reason: str = ""


class DecisionClosed(Payload):
    """The facilitator closes a decision point: its default option applies (if any)."""

    type = EventType.decision_closed
    inject: str
    option: str | None = None
    """The option that now applies (the inject's `default_option`), None for none."""


PAYLOADS: dict[EventType, type[Payload]] = {
    model.type: model for model in (
        SessionStarted, ExerciseStarted, ModuleStarted, InjectDelivered, InjectSkipped,
        InjectAcknowledged, MoveRecorded, ObservationRecorded, NoteAdded, AnnouncementMade,
        ClockPaused, ClockResumed, ClockSet, EntryAmended, EntryRetracted, ImprovementAdded,
        SessionEnded, SummaryWritten, RatingGiven, FindingRecorded, FeedbackSubmitted,
        ConditionSet, DecisionClosed, ScreenShown)
}
"""The payload model of each event type."""

AMENDABLE_FIELDS: dict[EventType, tuple[str, ...]] = {
    EventType.move_recorded: ("text", "rationale"),
    EventType.observation_recorded: ("text",),
    EventType.note_added: ("text",),
    EventType.announcement_made: ("text",),
    EventType.improvement_added: ("action", "issue", "owner", "due", "capability_element",
                                  "capability", "poc", "start"),
    EventType.summary_written: ("text",),
    EventType.rating_given: ("text",),
    EventType.finding_recorded: ("text", "reference", "analysis"),
    EventType.feedback_submitted: ("text",),
}
"""Payload fields an amendment may replace; the first is the one amended by default."""

AMENDABLE = frozenset(AMENDABLE_FIELDS)
"""Entries that `entry_amended` and `entry_retracted` may name (after resolving chains)."""

DATE_FIELDS = frozenset({"due", "start"})
"""Amendable fields that hold a date, `YYYY-MM-DD`."""

ANALYSIS = frozenset({EventType.summary_written, EventType.rating_given,
                      EventType.finding_recorded, EventType.improvement_added})
"""The analysis layer: entries that may still be added after the session ended."""

AFTER_ENDEX = ANALYSIS | {EventType.entry_amended, EventType.entry_retracted,
                          EventType.feedback_submitted, EventType.observation_recorded}
"""Every type that may be appended after `session_ended` (corrections are checked to name
analysis entries; observations stay evidence for the analysis)."""


def payload_of(type: EventType | str, data: dict[str, Any] | str | bytes) -> Payload:
    """The typed payload of an event of `type` from its JSON object (or JSON text).

    Raises `DamagedPayload` saying what does not fit."""
    try:
        model = PAYLOADS[EventType(type)]
    except ValueError:
        raise DamagedPayload(f"unknown event type '{type}'") from None
    try:
        if isinstance(data, dict):
            return model.model_validate(data)
        return model.model_validate_json(data)
    except ValidationError as error:
        raise DamagedPayload(_first_problem(error)) from None


class DamagedPayload(ValueError):
    """A stored payload that does not fit its event type."""


def _first_problem(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    if first["type"] == "missing":
        return f"no '{where}'"
    return f"'{where}': {first['msg']}" if where else str(first["msg"])


@dataclass(frozen=True, init=False)
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
    """Who wrote it, as `Seat` writes it: `facilitator`, `evaluator:Kim`, `player:JPN`
    (files from earlier versions also hold `cli` and `display`)."""
    payload: Payload
    """What the event says; its class is `PAYLOADS[type]`."""

    def __init__(self, seq: int, at_wall: datetime, at_game: datetime, type: EventType,
                 seat: str, payload: Payload) -> None:
        # Frozen, so the fields are set here once, into the instance's dict: the generated
        # __init__ sets each through object.__setattr__ (2 µs an event against 0.6 µs,
        # and opening a session makes one per journal row).
        fields = self.__dict__
        fields["seq"] = seq
        fields["at_wall"] = at_wall
        fields["at_game"] = at_game
        fields["type"] = type
        fields["seat"] = seat
        fields["payload"] = payload

    def as_json(self) -> dict[str, Any]:
        """The event as a JSON-ready mapping, times in ISO 8601."""
        return {
            "seq": self.seq,
            "at_wall": self.at_wall.isoformat(),
            "at_game": self.at_game.isoformat(),
            "type": str(self.type),
            "seat": self.seat,
            "payload": self.payload.as_json(),
        }

