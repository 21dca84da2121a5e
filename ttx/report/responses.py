"""Response times from what the delegations' seats recorded (issue 13): for each
delivered inject and each recipient delegation, delivery → acknowledgement → first
move, in game time and in room time. Only a session whose seats acknowledged injects
has them; a session without keeps the decision log's figures alone.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from ttx.report.responses_model import InjectResponse
from ttx.report.timing import active_time
from ttx.session.fold import SessionState
from ttx.session.responses import responses


def _after(start: datetime, end: datetime) -> timedelta:
    return max(timedelta(0), end - start)


def inject_responses(state: SessionState) -> list[InjectResponse]:
    """Per delivered inject (in delivery order) and recipient delegation (role order)."""
    if not getattr(state, "acknowledgements", None):
        return []
    names = {role.id: role.name for role in state.snapshot.scenario.roles}
    rows: list[InjectResponse] = []
    for delivery in state.deliveries:
        inject = state.snapshot.inject(delivery.inject_id)
        if inject is None:
            continue
        for answer in responses(state, delivery.inject_id):
            ack, move = answer.acknowledged, answer.first_move
            if move is not None and move.seq < delivery.seq:
                move = None
            rows.append(InjectResponse(
                inject=inject.id, inject_title=inject.title, role=answer.role,
                role_name=names.get(answer.role, answer.role),
                delivered_at_game=delivery.at_game, delivered_at_wall=delivery.at_wall,
                acknowledged=_after(delivery.at_game, ack.at_game) if ack else None,
                acknowledged_room=(active_time(delivery.at_wall, ack.at_wall, state.pauses)
                                   if ack else None),
                first_move=_after(delivery.at_game, move.at_game) if move else None,
                first_move_room=(active_time(delivery.at_wall, move.at_wall, state.pauses)
                                 if move else None),
                first_move_seq=move.seq if move else None,
                options=[option + (" (recommended)" if kind == "recommendation" else "")
                         for option, kind in answer.options]))
    return rows
