"""What each console seat may do: the facilitator runs the exercise, an evaluator records.

The facilitator delivers, skips and releases injects, starts modules, pauses the
clock and records everything. An evaluator sits beside play with the same MSEL, the
same inject details (expected actions and notes included, which evaluators need to
judge performance) and the same live log, but cannot change the course of play: no
delivering, skipping, releasing contingencies, starting modules or pausing. An
evaluator records observations, moves they witness, notes and improvement items,
and may amend or retract only entries written from an evaluator seat, so one
evaluator cannot silently rewrite the facilitator's record.
"""

from __future__ import annotations

from enum import StrEnum


class ConsoleSeat(StrEnum):
    """The seats `ttx run --seat` offers."""

    facilitator = "facilitator"
    evaluator = "evaluator"


CONTROL_ACTIONS = frozenset({
    "deliver_next", "deliver_selected", "skip", "contingency", "next_module", "toggle_pause",
})
"""Console actions that steer play: the facilitator's alone."""

RECORDING_ACTIONS = frozenset({
    "record_move", "record_observation", "add_improvement", "add_note", "amend_entry",
})
"""Console actions that add to (or correct) the record: every seat."""


def seat_allows(seat: ConsoleSeat, action: str) -> bool:
    """Whether `seat` may run the console action named `action`."""
    if action in CONTROL_ACTIONS:
        return seat is ConsoleSeat.facilitator
    return True


def may_correct(seat: ConsoleSeat, entry_seat: str) -> bool:
    """Whether `seat` may amend or retract an entry written from `entry_seat`."""
    if seat is ConsoleSeat.facilitator:
        return True
    return entry_seat == ConsoleSeat.evaluator.value
