"""A workspace: `scenarios/` and `injects/` read into models, with every problem found.

Each file is read as far as it can be. A scenario or inject whose own fields have errors
is still kept as a *draft* (its plain data and positions), so the cross-checks can read
its ids and references: one bad field never hides another.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from ttx.authoring.id_forms import nearest_valid_form
from ttx.authoring.model_problems import validate_model
from ttx.authoring.problems import Location, Problem, Severity, sort_problems
from ttx.authoring.workspace_root import INJECTS_DIR as INJECTS_DIR
from ttx.authoring.workspace_root import SCENARIOS_DIR as SCENARIOS_DIR
from ttx.authoring.workspace_root import find_workspace_root as find_workspace_root
from ttx.authoring.workspace_root import real_location as real_location
from ttx.authoring.yaml_source import DataPath, YamlDocument, YamlRefused, parse_yaml
from ttx.gc_pause import gc_paused
from ttx.model import Inject, Scenario
from ttx.model.ids import SLUG_PATTERN

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


ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True)
class Draft(Generic[ModelT]):
    """One scenario or inject mapping as written, valid or not."""

    document: YamlDocument
    base: DataPath
    """Where the mapping sits in its file: `()` or `(index,)` in a list file."""
    data: dict[str, Any]
    model: ModelT | None
    """The validated model, or None when the mapping's own fields have errors."""

    @property
    def id(self) -> str | None:
        value = self.data.get("id")
        return value if isinstance(value, str) else None

    def problem(self, data_path: DataPath, message: str, *,
                severity: Severity = Severity.error, at_key: bool = False) -> Problem:
        return self.document.problem((*self.base, *data_path), message,
                                     severity=severity, at_key=at_key)

    def location(self, data_path: DataPath) -> Location:
        mark = self.document.value_mark((*self.base, *data_path))
        return Location(self.document.path, mark.line, mark.column)


@dataclass
class Workspace:
    """Everything authored in one workspace folder."""

    root: Path
    scenarios: dict[str, LoadedScenario] = field(default_factory=dict)
    injects: dict[str, LoadedInject] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    broken_injects: set[str] = field(default_factory=set)
    """Ids of injects with errors of their own (and the names of inject files that cannot be
    read at all): known, so references to them do not cascade."""
    scenario_drafts: list[Draft[Scenario]] = field(default_factory=list)
    """Every scenario mapping, valid or not, in file order; duplicates of an id left out."""
    inject_drafts: dict[str, Draft[Inject]] = field(default_factory=dict)
    """Every inject mapping with an id, valid or not: the first of each id."""
    linked_files: set[Path] = field(default_factory=set)
    """The files read that are symlinks. Every other file was found under the (real)
    root without following a link, so its path is already its real path."""

    def real_path(self, path: Path) -> Path:
        """`path` made absolute and real: at no cost for a file this workspace found
        under its root (most of them), through `os.path.realpath` otherwise (which
        never raises on a symlink loop)."""
        if path in self.linked_files or not path.is_absolute() \
                or not str(path).startswith(f"{self.root}{os.sep}") or ".." in path.parts:
            return Path(os.path.realpath(path))
        return path


def yaml_files(folder: Path) -> list[Path]:
    """YAML files under `folder`, recursively, in a stable order; hidden ones skipped.

    Symlinked folders are not followed (a loop would never end); `_symlink_problem`
    reports them.
    """
    return [path for path, _ in _yaml_entries(folder)]


def _yaml_entries(folder: Path) -> list[tuple[Path, bool]]:
    """`yaml_files` with whether each is a symlink, read from the folder listing (no
    call to the system per file), in the order of their paths' parts."""
    found: list[tuple[tuple[str, ...], bool]] = []

    def walk(directory: str, parts: tuple[str, ...]) -> None:
        try:
            with os.scandir(directory) as listing:
                entries = list(listing)
        except OSError:
            return  # unreadable or gone: as `os.walk`, nothing from it
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                walk(entry.path, (*parts, entry.name))
            elif entry.is_symlink() and _leads_to_folder(entry):
                found.append(((*parts, entry.name), True))  # refused, never followed
            elif entry.name.endswith(YAML_SUFFIXES):
                found.append(((*parts, entry.name), entry.is_symlink()))

    walk(str(folder), ())
    found.sort()
    return [(folder.joinpath(*parts), is_link) for parts, is_link in found]


def _leads_to_folder(link: os.DirEntry[str]) -> bool:
    try:
        return link.is_dir()
    except OSError:  # a loop of links: read as a file, which reports it
        return False


