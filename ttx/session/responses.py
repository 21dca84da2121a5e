"""How each delegation answered one inject: received, first move, option picked.

The console shows it beside the MSEL and the report measures response times from it:
delivery → acknowledgement → first move, per role, from what the seats recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ttx.model.scenario import RoleKind
from ttx.session.fold import SessionState
from ttx.session.records import Acknowledgement, Move


@dataclass(frozen=True)
class RoleResponse:
    """One recipient delegation's answer to a delivered inject."""

    role: str
    acknowledged: Acknowledgement | None = None
    first_move: Move | None = None
    options: list[tuple[str, str]] = field(default_factory=list)
    """(option id, kind of entry: 'decision' or 'recommendation') of each pick, in order."""


def responses(state: SessionState, inject_id: str) -> list[RoleResponse]:
    """Each player role the inject went to, with what it did about it (in role order)."""
    snapshot = state.snapshot
    inject = snapshot.inject(inject_id)
    if inject is None or inject.control_only:
        return []
    players = {role.id for role in snapshot.scenario.roles if role.kind is RoleKind.player}
    answers: list[RoleResponse] = []
    on_inject = state.moves_about(inject_id)
    for role in snapshot.recipients(inject):
        if role not in players:
            continue
        moves = [move for move in on_inject if role in move.roles]
        options = [(move.option, "recommendation" if move.recommendation else "decision")
                   for move in moves if move.option]
        answers.append(RoleResponse(role, state.acknowledgement(inject_id, role),
                                    moves[0] if moves else None, options))
    return answers


def summary(answers: list[RoleResponse]) -> str:
    """`2/3 ✓ 1 ↩`: how many acknowledged and answered, for a narrow column."""
    if not answers:
        return ""
    seen = sum(1 for answer in answers if answer.acknowledged is not None)
    moved = sum(1 for answer in answers if answer.first_move is not None)
    return f"{seen}/{len(answers)}✓ {moved}↩"
