"""Find a scenario by path or id and resolve it with every inject it can play."""

from __future__ import annotations

import os
from pathlib import Path

from ttx.authoring.problems import Severity, did_you_mean
from ttx.authoring.workspace import YAML_SUFFIXES, Workspace, find_workspace_root, load_workspace
from ttx.errors import TtxError
from ttx.model.resolved import ResolvedScenario


def open_scenario(argument: str, cwd: Path | None = None) -> tuple[Workspace, str]:
    """The workspace and scenario id named by `argument`: a scenario file or an id."""
    cwd = (cwd or Path.cwd()).resolve()
    as_path = (cwd / argument) if not Path(argument).is_absolute() else Path(argument)
    if as_path.suffix in YAML_SUFFIXES or as_path.is_file():
        if not as_path.is_file():
            raise TtxError(f"no scenario file at {argument}")
        workspace = load_workspace(find_workspace_root(as_path))
        for scenario_id, loaded in workspace.scenarios.items():
            if os.path.samefile(loaded.document.path, as_path):
                return workspace, scenario_id
        _refuse_with_problems(workspace, {_absolute(as_path)},
                              f"{argument} is not a valid scenario")
        raise TtxError(f"{argument} is not a scenario: scenarios live in "
                       f"{workspace.root / 'scenarios'}")
    workspace = load_workspace(find_workspace_root(cwd))
    if argument not in workspace.scenarios:
        hint = did_you_mean(argument, workspace.scenarios)
        known = ", ".join(sorted(workspace.scenarios)) or "none"
        raise TtxError(f"no scenario '{argument}' in {workspace.root}{hint}; known: {known}")
    return workspace, argument


def resolve(workspace: Workspace, scenario_id: str) -> ResolvedScenario:
    """The scenario with its injects; refused if any file it uses has an error."""
    loaded = workspace.scenarios[scenario_id]
    scenario = loaded.scenario
    wanted: list[str] = []
    for module in scenario.modules:
        wanted += [ref.id for ref in module.injects] + list(module.contingency)
    files = {_absolute(loaded.document.path)}
    files |= {_absolute(workspace.inject_drafts[inject_id].document.path)
              for inject_id in wanted if inject_id in workspace.inject_drafts}
    _refuse_with_problems(workspace, files, f"scenario '{scenario_id}' has problems")
    missing = [inject_id for inject_id in wanted if inject_id not in workspace.injects]
    if missing:  # only when the validation could not say why (it always should)
        raise TtxError(f"scenario '{scenario_id}' plays injects that cannot be read: "
                       f"{', '.join(missing)}; run 'ttx validate'")
    injects = {inject_id: workspace.injects[inject_id].inject for inject_id in wanted}
    return ResolvedScenario(scenario=scenario, injects=injects, source=str(loaded.document.path))


def resolve_scenario(argument: str, cwd: Path | None = None) -> ResolvedScenario:
    workspace, scenario_id = open_scenario(argument, cwd)
    return resolve(workspace, scenario_id)


def _absolute(path: Path) -> Path:
    """`path` made absolute and real; `os.path.realpath` never raises on a symlink loop."""
    return Path(os.path.realpath(path))


def _refuse_with_problems(workspace: Workspace, files: set[Path], message: str) -> None:
    errors = [p for p in workspace.problems
              if p.severity is Severity.error and _absolute(p.path) in files]
    if errors:
        raise TtxError(f"{message}: {len(errors)} error(s); fix them or run 'ttx validate'",
                       details=[str(p.relative_to(Path.cwd())) for p in errors])