def load_workspace(root: Path) -> Workspace:
    """Read every scenario and inject under `root` and cross-check them."""
    from ttx.authoring.crosscheck import check_workspace

    workspace = Workspace(root=root.resolve())
    with gc_paused():
        for path, is_link in _yaml_entries(workspace.root / INJECTS_DIR):
            _load_injects(workspace, path, is_link)
        for path, is_link in _yaml_entries(workspace.root / SCENARIOS_DIR):
            _load_scenario(workspace, path, is_link)
        workspace.problems.extend(check_workspace(workspace))
    workspace.problems = sort_problems(workspace.problems)
    return workspace


def _symlink_problem(root: Path, path: Path) -> Problem | None:
    """A symlink that leads out of the workspace, or a symlinked folder, is refused.

    A workspace is what is checked, versioned and snapshotted together; a file that lives
    elsewhere would change under it unseen.
    """
    if not os.path.islink(path):
        return None
    target = Path(os.path.realpath(path))
    if os.path.isdir(path):
        return Problem(path, 1, 1, Severity.error,
                       f"a symlinked folder (to {target}); ttx does not follow it: "
                       "move or copy the files here")
    if not target.is_relative_to(os.path.realpath(root)):
        return Problem(path, 1, 1, Severity.error,
                       f"a symlink to {target}, outside the workspace; ttx reads only files "
                       "inside it: copy the file here")
    return None


def _read(workspace: Workspace, path: Path, is_link: bool) -> YamlDocument | None:
    if is_link:
        workspace.linked_files.add(path)
    refused = _symlink_problem(workspace.root, path) if is_link else None
    if refused is not None:
        workspace.problems.append(refused)
        return None
    try:
        document = parse_yaml(path)
    except YamlRefused as error:
        workspace.problems.append(error.problem)
        return None
    workspace.problems.extend(document.problems)
    return document


def duplicate(draft: Draft[Any], earlier: Draft[Any], message: str) -> Problem:
    """`message` at the later draft's id, naming the earlier one's place too."""
    problem = draft.problem(("id",), message)
    return replace(problem, also=earlier.location(("id",)))


def _load_scenario(workspace: Workspace, path: Path, is_link: bool) -> None:
    document = _read(workspace, path, is_link)
    if document is None:
        return
    scenario, problems = validate_model(Scenario, document.data, document)
    workspace.problems.extend(problems)
    if not isinstance(document.data, dict):
        return
    draft = Draft(document, (), document.data, scenario)
    earlier = next((d for d in workspace.scenario_drafts
                    if draft.id is not None and d.id == draft.id), None)
    if earlier is not None:
        workspace.problems.append(duplicate(draft, earlier, f"duplicate scenario id '{draft.id}'"))
        return
    workspace.scenario_drafts.append(draft)
    if draft.id is not None and path.stem != draft.id:
        workspace.problems.append(document.problem(
            ("id",), f"scenario id '{draft.id}' differs from its file name '{path.name}'",
            severity=Severity.warning))
    if scenario is not None:
        workspace.scenarios[scenario.id] = LoadedScenario(scenario, document)


def _load_injects(workspace: Workspace, path: Path, is_link: bool) -> None:
    document = _read(workspace, path, is_link)
    if document is None:
        workspace.broken_injects.add(path.stem)
        return
    if isinstance(document.data, list):
        entries: Iterable[tuple[DataPath, object]] = (
            ((index,), item) for index, item in enumerate(document.data))
    else:
        entries = [((), document.data)]
    for base, data in entries:
        inject, problems = validate_model(Inject, data, document, base)
        workspace.problems.extend(problems)
        if not isinstance(data, dict):
            continue
        draft = Draft(document, base, data, inject)
        inject_id = draft.id
        if inject_id is not None and not re.fullmatch(SLUG_PATTERN, inject_id):
            # its own field says so, with the nearest valid form; references written in
            # that form find this draft, and are not reported again as unknown
            workspace.broken_injects.add(inject_id)
            inject_id = nearest_valid_form(inject_id, SLUG_PATTERN)
        if inject_id is None:
            continue
        earlier = workspace.inject_drafts.get(inject_id)
        if earlier is not None:
            workspace.problems.append(
                duplicate(draft, earlier, f"duplicate inject id '{inject_id}'"))
            continue
        workspace.inject_drafts[inject_id] = draft
        if inject is None or document.problems:
            workspace.broken_injects.add(inject_id)
        if inject is not None:
            workspace.injects[inject.id] = LoadedInject(inject, document, base)
