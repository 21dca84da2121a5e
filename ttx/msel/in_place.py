"""An imported MSEL set against the workspace it goes into: the files to create or update.

**A new scenario** (its id is not in the workspace): every inject is a new file under
`injects/<scenario>/`, and an inject id the workspace already uses is refused.

**In place** (the workspace has the scenario: export, edit, import back):

* an inject the workspace does not have is a new file under `injects/<scenario>/`;
* one it has is compared with the sheet field by field (whitespace at the ends aside).
  Unchanged, it is left alone. Changed and played by no other scenario, its own file is
  updated where it is. Changed and played by other scenarios too (the `common-*` injects),
  the import is refused, naming them, unless `update_shared`: then the shared file itself
  is updated, for every scenario. It is never copied;
* a planned inject's time goes into the scenario's module list as `{id, at}` where it
  differs from the inject's own `at`; the inject file keeps its own. A contingency has no
  such override, so a changed time there is a change of the inject's `at`;
* what an MSEL has no column for (attachments) is kept from the file;
* the scenario is rebuilt from the sheet (where a CSV has no Exercise sheet, the
  workspace's scenario supplies its title, roles, objectives and modules: see
  `exercise_from_scenario`); injects it no longer plays stay where they are, and are
  listed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ttx.authoring.workspace import INJECTS_DIR, SCENARIOS_DIR, LoadedInject, Workspace
from ttx.errors import TtxError
from ttx.model import Inject, ModuleInject, Scenario, format_offset
from ttx.msel.design import DESIGN_FIELD, design_cell
from ttx.msel.importer import ImportPlan
from ttx.msel.problems import ProblemLog
from ttx.msel.read import ExerciseInfo
from ttx.msel.yaml_out import lost_comments, model_data, rewritten_text, yaml_text

SHEET_FIELDS = ("title", "sender", "to", "method", "body", "questions", "expected",
                "objectives", "options", "control_only", "notes", "tags")
"""Inject fields an MSEL row carries (besides `id` and the time)."""


@dataclass
class FileChange:
    """One file the import writes."""

    path: Path
    text: str
    created: bool
    summary: str
    """What changes, for `--check`: `new inject`, `title, body`, `modules`."""


@dataclass
class ImportChanges:
    """Everything an import would do to a workspace; `refused` errors stop all of it."""

    files: list[FileChange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    refused: ProblemLog = field(default_factory=ProblemLog)
    in_place: bool = False


def exercise_from_scenario(scenario: Scenario) -> ExerciseInfo:
    """What an Exercise sheet would say of `scenario`: for importing a CSV in place."""
    design = design_cell(scenario)
    return ExerciseInfo(
        fields={"title": scenario.title, "scenario id": scenario.id,
                "classification": scenario.classification,
                "start": scenario.start.isoformat(), "sponsor": scenario.sponsor,
                "scope": scenario.scope, "summary": scenario.summary,
                **({DESIGN_FIELD.casefold(): design} if design else {})},
        objectives={o.id: (o.text, o.capability) for o in scenario.objectives},
        roles={r.id: (r.name, r.kind.value, list(r.members)) for r in scenario.roles},
        modules={m.title: (m.id, format_offset(m.at), m.situation) for m in scenario.modules})


def _leave_glossary_to_the_workspace(plan: ImportPlan, workspace: Workspace) -> None:
    """A sheet carries the glossary as the scenario read it (merged over the workspace's
    `glossary.yaml`); terms the workspace file gives alike stay in that file only."""
    from ttx.authoring.glossary_file import read_workspace_glossary

    terms = read_workspace_glossary(workspace.root)[0]
    if terms and plan.scenario.glossary:
        own = {term: text for term, text in plan.scenario.glossary.items()
               if terms.get(term) != text}
        plan.scenario = plan.scenario.model_copy(update={"glossary": own})


def plan_changes(plan: ImportPlan, workspace: Workspace, *,
                 update_shared: bool = False) -> ImportChanges:
    """The files `plan` creates or updates in `workspace`, and what it refuses."""
    scenario_id = plan.scenario.id
    _leave_glossary_to_the_workspace(plan, workspace)
    loaded = workspace.scenarios.get(scenario_id)
    changes = ImportChanges(in_place=loaded is not None)
    root = workspace.root
    edits = _FileEdits()
    placed = {inject.id: inject for inject in plan.injects}
    players = _players_elsewhere(workspace, scenario_id)
    overrides: dict[str, Any] = {}
    for inject in plan.injects:
        existing = workspace.injects.get(inject.id)
        if inject.id in workspace.broken_injects:
            _refuse(changes, plan, inject.id, f"inject '{inject.id}' is in the workspace but "
                    "its file has errors; fix them first ('ttx validate')")
        elif existing is None:
            path = root / INJECTS_DIR / scenario_id / f"{inject.id}.yaml"
            changes.files.append(FileChange(path, yaml_text(inject, "inject", path, root),
                                            True, "new inject"))
        elif loaded is None:
            _refuse(changes, plan, inject.id, f"inject id '{inject.id}' is taken by "
                    f"{_shown(existing.document.path, root)}: give another --scenario id, or "
                    "change the Inject ID column")
        else:
            contingency = _is_contingency(plan.scenario, inject.id)
            own_at = existing.inject.at
            if not contingency and inject.at != own_at:
                overrides[inject.id] = inject.at
            sheet_view = inject if contingency else inject.model_copy(update={"at": own_at})
            changed = _changed_fields(existing.inject, sheet_view, with_at=contingency)
            if not changed:
                continue
            others = sorted(players.get(inject.id, set()))
            if others and not update_shared:
                _refuse(changes, plan, inject.id, _shared_message(
                    existing, others, changed, root))
                continue
            merged = existing.inject.model_copy(update={k: getattr(sheet_view, k)
                                                        for k in changed})
            edits.set_inject(existing, merged, ", ".join(changed)
                             + (f" (shared with {', '.join(others)})" if others else ""))
    scenario = _with_overrides(plan.scenario, overrides)
    if loaded is None:
        path = root / SCENARIOS_DIR / f"{scenario_id}.yaml"
        changes.files.append(FileChange(path, yaml_text(scenario, "scenario", path, root),
                                        True, "new scenario"))
    else:
        changed_keys = [key for key in type(scenario).model_fields
                        if getattr(scenario, key) != getattr(loaded.scenario, key)]
        if changed_keys:
            edits.set_whole(loaded.document.path, model_data(scenario, loaded.document.data),
                            ", ".join(changed_keys))
        dropped = [ref for ref in _played(loaded.scenario) if ref not in placed]
        if dropped:
            changes.notes.append(f"no longer played by '{scenario_id}', kept in the "
                                 f"workspace: {', '.join(dropped)}")
    for change in edits.changes(root):
        changes.files.append(change)
        lost = lost_comments(change.old_text)
        if lost:
            changes.notes.append(f"{_shown(change.path, root)}: {lost} comment line"
                                 f"{'s' if lost != 1 else ''} inside values not kept")
    return changes


def _refuse(changes: ImportChanges, plan: ImportPlan, inject_id: str, message: str) -> None:
    changes.refused.add(plan.problem_at(inject_id, message))


def _shared_message(existing: LoadedInject, others: list[str], changed: list[str],
                    root: Path) -> str:
    return (f"inject '{existing.inject.id}' ({_shown(existing.document.path, root)}) is "
            f"shared with scenario{'s' if len(others) > 1 else ''} {', '.join(others)}; "
            f"the sheet changes its {', '.join(changed)}: give --update-shared to change it "
            "for every scenario, or a new Inject ID to give this scenario its own inject")


def _shown(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def _played(scenario: Scenario) -> list[str]:
    return [inject_id for module in scenario.modules
            for inject_id in [*(ref.id for ref in module.injects), *module.contingency]]


def _players_elsewhere(workspace: Workspace, scenario_id: str) -> dict[str, set[str]]:
    """Inject id → the other scenarios that play it."""
    players: dict[str, set[str]] = {}
    for other_id, other in workspace.scenarios.items():
        if other_id != scenario_id:
            for inject_id in _played(other.scenario):
                players.setdefault(inject_id, set()).add(other_id)
    return players


def _is_contingency(scenario: Scenario, inject_id: str) -> bool:
    return any(inject_id in module.contingency for module in scenario.modules)


def _with_overrides(scenario: Scenario, overrides: dict[str, Any]) -> Scenario:
    """The scenario whose module lists carry `{id, at}` for the injects in `overrides`."""
    modules = [module.model_copy(update={"injects": [
        ModuleInject(id=ref.id, at=overrides.get(ref.id)) for ref in module.injects]})
        for module in scenario.modules]
    return scenario.model_copy(update={"modules": modules})


def _changed_fields(existing: Inject, sheet: Inject, *, with_at: bool) -> list[str]:
    names = (*SHEET_FIELDS, "at") if with_at else SHEET_FIELDS
    before, after = _comparable(existing), _comparable(sheet)
    return [name for name in names if before[name] != after[name]]


def _comparable(inject: Inject) -> dict[str, Any]:
    """The inject as the sheet can say it: ends of texts stripped, labels on one line,
    no recipients the same as all players."""
    data = inject.model_dump(mode="json")
    data["to"] = data["to"] or ["all"]
    for option in data["options"]:
        option["label"] = " ".join(option["label"].split())
    return _stripped(data)


def _stripped(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return [_stripped(item) for item in value]
    if isinstance(value, dict):
        return {key: _stripped(item) for key, item in value.items()}
    return value


@dataclass
class _Edit:
    path: Path
    old_text: str
    data: Any
    summaries: list[str] = field(default_factory=list)


@dataclass
class _PendingChange(FileChange):
    old_text: str = ""


class _FileEdits:
    """Updates of existing files, several injects of one list file together."""

    def __init__(self) -> None:
        self.edits: dict[Path, _Edit] = {}

    def _edit(self, path: Path, data: Any) -> _Edit:
        if path not in self.edits:
            try:
                old_text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise TtxError(f"nothing imported: cannot read {path}: {error}") from None
            self.edits[path] = _Edit(path, old_text, data)
        return self.edits[path]

    def set_inject(self, existing: LoadedInject, merged: Inject, summary: str) -> None:
        document = existing.document
        if existing.base:
            edit = self._edit(document.path, list(document.data))
            index = existing.base[0]
            edit.data[index] = model_data(merged, document.data[index])
            edit.summaries.append(f"{merged.id}: {summary}")
        else:
            edit = self._edit(document.path, model_data(merged, document.data))
            edit.summaries.append(summary)

    def set_whole(self, path: Path, data: Any, summary: str) -> None:
        self._edit(path, data).summaries.append(summary)

    def changes(self, root: Path) -> Iterable[_PendingChange]:
        for edit in self.edits.values():
            yield _PendingChange(edit.path, rewritten_text(edit.old_text, edit.data), False,
                                 "; ".join(edit.summaries), old_text=edit.old_text)
