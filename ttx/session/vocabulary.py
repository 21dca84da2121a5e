"""The words of the session journal: event types, move and observation kinds, ratings.

Plain enums with no dependencies, so the command line can offer them without loading
the payload models (`ttx.session.events`).
"""

from __future__ import annotations

from enum import StrEnum


class EventType(StrEnum):
    """Every kind of entry a session journal holds."""

    session_started = "session_started"
    exercise_started = "exercise_started"
    """STARTEX: play and the playing clock start (sessions that opened ready)."""
    module_started = "module_started"
    inject_delivered = "inject_delivered"
    inject_skipped = "inject_skipped"
    inject_acknowledged = "inject_acknowledged"
    move_recorded = "move_recorded"
    observation_recorded = "observation_recorded"
    note_added = "note_added"
    announcement_made = "announcement_made"
    clock_paused = "clock_paused"
    clock_resumed = "clock_resumed"
    clock_set = "clock_set"
    entry_amended = "entry_amended"
    entry_retracted = "entry_retracted"
    improvement_added = "improvement_added"
    session_ended = "session_ended"
    summary_written = "summary_written"
    rating_given = "rating_given"
    finding_recorded = "finding_recorded"
    feedback_submitted = "feedback_submitted"
    condition_set = "condition_set"
    decision_closed = "decision_closed"
    screen_shown = "screen_shown"


class ScreenShow(StrEnum):
    """What the facilitator puts on the room display (`screen_shown`)."""

    live = "live"
    """The newest delivered inject (the display follows play)."""
    summary = "summary"
    """The scenario's title and road-to-crisis summary."""
    situation = "situation"
    """The current module's situation."""
    hold = "hold"
    """A hold slide with the facilitator's text, e.g. `Break — back at 10:40`."""


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
    """HSEEP performance rating of an objective or a critical task."""

    P = "P"
    S = "S"
    M = "M"
    U = "U"

    @property
    def meaning(self) -> str:
        """The HSEEP wording, e.g. `Performed with some challenges`."""
        return _RATING_MEANINGS[self.value]


class SummaryPart(StrEnum):
    """The parts of the report's executive summary that evaluators write."""

    overview = "overview"
    strengths = "strengths"
    improvements = "improvements"
    coordination = "coordination"
