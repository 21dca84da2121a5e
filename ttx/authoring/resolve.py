"""Find a scenario by path or id and resolve it with every inject it can play."""

from __future__ import annotations

import os
from pathlib import Path

from ttx.authoring.draft_parts import scenario_parts
from ttx.authoring.glossary_file import read_workspace_glossary
from ttx.authoring.problems import Problem, Severity, did_you_mean
from ttx.authoring.workspace import (
    YAML_SUFFIXES,
    Draft,
    Workspace,
    find_workspace_root,
    load_workspace,
)
from ttx.errors import TtxError
from ttx.model import Scenario
from ttx.model.glossary import with_workspace_glossary
from ttx.model.resolved import ResolvedScenario


def find_scenario(argument: str, cwd: Path | None = None) -> tuple[Workspace, Draft[Scenario]]:
    """The workspace and the scenario named by `argument` (a scenario file or an id), valid
    or not; refused only when there is no such scenario at all."""
    cwd = (cwd or Path.cwd()).resolve()
    as_path = (cwd / argument) if not Path(argument).is_absolute() else Path(argument)
    if as_path.suffix in YAML_SUFFIXES or as_path.is_file():
        if not as_path.is_file():
            raise TtxError(f"no scenario file at {argument}")
        workspace = load_workspace(find_workspace_root(as_path))
        for draft in workspace.scenario_drafts:
            if os.path.samefile(draft.document.path, as_path):
                return workspace, draft
        _refuse_with_problems(workspace, {_absolute(as_path)},
                              f"{argument} is not a valid scenario")
        raise TtxError(f"{argument} is not a scenario: scenarios live in "
                       f"{workspace.root / 'scenarios'}")
    workspace = load_workspace(find_workspace_root(cwd))
    for draft in workspace.scenario_drafts:
        if draft.id == argument:
            return workspace, draft
    known_ids = [draft.id for draft in workspace.scenario_drafts if draft.id]
    hint = did_you_mean(argument, known_ids)
    known = ", ".join(sorted(known_ids)) or "none"
    raise TtxError(f"no scenario '{argument}' in {workspace.root}{hint}; known: {known}")


def open_scenario(argument: str, cwd: Path | None = None) -> tuple[Workspace, str]:
    """The workspace and the id of the valid scenario named by `argument`."""
    workspace, draft = find_scenario(argument, cwd)
    if draft.model is None:
        _refuse_with_problems(workspace, {workspace.real_path(draft.document.path)},
                              f"scenario '{draft.id or argument}' has problems")
        raise TtxError(f"scenario '{draft.id or argument}' cannot be read; run 'ttx validate'")
    return workspace, draft.model.id


def scenario_files(workspace: Workspace, draft: Draft[Scenario]) -> set[Path]:
    """The real paths of the scenario's file and of every inject file it plays."""
    files = {workspace.real_path(draft.document.path)}
    for _, inject_id in scenario_parts(draft).planned:
        inject = workspace.inject_drafts.get(inject_id)
        if inject is not None:
            files.add(workspace.real_path(inject.document.path))
    return files


def file_problems(workspace: Workspace, files: set[Path]) -> list[Problem]:
    """The workspace's problems in these files (errors and warnings)."""
    return [p for p in workspace.problems if workspace.real_path(p.path) in files]


def resolve(workspace: Workspace, scenario_id: str) -> ResolvedScenario:
    """The scenario with its injects; refused if any file it uses has an error."""
    loaded = workspace.scenarios[scenario_id]
    draft = next(d for d in workspace.scenario_drafts if d.model is loaded.scenario)
    _refuse_with_problems(workspace, scenario_files(workspace, draft),
                          f"scenario '{scenario_id}' has problems")
    scenario = loaded.scenario
    wanted: list[str] = []
    for module in scenario.modules:
        wanted += [ref.id for ref in module.injects] + list(module.contingency)
    missing = [inject_id for inject_id in wanted if inject_id not in workspace.injects]
    if missing:  # only when the validation could not say why (it always should)
        raise TtxError(f"scenario '{scenario_id}' plays injects that cannot be read: "
                       f"{', '.join(missing)}; run 'ttx validate'")
    injects = {inject_id: workspace.injects[inject_id].inject for inject_id in wanted}
    scenario = with_workspace_glossary(scenario, read_workspace_glossary(workspace.root)[0])
    return ResolvedScenario(scenario=scenario, injects=injects, source=str(loaded.document.path))


def resolve_scenario(argument: str, cwd: Path | None = None) -> ResolvedScenario:
    workspace, scenario_id = open_scenario(argument, cwd)
    return resolve(workspace, scenario_id)


def _absolute(path: Path) -> Path:
    """`path` made absolute and real; `os.path.realpath` never raises on a symlink loop."""
    return Path(os.path.realpath(path))


def _refuse_with_problems(workspace: Workspace, files: set[Path], message: str) -> None:
    errors = [p for p in file_problems(workspace, files) if p.severity is Severity.error]
    if errors:
        raise TtxError(f"{message}: {len(errors)} error(s); fix them or run 'ttx validate'",
                       details=[str(p.relative_to(Path.cwd())) for p in errors])
