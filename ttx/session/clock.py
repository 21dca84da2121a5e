"""The game clock and playing time of a session.

The game clock moves only by events: a module's start sets it to STARTEX plus the
module's offset; a delivery moves it to the inject's planned time (module start plus
the inject's offset) unless it is already later, so it never runs backwards; and
`clock_set` puts it where the facilitator says. Playing time is wall time since the
session started, minus the time spent paused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from ttx.errors import TtxError
from ttx.model.offsets import parse_offset
from ttx.model.resolved import ResolvedScenario
from ttx.model.scenario import Module


def module_start_time(snapshot: ResolvedScenario, module: Module) -> datetime:
    """Game time at which `module` starts: STARTEX plus the module's offset."""
    return snapshot.scenario.start + module.at


def delivery_time(snapshot: ResolvedScenario, inject_id: str, current: datetime) -> datetime:
    """The game clock after delivering `inject_id` when it reads `current`.

    The inject's planned time in the module that plays it, or `current` when that is
    later (the clock never runs backwards on a delivery)."""
    module = snapshot.module_of(inject_id)
    if module is None:
        return current
    planned = snapshot.game_time_of(module, inject_id)
    return max(planned, current)


@dataclass(frozen=True)
class PauseInterval:
    """One pause: from `paused_at` (wall, UTC) to `resumed_at`, or still running."""

    paused_seq: int
    paused_at: datetime
    resumed_at: datetime | None = None


def playing_time(started_at: datetime | None, ended_at: datetime | None,
                 pauses: list[PauseInterval], now: datetime) -> timedelta:
    """Wall time from start to the end (or `now`), less every pause within it."""
    if started_at is None:
        return timedelta(0)
    until = ended_at or now
    total = until - started_at
    for pause in pauses:
        resumed = pause.resumed_at or until
        total -= max(timedelta(0), min(resumed, until) - pause.paused_at)
    return max(total, timedelta(0))


_CLOCK_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")


def parse_game_time(text: str, snapshot: ResolvedScenario, current: datetime) -> datetime:
    """A game time typed by a person, in the scenario's offset.

    Accepts an ISO 8601 datetime (without an offset it is read in the scenario's),
    an offset from STARTEX like `+4:30`, or a time of day like `14:05`, taken on the
    current game day."""
    value = text.strip()
    start = snapshot.scenario.start
    zone = start.tzinfo
    if value.startswith("+"):
        try:
            return start + parse_offset(value)
        except ValueError as error:
            raise TtxError(str(error)) from None
    match = _CLOCK_TIME.fullmatch(value)
    if match:
        hours, minutes, seconds = (int(part or 0) for part in match.groups())
        if hours > 23 or minutes > 59 or seconds > 59:
            raise TtxError(f"'{value}' is not a time of day")
        return current.astimezone(zone).replace(hour=hours, minute=minutes, second=seconds,
                                                microsecond=0)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise TtxError(f"'{value}' is not a game time: write an ISO time like "
                       f"'{start.isoformat()}', an offset from STARTEX like '+4:30', "
                       "or a time of day like '14:05'") from None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=zone)
    return parsed.astimezone(zone)
