"""Words and short strings the console shows: times, offsets, statuses, log rows.

Pure: no widgets here, so the wording can be unit-tested and shared by the console,
the display and the help screen.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from ttx.model.offsets import format_offset
from ttx.model.resolved import ResolvedScenario

STATUS_WORDS: dict[str, str] = {
    "pending": "pending",
    "delivered": "delivered",
    "skipped": "skipped",
    "available": "available",
    "unavailable": "—",
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
