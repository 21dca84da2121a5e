"""Checks of the exercise-design keys: conditions and variants, who decides, objectives'
core capabilities, critical tasks and time standards, handouts and the glossary."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from ttx.authoring.glossary_file import read_workspace_glossary
from ttx.authoring.problems import Problem, Severity, did_you_mean
from ttx.authoring.workspace import LoadedInject, LoadedScenario, Workspace
from ttx.authoring.yaml_source import DataPath
from ttx.model import ALL_RECIPIENTS, CORE_CAPABILITIES, Inject, Scenario
from ttx.model.capabilities import mission_areas_of
from ttx.model.conditions import condition_ids, contradictory, covers
from ttx.model.offsets import format_offset
from ttx.model.resolved import ResolvedScenario

HANDOUT_SUFFIXES = (".md", ".markdown", ".svg", ".png", ".jpg", ".jpeg", ".pdf")


def check_design(workspace: Workspace) -> list[Problem]:
    """Every problem with the design keys in `workspace`, all files at once."""
    problems = read_workspace_glossary(workspace.root)[1]
    for loaded_inject in workspace.injects.values():
        problems += _inject_alone(loaded_inject)
    for loaded in workspace.scenarios.values():
        problems += _scenario(workspace, loaded)
    return problems


def _first_seen(ids: list[str]) -> Iterator[tuple[int, str, int]]:
    first: dict[str, int] = {}
    for index, item in enumerate(ids):
        if item in first:
            yield index, item, first[item]
        else:
            first.setdefault(item, index)


def _inject_alone(loaded: LoadedInject) -> list[Problem]:
    """What an inject's own design keys get wrong, whichever scenario plays it."""
    inject = loaded.inject
    problems: list[Problem] = []
    option_ids = [option.id for option in inject.options]
    if inject.decided_by and not inject.options:
        problems.append(loaded.problem(("decided_by",), "decided_by needs options: only a "
                                       "decision point has someone who decides", at_key=True))
    if inject.default_option is not None and inject.default_option not in option_ids:
        hint = did_you_mean(inject.default_option, option_ids)
        problems.append(loaded.problem(
            ("default_option",), f"default_option '{inject.default_option}' is not an option "
                                 f"of this inject{hint}"))
    if inject.when is not None and (clash := contradictory(inject.when)):
        problems.append(loaded.problem(("when",), f"when: requires '{clash}' and 'not {clash}'; "
                                       "the inject could never play"))
    variant_ids = [inject.variant_id(index) for index in range(len(inject.variants))]
    for index, variant_id, first in _first_seen(variant_ids):
        problems.append(loaded.problem(("variants", index, "id"),
                                       f"duplicate variant id '{variant_id}' "
                                       f"(also variant {first + 1})"))
    for index, variant in enumerate(inject.variants):
        where: DataPath = ("variants", index)
        if (clash := contradictory(variant.when)) is not None:
            problems.append(loaded.problem((*where, "when"),
                                           f"variant '{variant_ids[index]}' requires '{clash}' "
                                           f"and 'not {clash}'; it can never be read"))
            continue
        earlier = next((i for i in range(index) if covers(inject.variants[i].when,
                                                          variant.when)), None)
        if earlier is not None:
            problems.append(loaded.problem(
                (*where, "when"), f"variant '{variant_ids[index]}' is unreachable: variant "
                                  f"'{variant_ids[earlier]}' before it holds whenever it does; "
                                  "put the narrower variant first"))
        if all(value is None for value in (variant.title, variant.body, variant.questions,
                                           variant.expected)):
            problems.append(loaded.problem(
                where, f"variant '{variant_ids[index]}' changes nothing: give it a title, "
                       "body, questions or expected", severity=Severity.warning))
    return problems


def _scenario(workspace: Workspace, loaded: LoadedScenario) -> list[Problem]:
    scenario = loaded.scenario
    played = _played(scenario, workspace)
    resolved = ResolvedScenario(scenario=scenario, injects=played)
    problems = _objectives(loaded, resolved)
    problems += _conditions(workspace, loaded, resolved)
    problems += _decisions(workspace, loaded, played)
    problems += _handouts_and_contacts(workspace, loaded)
    return problems


def _played(scenario: Scenario, workspace: Workspace) -> dict[str, Inject]:
    """The injects the scenario plays or may release that loaded without errors."""
    ids = [ref.id for module in scenario.modules for ref in module.injects]
    ids += [inject_id for module in scenario.modules for inject_id in module.contingency]
    return {inject_id: workspace.injects[inject_id].inject
            for inject_id in dict.fromkeys(ids) if inject_id in workspace.injects}


