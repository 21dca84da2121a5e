"""Coordination analysis: who communicated with whom, and how Japan and the ROK coordinated.

The seed papers ask whether US–Japan–ROK cooperation is a "virtual alliance" in which
Tokyo and Seoul work with each other, or two alliances joined only through Washington.
The session answers it from the moves that name recipients (`to`):

* **direct**: a JPN move addressed to ROK, or a ROK move addressed to JPN;
* **through the United States**: a JPN move to the US (not also to ROK) followed,
  on the same inject, by a US move to ROK; or the same from ROK through the US to
  JPN. Each first leg completes at most one relay, oldest first.
"""

from __future__ import annotations

from collections.abc import Iterable

from ttx.model.resolved import ResolvedScenario
from ttx.report.model import CoordinationAnalysis, CoordinationLink, MatrixRow
from ttx.report.timing import active_time
from ttx.session.clock import PauseInterval
from ttx.session.fold import Move

US, JAPAN, KOREA = "US", "JPN", "ROK"


def coordination_analysis(snapshot: ResolvedScenario, moves: list[Move],
                          pauses: list[PauseInterval]) -> CoordinationAnalysis:
    """The communication matrix and the Japan–ROK verdict of a session's moves."""
    addressed = [move for move in moves if move.to]
    roles = _matrix_roles(snapshot, addressed)
    index = {role: position for position, role in enumerate(roles)}
    counts = [[0] * len(roles) for _ in roles]
    for move in addressed:
        for recipient in move.to:
            if recipient != move.role:
                counts[index[move.role]][index[recipient]] += 1
    role_ids = {role.id for role in snapshot.scenario.roles}
    applicable = {US, JAPAN, KOREA} <= role_ids
    links = _links(addressed, pauses) if applicable else []
    direct = sum(1 for link in links if link.route == "direct")
    via_us = len(links) - direct
    dominant = ("none" if not links else "direct" if direct > via_us
                else "via-us" if via_us > direct else "balanced")
    return CoordinationAnalysis(
        roles=roles, matrix=[MatrixRow(sender=role, counts=row)
                             for role, row in zip(roles, counts, strict=True)],
        communications=len(addressed), applicable=applicable, direct=direct, via_us=via_us,
        dominant=dominant, verdict=verdict(applicable, direct, via_us), links=links)


def verdict(applicable: bool, direct: int, via_us: int) -> str:
    """One plain sentence saying which kind of Japan–ROK coordination dominated."""
    if not applicable:
        return ("The scenario has no US, JPN and ROK roles, so Japan–ROK coordination "
                "is not analysed.")
    if direct == via_us == 0:
        return ("No Japan–ROK coordination was recorded: no move went directly between "
                "Japan and the ROK, and none was relayed through the United States.")
    counts = f"{_exchanges(direct)} direct, {_exchanges(via_us)} relayed through the US"
    if direct > via_us:
        return f"Direct Japan–ROK coordination dominated: {counts}."
    if via_us > direct:
        return ("Japan–ROK coordination went mostly through the United States rather than "
                f"directly: {counts}.")
    return f"Japan and the ROK coordinated as often directly as through the US: {counts}."


def _exchanges(count: int) -> str:
    return f"{count} exchange" if count == 1 else f"{count} exchanges"


def _matrix_roles(snapshot: ResolvedScenario, addressed: Iterable[Move]) -> list[str]:
    """Player roles and every role that sent or received, in scenario order."""
    involved: set[str] = set()
    for move in addressed:
        involved.add(move.role)
        involved.update(move.to)
    ordered = [role.id for role in snapshot.scenario.roles
               if role.kind == "player" or role.id in involved]
    return ordered + sorted(involved - set(ordered))


def _links(addressed: list[Move], pauses: list[PauseInterval]) -> list[CoordinationLink]:
    """Every direct Japan–ROK move and every relay through the US, in the order they
    completed."""
    partner = {JAPAN: KOREA, KOREA: JAPAN}
    waiting: dict[tuple[str, str], list[Move]] = {}
    links: list[CoordinationLink] = []
    for move in addressed:
        if move.role in partner and partner[move.role] in move.to:
            links.append(CoordinationLink(
                route="direct", path=[move.role, partner[move.role]], inject=move.inject,
                seqs=[move.seq], at_wall=move.at_wall, at_game=move.at_game))
        elif move.role in partner and US in move.to and move.inject:
            waiting.setdefault((move.inject, move.role), []).append(move)
        elif move.role == US and move.inject:
            for origin, destination in ((JAPAN, KOREA), (KOREA, JAPAN)):
                legs = waiting.get((move.inject, origin))
                if destination in move.to and legs:
                    first = legs.pop(0)
                    links.append(CoordinationLink(
                        route="via-us", path=[origin, US, destination], inject=move.inject,
                        seqs=[first.seq, move.seq], at_wall=move.at_wall, at_game=move.at_game,
                        relay_delay=active_time(first.at_wall, move.at_wall, pauses)))
    return links
