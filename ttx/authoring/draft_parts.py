"""The readable parts of a scenario or inject draft: ids and references with their places.

Cross-checks read drafts through these, never through the models, so a scenario whose
title is missing or whose `start` has no zone still has its roles, objectives and module
references checked. A value that is not even of the right form (a role id in lower case,
an inject id with spaces) is left out here: its own field reports it, with the nearest
valid form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ttx.authoring.id_forms import nearest_valid_form
from ttx.authoring.workspace import Draft
from ttx.authoring.yaml_source import DataPath
from ttx.model import Inject, Scenario
from ttx.model.ids import (
    MODULE_PATTERN,
    OBJECTIVE_PATTERN,
    RECIPIENT_PATTERN,
    ROLE_PATTERN,
    SLUG_PATTERN,
)

Place = tuple[DataPath, str]
"""A value and where it is written, as a data path inside the draft."""


def _items(data: dict[str, Any], key: str) -> list[Any] | None:
    """The list under `key`; `[]` when the key is absent; None when it holds something else."""
    value = data.get(key, [])
    return value if isinstance(value, list) else None


_COMPILED = {pattern: re.compile(pattern) for pattern in
             (MODULE_PATTERN, OBJECTIVE_PATTERN, RECIPIENT_PATTERN, ROLE_PATTERN, SLUG_PATTERN)}


def _matching(value: Any, pattern: str) -> bool:
    compiled = _COMPILED.get(pattern) or re.compile(pattern)
    return isinstance(value, str) and compiled.fullmatch(value) is not None


def listed_ids(data: dict[str, Any], key: str, pattern: str) -> list[Place]:
    """`(key, index, "id")` and the id of every entry of the list `key` whose id is readable."""
    return [((key, index, "id"), item["id"]) for index, item in enumerate(_items(data, key) or [])
            if isinstance(item, dict) and _matching(item.get("id"), pattern)]


@dataclass(frozen=True)
class ScenarioParts:
    """What a scenario draft says about roles, objectives and the injects it plays."""

    draft: Draft[Scenario]
    name: str
    """The scenario's id for messages (its file name if the id cannot be read)."""
    roles: list[tuple[str, str]] | None
    """`(id, name)` of every readable role; None when no role can be read."""
    objective_ids: list[str] | None
    """None when `objectives` cannot be read at all."""
    planned: list[Place]
    """Planned and contingency inject references, in module order."""
    misspelt: set[str]
    """The nearest valid forms of references that are not valid ids (`Brief-1` → `brief-1`):
    the inject they mean is used, whatever its reference's own error."""


def scenario_parts(draft: Draft[Scenario]) -> ScenarioParts:
    data = draft.data
    roles = [(role_id, _role_name(data, path)) for path, role_id in
             listed_ids(data, "roles", ROLE_PATTERN)]
    objectives = _items(data, "objectives")
    planned: list[Place] = []
    misspelt: set[str] = set()
    for module_index, module in enumerate(_items(data, "modules") or []):
        if not isinstance(module, dict):
            continue
        for key in ("injects", "contingency"):
            for index, entry in enumerate(_items(module, key) or []):
                inject_id = entry.get("id") if isinstance(entry, dict) else entry
                if isinstance(inject_id, str) and _matching(inject_id, SLUG_PATTERN):
                    planned.append((("modules", module_index, key, index), inject_id))
                elif isinstance(inject_id, str):
                    misspelt.add(nearest_valid_form(inject_id, SLUG_PATTERN) or inject_id)
    return ScenarioParts(
        draft=draft,
        name=draft.id or draft.document.path.stem,
        roles=roles or None,
        objective_ids=(None if objectives is None else
                       [item for _, item in listed_ids(data, "objectives", OBJECTIVE_PATTERN)]),
        planned=planned,
        misspelt=misspelt,
    )


def _role_name(data: dict[str, Any], path: DataPath) -> str:
    role = data["roles"][path[1]]
    name = role.get("name")
    return name if isinstance(name, str) else ""


def recipients(draft: Draft[Inject]) -> list[tuple[DataPath, str, bool]]:
    """Every role id an inject names: `(data path, role id, written as a key?)`."""
    data = draft.data
    found: list[tuple[DataPath, str, bool]] = [
        (("to", index), role_id, False) for index, role_id in enumerate(_items(data, "to") or [])
        if _matching(role_id, RECIPIENT_PATTERN)]
    for key in ("questions", "expected"):
        by_role = data.get(key)
        if isinstance(by_role, dict):
            found += [((key, role_id), role_id, True) for role_id in by_role
                      if _matching(role_id, RECIPIENT_PATTERN)]
    return found


def objective_refs(draft: Draft[Inject]) -> list[Place]:
    return [(("objectives", index), objective_id) for index, objective_id
            in enumerate(_items(draft.data, "objectives") or [])
            if _matching(objective_id, OBJECTIVE_PATTERN)]


def follow_ups(draft: Draft[Inject]) -> list[Place]:
    """Every readable `leads_to` target of every option."""
    found: list[Place] = []
    for option_index, option in enumerate(_items(draft.data, "options") or []):
        if not isinstance(option, dict):
            continue
        for index, target in enumerate(_items(option, "leads_to") or []):
            if _matching(target, SLUG_PATTERN):
                found.append((("options", option_index, "leads_to", index), target))
    return found


def option_ids(draft: Draft[Inject]) -> list[Place]:
    return listed_ids(draft.data, "options", SLUG_PATTERN)


def attachments(draft: Draft[Inject]) -> list[Place]:
    return [(("attachments", index), path) for index, path
            in enumerate(_items(draft.data, "attachments") or []) if isinstance(path, str)]
