"""Find a scenario by path or id and resolve it with every inject it can play."""

from __future__ import annotations

from pathlib import Path

from ttx.authoring.glossary_file import read_workspace_glossary
from ttx.authoring.problems import Severity, did_you_mean
from ttx.authoring.workspace import YAML_SUFFIXES, Workspace, find_workspace_root, load_workspace
from ttx.errors import TtxError
from ttx.model.glossary import with_workspace_glossary
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
            if loaded.document.path.resolve() == as_path.resolve():
                return workspace, scenario_id
        _refuse_with_problems(workspace, {as_path.resolve()}, f"{argument} is not a valid scenario")
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
    files = {loaded.document.path.resolve()}
    files |= {workspace.injects[inject_id].document.path.resolve()
              for inject_id in wanted if inject_id in workspace.injects}
    _refuse_with_problems(workspace, files, f"scenario '{scenario_id}' has problems")
    injects = {inject_id: workspace.injects[inject_id].inject for inject_id in wanted}
    scenario = with_workspace_glossary(scenario, read_workspace_glossary(workspace.root)[0])
    return ResolvedScenario(scenario=scenario, injects=injects, source=str(loaded.document.path))


def resolve_scenario(argument: str, cwd: Path | None = None) -> ResolvedScenario:
    workspace, scenario_id = open_scenario(argument, cwd)
    return resolve(workspace, scenario_id)


def _refuse_with_problems(workspace: Workspace, files: set[Path], message: str) -> None:
    errors = [p for p in workspace.problems
              if p.severity is Severity.error and p.path.resolve() in files]
    if errors:
        raise TtxError(f"{message}: {len(errors)} error(s); fix them or run 'ttx validate'",
                       details=[str(p.relative_to(Path.cwd())) for p in errors])
