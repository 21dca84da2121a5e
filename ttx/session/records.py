"""What the fold makes of a session's events: deliveries, moves, observations, notes.

Plain mutable dataclasses: the fold applies amendments to them in place (the journal
keeps the original events). Import them from `ttx.session.fold`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from enum import StrEnum
from typing import Any

from ttx.session.events import (
    EventType,
    MoveKind,
    ObservationKind,
    Rating,
    ScreenShow,
    SummaryPart,
)


class InjectStatus(StrEnum):
    """Where an inject of the snapshot stands in the session."""

    pending = "pending"
    """Planned in a module and neither delivered nor skipped yet."""
    delivered = "delivered"
    skipped = "skipped"
    available = "available"
    """A contingency of the current module, or released by an option a move picked."""
    unavailable = "unavailable"
    """A contingency of another module, or a `leads_to` target not released (yet)."""


class Record:
    """Equality and repr of a mutable record, field by field, as a dataclass makes them.

    Written once here rather than generated for each class (`eq=False, repr=False`): a
    dataclass compiles its `__eq__` and `__repr__` anew for every class, and these
    fifteen are made at every seat's start-up. Unhashable, as a dataclass with `eq` that
    is not frozen.
    """

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return _values(self) == _values(other)

    def __repr__(self) -> str:
        shown = ", ".join(f"{item.name}={getattr(self, item.name)!r}"
                          for item in fields(self) if item.repr)  # type: ignore[arg-type]
        return f"{self.__class__.__qualname__}({shown})"


def _values(record: object) -> tuple[Any, ...]:
    return tuple(getattr(record, item.name) for item in fields(record))  # type: ignore[arg-type]


@dataclass(slots=True, eq=False, repr=False)
class ModuleStart(Record):
    seq: int
    module_id: str
    at_wall: datetime
    at_game: datetime
    seat: str = ""


@dataclass(frozen=True, slots=True)
class Startex:
    """When play started: the `exercise_started` event, or for a session that did not
    open ready, its `session_started`."""

    seq: int
    at_wall: datetime
    at_game: datetime
    seat: str = ""


@dataclass(slots=True, eq=False, repr=False)
class Delivery(Record):
    seq: int
    inject_id: str
    module_id: str
    """The module that was current when it was delivered."""
    at_wall: datetime
    at_game: datetime
    seat: str = ""
    variant: str | None = None
    """The variant of the text delivered (None: the inject's own text)."""


@dataclass(slots=True, eq=False, repr=False)
class Skip(Record):
    seq: int
    inject_id: str
    module_id: str
    reason: str
    at_wall: datetime
    at_game: datetime
    seat: str = ""


@dataclass(slots=True, eq=False, repr=False)
class Move(Record):
    seq: int
    role: str
    kind: MoveKind
    text: str
    rationale: str
    to: list[str]
    inject: str | None
    option: str | None
    at_wall: datetime
    at_game: datetime
    seat: str
    joint: list[str] = field(default_factory=list)
    """Other roles that made the move together with `role`."""
    relays: int | None = None
    """The seq of the delivery or move this communication forwards."""
    recommendation: bool = False
    """An option picked by a role that does not decide this inject: advice, not the
    decision (it releases nothing and sets no condition)."""
    amended: bool = False
    original_text: str | None = None
    """The text as first recorded, when an amendment replaced it."""

    @property
    def roles(self) -> list[str]:
        """Every role the move belongs to: `role`, then the joint partners."""
        return [self.role, *self.joint]


@dataclass(slots=True, eq=False, repr=False)
class Observation(Record):
    seq: int
    objective: str
    kind: ObservationKind
    rating: Rating | None
    text: str
    author: str
    at_wall: datetime
    at_game: datetime
    seat: str
    task: str | None = None
    """The critical task rated, if any."""
    amended: bool = False
    original_text: str | None = None


@dataclass(slots=True, eq=False, repr=False)
class Note(Record):
    seq: int
    text: str
    at_wall: datetime
    at_game: datetime
    seat: str
    amended: bool = False
    original_text: str | None = None


@dataclass(slots=True, eq=False, repr=False)
class Improvement(Record):
    seq: int
    issue: str
    action: str
    capability_element: str
    owner: str
    due: str
    """An ISO date `YYYY-MM-DD`, or empty."""
    at_wall: datetime
    at_game: datetime
    seat: str
    objective: str | None = None
    capability: str = ""
    poc: str = ""
    start: str = ""
    role: str | None = None
    observation: int | None = None
    amended: bool = False
    original_text: str | None = None
    """The corrective action as first recorded, when an amendment replaced it."""


@dataclass(slots=True, eq=False, repr=False)
class Acknowledgement(Record):
    seq: int
    inject_id: str
    role: str
    at_wall: datetime
    at_game: datetime
    seat: str


@dataclass(frozen=True, slots=True)
class ScreenChange:
    """What the facilitator put on the room display, and when."""

    seq: int
    show: ScreenShow
    text: str
    at_game: datetime
    seat: str


@dataclass(slots=True, eq=False, repr=False)
class Announcement(Record):
    seq: int
    text: str
    to: list[str]
    """The roles it is for; empty means every player."""
    at_wall: datetime
    at_game: datetime
    seat: str
    amended: bool = False
    original_text: str | None = None


@dataclass(slots=True, eq=False, repr=False)
class SummaryEntry(Record):
    seq: int
    part: SummaryPart
    text: str
    at_wall: datetime
    seat: str
    amended: bool = False
    original_text: str | None = None


@dataclass(slots=True, eq=False, repr=False)
class FinalRating(Record):
    seq: int
    objective: str
    rating: Rating
    text: str
    """Why the lead evaluator gave it."""
    at_wall: datetime
    seat: str
    amended: bool = False
    original_text: str | None = None


@dataclass(slots=True, eq=False, repr=False)
class Finding(Record):
    seq: int
    objective: str
    kind: ObservationKind
    text: str
    reference: str
    analysis: str
    recommendations: list[str]
    at_wall: datetime
    seat: str
    amended: bool = False
    original_text: str | None = None


@dataclass(slots=True, eq=False, repr=False)
class Feedback(Record):
    seq: int
    role: str
    ratings: dict[str, int]
    strengths: list[str]
    improvements: list[str]
    text: str
    at_wall: datetime
    seat: str
    amended: bool = False
    original_text: str | None = None


Entry = (Move | Observation | Note | Improvement | Announcement | SummaryEntry | FinalRating
         | Finding | Feedback)
"""An entry that can be amended or retracted."""


def entry_text(entry: Entry) -> str:
    """The entry's main text: a move's, observation's or note's text, an item's action."""
    return entry.action if isinstance(entry, Improvement) else entry.text


@dataclass(slots=True, eq=False, repr=False)
class Amendment(Record):
    seq: int
    """The `entry_amended` event."""
    target: int
    """The entry it corrects (chains resolved: always an original entry)."""
    field: str
    text: str
    previous_text: str
    at_wall: datetime
    seat: str


@dataclass(slots=True, eq=False, repr=False)
class Retraction(Record):
    seq: int
    """The `entry_retracted` event."""
    target: int
    """The retracted entry (as `Amendment.target` names the amended one)."""
    reason: str
    entry_type: EventType
    text: str
    """The entry's main text as it last stood (amendments applied)."""
    at_wall: datetime | None = None
    seat: str = ""
    entry: Entry | None = field(default=None, repr=False)
    """The retracted entry itself, as it last stood."""
