"""Write an imported MSEL into a workspace: YAML a person could have written, all or nothing.

Files are first written to a hidden folder inside the workspace and validated there;
only then are they moved into place, and the workspace is validated once more (the
move is undone if that finds a new error). Existing files are replaced only when asked.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from ttx.authoring.problems import Severity
from ttx.authoring.scaffold import schema_comment, write_schemas
from ttx.authoring.workspace import INJECTS_DIR, SCENARIOS_DIR, Workspace, load_workspace
from ttx.errors import TtxError
from ttx.msel.importer import ImportPlan

_FLOW_KEYS = frozenset({"to", "objectives", "leads_to", "tags"})


class _FlowList(list[Any]):
    """A short list of ids, written on one line: `to: [US, JPN]`."""


class _Dumper(yaml.SafeDumper):
    """Block style with list items indented under their key, `|` for multi-line text,
    double quotes where a plain scalar would not do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_STR_TAG = "tag:yaml.org,2002:str"
_ALWAYS_QUOTED = re.compile(r"\+\d+:\d\d|\d{4}-\d\d-\d\dT.*")


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    if "\n" in text and text == text.rstrip(" ") and "\t" not in text:
        return dumper.represent_scalar(_STR_TAG, text, style="|")
    analysis = dumper.analyze_scalar(text)
    plain = (analysis.allow_block_plain and analysis.allow_flow_plain and not analysis.empty
             and not analysis.multiline
             and dumper.resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG
             and not _ALWAYS_QUOTED.fullmatch(text))
    return dumper.represent_scalar(_STR_TAG, text, style=None if plain else '"')


def _represent_flow(dumper: yaml.SafeDumper, items: _FlowList) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=True)


_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(_FlowList, _represent_flow)


def _with_flow_lists(data: Any, key: str = "") -> Any:
    if isinstance(data, dict):
        return {k: _with_flow_lists(v, k) for k, v in data.items()}
    if isinstance(data, list):
        items = [_with_flow_lists(item) for item in data]
        if key in _FLOW_KEYS and all(isinstance(i, str) and "\n" not in i for i in items):
            return _FlowList(items)
        return items
    return data


def yaml_text(model: BaseModel, kind: str, path: Path, root: Path) -> str:
    """The model as a YAML file at `path` in workspace `root`: schema line first, no default
    values, keys in field order, multi-line text as `|` blocks."""
    data = model.model_dump(exclude_defaults=True, by_alias=True, mode="json")
    body = yaml.dump(_with_flow_lists(data), Dumper=_Dumper, sort_keys=False,
                     allow_unicode=True, width=1_000_000, default_flow_style=False, indent=2)
    return f"{schema_comment(kind, path, root)}\n{body}"  # type: ignore[arg-type]


def planned_files(plan: ImportPlan, root: Path) -> dict[Path, str]:
    """Workspace-relative path → text of every file the import writes."""
    scenario_id = plan.scenario.id
    files: dict[Path, str] = {}
    for inject in plan.injects:
        relative = Path(INJECTS_DIR) / scenario_id / f"{inject.id}.yaml"
        files[relative] = yaml_text(inject, "inject", root / relative, root)
    relative = Path(SCENARIOS_DIR) / f"{scenario_id}.yaml"
    files[relative] = yaml_text(plan.scenario, "scenario", root / relative, root)
    return files


def write_import(plan: ImportPlan, root: Path, *, force: bool = False) -> list[Path]:
    """Write the plan's files into `root`; refused, with nothing written, if any exists
    (without `force`), if an id is taken by another file, or if the result does not validate.
    """
    root = root.resolve()
    files = planned_files(plan, root)
    existing = [root / relative for relative in files if (root / relative).exists()]
    if existing and not force:
        raise TtxError(f"nothing imported: {len(existing)} file(s) exist; use --force to "
                       "replace them", details=[f"{path}: exists" for path in existing])
    before = load_workspace(root)
    _refuse_taken_ids(plan, before, {root / r for r in files})
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".ttx-import-", dir=root))
    try:
        for relative, text in files.items():
            (staging / relative).parent.mkdir(parents=True, exist_ok=True)
            (staging / relative).write_text(text, encoding="utf-8")
        staged = load_workspace(staging)
        _refuse_errors(staged, staging, root, "the imported files do not validate")
        _move_into_place(files, staging, root, before)
        write_schemas(root)
    except OSError as error:
        raise TtxError(f"nothing imported: cannot write in {root}: {error.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [root / relative for relative in files]


def _refuse_taken_ids(plan: ImportPlan, workspace: Workspace, ours: set[Path]) -> None:
    taken = []
    for inject in plan.injects:
        loaded = workspace.injects.get(inject.id)
        if loaded is not None and loaded.document.path.resolve() not in ours:
            taken.append(f"{loaded.document.path}: error: inject id '{inject.id}' is taken")
    loaded_scenario = workspace.scenarios.get(plan.scenario.id)
    if loaded_scenario is not None and loaded_scenario.document.path.resolve() not in ours:
        taken.append(f"{loaded_scenario.document.path}: error: scenario id "
                     f"'{plan.scenario.id}' is taken")
    if taken:
        raise TtxError("nothing imported: ids already used in the workspace (give another "
                       "--scenario id, or change the Inject ID column)", details=taken)


def _refuse_errors(workspace: Workspace, shown_root: Path, real_root: Path, message: str,
                   known: set[str] | None = None) -> None:
    errors = [p for p in workspace.problems if p.severity is Severity.error
              and str(p) not in (known or set())]
    if errors:
        details = [str(p).replace(str(shown_root), str(real_root), 1) for p in errors]
        raise TtxError(f"nothing imported: {message}", details=details)


def _move_into_place(files: dict[Path, str], staging: Path, root: Path,
                     before: Workspace) -> None:
    backups = staging / ".replaced"
    moved: list[Path] = []
    try:
        for relative in files:
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():
                (backups / relative).parent.mkdir(parents=True, exist_ok=True)
                os.replace(target, backups / relative)
            os.replace(staging / relative, target)
            moved.append(relative)
        after = load_workspace(root)
        _refuse_errors(after, root, root, "the workspace would not validate",
                       {str(p) for p in before.problems})
    except BaseException:
        for relative in moved:
            (root / relative).unlink(missing_ok=True)
            if (backups / relative).exists():
                os.replace(backups / relative, root / relative)
        raise
