"""A scenario's design laid out before play: the timeline and who is asked to do what.

Pure data from a `ResolvedScenario`: per module, every planned inject on the game clock
with its recipients (the swimlane), the contingencies; per objective, the modules and
injects that exercise it; per delegation, what it receives and must answer in each
module. `design_check` draws its findings from the same data; `ttx check` prints it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ttx.model import ALL_RECIPIENTS, Inject, Module, RoleKind
from ttx.model.resolved import ResolvedScenario


@dataclass(frozen=True)
class TimelineEntry:
    """One inject in one module, at its planned offset (contingencies have none)."""

    number: int
    """Its number on the timeline, from 1 across the modules: in each module, the planned
    injects in list order, then the contingencies."""
    inject: Inject
    module: Module
    module_index: int
    index: int
    """Position in the module's `injects` (or `contingency`) list."""
    offset: timedelta | None
    """From the module's start; None for a contingency, released at will."""
    recipients: tuple[str, ...]
    questions: dict[str, int]
    """Role id to the number of questions it is asked (`all` counted for each player)."""

    @property
    def contingency(self) -> bool:
        return self.offset is None


@dataclass(frozen=True)
class ModulePlan:
    module: Module
    index: int
    start: datetime
    """Game time at which the module opens."""
    next_at: timedelta | None
    """The next module's offset from STARTEX (its game-clock jump), if there is one."""
    planned: list[TimelineEntry] = field(default_factory=list)
    contingency: list[TimelineEntry] = field(default_factory=list)

    @property
    def span(self) -> timedelta:
        """From the module's start to its last planned inject (at least an hour)."""
        last = max((entry.offset for entry in self.planned if entry.offset is not None),
                   default=timedelta(0))
        return max(last, timedelta(hours=1))


@dataclass(frozen=True)
class Workload:
    """What one delegation has to do in one module."""

    role: str
    module: str
    injects: int
    questions: int


@dataclass(frozen=True)
class DesignPlan:
    resolved: ResolvedScenario
    modules: list[ModulePlan]
    lanes: list[str]
    """Every player role, and every other role that receives anything: players first, in
    the scenario's order."""

    @property
    def entries(self) -> list[TimelineEntry]:
        return [entry for plan in self.modules for entry in (*plan.planned, *plan.contingency)]

    def objective_coverage(self) -> dict[str, tuple[list[str], list[str]]]:
        """Objective id to the (module ids, inject ids) that exercise it, in order."""
        coverage: dict[str, tuple[list[str], list[str]]] = {
            objective.id: ([], []) for objective in self.resolved.scenario.objectives}
        seen: set[tuple[str, str]] = set()  # (objective, module or inject): a list
        # lookup per entry made 10,000 injects take seconds
        for entry in self.entries:
            for objective_id in entry.inject.objectives:
                if objective_id in coverage:
                    modules, injects = coverage[objective_id]
                    for found, item in ((modules, entry.module.id), (injects, entry.inject.id)):
                        if (objective_id, item) not in seen:
                            seen.add((objective_id, item))
                            found.append(item)
        return coverage

    def workload(self) -> list[Workload]:
        """Per player role and module: planned injects received, questions asked."""
        loads: list[Workload] = []
        for role in self.resolved.scenario.player_roles:
            for plan in self.modules:
                received = [entry for entry in plan.planned if role.id in entry.recipients]
                loads.append(Workload(role.id, plan.module.id, len(received),
                                      sum(entry.questions.get(role.id, 0) for entry in received)))
        return loads


def design_plan(resolved: ResolvedScenario) -> DesignPlan:
    scenario = resolved.scenario
    modules: list[ModulePlan] = []
    number = 0
    players = [role.id for role in scenario.player_roles]
    for index, module in enumerate(scenario.modules):
        following = scenario.modules[index + 1] if index + 1 < len(scenario.modules) else None
        plan = ModulePlan(module, index, scenario.game_time(module.at),
                          following.at if following else None)
        for position, ref in enumerate(module.injects):
            inject = resolved.injects[ref.id]
            number += 1
            plan.planned.append(_entry(resolved, players, number, inject, plan, position,
                                       resolved.planned_offset(module, ref.id)))
        for position, inject_id in enumerate(module.contingency):
            number += 1
            plan.contingency.append(_entry(resolved, players, number,
                                           resolved.injects[inject_id], plan, position, None))
        modules.append(plan)
    received = {role for plan in modules for entry in (*plan.planned, *plan.contingency)
                for role in entry.recipients}
    lanes = [role for role in _players_first(resolved) if role in received or role in players]
    return DesignPlan(resolved, modules, lanes)


def _players_first(resolved: ResolvedScenario) -> list[str]:
    roles = resolved.scenario.roles
    return ([role.id for role in roles if role.kind is RoleKind.player]
            + [role.id for role in roles if role.kind is not RoleKind.player])


def _entry(resolved: ResolvedScenario, players: list[str], number: int, inject: Inject,
           plan: ModulePlan, index: int, offset: timedelta | None) -> TimelineEntry:
    """`players`: the scenario's player role ids."""
    questions: dict[str, int] = {}
    for role_id, asked in inject.questions.items():
        for asked_role in players if role_id == ALL_RECIPIENTS else [role_id]:
            questions[asked_role] = questions.get(asked_role, 0) + len(asked)
    return TimelineEntry(number, inject, plan.module, plan.index, index, offset,
                         tuple(resolved.recipients(inject)), questions)
