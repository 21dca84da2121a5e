"""Who sits at a session and what each seat may do: the one place seat rules live.

A seat is written into every event's `seat` column as `facilitator`,
`evaluator` or `evaluator:NAME`, `player:ROLE`, or `display`:

* the **facilitator** runs the exercise: calls STARTEX, delivers and skips injects,
  starts modules, pauses and sets the clock, announces, ends play, and records and
  corrects anything;
* an **evaluator** sits beside play with everything the facilitator sees but cannot
  change its course: it records observations, the moves it witnesses, notes,
  improvement items and the analysis, and corrects only entries of its own seat;
* a **player** seat is one delegation: it acknowledges what was delivered to it,
  records its own moves and messages, corrects only its own entries and leaves its
  feedback at ENDEX; it sees only what its role may see (`ttx.session.visibility`);
* a **display** is the room's screen: it reads and never writes.

`Session` checks every verb against `Seat.may`; the console and the command line ask
the same question to decide what to offer, and keep no list of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ttx.errors import TtxError
from ttx.session.events import AFTER_ENDEX, EventType


class SeatKind(StrEnum):
    """The kinds of seat."""

    facilitator = "facilitator"
    evaluator = "evaluator"
    player = "player"
    display = "display"


class Verb(StrEnum):
    """Everything a seat can ask a session to do."""

    startex = "call STARTEX"
    deliver = "deliver"
    skip = "skip"
    start_module = "start a module"
    pause = "pause the clock"
    resume = "resume the clock"
    set_clock = "set the clock"
    end = "end the session"
    announce = "announce"
    steer = "set a condition or close a decision"
    show_screen = "choose what the room display shows"
    move = "record a move"
    acknowledge = "acknowledge an inject"
    observe = "record an observation"
    note = "add a note"
    improve = "add an improvement item"
    correct = "amend or retract an entry"
    analyse = "write the analysis"
    feedback = "submit feedback"


STEERING = frozenset({Verb.startex, Verb.deliver, Verb.skip, Verb.start_module, Verb.pause,
                      Verb.resume, Verb.set_clock, Verb.end, Verb.announce, Verb.steer,
                      Verb.show_screen})
"""Verbs that change the course of play: the facilitator's alone."""

VERB_EVENTS: dict[Verb, frozenset[EventType]] = {
    Verb.startex: frozenset({EventType.exercise_started}),
    Verb.deliver: frozenset({EventType.inject_delivered}),
    Verb.skip: frozenset({EventType.inject_skipped}),
    Verb.start_module: frozenset({EventType.module_started}),
    Verb.pause: frozenset({EventType.clock_paused}),
    Verb.resume: frozenset({EventType.clock_resumed}),
    Verb.set_clock: frozenset({EventType.clock_set}),
    Verb.end: frozenset({EventType.session_ended}),
    Verb.announce: frozenset({EventType.announcement_made}),
    Verb.steer: frozenset({EventType.condition_set, EventType.decision_closed}),
    Verb.show_screen: frozenset({EventType.screen_shown}),
    Verb.move: frozenset({EventType.move_recorded}),
    Verb.acknowledge: frozenset({EventType.inject_acknowledged}),
    Verb.observe: frozenset({EventType.observation_recorded}),
    Verb.note: frozenset({EventType.note_added}),
    Verb.improve: frozenset({EventType.improvement_added}),
    Verb.correct: frozenset({EventType.entry_amended, EventType.entry_retracted}),
    Verb.analyse: frozenset({EventType.summary_written, EventType.rating_given,
                             EventType.finding_recorded}),
    Verb.feedback: frozenset({EventType.feedback_submitted}),
}
"""The event types each verb appends."""

AFTER_ENDEX_VERBS = frozenset(verb for verb, types in VERB_EVENTS.items()
                              if types <= AFTER_ENDEX)
"""Verbs a session still accepts once play has ended (`ttx.session.events.AFTER_ENDEX`)."""

_ALLOWED: dict[SeatKind, frozenset[Verb]] = {
    SeatKind.facilitator: frozenset(Verb),
    SeatKind.evaluator: frozenset({Verb.move, Verb.observe, Verb.note, Verb.improve,
                                   Verb.correct, Verb.analyse}),
    SeatKind.player: frozenset({Verb.move, Verb.acknowledge, Verb.correct, Verb.feedback}),
    SeatKind.display: frozenset(),
}

