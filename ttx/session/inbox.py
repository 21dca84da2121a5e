"""A delegation's inbox and outbox: what one player seat may read, built from the state.

Everything a player console shows comes from here, so the rule of what a delegation
sees lives in the session layer (`ttx.session.visibility`) and is tested there: the
injects delivered to the role (never control-only ones, never `expected` or `notes`),
the messages other roles sent to it, and the facilitator's announcements to it; the
outbox holds the role's own moves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from ttx.model.wording import one_line
from ttx.session.fold import SessionState
from ttx.session.records import Move
from ttx.session.seats import Seat
from ttx.session.visibility import may_see_announcement, may_see_inject, may_see_move


class ItemKind(StrEnum):
    inject = "inject"
    message = "message"
    announcement = "announcement"


@dataclass(frozen=True)
class InboxItem:
    """One thing a delegation received, as its console lists and shows it."""

    seq: int
    """The delivery, move or announcement that brought it."""
    kind: ItemKind
    at_game: datetime
    at_wall: datetime
    sender: str
    """The simulated sender of an inject, the role that sent a message, or 'Control'."""
    title: str
    body: str
    inject_id: str | None = None
    """The inject delivered, or the inject a message refers to."""
    method: str = ""
    recipients: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    """The discussion questions addressed to this role (and to all)."""
    options: tuple[tuple[str, str], ...] = ()
    """A decision point's options (id, label)."""
    decided_by: tuple[str, ...] = ()
    """The roles that decide a decision point (empty: any recipient)."""
    relays: int | None = None
    """The entry a message forwards."""
    acknowledged_seq: int | None = None
    """This role's acknowledgement of a delivered inject, if it gave one."""
    answered: bool = False
    """Whether this role has moved on the inject."""
    retracted: bool = False
    attachments: tuple[str, ...] = field(default_factory=tuple)


def inbox(state: SessionState, seat: Seat) -> list[InboxItem]:
    """What `seat` (a player seat) received, newest first."""
    role = seat.role or ""
    snapshot = state.snapshot
    answered = {move.inject for move in state.moves if move.inject and role in move.roles}
    items: list[InboxItem] = []
    for delivery in state.deliveries:
        inject = snapshot.inject(delivery.inject_id)
        if inject is None or not may_see_inject(snapshot, seat, inject):
            continue
        acknowledgement = state.acknowledgement(inject.id, role)
        text = inject.delivered_text(delivery.variant)
        questions = [*text.questions.get("all", []), *text.questions.get(role, [])]
        items.append(InboxItem(
            seq=delivery.seq, kind=ItemKind.inject, at_game=delivery.at_game,
            at_wall=delivery.at_wall, sender=inject.sender or "", title=text.title,
            body=text.body, inject_id=inject.id, method=str(inject.method),
            recipients=tuple(snapshot.recipients(inject)), questions=tuple(questions),
            options=tuple((option.id, option.label) for option in inject.options),
            decided_by=tuple(inject.decided_by),
            acknowledged_seq=acknowledgement.seq if acknowledgement else None,
            answered=inject.id in answered,
            attachments=tuple(str(path) for path in inject.attachments)))
    for move in state.moves:
        if role in move.roles or not may_see_move(seat, move):
            continue
        items.append(_message(state, move))
    for announcement in state.announcements:
        if may_see_announcement(seat, announcement):
            items.append(InboxItem(
                seq=announcement.seq, kind=ItemKind.announcement, at_game=announcement.at_game,
                at_wall=announcement.at_wall, sender="Exercise control",
                title=one_line(announcement.text, 80), body=announcement.text,
                recipients=tuple(announcement.to)))
    items.sort(key=lambda item: item.seq, reverse=True)
    return items


def outbox(state: SessionState, seat: Seat) -> list[Move]:
    """The moves of `seat`'s role (its own and joint ones), newest first."""
    role = seat.role or ""
    return [move for move in reversed(state.moves) if role in move.roles]


def _message(state: SessionState, move: Move) -> InboxItem:
    title = one_line(move.text, 80)
    if move.relays is not None:
        title = f"(forward of #{move.relays}) {title}"
    elif len(move.roles) > 1:
        title = f"(joint, with {', '.join(move.joint)}) {title}"
    return InboxItem(
        seq=move.seq, kind=ItemKind.message, at_game=move.at_game, at_wall=move.at_wall,
        sender=move.role, title=title, body=move.text, inject_id=move.inject,
        recipients=tuple(move.to), relays=move.relays,
        method=str(move.kind), retracted=state.retraction_of(move.seq) is not None)


def relayed_item(state: SessionState, seat: Seat, seq: int) -> InboxItem | None:
    """The item a forward at `seq` relays, as `seat` may see it (None if it may not)."""
    for item in inbox(state, seat):
        if item.seq == seq:
            return item
    return None
