"""Response times: how long after an inject's delivery a role first moved on it.

Response times are game time, the exercise's own clock, which the objectives' standards
are written in (a decision "within 2 hours" of the scenario). Room time (`active_time`)
is the wall time between two instants less any pause of the exercise clock in between;
the report labels it "room time" wherever it shows it.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from datetime import datetime, timedelta

from ttx.model.resolved import ResolvedScenario
from ttx.report.model import RoleResponseTimes
from ttx.session.clock import PauseInterval
from ttx.session.fold import Delivery, Move


def active_time(start: datetime, end: datetime, pauses: Iterable[PauseInterval]) -> timedelta:
    """Wall time from `start` to `end` less the parts of `pauses` within it (whole seconds)."""
    total = end - start
    for pause in pauses:
        resumed = pause.resumed_at or end
        overlap = min(resumed, end) - max(pause.paused_at, start)
        if overlap > timedelta(0):
            total -= overlap
    return timedelta(seconds=round(max(total, timedelta(0)).total_seconds()))


def response_time(move: Move, deliveries: dict[str, Delivery],
                  pauses: list[PauseInterval]) -> timedelta | None:
    """Playing time from the delivery of the move's inject to the move, if it came after."""
    delivery = deliveries.get(move.inject or "")
    if delivery is None or move.seq < delivery.seq:
        return None
    return active_time(delivery.at_wall, move.at_wall, pauses)


def first_responses(moves: Iterable[Move],
                    deliveries: dict[str, Delivery]) -> dict[tuple[str, str], Move]:
    """Each role's first move on each delivered inject, keyed by (role, inject)."""
    first: dict[tuple[str, str], Move] = {}
    for move in moves:
        delivery = deliveries.get(move.inject or "")
        if delivery is None or move.seq < delivery.seq:
            continue
        first.setdefault((move.role, delivery.inject_id), move)
    return first


def role_response_times(snapshot: ResolvedScenario, moves: list[Move],
                        deliveries: dict[str, Delivery]) -> list[RoleResponseTimes]:
    """Median and longest first-response time (game time) of every player role and every
    role that moved on an inject, in scenario order."""
    first = first_responses(moves, deliveries)
    received: dict[str, int] = {}
    for delivery in deliveries.values():
        inject = snapshot.inject(delivery.inject_id)
        for role_id in snapshot.recipients(inject) if inject else []:
            received[role_id] = received.get(role_id, 0) + 1
    responders = {role for role, _ in first}
    rows: list[RoleResponseTimes] = []
    for role in snapshot.scenario.roles:
        if role.kind != "player" and role.id not in responders:
            continue
        times = sorted(max(timedelta(0), move.at_game - deliveries[inject_id].at_game)
                       for (role_id, inject_id), move in first.items() if role_id == role.id)
        median = _median(times)
        rows.append(RoleResponseTimes(
            role=role.id, role_name=role.name, injects_received=received.get(role.id, 0),
            injects_answered=len(times),
            median=median,
            maximum=times[-1] if times else None))
    return rows


def _median(times: list[timedelta]) -> timedelta | None:
    """The median in whole seconds (the mean of the middle two for an even count)."""
    if not times:
        return None
    return timedelta(seconds=round(statistics.median(t.total_seconds() for t in times)))
