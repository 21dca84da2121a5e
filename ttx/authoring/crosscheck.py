"""Checks across files: every reference resolves, ids are unique, nothing is left dangling.

Each check takes the whole workspace and returns its problems; `CHECKS` lists them, so a
new check module plugs in with one entry there. The checks here read drafts (see
`draft_parts`), so a scenario or inject whose own fields have errors is still
cross-checked as far as its parts can be read.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from pydantic import AwareDatetime, TypeAdapter, ValidationError

from ttx.authoring.crosscheck_design import check_design
from ttx.authoring.draft_parts import (
    ScenarioParts,
    attachments,
    follow_ups,
    listed_ids,
    objective_refs,
    option_ids,
    recipients,
    scenario_parts,
)
from ttx.authoring.problems import Problem, Severity, did_you_mean
from ttx.authoring.role_hints import role_hint
from ttx.authoring.workspace import Draft, Workspace
from ttx.authoring.yaml_source import DataPath
from ttx.model import ALL_RECIPIENTS, Inject
from ttx.model.ids import MODULE_PATTERN, OBJECTIVE_PATTERN, ROLE_PATTERN

WorkspaceCheck = Callable[[Workspace], Iterable[Problem]]

EARLIEST_YEAR, LATEST_YEAR = 1000, 9000
"""Game time stays well inside what a date can hold, whatever the offsets and clock do."""


def check_workspace(workspace: Workspace) -> list[Problem]:
    """Every cross-file problem in the workspace, from every check in `CHECKS`."""
    problems: list[Problem] = []
    for check in CHECKS:
        problems.extend(check(workspace))
    return problems


def _duplicates(places: list[tuple[DataPath, str]]) -> Iterator[tuple[DataPath, str, DataPath]]:
    """(place, id, first place) for every id seen before."""
    first: dict[str, DataPath] = {}
    for data_path, item in places:
        if item in first:
            yield data_path, item, first[item]
        else:
            first[item] = data_path


def check_scenarios(workspace: Workspace) -> list[Problem]:
    """Per scenario: unique ids, known injects played once, a sane start, and every
    reference of every inject it plays."""
    problems: list[Problem] = []
    used: set[str] = set()
    for draft in workspace.scenario_drafts:
        parts = scenario_parts(draft)
        problems += _unique_ids(parts)
        problems += _start_in_range(parts)
        played = _played(workspace, parts, problems)
        used.update(played, parts.misspelt)
        exercised: set[str] = set()
        played_ids = set(played)  # once: a set per inject made 10,000 injects take 5 s
        for inject_id in played:
            inject_draft = workspace.inject_drafts.get(inject_id)
            if inject_draft is not None:
                exercised.update(objective for _, objective in objective_refs(inject_draft))
                problems += _inject_in(parts, inject_draft, played_ids, workspace)
        for data_path, objective_id in listed_ids(draft.data, "objectives", OBJECTIVE_PATTERN):
            if objective_id not in exercised:
                problems.append(draft.problem(
                    data_path,
                    f"objective '{objective_id}' is exercised by no inject of this scenario",
                    severity=Severity.warning))
    if workspace.scenario_drafts:
        for inject_id, inject_draft in workspace.inject_drafts.items():
            if inject_id not in used:
                problems.append(inject_draft.problem(
                    ("id",), f"inject '{inject_id}' is not used by any scenario",
                    severity=Severity.warning))
    return problems


def _unique_ids(parts: ScenarioParts) -> list[Problem]:
    draft, problems = parts.draft, []
    for key, pattern in (("roles", ROLE_PATTERN), ("objectives", OBJECTIVE_PATTERN),
                         ("modules", MODULE_PATTERN)):
        for data_path, item, first in _duplicates(listed_ids(draft.data, key, pattern)):
            line = draft.document.value_mark(first).line
            problems.append(draft.problem(
                data_path, f"duplicate id '{item}' in {key} (first at line {line})"))
    return problems


def _start_in_range(parts: ScenarioParts) -> list[Problem]:
    draft = parts.draft
    start: datetime | None = draft.model.start if draft.model else None
    if start is None and "start" in draft.data:
        try:
            start = TypeAdapter(AwareDatetime).validate_python(draft.data["start"])
        except ValidationError:
            return []  # its own field reports it
    if start is None:
        return []
    try:
        year = start.astimezone(UTC).year
    except OverflowError:
        year = start.year
    if EARLIEST_YEAR <= year < LATEST_YEAR:
        return []
    return [draft.problem(("start",), f"start: '{start.isoformat()}' is out of range: game "
                                      f"time must fall between the years {EARLIEST_YEAR} "
                                      f"and {LATEST_YEAR}")]


def _played(workspace: Workspace, parts: ScenarioParts, problems: list[Problem]) -> list[str]:
    """The known injects the scenario plays, in order; unknown and repeated ones reported."""
    played: dict[str, DataPath] = {}
    draft = parts.draft
    for data_path, inject_id in parts.planned:
        if inject_id not in workspace.inject_drafts:
            if inject_id not in workspace.broken_injects:  # else its own file reports it
                hint = did_you_mean(inject_id, workspace.inject_drafts)
                problems.append(draft.problem(data_path, f"unknown inject '{inject_id}'{hint}"))
            continue
        if inject_id in played:
            line = draft.document.value_mark(played[inject_id]).line
            problems.append(draft.problem(
                data_path, f"inject '{inject_id}' is already played in this scenario "
                           f"(line {line}); an inject plays once per scenario"))
            continue
        played[inject_id] = data_path
    return list(played)


def _inject_in(parts: ScenarioParts, inject: Draft[Inject], played: set[str],
               workspace: Workspace) -> list[Problem]:
    """References from one inject that must resolve within the scenario that plays it."""
    where = f"scenario '{parts.name}'"
    problems: list[Problem] = []
    if parts.roles is not None:
        role_ids = {role_id for role_id, _ in parts.roles}
        for data_path, role_id, at_key in recipients(inject):
            if role_id != ALL_RECIPIENTS and role_id not in role_ids:
                problems.append(inject.problem(
                    data_path, f"role '{role_id}' is not a role of {where}"
                               f"{role_hint(role_id, parts.roles)}", at_key=at_key))
    if parts.objective_ids is not None:
        for data_path, objective_id in objective_refs(inject):
            if objective_id not in parts.objective_ids:
                hint = did_you_mean(objective_id, parts.objective_ids)
                if not hint and 0 < len(parts.objective_ids) <= 8:
                    hint = f"; its objectives are {', '.join(parts.objective_ids)}"
                problems.append(inject.problem(
                    data_path, f"objective '{objective_id}' is not an objective of {where}{hint}"))
    for data_path, target in follow_ups(inject):
        if target not in workspace.inject_drafts:
            if target not in workspace.broken_injects:
                hint = did_you_mean(target, workspace.inject_drafts)
                problems.append(inject.problem(data_path, f"unknown inject '{target}'{hint}"))
        elif target not in played:
            problems.append(inject.problem(
                data_path, f"'{target}' is neither played nor a contingency in {where}; "
                           "add it to a module's contingency list"))
    return problems


def check_injects_alone(workspace: Workspace) -> list[Problem]:
    """What an inject must get right whichever scenario plays it: option ids, attachments."""
    problems: list[Problem] = []
    for inject in workspace.inject_drafts.values():
        for data_path, option_id, first in _duplicates(option_ids(inject)):
            problems.append(inject.problem(
                data_path, f"duplicate option id '{option_id}' (also option {int(first[1]) + 1})"))
        for data_path, attachment in attachments(inject):
            problem = _attachment_problem(workspace.root, attachment)
            if problem:
                problems.append(inject.problem(data_path, problem))
    return problems


def _attachment_problem(root: Path, attachment: str) -> str | None:
    if any(ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 for char in attachment):
        return "attachment path holds a control character; write a plain file path"
    target = Path(os.path.realpath(root / attachment))
    if Path(attachment).is_absolute() or not target.is_relative_to(root):
        return f"attachment '{attachment}' is outside the workspace; use a path inside it"
    if not os.path.isfile(target):
        return f"attachment '{attachment}' does not exist"
    return None


CHECKS: tuple[WorkspaceCheck, ...] = (check_scenarios, check_injects_alone, check_design)
"""Every cross-file check `load_workspace` runs; add a check module's entry point here."""
