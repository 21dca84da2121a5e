"""A workspace: `scenarios/` and `injects/` read into models, with every problem found."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ttx.authoring.model_problems import validate_model
from ttx.authoring.problems import Problem, Severity, sort_problems
from ttx.authoring.yaml_source import DataPath, YamlDocument, YamlRefused, parse_yaml
from ttx.gc_pause import gc_paused
from ttx.model import Inject, Scenario

SCENARIOS_DIR = "scenarios"
INJECTS_DIR = "injects"
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class LoadedScenario:
    scenario: Scenario
    document: YamlDocument


@dataclass(frozen=True)
class LoadedInject:
    inject: Inject
    document: YamlDocument
    base: DataPath
    """Where the inject's mapping sits in its file: `()` or `(index,)` in a list file."""

    def problem(self, data_path: DataPath, message: str, *,
                severity: Severity = Severity.error, at_key: bool = False) -> Problem:
        return self.document.problem((*self.base, *data_path), message,
                                     severity=severity, at_key=at_key)


@dataclass
class Workspace:
    """Everything authored in one workspace folder."""

    root: Path
    scenarios: dict[str, LoadedScenario] = field(default_factory=dict)
    injects: dict[str, LoadedInject] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    broken_injects: set[str] = field(default_factory=set)
    """Ids of injects whose files have errors: known, so references to them do not cascade."""

    def scenario_path(self, scenario_id: str) -> Path | None:
        loaded = self.scenarios.get(scenario_id)
        return loaded.document.path if loaded else None


def find_workspace_root(start: Path) -> Path:
    """The nearest folder at or above `start` holding `scenarios/` or `injects/`."""
    start = start.resolve()
    here = start if start.is_dir() else start.parent
    for folder in (here, *here.parents):
        if (folder / SCENARIOS_DIR).is_dir() or (folder / INJECTS_DIR).is_dir():
            return folder
    return here


def yaml_files(folder: Path) -> list[Path]:
    """YAML files under `folder`, recursively, in a stable order; hidden ones skipped."""
    found: list[Path] = []
    for directory, subdirectories, files in os.walk(folder):
        subdirectories[:] = [name for name in subdirectories if not name.startswith(".")]
        found += [Path(directory, name) for name in files
                  if name.endswith(YAML_SUFFIXES) and not name.startswith(".")]
    return sorted(found)


def load_workspace(root: Path) -> Workspace:
    """Read every scenario and inject under `root` and cross-check them."""
    from ttx.authoring.crosscheck import check_workspace

    workspace = Workspace(root=root.resolve())
    with gc_paused():
        for path in yaml_files(workspace.root / INJECTS_DIR):
            _load_injects(workspace, path)
        for path in yaml_files(workspace.root / SCENARIOS_DIR):
            _load_scenario(workspace, path)
        workspace.problems.extend(check_workspace(workspace))
    workspace.problems = sort_problems(workspace.problems)
    return workspace


def _read(workspace: Workspace, path: Path) -> YamlDocument | None:
    try:
        return parse_yaml(path)
    except YamlRefused as refused:
        workspace.problems.append(refused.problem)
        return None


def _load_scenario(workspace: Workspace, path: Path) -> None:
    document = _read(workspace, path)
    if document is None:
        return
    scenario, problems = validate_model(Scenario, document.data, document)
    workspace.problems.extend(problems)
    if scenario is None:
        return
    earlier = workspace.scenarios.get(scenario.id)
    if earlier is not None:
        mark = earlier.document.value_mark(("id",))
        workspace.problems.append(document.problem(
            ("id",), f"duplicate scenario id '{scenario.id}' "
                     f"(also in {earlier.document.path}:{mark.line}:{mark.column})"))
        return
    if path.stem != scenario.id:
        workspace.problems.append(document.problem(
            ("id",), f"scenario id '{scenario.id}' differs from its file name '{path.name}'",
            severity=Severity.warning))
    workspace.scenarios[scenario.id] = LoadedScenario(scenario, document)


def _load_injects(workspace: Workspace, path: Path) -> None:
    document = _read(workspace, path)
    if document is None:
        return
    if isinstance(document.data, list):
        entries: Iterable[tuple[DataPath, object]] = (
            ((index,), item) for index, item in enumerate(document.data))
    else:
        entries = [((), document.data)]
    for base, data in entries:
        inject, problems = validate_model(Inject, data, document, base)
        workspace.problems.extend(problems)
        if inject is None:
            if isinstance(data, dict) and isinstance(data.get("id"), str):
                workspace.broken_injects.add(data["id"])
            continue
        earlier = workspace.injects.get(inject.id)
        if earlier is not None:
            mark = earlier.document.value_mark((*earlier.base, "id"))
            workspace.problems.append(document.problem(
                (*base, "id"), f"duplicate inject id '{inject.id}' "
                               f"(also in {earlier.document.path}:{mark.line}:{mark.column})"))
            continue
        workspace.injects[inject.id] = LoadedInject(inject, document, base)
