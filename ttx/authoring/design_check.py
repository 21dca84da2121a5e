"""`ttx check`: a static review of a scenario's design before the first rehearsal.

Beyond "the files are valid": which branches can never be reached, which objectives only
a contingency exercises, which delegation has nothing to do in a module, and where the
timing contradicts itself. Every finding is a positioned warning in the file where the
design decision is written; the files' own problems come first, and errors among them
(never the findings) make the check fail.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ttx.authoring.design_plan import DesignPlan, ModulePlan, TimelineEntry, design_plan
from ttx.authoring.problems import Problem, Severity, has_errors, sort_problems
from ttx.authoring.resolve import file_problems, find_scenario, resolve, scenario_files
from ttx.authoring.workspace import Workspace
from ttx.authoring.yaml_source import DataPath
from ttx.errors import TtxError
from ttx.model import format_offset

DesignCheck = Callable[["Places", DesignPlan], list[Problem]]


@dataclass
class DesignReview:
    """What `ttx check` reports about one scenario."""

    scenario_id: str
    problems: list[Problem]
    plan: DesignPlan | None = None
    """None when the scenario's files have errors: there is no design to review yet."""

    @property
    def failed(self) -> bool:
        return has_errors(self.problems)


@dataclass
class Places:
    """Warnings placed where the scenario or an inject writes what they are about."""

    workspace: Workspace
    scenario_id: str
    found: list[Problem] = field(default_factory=list)

    def in_scenario(self, data_path: DataPath, message: str) -> Problem:
        document = self.workspace.scenarios[self.scenario_id].document
        return document.problem(data_path, message, severity=Severity.warning)

    def in_inject(self, inject_id: str, data_path: DataPath, message: str) -> Problem:
        return self.workspace.injects[inject_id].problem(data_path, message,
                                                         severity=Severity.warning)

    def planned_time(self, entry: TimelineEntry, message: str) -> Problem:
        """At the offset that sets this entry's time: the module's override, else the
        inject's own `at`, else the reference in the module."""
        reference: DataPath = ("modules", entry.module_index, "injects", entry.index)
        module_ref = entry.module.injects[entry.index]
        if module_ref.at is not None:
            return self.in_scenario((*reference, "at"), message)
        if "at" in self.workspace.injects[entry.inject.id].inject.model_fields_set:
            return self.in_inject(entry.inject.id, ("at",), message)
        return self.in_scenario(reference, message)


def review_design(argument: str, cwd: Path | None = None) -> DesignReview:
    """Review the scenario named by `argument` (a file or an id)."""
    workspace, draft = find_scenario(argument, cwd)
    scenario_id = draft.id or argument
    problems = file_problems(workspace, scenario_files(workspace, draft))
    if draft.model is None or has_errors(problems):
        return DesignReview(scenario_id, sort_problems(problems))
    try:
        resolved = resolve(workspace, draft.model.id)
    except TtxError:
        return DesignReview(scenario_id, sort_problems(problems))
    plan = design_plan(resolved)
    places = Places(workspace, draft.model.id)
    for check in DESIGN_CHECKS:
        problems += check(places, plan)
    return DesignReview(scenario_id, sort_problems(problems), plan)


# -- reachability ----------------------------------------------------------------------


def check_reachability(places: Places, plan: DesignPlan) -> list[Problem]:
    """Follow-ups that play in an earlier module or are planned anyway, contingencies only
    a later module's option leads to, and cycles of `leads_to`."""
    module_of = {entry.inject.id: entry for entry in plan.entries}
    found: list[Problem] = []
    led_from: dict[str, list[TimelineEntry]] = {}
    for entry in plan.entries:
        for option_index, option in enumerate(entry.inject.options):
            for target_index, target_id in enumerate(option.leads_to):
                target = module_of.get(target_id)
                if target is None:
                    continue
                led_from.setdefault(target_id, []).append(entry)
                where: DataPath = ("options", option_index, "leads_to", target_index)
                if target.module_index < entry.module_index:
                    found.append(places.in_inject(
                        entry.inject.id, where,
                        f"option '{option.id}' leads to '{target_id}', which plays in the "
                        f"earlier module '{target.module.id}': it can never follow the choice"))
                elif not target.contingency:
                    found.append(places.in_inject(
                        entry.inject.id, where,
                        f"option '{option.id}' leads to '{target_id}', which module "
                        f"'{target.module.id}' plans anyway: the choice does not decide it; "
                        "make it a contingency"))
    for target_id, sources in led_from.items():
        target = module_of[target_id]
        if target.contingency and all(s.module_index > target.module_index for s in sources):
            later = sorted({s.module.id for s in sources})
            found.append(places.in_scenario(
                ("modules", target.module_index, "contingency", target.index),
                f"'{target_id}' is a contingency of module '{target.module.id}', but only "
                f"options in module {', '.join(repr(m) for m in later)} lead to it"))
    found += _cycles(places, plan)
    return found


