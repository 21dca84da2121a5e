"""An MSEL spreadsheet read into a scenario and its injects (models only; nothing written).

Every row becomes one inject; the Module column (or one module when there is none)
becomes the scenario's modules, each starting at the earliest time in it. Recipients,
expected actions and objectives create the roles and objectives they name. Problems in
rows are collected, all of them, as `FILE:ROW: error: …` (`FILE:ROW:COL` for an XLSX),
and refuse the import as a whole.
"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from pydantic import ValidationError

from ttx.authoring.msel_cells import (
    ROLE_KINDS,
    ROLE_NAMES,
    is_yes,
    parse_by_role,
    parse_method,
    parse_objectives,
    parse_options,
    parse_recipients,
    slug,
    tidy,
)
from ttx.authoring.msel_columns import ColumnMap, Field, map_columns
from ttx.authoring.msel_design import DESIGN_FIELD, apply_design
from ttx.authoring.msel_read import ExerciseInfo, SheetRow, Table, cell_text
from ttx.authoring.msel_times import (
    RowTime,
    parse_start,
    parse_time,
    resolve_offsets,
    zone_from_header,
)
from ttx.errors import TtxError
from ttx.model import (
    ALL_RECIPIENTS,
    Inject,
    Method,
    Module,
    Objective,
    Role,
    RoleKind,
    Scenario,
    parse_offset,
)
from ttx.model.ids import SLUG_PATTERN

DEFAULT_CAPABILITY = "Not specified"


@dataclass
class ImportPlan:
    """What an import will write: one scenario and its injects, plus warnings to show."""

    scenario: Scenario
    injects: list[Inject]
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Row:
    sheet_row: SheetRow
    title: str
    contingency: bool
    module: str
    data: dict[str, Any]
    objective_entries: list[tuple[str | None, str]]
    capabilities: list[str]
    time_unreadable: bool = False


class _Reader:
    """Reads the rows of one table, collecting every problem."""

    def __init__(self, table: Table, column_map: ColumnMap) -> None:
        self.table = table
        self.columns = column_map.columns
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.role_names: dict[str, str] = {}

    def where(self, row: SheetRow | int, column_field: Field | None = None) -> str:
        number = row if isinstance(row, int) else row.number
        index = self.columns.get(column_field) if column_field else None
        column = f":{index + 1}" if self.table.is_xlsx and index is not None else ""
        return f"{self.table.path}:{number}{column}"

    def error(self, row: SheetRow, column_field: Field | None, message: str) -> None:
        self.errors.append(f"{self.where(row, column_field)}: error: {message}")

    def text(self, row: SheetRow, column_field: Field) -> str:
        return cell_text(row.get(self.columns.get(column_field))).replace("\r\n", "\n")


def plan_import(table: Table, scenario_id: str, start: str | None = None) -> ImportPlan:
    """The scenario and injects `table` describes; refused with every row problem."""
    column_map = map_columns(table.headers)
    reader = _Reader(table, column_map)
    header = table.header_row
    missing = column_map.missing()
    if missing:
        found = ", ".join(h for h in table.headers if h) or "none"
        raise TtxError(f"nothing imported from {table.path}",
                       details=[f"{table.path}:{header}: error: missing required column(s): "
                                f"{', '.join(missing)} (found: {found})"])
    for index, name in column_map.unmapped:
        column = f":{index + 1}" if table.is_xlsx else ""
        reader.warnings.append(f"{table.path}:{header}{column}: warning: column '{name}' "
                               "is not an MSEL column ttx knows; ignored")
    if not re.fullmatch(SLUG_PATTERN, scenario_id):
        raise TtxError(f"'{scenario_id}' is not a valid scenario id: use lower-case letters, "
                       "digits and hyphens (give one with --scenario)")
    start_moment = _start(table.exercise, start)
    rows, times = [], []
    for sheet_row in table.rows:
        parsed = _read_row(reader, sheet_row)
        if parsed is not None:
            rows.append(parsed[0])
            times.append(parsed[1])
    zone = next((zone_from_header(column_map.headers[f]) for f in (Field.time, Field.offset)
                 if f in column_map.headers and zone_from_header(column_map.headers[f])), None)
    start_moment, offsets, time_warnings = resolve_offsets(times, start_moment, zone)
    reader.warnings += [f"{table.path}: warning: {w}" for w in time_warnings]
    for row, offset in zip(rows, offsets, strict=True):
        if offset is None and not row.contingency and not row.time_unreadable:
            reader.error(row.sheet_row, Field.time, "no time: a planned inject needs one "
                         "(or mark the row as a contingency)")
        elif offset is not None and offset < timedelta(0):
            reader.error(row.sheet_row, Field.time,
                         f"this time is before STARTEX ({start_moment.isoformat()})")
    builder = _Builder(reader, table.exercise or ExerciseInfo(), scenario_id)
    injects = builder.injects(rows, offsets)
    if reader.errors:
        raise TtxError(f"nothing imported from {table.path}: {len(reader.errors)} problem(s)",
                       details=reader.warnings + reader.errors)
    built = [inject for inject in injects if inject is not None]
    scenario, placed = builder.scenario(table, start_moment, rows, built, offsets)
    return ImportPlan(scenario, placed, reader.warnings)


def _start(exercise: ExerciseInfo | None, start: str | None) -> datetime | None:
    text = start or (exercise.fields.get("start") if exercise else None)
    if not text:
        return None
    try:
        return parse_start(text)
    except ValueError as error:
        raise TtxError(f"--start: {error}") from None


def _read_row(reader: _Reader, sheet_row: SheetRow) -> tuple[_Row, RowTime] | None:
    title = tidy(reader.text(sheet_row, Field.heading), multi_line=False)
    errors_before = len(reader.errors) + (0 if title else 1)
    if not title:
        reader.error(sheet_row, Field.heading, "empty title: every inject needs one")
    times: list[Any] = []
    for column_field in (Field.time, Field.offset):
        value = sheet_row.get(reader.columns.get(column_field))
        try:
            times.append(parse_time(value))
        except ValueError as error:
            reader.error(sheet_row, column_field, str(error))
            times.append(None)
    data: dict[str, Any] = {"title": title}
    body = tidy(reader.text(sheet_row, Field.body), multi_line=True)
    if body:
        data["body"] = body
    sender = tidy(reader.text(sheet_row, Field.sender), multi_line=False)
    if sender:
        data["from"] = sender
    to_text = reader.text(sheet_row, Field.to)
    if to_text.strip():
        data["to"] = parse_recipients(to_text)
        for name, role in zip(re.split(r"[,;/&\n]|\s+and\s+", to_text), data["to"],
                              strict=False):
            reader.role_names.setdefault(role, name.strip())
    notes = tidy(reader.text(sheet_row, Field.notes), multi_line=True)
    method_text = tidy(reader.text(sheet_row, Field.method), multi_line=False)
    if method_text:
        method = parse_method(method_text)
        if method is None:
            reader.warnings.append(f"{reader.where(sheet_row, Field.method)}: warning: method "
                                   f"'{method_text}' is not one ttx knows; written as 'other' "
                                   "and kept in the notes")
            method = Method.other
            notes = f"{notes}\nMethod: {method_text}".strip()
        data["method"] = method.value
    if notes:
        data["notes"] = notes
    for column_field, key in ((Field.expected, "expected"), (Field.questions, "questions")):
        items = parse_by_role(reader.text(sheet_row, column_field).replace("\r", ""))
        if items:
            data[key] = items
    options_text = reader.text(sheet_row, Field.options)
    if options_text.strip():
        data["options"] = [{"id": option_id, "label": label,
                            "leads_to": [_inject_id(t) for t in leads_to],
                            **({"sets": sets} if sets else {})}
                           for option_id, label, leads_to, sets in parse_options(options_text)]
    if is_yes(reader.text(sheet_row, Field.control_only)):
        data["control_only"] = True
    tags = [t.strip() for t in re.split(r"[,;\n]", reader.text(sheet_row, Field.tags))]
    if any(tags):
        data["tags"] = [t for t in tags if t]
    capabilities = [c.strip() for c in reader.text(sheet_row, Field.capability).splitlines()
                    if c.strip()]
    row = _Row(sheet_row, title, is_yes(reader.text(sheet_row, Field.contingency)),
               tidy(reader.text(sheet_row, Field.module), multi_line=False), data,
               parse_objectives(reader.text(sheet_row, Field.objectives)), capabilities,
               time_unreadable=len(reader.errors) > errors_before)
    if reader.text(sheet_row, Field.inject_id).strip():
        data["id"] = _inject_id(reader.text(sheet_row, Field.inject_id))
        if not data["id"]:
            reader.error(sheet_row, Field.inject_id, "the inject id has no letters or digits")
    return row, RowTime(times[0], times[1])


def _inject_id(text: str) -> str:
    """An inject id from an ID cell: `INJ 001` becomes `inj-001`."""
    return slug(text, 120)


class _Builder:
    """Turns read rows into injects, roles, objectives, modules and the scenario."""

    def __init__(self, reader: _Reader, exercise: ExerciseInfo, scenario_id: str) -> None:
        self.reader = reader
        self.exercise = exercise
        self.scenario_id = scenario_id
        self.objectives: dict[str, Objective | None] = {}
        self.objective_by_text: dict[str, str] = {}

    def injects(self, rows: list[_Row],
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
                    self.reader.error(row.sheet_row, None, f"{place}: {detail['msg']}")
                injects.append(None)
        for row, inject in zip(rows, injects, strict=True):
            for option in inject.options if inject else []:
                for target in option.leads_to:
                    if target not in seen:
                        self.reader.error(row.sheet_row, Field.options,
                                          f"option '{option.id}' leads to '{target}', which "
                                          "is not an inject id in this MSEL")
        return injects

    def _collect_objectives(self, rows: list[_Row]) -> None:
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

    def _capability(self, row: _Row, index: int, objective_id: str | None) -> str:
        if row.capabilities:
            return row.capabilities[min(index, len(row.capabilities) - 1)]
        known = self.exercise.objectives.get(objective_id or "")
        return known[1] if known and known[1] else DEFAULT_CAPABILITY

    def _objective_id(self, objective_id: str | None, text: str) -> str:
        return objective_id or self.objective_by_text[text.casefold()]

    def _objective_list(self) -> list[Objective]:
        """The objectives in the Exercise sheet's order, else by number."""
        result = []
        for objective_id, objective in self.objectives.items():
            if objective is None:
                text, capability = self.exercise.objectives.get(objective_id, ("", ""))
                if not text:
                    self.reader.warnings.append(
                        f"{self.reader.table.path}: warning: objective {objective_id} has "
                        "no text in the sheet; its text is its id")
                objective = Objective(id=objective_id, text=text or objective_id,
                                      capability=capability or DEFAULT_CAPABILITY)
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
            roles.append(Role(id=role_id, name=name, kind=RoleKind(kind), members=members))
        # the Exercise sheet's order when there is one; else players first, US-JPN-ROK
        listed = list(self.exercise.roles)
        canonical = list(ROLE_NAMES)
        roles.sort(key=lambda r: (listed.index(r.id) if r.id in listed else len(listed),
                                  list(RoleKind).index(r.kind),
                                  canonical.index(r.id) if r.id in canonical else len(canonical)))
        if not any(r.kind is RoleKind.player for r in roles):
            self.reader.warnings.append(f"{self.reader.table.path}: warning: no player role "
                                        "named in the sheet; added PLAYERS for 'All'")
            roles.insert(0, Role(id="PLAYERS", name="All players", kind=RoleKind.player))
        return roles

    def scenario(self, table: Table, start: datetime, rows: list[_Row],
                 injects: list[Inject], offsets: list[timedelta | None],
                 ) -> tuple[Scenario, list[Inject]]:
        """The scenario, and the injects placed in its modules."""
        modules, placed = _modules(rows, injects, offsets, self.exercise)
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
            self.reader.warnings.append(f"{table.path}: warning: {problem}")
        return Scenario.model_validate(data), placed


def _modules(rows: list[_Row], injects: list[Inject], offsets: list[timedelta | None],
             exercise: ExerciseInfo) -> tuple[list[Module], list[Inject]]:
    """Modules in order of first appearance (a blank Module cell means 'same as above'),
    and the injects with their `at` made relative to their module's start."""
    grouped: dict[str, list[tuple[_Row, Inject, timedelta | None]]] = {}
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
        modules.append(Module.model_validate({
            "id": module_id, "title": title or f"Module {number}", "at": at,
            "situation": situation, "injects": plan, "contingency": contingency}))
    return modules, placed
