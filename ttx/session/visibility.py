"""What each seat may see of a session: the rule behind every player-facing view.

Control seats (facilitator, evaluator) see everything. A player seat sees the injects
delivered to its role (never control-only ones, never `expected` or `notes`, which
no player view renders), the messages other roles sent to it, its own moves, and
the facilitator's announcements to it. The room display sees what every player may.
"""

from __future__ import annotations

from ttx.model.inject import Inject
from ttx.model.resolved import ResolvedScenario
from ttx.session.records import Announcement, Move
from ttx.session.seats import Seat, SeatKind


def may_see_inject(snapshot: ResolvedScenario, seat: Seat, inject: Inject) -> bool:
    """Whether `seat` may read `inject` (once it is delivered)."""
    if seat.is_control:
        return True
    if seat.kind is SeatKind.display:
        return snapshot.visible_to_players(inject)
    return not inject.control_only and seat.role in snapshot.recipients(inject)


def may_see_move(seat: Seat, move: Move) -> bool:
    """Whether `seat` may read `move`: its own, or a message addressed to its role."""
    if seat.is_control:
        return True
    role = seat.role
    if role is None:  # the room display: messages sent to every player
        return False
    return move.role == role or role in move.joint or role in move.to


def may_see_announcement(seat: Seat, announcement: Announcement) -> bool:
    if seat.is_control or not announcement.to:
        return True
    return seat.role is not None and seat.role in announcement.to
