"""Read rows into injects, roles, objectives, modules and the scenario they make."""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import datetime, timedelta
from typing import Any

from pydantic import ValidationError

from ttx.model import (
    ALL_RECIPIENTS,
    Inject,
    Module,
    Objective,
    Role,
    RoleKind,
    Scenario,
    parse_offset,
)
from ttx.msel.cells import ROLE_KINDS, ROLE_NAMES, slug
from ttx.msel.columns import Field
from ttx.msel.design import DESIGN_FIELD, apply_design
from ttx.msel.read import ExerciseInfo, Table
from ttx.msel.rows import FIELD_OF_KEY, ReadRow, RowReader, validation_text

DEFAULT_CAPABILITY = "Not specified"


class ScenarioBuilder:
    """Turns read rows into injects, roles, objectives, modules and the scenario."""

    def __init__(self, reader: RowReader, exercise: ExerciseInfo, scenario_id: str) -> None:
        self.reader = reader
        self.exercise = exercise
        self.scenario_id = scenario_id
        self.objectives: dict[str, Objective | None] = {}
        self.objective_by_text: dict[str, str] = {}

    def injects(self, rows: list[ReadRow],
                offsets: list[timedelta | None]) -> list[Inject | None]:
        self._collect_objectives(rows)
        seen: dict[str, int] = {}
        injects: list[Inject | None] = []
        for position, row in enumerate(rows, start=1):
            data = row.data
            data.setdefault("id", f"{self.scenario_id}-{position:02d}-{slug(row.title, 40)}"
                            .rstrip("-"))
            if data["id"] in seen:
                self.reader.error(row.sheet_row, Field.inject_id, f"inject id '{data['id']}' "
                                  f"repeats the one in row {seen[data['id']]}")
            seen.setdefault(data["id"], row.sheet_row.number)
            objective_ids = [self._objective_id(oid, text) for oid, text in
                             row.objective_entries]
            if objective_ids:
                data["objectives"] = list(dict.fromkeys(objective_ids))
            try:
                injects.append(Inject.model_validate(data))
            except ValidationError as error:
                for detail in error.errors():
                    if detail["loc"] == ("title",) and not row.title:
                        continue  # reported as an empty title already
                    place = ".".join(str(p) for p in detail["loc"])
                    column = FIELD_OF_KEY.get(str(detail["loc"][0])) if detail["loc"] else None
                    self.reader.error(row.sheet_row, column, f"{place}: {detail['msg']}")
                injects.append(None)
        for row, inject in zip(rows, injects, strict=True):
            for option in inject.options if inject else []:
                for target in option.leads_to:
                    if target not in seen:
                        self.reader.error(row.sheet_row, Field.options,
                                          f"option '{option.id}' leads to '{target}', which "
                                          "is not an inject id in this MSEL")
        return injects

    def _collect_objectives(self, rows: list[ReadRow]) -> None:
        """Objectives written with an id, first; their texts and capabilities."""
        for row in rows:
            for index, (objective_id, text) in enumerate(row.objective_entries):
                capability = self._capability(row, index, objective_id)
                if objective_id and (text or objective_id not in self.objectives):
                    if self.objectives.get(objective_id) is None and text:
                        self.objectives[objective_id] = Objective(
                            id=objective_id, text=text, capability=capability)
                        self.objective_by_text.setdefault(text.casefold(), objective_id)
                    else:
                        self.objectives.setdefault(objective_id, None)
                elif objective_id is None and text.casefold() not in self.objective_by_text:
                    number = 1
                    while f"OBJ-{number}" in self.objectives:
                        number += 1
                    new_id = f"OBJ-{number}"
                    self.objectives[new_id] = Objective(id=new_id, text=text,
                                                        capability=capability)
                    self.objective_by_text[text.casefold()] = new_id

    def _capability(self, row: ReadRow, index: int, objective_id: str | None) -> str:
        if row.capabilities:
            return row.capabilities[min(index, len(row.capabilities) - 1)]
        known = self.exercise.objectives.get(objective_id or "")
        return known[1] if known and known[1] else DEFAULT_CAPABILITY

    def _objective_id(self, objective_id: str | None, text: str) -> str:
        return objective_id or self.objective_by_text[text.casefold()]

    def _objective_list(self) -> list[Objective]:
        """The objectives the rows name and those the Exercise sheet lists (an objective
        no inject exercises yet stays in the scenario), in the sheet's order, else by
        number."""
        for objective_id in self.exercise.objectives:
            self.objectives.setdefault(objective_id, None)
        result = []
        for objective_id, objective in self.objectives.items():
            if objective is None:
                text, capability = self.exercise.objectives.get(objective_id, ("", ""))
                if not text:
                    self.reader.warning(self.reader.table.header_row, Field.objectives,
                                        f"objective {objective_id} has no text in the sheet; "
                                        "its text is its id")
                try:
                    objective = Objective(id=objective_id, text=text or objective_id,
                                          capability=capability or DEFAULT_CAPABILITY)
                except ValidationError as error:
                    self.reader.exercise_error(
                        self.exercise, "objective", objective_id,
                        f"objective '{objective_id}': {validation_text(error)}")
                    continue
            result.append(objective)
        order = list(self.exercise.objectives)
        return sorted(result, key=lambda o: (order.index(o.id) if o.id in order else len(order),
                                             [int(n) if n.isdigit() else n
                                              for n in re.split(r"(\d+)", o.id)]))

    def _roles(self, injects: list[Inject]) -> list[Role]:
        wanted: list[str] = []
        for inject in injects:
            for role in [*(inject.to or []), *inject.expected, *inject.questions]:
                if role != ALL_RECIPIENTS and role not in wanted:
                    wanted.append(role)
        for role in self.exercise.roles:
            if role not in wanted:
                wanted.append(role)
        roles = []
        for role_id in wanted:
            name, kind, members = self.exercise.roles.get(role_id, ("", "", []))
            kind = kind if kind in RoleKind.__members__ else ROLE_KINDS.get(role_id, "player")
            raw_name = self.reader.role_names.get(role_id, "")
            name = name or ROLE_NAMES.get(role_id) or (raw_name if raw_name != role_id else "") \
                or role_id
            try:
                roles.append(Role(id=role_id, name=name, kind=RoleKind(kind), members=members))
            except ValidationError as error:
                self.reader.exercise_error(self.exercise, "role", role_id,
                                           f"role '{role_id}': {validation_text(error)}")
        # the Exercise sheet's order when there is one; else players first, US-JPN-ROK
        listed = list(self.exercise.roles)
        canonical = list(ROLE_NAMES)
        roles.sort(key=lambda r: (listed.index(r.id) if r.id in listed else len(listed),
                                  list(RoleKind).index(r.kind),
                                  canonical.index(r.id) if r.id in canonical else len(canonical)))
        if not any(r.kind is RoleKind.player for r in roles):
            self.reader.warning(self.reader.table.header_row, Field.to, "no player role named "
                                "in the sheet; added PLAYERS for 'All'")
            roles.insert(0, Role(id="PLAYERS", name="All players", kind=RoleKind.player))
        return roles

    def scenario(self, table: Table, start: datetime, rows: list[ReadRow],
                 injects: list[Inject], offsets: list[timedelta | None],
                 ) -> tuple[Scenario | None, list[Inject]]:
        """The scenario, and the injects placed in its modules (None, and the problems
        logged, if the sheets do not make a valid scenario)."""
        modules, placed = build_modules(self.reader, rows, injects, offsets, self.exercise)
        info = self.exercise.fields
        data: dict[str, Any] = {
            "id": self.scenario_id,
            "title": info.get("title") or table.path.stem.replace("_", " ").replace("-", " "),
            "summary": info.get("summary", ""),
            "start": start.isoformat(),
            "sponsor": info.get("sponsor", ""),
            "scope": info.get("scope", ""),
            "roles": self._roles(placed),
            "objectives": self._objective_list(),
            "modules": modules,
        }
        if info.get("classification"):
            data["classification"] = info["classification"]
        design = info.get(DESIGN_FIELD.casefold(), "")
        if design.strip() and (problem := apply_design(data, design)):
            self.reader.exercise_error(self.exercise, "field", DESIGN_FIELD.casefold(), problem)
        if self.reader.log.has_errors:
            return None, placed
        try:
            return Scenario.model_validate(data), placed
        except ValidationError as error:
            for detail in error.errors():
                key = str(detail["loc"][0]) if detail["loc"] else ""
                self.reader.exercise_error(self.exercise, "field", key,
                                           f"scenario {key}: {detail['msg']}")
            return None, placed


