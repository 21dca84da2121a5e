"""Words and short strings the console shows: times, offsets, statuses, log rows.

Pure: no widgets here, so the wording can be unit-tested and shared by the console,
the display and the help screen.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ttx.model.offsets import format_offset
from ttx.model.resolved import ResolvedScenario

if TYPE_CHECKING:
    from ttx.session.fold import SessionState

STATUS_WORDS: dict[str, str] = {
    "pending": "pending",
    "delivered": "delivered",
    "skipped": "skipped",
    "available": "available",
    "unavailable": "—",
    "released": "released",
    "not taken": "not taken",
}
"""The MSEL status column, in words: meaning never rests on colour alone."""


def status_word(status: str | None) -> str:
    """The word the MSEL shows for an inject status (`—` when not released)."""
    if status is None:
        return "—"
    return STATUS_WORDS.get(str(status), str(status))


def offset_text(offset: timedelta) -> str:
    """`+H:MM`, as authors write offsets."""
    return format_offset(offset)


def clock_text(moment: datetime) -> str:
    """Game or wall time as `HH:MM`."""
    return moment.strftime("%H:%M")


def game_clock_text(moment: datetime) -> str:
    """The game clock in full: `2027-03-14 05:30 +09:00`."""
    offset = moment.strftime("%z")
    zone = f"{offset[:3]}:{offset[3:]}" if offset else ""
    return f"{moment.strftime('%Y-%m-%d %H:%M')} {zone}".rstrip()


def duration_text(duration: timedelta) -> str:
    """Playing time as `H:MM:SS` (never negative)."""
    seconds = max(0, int(duration.total_seconds()))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def role_names(resolved: ResolvedScenario, role_ids: list[str]) -> str:
    """Role ids spelled out for people: `United States delegation (US), …`."""
    names = []
    for role_id in role_ids:
        role = resolved.scenario.role(role_id)
        names.append(f"{role.name} ({role_id})" if role else role_id)
    return ", ".join(names)


def one_line(text: str, limit: int = 200) -> str:
    """`text` folded onto one line and cut at `limit` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def msel_statuses(state: SessionState) -> dict[str, str]:
    """The MSEL's status of each inject: an available inject a decision released reads
    `released`, one of the branches a decision did not take reads `not taken`."""
    statuses = {inject_id: str(status) for inject_id, status in state.inject_status.items()}
    for inject_id in state.branches_not_taken():
        if statuses.get(inject_id) == "available":
            statuses[inject_id] = "not taken"
    for inject_id in state.released:
        if statuses.get(inject_id) == "available":
            statuses[inject_id] = "released"
    return statuses


def branch_note(state: SessionState, inject_id: str) -> str:
    """Why an inject is a branch: `released by ROK's decision #22 (relay)` or `not taken:
    ROK's decision #22 picked direct`; empty when no decision touched it."""
    move = state.released_by(inject_id)
    if move is not None:
        return f"released by {move.role}'s decision #{move.seq} ({move.option})"
    other = state.branches_not_taken().get(inject_id)
    if other is not None:
        return f"branch not taken: {other.role}'s decision #{other.seq} picked {other.option}"
    return ""


def asking(text: str) -> str:
    """`text` as a question: a question mark added unless it ends with one already
    (`Deliver Who sweeps the strait?`, never `…strait??`)."""
    stripped = text.rstrip()
    return stripped if stripped.endswith(("?", "？")) else f"{stripped}?"
