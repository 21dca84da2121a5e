"""Checks across files: every reference resolves, ids are unique, nothing is left dangling."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ttx.authoring.crosscheck_design import check_design
from ttx.authoring.problems import Problem, Severity, did_you_mean
from ttx.authoring.workspace import LoadedInject, LoadedScenario, Workspace
from ttx.authoring.yaml_source import DataPath
from ttx.model import ALL_RECIPIENTS


def check_workspace(workspace: Workspace) -> list[Problem]:
    problems: list[Problem] = []
    used: set[str] = set()
    for loaded in workspace.scenarios.values():
        problems.extend(_check_scenario(workspace, loaded, used))
    for loaded_inject in workspace.injects.values():
        problems.extend(_check_inject_alone(workspace.root, loaded_inject))
        if loaded_inject.inject.id not in used and workspace.scenarios:
            problems.append(loaded_inject.problem(
                ("id",), f"inject '{loaded_inject.inject.id}' is not used by any scenario",
                severity=Severity.warning))
    problems.extend(check_design(workspace))
    return problems


def _duplicates(ids: list[str]) -> Iterator[tuple[int, str, int]]:
    """(index, id, first index) for every id seen before."""
    first: dict[str, int] = {}
    for index, item in enumerate(ids):
        if item in first:
            yield index, item, first[item]
        else:
            first[item] = index


def _check_scenario(workspace: Workspace, loaded: LoadedScenario, used: set[str]) -> list[Problem]:
    scenario, document = loaded.scenario, loaded.document
    problems: list[Problem] = []
    for key, ids in (("roles", [r.id for r in scenario.roles]),
                     ("objectives", [o.id for o in scenario.objectives]),
                     ("modules", [m.id for m in scenario.modules])):
        for index, item, first in _duplicates(ids):
            line = document.value_mark((key, first, "id")).line
            problems.append(document.problem(
                (key, index, "id"), f"duplicate id '{item}' in {key} (first at line {line})"))

    played: dict[str, DataPath] = {}
    for module_index, module in enumerate(scenario.modules):
        references: list[tuple[DataPath, str]] = [
            (("modules", module_index, "injects", index), ref.id)
            for index, ref in enumerate(module.injects)]
        references += [(("modules", module_index, "contingency", index), inject_id)
                       for index, inject_id in enumerate(module.contingency)]
        for data_path, inject_id in references:
            if inject_id in workspace.broken_injects and inject_id not in workspace.injects:
                continue  # its own file's errors are reported already
            if inject_id not in workspace.injects:
                hint = did_you_mean(inject_id, workspace.injects)
                problems.append(document.problem(data_path, f"unknown inject '{inject_id}'{hint}"))
                continue
            if inject_id in played:
                line = document.value_mark(played[inject_id]).line
                problems.append(document.problem(
                    data_path, f"inject '{inject_id}' is already played in this scenario "
                               f"(line {line}); an inject plays once per scenario"))
                continue
            played[inject_id] = data_path
    used.update(played)

    exercised: set[str] = set()
    for inject_id in played:
        loaded_inject = workspace.injects[inject_id]
        exercised.update(loaded_inject.inject.objectives)
        problems.extend(_check_inject_in(loaded, loaded_inject, set(played), workspace))
    for index, objective in enumerate(scenario.objectives):
        if objective.id not in exercised:
            problems.append(document.problem(
                ("objectives", index, "id"),
                f"objective '{objective.id}' is exercised by no inject of this scenario",
                severity=Severity.warning))
    return problems


def _check_inject_in(
    loaded: LoadedScenario, loaded_inject: LoadedInject, played: set[str], workspace: Workspace
) -> list[Problem]:
    """References from one inject that must resolve within the scenario that plays it."""
    scenario, inject = loaded.scenario, loaded_inject.inject
    role_ids = [role.id for role in scenario.roles]
    objective_ids = [objective.id for objective in scenario.objectives]
    where = f"scenario '{scenario.id}'"
    problems: list[Problem] = []

    def unknown_role(data_path: DataPath, role_id: str, *, at_key: bool) -> None:
        if role_id != ALL_RECIPIENTS and role_id not in role_ids:
            problems.append(loaded_inject.problem(
                data_path, f"role '{role_id}' is not a role of {where}"
                           f"{did_you_mean(role_id, role_ids)}", at_key=at_key))

    for index, role_id in enumerate(inject.to or []):
        unknown_role(("to", index), role_id, at_key=False)
    for key in ("questions", "expected"):
        for role_id in getattr(inject, key):
            unknown_role((key, role_id), role_id, at_key=True)
    for index, objective_id in enumerate(inject.objectives):
        if objective_id not in objective_ids:
            problems.append(loaded_inject.problem(
                ("objectives", index), f"objective '{objective_id}' is not an objective of "
                                       f"{where}{did_you_mean(objective_id, objective_ids)}"))
    for option_index, option in enumerate(inject.options):
        for target_index, target in enumerate(option.leads_to):
            data_path: DataPath = ("options", option_index, "leads_to", target_index)
            if target in workspace.broken_injects and target not in workspace.injects:
                continue
            if target not in workspace.injects:
                hint = did_you_mean(target, workspace.injects)
                problems.append(
                    loaded_inject.problem(data_path, f"unknown inject '{target}'{hint}"))
            elif target not in played and target not in workspace.broken_injects:
                problems.append(loaded_inject.problem(
                    data_path, f"'{target}' is neither played nor a contingency in {where}; "
                               "add it to a module's contingency list"))
    return problems


def _check_inject_alone(root: Path, loaded_inject: LoadedInject) -> list[Problem]:
    inject = loaded_inject.inject
    problems: list[Problem] = []
    for index, option_id, first in _duplicates([option.id for option in inject.options]):
        problems.append(loaded_inject.problem(
            ("options", index, "id"),
            f"duplicate option id '{option_id}' (also option {first + 1})"))
    for index, attachment in enumerate(inject.attachments):
        target = (root / attachment).resolve()
        if Path(attachment).is_absolute() or not target.is_relative_to(root):
            problems.append(loaded_inject.problem(
                ("attachments", index),
                f"attachment '{attachment}' is outside the workspace; use a path inside it"))
        elif not target.is_file():
            problems.append(loaded_inject.problem(
                ("attachments", index), f"attachment '{attachment}' does not exist"))
    return problems