def _objectives(loaded: LoadedScenario, resolved: ResolvedScenario) -> list[Problem]:
    scenario, document = loaded.scenario, loaded.document
    problems: list[Problem] = []
    task_ids: list[tuple[str, DataPath]] = []
    for index, objective in enumerate(scenario.objectives):
        where: DataPath = ("objectives", index)
        core = objective.core_capability
        if core is not None and core not in CORE_CAPABILITIES:
            problems.append(document.problem(
                (*where, "core_capability"), f"'{core}' is not one of the 32 HSEEP core "
                                             f"capabilities{did_you_mean(core, CORE_CAPABILITIES)}",
                severity=Severity.warning))
        elif core is not None and objective.mission_area is not None \
                and objective.mission_area not in mission_areas_of(core):
            areas = ", ".join(mission_areas_of(core))
            problems.append(document.problem(
                (*where, "mission_area"), f"'{core}' belongs to {areas}, not to "
                                          f"{objective.mission_area}", severity=Severity.warning))
        for task_index, task in enumerate(objective.critical_tasks):
            task_path: DataPath = (*where, "critical_tasks", task_index, "id")
            if not task.id.startswith(f"{objective.id}."):
                problems.append(document.problem(
                    task_path, f"critical task '{task.id}' of {objective.id} must be named "
                               f"'{objective.id}.N', e.g. '{objective.id}.{task_index + 1}'"))
            task_ids.append((task.id, task_path))
        problems += _time_standard(loaded, resolved, index)
    for index, task_id, first in _first_seen([task_id for task_id, _ in task_ids]):
        line = document.value_mark(task_ids[first][1]).line
        problems.append(document.problem(task_ids[index][1], f"duplicate critical task id "
                                                             f"'{task_id}' (first at line {line})"))
    return problems


def _time_standard(loaded: LoadedScenario, resolved: ResolvedScenario,
                   index: int) -> list[Problem]:
    """`measured_from` must be played; the deadline must fall where the room can see it."""
    objective, document = loaded.scenario.objectives[index], loaded.document
    where: DataPath = ("objectives", index)
    anchor = objective.measured_from
    if anchor is not None and anchor not in resolved.injects:
        hint = did_you_mean(anchor, resolved.injects)
        return [document.problem((*where, "measured_from"),
                                 f"'{anchor}' is not played in this scenario{hint}")]
    if anchor is None and objective.within is not None \
            and resolved.time_standard_anchor(objective) is None:
        return [document.problem((*where, "within"), "within: no inject lists this objective, "
                                 "so nothing starts its clock; add measured_from",
                                 severity=Severity.warning)]
    deadline = resolved.planned_deadline(objective)
    if deadline is None:
        return []
    gap = _clock_jump_over(resolved, deadline)
    if gap is None:
        return []
    last, following = gap
    when = (f"after the last inject it can play ({format_offset(last)})" if last == following else
            f"while the clock jumps from {format_offset(last)} to {format_offset(following)}")
    return [document.problem(
        (*where, "within"), f"the time standard ends at {format_offset(deadline)} from "
                            f"STARTEX, {when}: nobody can see it met or missed",
        severity=Severity.warning)]


def _clock_jump_over(resolved: ResolvedScenario,
                     deadline: timedelta) -> tuple[timedelta, timedelta] | None:
    """(the last time a module can play an inject, planned or contingency, next module's
    start) when `deadline` falls between them, or after the scenario's last (end, end)."""
    modules = resolved.scenario.modules
    for position, module in enumerate(modules):
        inject_ids = [*(ref.id for ref in module.injects), *module.contingency]
        last = max((module.at + resolved.planned_offset(module, inject_id)
                    for inject_id in inject_ids), default=module.at)
        following = modules[position + 1].at if position + 1 < len(modules) else None
        if following is None:
            return (last, last) if deadline > last else None
        if last < deadline < following:
            return last, following
    return None


def _conditions(workspace: Workspace, loaded: LoadedScenario,
                resolved: ResolvedScenario) -> list[Problem]:
    """Every condition read is set somewhere; every condition set or declared is read."""
    scenario, document = loaded.scenario, loaded.document
    problems: list[Problem] = []
    declared = [condition.id for condition in scenario.conditions]
    for index, condition_id, first in _first_seen(declared):
        problems.append(document.problem(("conditions", index, "id"),
                                         f"duplicate condition id '{condition_id}' "
                                         f"(also condition {first + 1})"))
    sources = resolved.condition_sources()
    known = [*declared, *sources]
    read: set[str] = set()
    for inject_id, inject in resolved.injects.items():
        reader = workspace.injects[inject_id]
        places: list[tuple[DataPath, list[str]]] = []
        if inject.when is not None:
            places.append((("when",), inject.when))
        places += [(("variants", index, "when"), variant.when)
                   for index, variant in enumerate(inject.variants)]
        for data_path, when in places:
            for condition_id in condition_ids(when):
                read.add(condition_id)
                if condition_id not in known:
                    problems.append(reader.problem(
                        data_path, f"condition '{condition_id}' is set by no option and "
                                   f"declared in no `conditions:` of scenario '{scenario.id}'"
                                   f"{did_you_mean(condition_id, known)}"))
                elif condition_id not in declared and _all_set_later(
                        resolved, inject_id, sources[condition_id]):
                    problems.append(reader.problem(
                        data_path, f"condition '{condition_id}' is only set by decisions "
                                   f"planned after this inject in scenario '{scenario.id}', "
                                   "so this text is never read", severity=Severity.warning))
    for index, condition_id in enumerate(declared):
        if condition_id not in read:
            problems.append(document.problem(
                ("conditions", index, "id"), f"condition '{condition_id}' is read by no "
                                             "inject of this scenario", severity=Severity.warning))
    for condition_id, setters in sources.items():
        if condition_id in read or condition_id in declared:
            continue
        inject_id, option_id = setters[0]
        option_index = [option.id for option in resolved.injects[inject_id].options].index(
            option_id)
        problems.append(workspace.injects[inject_id].problem(
            ("options", option_index, "sets"), f"condition '{condition_id}' is read by no "
                                               f"inject of scenario '{scenario.id}'",
            severity=Severity.warning))
    return problems