LEGACY_SEATS = {"cli": "facilitator"}
"""Seat names earlier versions wrote, and the seat they stand for."""


@dataclass(frozen=True)
class Seat:
    """One seat: its kind, and the evaluator's name or the player's role."""

    kind: SeatKind
    name: str = ""
    """An evaluator's name (optional) or a player seat's role id (required)."""

    @classmethod
    def parse(cls, text: str) -> Seat:
        """`facilitator`, `evaluator`, `evaluator:NAME`, `player:ROLE` or `display`."""
        value = LEGACY_SEATS.get(text.strip(), text.strip())
        kind_text, _, name = value.partition(":")
        try:
            kind = SeatKind(kind_text.strip().lower())
        except ValueError:
            raise TtxError(f"'{text}' is not a seat; write facilitator, evaluator[:NAME], "
                           "player:ROLE or display") from None
        name = name.strip()
        if kind is SeatKind.player and not name:
            raise TtxError("a player seat names its role: player:ROLE, e.g. player:JPN")
        if kind in (SeatKind.facilitator, SeatKind.display) and name:
            raise TtxError(f"the {kind} seat takes no name: write '{kind}'")
        if any(char in name for char in ":\n\r\t") or len(name) > 80:
            raise TtxError(f"'{name}' cannot name a seat: use up to 80 characters without "
                           "':' or line breaks")
        return cls(kind, name)

    @classmethod
    def player(cls, role: str) -> Seat:
        return cls(SeatKind.player, role)

    def __str__(self) -> str:
        return f"{self.kind}:{self.name}" if self.name else str(self.kind)

    @property
    def role(self) -> str | None:
        """The role a player seat plays; None for every other seat."""
        return self.name if self.kind is SeatKind.player else None

    @property
    def is_control(self) -> bool:
        """Whether the seat sees control material (expected actions, notes, all injects)."""
        return self.kind in (SeatKind.facilitator, SeatKind.evaluator)

    def may(self, verb: Verb) -> bool:
        """Whether this seat may `verb` at all."""
        return verb in _ALLOWED[self.kind]

    def check(self, verb: Verb) -> None:
        """Refuse, in one line, a verb this seat may not use."""
        if not self.may(verb):
            raise TtxError(f"the {self} seat cannot {verb}"
                           + (": it only follows the session" if self.kind is SeatKind.display
                              else ""))

    def may_act_for(self, role: str) -> bool:
        """Whether this seat may record a move (or acknowledgement) for `role`."""
        return self.kind is not SeatKind.player or role == self.name

    def may_correct(self, entry_seat: str) -> bool:
        """Whether this seat may amend or retract an entry written from `entry_seat`.

        The facilitator may correct anything; every other seat only its own entries."""
        if self.kind is SeatKind.facilitator:
            return True
        return self.may(Verb.correct) and _canonical(entry_seat) == str(self)


_DESCRIPTIONS = {
    SeatKind.facilitator: "Facilitator seat: runs play and records everything.",
    SeatKind.evaluator: (
        "Evaluator seat: sees the MSEL, expected actions and notes, and records "
        "observations, moves, notes, improvement items and the analysis. It cannot "
        "deliver, skip, release contingencies, start modules or pause, and may amend or "
        "retract only entries written from its own seat."),
    SeatKind.player: (
        "Delegation seat: reads what was sent to its delegation, acknowledges it, records "
        "the delegation's moves and messages, and forwards what it received. It cannot "
        "see control material or steer play, and corrects only its own entries."),
    SeatKind.display: "Room display: follows the session and writes nothing.",
}


def describe(seat: Seat) -> str:
    """One paragraph on what `seat` may do, for help screens."""
    return _DESCRIPTIONS[seat.kind]


FACILITATOR = Seat(SeatKind.facilitator)
EVALUATOR = Seat(SeatKind.evaluator)
DISPLAY = Seat(SeatKind.display)


def _canonical(seat_text: str) -> str:
    return LEGACY_SEATS.get(seat_text, seat_text)
