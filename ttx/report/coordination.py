"""Coordination analysis: who communicated with whom, and how Japan and the ROK coordinated.

The seed papers ask whether US–Japan–ROK cooperation is a "virtual alliance" in which
Tokyo and Seoul work with each other, or two alliances joined only through Washington.
The session answers it from the moves that name recipients (`to`), phase by phase:

* **direct**: a JPN move addressed to the ROK alone (or the ROK to Japan alone), that is
  not a public statement: a bilateral exchange;
* **broadcast**: a public statement, or one message to the other and further roles: it
  reached the other government, but is no bilateral channel, and is counted apart;
* **through the United States** (a relay): a JPN move to the US (not also to the ROK)
  followed by a US move to the ROK, or the same from the ROK through the US to Japan. The
  legs are paired by an explicit forward (`relays`, when the session records one), else
  on the same inject, else across injects within the same module; each first leg
  completes at most one relay, oldest first. Each relay says how it was recognised.

What the report concludes from the counts is labelled "computed from the record (N
exchanges)", is replaced by the evaluators' own finding where they wrote one, and makes
no characterisation at all from fewer than `EVIDENCE_THRESHOLD` exchanges.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from ttx.model.resolved import ResolvedScenario
from ttx.model.wording import day_and_clock
from ttx.report.analysis_model import ComputedFinding
from ttx.report.coordination_model import (
    CoordinationAnalysis,
    CoordinationLink,
    CoordinationPhase,
    MatrixRow,
)
from ttx.report.optional import present
from ttx.report.timing import active_time
from ttx.session.clock import PauseInterval
from ttx.session.fold import Move

US, JAPAN, KOREA = "US", "JPN", "ROK"
PARTNER = {JAPAN: KOREA, KOREA: JAPAN}
EVIDENCE_THRESHOLD = 6
"""Fewer Japan–ROK exchanges than this, and the report characterises nothing."""
PUBLIC = "statement"
"""The move kind of a public statement."""


def coordination_analysis(snapshot: ResolvedScenario, moves: list[Move],
                          pauses: list[PauseInterval], module_of: dict[int, str] | None = None,
                          evaluators: str = "") -> CoordinationAnalysis:
    """The communication matrix and the Japan–ROK analysis of a session's moves;
    `module_of` gives the module (phase) each move was recorded in, by seq;
    `evaluators` is their own coordination finding, which replaces the computed one."""
    module_of = module_of or {}
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
    links = _links(addressed, pauses, module_of) if applicable else []
    direct = sum(1 for link in links if link.route == "direct")
    via_us = sum(1 for link in links if link.route == "via-us")
    broadcasts = sum(1 for link in links if link.route == "broadcast")
    first_direct = next((link for link in links if link.route == "direct"), None)
    after_direct = sum(1 for link in links if link.route == "via-us" and first_direct
                       and link.seqs[-1] > first_direct.seqs[-1])
    phases = _phases(snapshot, links, first_direct)
    bilateral = direct + via_us
    dominant = ("none" if not bilateral else "too few" if bilateral < EVIDENCE_THRESHOLD
                else "direct" if direct > via_us else "via-us" if via_us > direct
                else "balanced")
    return CoordinationAnalysis(
        roles=roles, matrix=[MatrixRow(sender=role, counts=row)
                             for role, row in zip(roles, counts, strict=True)],
        communications=len(addressed), applicable=applicable, direct=direct, via_us=via_us,
        dominant=dominant, verdict=verdict(applicable, direct, via_us), links=links,
        broadcasts=broadcasts, phases=phases,
        decision_points=_decision_points(snapshot, links, first_direct),
        first_direct_at_game=first_direct.at_game if first_direct else None,
        via_us_after_direct=after_direct,
        relay_methods=sorted({link.method for link in links if link.route == "via-us"}),
        finding=_finding(applicable, phases, bilateral, broadcasts, evaluators))


def verdict(applicable: bool, direct: int, via_us: int) -> str:
    """One plain sentence on the Japan–ROK counts; a characterisation ("went mostly
    through the United States") only from `EVIDENCE_THRESHOLD` exchanges on."""
    if not applicable:
        return ("The scenario has no US, JPN and ROK roles, so Japan–ROK coordination "
                "is not analysed.")
    if direct == via_us == 0:
        return ("No Japan–ROK coordination was recorded: no move went directly between "
                "Japan and the ROK, and none was relayed through the United States.")
    counts = f"{_exchanges(direct)} direct, {_exchanges(via_us)} relayed through the US"
    if direct + via_us < EVIDENCE_THRESHOLD:
        return (f"Japan and the ROK exchanged {counts}: too few (fewer than "
                f"{EVIDENCE_THRESHOLD}) to characterise how they coordinated.")
    if direct > via_us:
        return f"More Japan–ROK exchanges were direct than relayed: {counts}."
    if via_us > direct:
        return f"More Japan–ROK exchanges went through the United States: {counts}."
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


def _links(addressed: list[Move], pauses: list[PauseInterval],
           module_of: dict[int, str]) -> list[CoordinationLink]:
    """Every Japan–ROK exchange, in the order they completed."""
    waiting = _WaitingLegs(module_of)
    links: list[CoordinationLink] = []
    for move in addressed:
        module = module_of.get(move.seq, "")
        if move.role in PARTNER and PARTNER[move.role] in move.to:
            bilateral = set(move.to) == {PARTNER[move.role]} and str(move.kind) != PUBLIC
            links.append(CoordinationLink(
                route="direct" if bilateral else "broadcast",
                path=[move.role, *move.to], inject=move.inject, seqs=[move.seq],
                at_wall=move.at_wall, at_game=move.at_game, module=module))
        elif move.role in PARTNER and US in move.to:
            waiting.add(move)
        elif move.role == US:
            for destination in (d for d in (KOREA, JAPAN) if d in move.to):
                first, method = waiting.first_leg(move, destination)
                if first is None:
                    continue
                waiting.remove(first)
                links.append(CoordinationLink(
                    route="via-us", path=[first.role, US, destination], inject=move.inject,
                    seqs=[first.seq, move.seq], at_wall=move.at_wall, at_game=move.at_game,
                    relay_delay=move.at_game - first.at_game,
                    room_time=active_time(first.at_wall, move.at_wall, pauses),
                    module=module, method=method))
    return links


class _WaitingLegs:
    """The first legs (a JPN or ROK move to the US) no US move has relayed yet, oldest
    first, indexed by sender and inject and by sender and module: a long session leaves
    thousands unrelayed, and a scan of them all per US move made the analysis grow with
    the square of the session."""

    def __init__(self, module_of: dict[int, str]) -> None:
        self._module_of = module_of
        self._by_seq: dict[int, Move] = {}
        # Dicts keyed by seq: insertion order is journal order, removal is O(1).
        self._by_inject: dict[tuple[str, str], dict[int, Move]] = {}
        self._by_module: dict[tuple[str, str], dict[int, Move]] = {}

    def add(self, leg: Move) -> None:
        self._by_seq[leg.seq] = leg
        for index, key in self._keys(leg):
            index.setdefault(key, {})[leg.seq] = leg

    def remove(self, leg: Move) -> None:
        del self._by_seq[leg.seq]
        for index, key in self._keys(leg):
            del index[key][leg.seq]

    def first_leg(self, move: Move, destination: str) -> tuple[Move | None, str]:
        """The leg a US move to `destination` completes, and how it was recognised: the
        leg it names as forwarded, else the oldest on the same inject, else the oldest in
        the same module."""
        origin = PARTNER[destination]
        explicit = present(move, "relays")
        named = self._by_seq.get(explicit) if isinstance(explicit, int) else None
        if named is not None and named.role == origin:
            return named, "explicit forward"
        if move.inject:
            same = self._by_inject.get((origin, move.inject))
            if same:
                return next(iter(same.values())), "same inject"
        module = self._module_of.get(move.seq)
        across = self._by_module.get((origin, module)) if module else None
        if across:
            return next(iter(across.values())), "across injects"
        return None, ""

    def _keys(self, leg: Move) -> list[tuple[dict[tuple[str, str], dict[int, Move]],
                                             tuple[str, str]]]:
        keys = []
        if leg.inject:
            keys.append((self._by_inject, (leg.role, leg.inject)))
        module = self._module_of.get(leg.seq)
        if module:
            keys.append((self._by_module, (leg.role, module)))
        return keys


def _phases(snapshot: ResolvedScenario, links: list[CoordinationLink],
            first_direct: CoordinationLink | None) -> list[CoordinationPhase]:
    return [_phase(module.id, module.title, [link for link in links if link.module == module.id],
                   first_direct)
            for module in snapshot.scenario.modules
            if any(link.module == module.id for link in links)]


def _decision_points(snapshot: ResolvedScenario, links: list[CoordinationLink],
                     first_direct: CoordinationLink | None) -> list[CoordinationPhase]:
    by_inject: dict[str | None, list[CoordinationLink]] = {}
    for link in links:  # once, not once per inject: a long session has thousands of links
        by_inject.setdefault(link.inject, []).append(link)
    points = []
    for inject_id, inject in snapshot.injects.items():
        on_it = by_inject.get(inject_id, [])
        if inject.options and on_it:
            points.append(_phase(inject_id, inject.title, on_it, first_direct))
    return points


def _phase(phase_id: str, title: str, links: list[CoordinationLink],
           first_direct: CoordinationLink | None) -> CoordinationPhase:
    direct = [link for link in links if link.route == "direct"]
    return CoordinationPhase(
        id=phase_id, title=title, direct=len(direct),
        via_us=sum(1 for link in links if link.route == "via-us"),
        broadcast=sum(1 for link in links if link.route == "broadcast"),
        first_direct_at_game=direct[0].at_game if direct else None,
        via_us_after_direct=sum(1 for link in links if link.route == "via-us" and first_direct
                                and link.seqs[-1] > first_direct.seqs[-1]))


def _finding(applicable: bool, phases: list[CoordinationPhase], bilateral: int,
             broadcasts: int, evaluators: str) -> ComputedFinding | None:
    """One paragraph, phase by phase: the evaluators' own, else computed and labelled."""
    if evaluators.strip():
        return ComputedFinding(text=evaluators, source="evaluators", evidence=bilateral,
                               label="the evaluators' finding")
    if not applicable:
        return None
    sentences = [_phase_sentence(phase) for phase in phases]
    if not sentences:
        sentences = ["No Japan–ROK exchange was recorded."]
    if broadcasts:
        sentences.append(f"Public statements and messages to several governments that "
                         f"reached the other: {broadcasts}; they are not counted as bilateral "
                         "exchanges.")
    if 0 < bilateral < EVIDENCE_THRESHOLD:
        sentences.append(f"With {bilateral} bilateral exchanges (fewer than "
                         f"{EVIDENCE_THRESHOLD}) the record is too thin to characterise the "
                         "relationship; the evaluators' own finding should replace this one.")
    return ComputedFinding(text=" ".join(sentences), source="computed", evidence=bilateral,
                           label=f"computed from the record ({_exchanges(bilateral)})")


def _phase_sentence(phase: CoordinationPhase) -> str:
    parts = []
    if phase.direct:
        parts.append(f"{phase.direct} direct (the first at {_clock(phase.first_direct_at_game)} "
                     "game time)")
    if phase.via_us:
        relayed = f"{phase.via_us} through the United States"
        if phase.via_us_after_direct:
            relayed += f" ({phase.via_us_after_direct} after a direct channel existed)"
        parts.append(relayed)
    if phase.broadcast:
        parts.append(f"{phase.broadcast} public or broadcast")
    return f"{phase.title}: " + (", ".join(parts) or "no exchange") + "."


def _clock(value: datetime | None) -> str:
    return day_and_clock(value) if value else "—"