def _all_set_later(resolved: ResolvedScenario, reader_id: str,
                   setters: list[tuple[str, str]]) -> bool:
    reader_at = _planned_time(resolved, reader_id)
    return reader_at is not None and all(
        (setter_at := _planned_time(resolved, inject_id)) is not None and setter_at >= reader_at
        for inject_id, _ in setters)


def _planned_time(resolved: ResolvedScenario, inject_id: str) -> timedelta | None:
    module = resolved.module_of(inject_id)
    return None if module is None else module.at + resolved.planned_offset(module, inject_id)


def _decisions(workspace: Workspace, loaded: LoadedScenario,
               played: dict[str, Inject]) -> list[Problem]:
    """`decided_by` names roles of the scenario; variants address roles it has."""
    scenario = loaded.scenario
    role_ids = [role.id for role in scenario.roles]
    problems: list[Problem] = []
    for inject_id, inject in played.items():
        loaded_inject = workspace.injects[inject_id]
        for index, role_id in enumerate(inject.decided_by):
            if role_id not in role_ids:
                problems.append(loaded_inject.problem(
                    ("decided_by", index), f"role '{role_id}' is not a role of scenario "
                                           f"'{scenario.id}'{did_you_mean(role_id, role_ids)}"))
        for index, variant in enumerate(inject.variants):
            for key in ("questions", "expected"):
                for role_id in getattr(variant, key) or {}:
                    if role_id != ALL_RECIPIENTS and role_id not in role_ids:
                        problems.append(loaded_inject.problem(
                            ("variants", index, key, role_id),
                            f"role '{role_id}' is not a role of scenario '{scenario.id}'"
                            f"{did_you_mean(role_id, role_ids)}", at_key=True))
    return problems


def _handouts_and_contacts(workspace: Workspace, loaded: LoadedScenario) -> list[Problem]:
    scenario, document = loaded.scenario, loaded.document
    role_ids = [role.id for role in scenario.roles]
    root = workspace.root
    problems: list[Problem] = []

    def unknown_role(data_path: DataPath, role_id: str) -> None:
        if role_id != ALL_RECIPIENTS and role_id not in role_ids:
            problems.append(document.problem(data_path, f"role '{role_id}' is not a role of "
                                                        f"this scenario"
                                                        f"{did_you_mean(role_id, role_ids)}"))

    for index, handout_id, first in _first_seen([item.id for item in scenario.handouts]):
        problems.append(document.problem(("handouts", index, "id"),
                                         f"duplicate handout id '{handout_id}' "
                                         f"(also handout {first + 1})"))
    for index, handout in enumerate(scenario.handouts):
        where: DataPath = ("handouts", index)
        target = (root / handout.path).resolve()
        if handout.path.startswith("/") or not target.is_relative_to(root):
            problems.append(document.problem((*where, "path"), f"handout '{handout.path}' is "
                                             "outside the workspace; use a path inside it"))
        elif not target.is_file():
            # a warning: an MSEL import or a copied scenario may bring the list before the files
            problems.append(document.problem(
                (*where, "path"), f"handout '{handout.path}' does not exist; no seat can open "
                                  "it until it does", severity=Severity.warning))
        elif target.suffix.lower() not in HANDOUT_SUFFIXES:
            problems.append(document.problem(
                (*where, "path"), f"handout '{handout.path}' is not Markdown, SVG, PNG, JPEG "
                                  "or PDF", severity=Severity.warning))
        for role_index, role_id in enumerate(handout.visible_to):
            unknown_role((*where, "visible_to", role_index), role_id)
    for index, contact in enumerate(scenario.point_of_contact):
        if contact.role is not None:
            unknown_role(("point_of_contact", index, "role"), contact.role)
    for term, expansion in scenario.glossary.items():
        if not expansion.strip():
            problems.append(document.problem(("glossary", term), f"glossary: '{term}' has no "
                                             "expansion"))
    return problems