def build_modules(reader: RowReader, rows: list[ReadRow], injects: list[Inject],
             offsets: list[timedelta | None], exercise: ExerciseInfo,
             ) -> tuple[list[Module], list[Inject]]:
    """Modules in order of first appearance (a blank Module cell means 'same as above'),
    and the injects with their `at` made relative to their module's start."""
    grouped: dict[str, list[tuple[ReadRow, Inject, timedelta | None]]] = {}
    current = ""
    for row, inject, offset in zip(rows, injects, offsets, strict=True):
        current = row.module or current
        grouped.setdefault(current, []).append((row, inject, offset))
    modules: list[Module] = []
    placed: list[Inject] = []
    used_ids: set[str] = set()
    for number, (title, members) in enumerate(grouped.items(), start=1):
        known_id, known_at, situation = exercise.modules.get(title, ("", "", ""))
        module_id = known_id or slug(title, 40) or f"m{number}"
        while module_id in used_ids:
            module_id = f"{module_id}-{number}"
        used_ids.add(module_id)
        planned = [offset for row, _, offset in members
                   if not row.contingency and offset is not None]
        timed = planned or [offset for _, _, offset in members if offset is not None]
        at = min(timed, default=timedelta(0))
        with suppress(ValueError):
            at = min(at, parse_offset(known_at)) if known_at else at
        plan: list[str] = []
        contingency: list[str] = []
        for row, inject, offset in members:
            within = max((offset if offset is not None else at) - at, timedelta(0))
            placed.append(inject.model_copy(update={"at": within}))
            (contingency if row.contingency else plan).append(inject.id)
        try:
            modules.append(Module.model_validate({
                "id": module_id, "title": title or f"Module {number}", "at": at,
                "situation": situation, "injects": plan, "contingency": contingency}))
        except ValidationError as error:
            message = f"module '{module_id}': {validation_text(error)}"
            if ("module", title) in exercise.rows:
                reader.exercise_error(exercise, "module", title, message)
            else:
                reader.error(members[0][0].sheet_row, Field.module, message)
    return modules, placed
