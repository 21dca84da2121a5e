"""One MSEL row read into the data of an inject, with every problem logged at its cell."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ttx.authoring.problems import Problem, Severity
from ttx.model import Method
from ttx.msel.cells import (
    is_yes,
    parse_by_role,
    parse_method,
    parse_objectives,
    parse_options,
    parse_recipients,
    slug,
    tidy,
)
from ttx.msel.columns import ColumnMap, Field
from ttx.msel.problems import ProblemLog
from ttx.msel.read import ExerciseInfo, SheetRow, Table, cell_text
from ttx.msel.times import RowTime, parse_time

FIELD_OF_KEY = {"title": Field.heading, "body": Field.body, "from": Field.sender,
                 "to": Field.to, "method": Field.method, "expected": Field.expected,
                 "questions": Field.questions, "objectives": Field.objectives,
                 "options": Field.options, "notes": Field.notes, "tags": Field.tags,
                 "id": Field.inject_id, "control_only": Field.control_only}


@dataclass
class ReadRow:
    """One row's cells read: the inject's data so far, and what it needs from its
    neighbours (module, objectives, capabilities) before it can be built."""

    sheet_row: SheetRow
    title: str
    contingency: bool
    module: str
    data: dict[str, Any]
    objective_entries: list[tuple[str | None, str]]
    capabilities: list[str]
    time_unreadable: bool = False


class RowReader:
    """Reads the rows of one table, collecting every problem."""

    def __init__(self, table: Table, column_map: ColumnMap) -> None:
        self.table = table
        self.columns = column_map.columns
        self.log = ProblemLog()
        self.log.extend(table.warnings)
        self.role_names: dict[str, str] = {}

    def problem(self, row: SheetRow | int, column_field: Field | None, message: str,
                severity: Severity = Severity.error) -> Problem:
        number = row if isinstance(row, int) else row.number
        index = self.columns.get(column_field) if column_field else None
        return self.table.sheet.problem(number, 1 if index is None else index + 1, message,
                                        severity)

    def error(self, row: SheetRow | int, column_field: Field | None, message: str) -> None:
        self.log.add(self.problem(row, column_field, message))

    def warning(self, row: SheetRow | int, column_field: Field | None, message: str) -> None:
        self.log.add(self.problem(row, column_field, message, Severity.warning))

    @property
    def error_count(self) -> int:
        return self.log.count(Severity.error)

    def text(self, row: SheetRow, column_field: Field) -> str:
        return cell_text(row.get(self.columns.get(column_field))).replace("\r\n", "\n")

    def exercise_error(self, exercise: ExerciseInfo, kind: str, key: str,
                       message: str) -> None:
        """An error in what the Exercise sheet gives, at its row there (else at the MSEL's
        header row)."""
        self.log.add(exercise.problem(kind, key, message)
                     or self.problem(self.table.header_row, None, message))


def validation_text(error: ValidationError) -> str:
    """A pydantic error as one short text: `id: String should match pattern …`."""
    return "; ".join(f"{'.'.join(str(p) for p in detail['loc']) or 'value'}: {detail['msg']}"
                     for detail in error.errors()[:3])


def read_row(reader: RowReader, sheet_row: SheetRow) -> tuple[ReadRow, RowTime] | None:
    title = tidy(reader.text(sheet_row, Field.heading), multi_line=False)
    errors_before = reader.error_count + (0 if title else 1)
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
            reader.warning(sheet_row, Field.method, f"method '{method_text}' is not one ttx "
                           "knows; written as 'other' and kept in the notes")
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
                            "leads_to": [inject_id_from(t) for t in leads_to],
                            **({"sets": sets} if sets else {})}
                           for option_id, label, leads_to, sets in parse_options(options_text)]
    if is_yes(reader.text(sheet_row, Field.control_only)):
        data["control_only"] = True
    tags = [t.strip() for t in re.split(r"[,;\n]", reader.text(sheet_row, Field.tags))]
    if any(tags):
        data["tags"] = [t for t in tags if t]
    capabilities = [c.strip() for c in reader.text(sheet_row, Field.capability).splitlines()
                    if c.strip()]
    row = ReadRow(sheet_row, title, is_yes(reader.text(sheet_row, Field.contingency)),
               tidy(reader.text(sheet_row, Field.module), multi_line=False), data,
               parse_objectives(reader.text(sheet_row, Field.objectives)), capabilities,
               time_unreadable=reader.error_count > errors_before)
    if reader.text(sheet_row, Field.inject_id).strip():
        data["id"] = inject_id_from(reader.text(sheet_row, Field.inject_id))
        if not data["id"]:
            reader.error(sheet_row, Field.inject_id, "the inject id has no letters or digits")
    return row, RowTime(times[0], times[1])


def inject_id_from(text: str) -> str:
    """An inject id from an ID cell: `INJ 001` becomes `inj-001`."""
    return slug(text, 120)