def _cycles(places: Places, plan: DesignPlan) -> list[Problem]:
    """One warning per `leads_to` that closes a cycle, at that entry."""
    graph = {entry.inject.id: entry.inject for entry in plan.entries}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []
    found: list[Problem] = []

    def visit(inject_id: str) -> None:
        state[inject_id] = 1
        path.append(inject_id)
        for option_index, option in enumerate(graph[inject_id].options):
            for target_index, target_id in enumerate(option.leads_to):
                if target_id not in graph:
                    continue
                if state.get(target_id) == 1:
                    loop = [*path[path.index(target_id):], target_id]
                    found.append(places.in_inject(
                        inject_id, ("options", option_index, "leads_to", target_index),
                        f"leads_to makes a cycle: {' → '.join(loop)}"))
                elif target_id not in state:
                    visit(target_id)
        path.pop()
        state[inject_id] = 2

    for inject_id in graph:
        if inject_id not in state:
            visit(inject_id)
    return found


# -- coverage --------------------------------------------------------------------------


def check_coverage(places: Places, plan: DesignPlan) -> list[Problem]:
    """Modules with nothing planned or nothing for a delegation; objectives that only a
    contingency exercises (an objective nothing exercises is `ttx validate`'s warning)."""
    found: list[Problem] = []
    for module_plan in plan.modules:
        where: DataPath = ("modules", module_plan.index, "id")
        if not module_plan.planned:
            found.append(places.in_scenario(
                where, f"module '{module_plan.module.id}' plans no inject"))
            continue
        for role in plan.resolved.scenario.player_roles:
            if not any(role.id in entry.recipients for entry in module_plan.planned):
                found.append(places.in_scenario(
                    where, f"delegation '{role.id}' receives no planned inject in module "
                           f"'{module_plan.module.id}': nothing to do there"))
    planned_objectives = {objective for entry in plan.entries if not entry.contingency
                          for objective in entry.inject.objectives}
    coverage = plan.objective_coverage()
    for index, objective in enumerate(plan.resolved.scenario.objectives):
        injects = coverage[objective.id][1]
        if injects and objective.id not in planned_objectives:
            found.append(places.in_scenario(
                ("objectives", index, "id"),
                f"objective '{objective.id}' is exercised only by contingency injects "
                f"({', '.join(injects)}), which may never be released"))
    return found


# -- timing ----------------------------------------------------------------------------


def check_timing(places: Places, plan: DesignPlan) -> list[Problem]:
    """Modules out of order, injects after the next module's jump or out of order, and
    two injects reaching one role at the same minute."""
    found: list[Problem] = []
    previous: ModulePlan | None = None
    for module_plan in plan.modules:
        module = module_plan.module
        if previous is not None and module.at < previous.module.at:
            found.append(places.in_scenario(
                ("modules", module_plan.index, "at"),
                f"module '{module.id}' starts at {format_offset(module.at)}, before module "
                f"'{previous.module.id}' at {format_offset(previous.module.at)}: the game "
                "clock would run backwards"))
        previous = module_plan
        found += _module_timing(places, module_plan)
    return found


def _module_timing(places: Places, module_plan: ModulePlan) -> list[Problem]:
    found: list[Problem] = []
    module = module_plan.module
    latest: TimelineEntry | None = None
    at_minute: dict[tuple[int, str], TimelineEntry] = {}
    for entry in module_plan.planned:
        assert entry.offset is not None
        when = format_offset(entry.offset)
        next_at = module_plan.next_at
        if next_at is not None and module.at <= next_at <= module.at + entry.offset:
            found.append(places.planned_time(
                entry, f"'{entry.inject.id}' plays at {when} into module '{module.id}', at or "
                       f"after the next module's start ({format_offset(next_at)} "
                       "from STARTEX): it would be overtaken"))
        if latest is not None and latest.offset is not None and entry.offset < latest.offset:
            found.append(places.planned_time(
                entry, f"'{entry.inject.id}' at {when} is listed after "
                       f"'{latest.inject.id}' at {format_offset(latest.offset)}; "
                       "injects are delivered in list order"))
        if latest is None or (latest.offset is not None and entry.offset >= latest.offset):
            latest = entry
        minute = int(entry.offset.total_seconds()) // 60
        for role in entry.recipients:
            earlier = at_minute.setdefault((minute, role), entry)
            if earlier is not entry:
                found.append(places.planned_time(
                    entry, f"'{entry.inject.id}' and '{earlier.inject.id}' both reach "
                           f"{role} at {when}"))
                break
    return found


DESIGN_CHECKS: tuple[DesignCheck, ...] = (check_reachability, check_coverage, check_timing)
"""Every design check `ttx check` runs; a check module plugs in with one entry here."""
