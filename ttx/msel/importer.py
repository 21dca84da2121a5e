"""An MSEL spreadsheet read into a scenario and its injects (models only; nothing written).

Every row becomes one inject; the Module column (or one module when there is none)
becomes the scenario's modules, each starting at the earliest time in it. Recipients,
expected actions and objectives create the roles and objectives they name. Problems are
collected, all of them, as `Problem`s at `FILE:ROW:COL`, and any error refuses the
import as a whole (`MselRefused`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from ttx.authoring.problems import Problem, Severity
from ttx.errors import TtxError
from ttx.model import Inject, Scenario, format_offset
from ttx.model.ids import SLUG_PATTERN
from ttx.msel.build import ScenarioBuilder
from ttx.msel.cells import slug
from ttx.msel.columns import Field, map_columns
from ttx.msel.problems import MselRefused, ProblemLog, Sheet
from ttx.msel.read import ExerciseInfo, Table
from ttx.msel.rows import RowReader, read_row
from ttx.msel.times import disagreements, parse_start, resolve_offsets, zone_from_header


@dataclass
class ImportPlan:
    """What an import will write: one scenario and its injects, plus warnings to show."""

    scenario: Scenario
    injects: list[Inject]
    problems: ProblemLog = field(default_factory=ProblemLog)
    """The warnings found (an import with errors is refused, never planned)."""
    sheet: Sheet | None = None
    row_of: dict[str, int] = field(default_factory=dict)
    """Inject id → the spreadsheet row it came from."""
    id_column: int = 1
    """The Inject ID column, from 1 (1 when the sheet has none)."""

    def problem_at(self, inject_id: str, message: str) -> Problem:
        """An error at the row of `inject_id`, in its Inject ID cell."""
        sheet = self.sheet or Sheet(Path("-"))
        return sheet.problem(self.row_of.get(inject_id, 1), self.id_column, message)


def scenario_id_for(table: Table, given: str | None) -> str:
    """The scenario id: `--scenario`, else the Exercise sheet's, else from the file name."""
    if given:
        return given
    if table.exercise is not None and table.exercise.fields.get("scenario id"):
        return table.exercise.fields["scenario id"].strip()
    return slug(table.path.stem, 60)


def plan_import(table: Table, scenario_id: str | None = None, start: str | None = None,
                exercise: ExerciseInfo | None = None) -> ImportPlan:
    """The scenario and injects `table` describes; refused with every problem found.

    `exercise` stands in for what an Exercise sheet would say where the table has none
    (an import in place passes the scenario it updates).
    """
    column_map = map_columns(table.headers)
    reader = RowReader(table, column_map)
    exercise = table.exercise or exercise or ExerciseInfo()
    given_id = scenario_id
    scenario_id = scenario_id_for(table, scenario_id)
    header = table.header_row
    missing = column_map.missing()
    if missing:
        found = ", ".join(h for h in table.headers if h) or "none"
        reader.error(header, None, f"missing required column(s): {', '.join(missing)} "
                                   f"(found: {found})")
        raise MselRefused(table.path, reader.log)
    for index, name in column_map.unmapped:
        reader.log.add(table.sheet.problem(header, index + 1, f"column '{name}' is not an "
                                           "MSEL column ttx knows; ignored", Severity.warning))
    if not re.fullmatch(SLUG_PATTERN, scenario_id):
        message = (f"'{scenario_id}' is not a valid scenario id: use lower-case letters, "
                   "digits and hyphens (give one with --scenario)")
        if given_id or ("field", "scenario id") not in exercise.rows:
            raise TtxError(message)
        reader.exercise_error(exercise, "field", "scenario id", message)
    start_moment = _start(reader, exercise, start)
    rows, times = [], []
    for sheet_row in table.rows:
        parsed = read_row(reader, sheet_row)
        if parsed is not None:
            rows.append(parsed[0])
            times.append(parsed[1])
    zone = next((zone_from_header(column_map.headers[f]) for f in (Field.time, Field.offset)
                 if f in column_map.headers and zone_from_header(column_map.headers[f])), None)
    start_moment, offsets, time_warnings = resolve_offsets(times, start_moment, zone)
    time_field = Field.time if Field.time in column_map.columns else Field.offset
    for warning in time_warnings:
        reader.warning(header, time_field, warning)
    for index, says in disagreements(times, start_moment, offsets):
        offset = offsets[index]
        assert offset is not None
        minutes = abs(int((says - offset).total_seconds())) // 60
        reader.warning(rows[index].sheet_row, Field.time,
                       f"the time and the offset ({format_offset(offset)}) disagree by "
                       f"{minutes} minute{'s' if minutes != 1 else ''}; the offset was used "
                       "(change both, or clear the one that is wrong)")
    for row, offset in zip(rows, offsets, strict=True):
        if offset is None and not row.contingency and not row.time_unreadable:
            reader.error(row.sheet_row, Field.time, "no time: a planned inject needs one "
                         "(or mark the row as a contingency)")
        elif offset is not None and offset < timedelta(0):
            reader.error(row.sheet_row, Field.time,
                         f"this time is before STARTEX ({start_moment.isoformat()})")
    builder = ScenarioBuilder(reader, exercise, scenario_id)
    injects = builder.injects(rows, offsets)
    if reader.log.has_errors:
        raise MselRefused(table.path, reader.log)
    built = [inject for inject in injects if inject is not None]
    scenario, placed = builder.scenario(table, start_moment, rows, built, offsets)
    if scenario is None or reader.log.has_errors:
        raise MselRefused(table.path, reader.log)
    row_of = {inject.id: row.sheet_row.number
              for row, inject in zip(rows, injects, strict=True) if inject is not None}
    id_index = column_map.columns.get(Field.inject_id)
    return ImportPlan(scenario, placed, reader.log, table.sheet, row_of,
                      1 if id_index is None else id_index + 1)


def _start(reader: RowReader, exercise: ExerciseInfo, start: str | None) -> datetime | None:
    if start:
        try:
            return parse_start(start)
        except ValueError as error:
            raise TtxError(f"--start: {error}") from None
    text = exercise.fields.get("start")
    if not text:
        return None
    try:
        return parse_start(text)
    except ValueError as error:
        reader.exercise_error(exercise, "field", "start", f"Start: {error}")
        return None
