"""A resolved scenario as an MSEL spreadsheet: CSV (UTF-8 with a BOM) or XLSX.

One row per planned inject in MSEL order, then one per contingency inject
(`Contingency` = `yes`). Cells that hold several things use the formats of
`ttx.msel.cells`, so `ttx msel import` reads the file back. The time column is
headed with the scenario's UTC offset, `Scenario Time (UTC+09:00)`, so an import puts
the times back in the same zone.

In the CSV every text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
tab, CR first) gets a leading `'` (`ttx.msel.cells.guard_formula`), which the importer
removes again. The Offset column is the exception: ttx writes it, always `+H:MM` (digits and
a colon, nothing a formula could do harm with), and it stays as planners type it. The
XLSX needs no guard: every text cell is stored as a string, never as a formula.

The XLSX has the MSEL on its first sheet (row 1 is the header, so it imports as it
stands) and the exercise's title, start, objectives, roles and modules on a second
sheet, `Exercise`, which import also reads. openpyxl is imported only when an XLSX is
made.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from ttx.model import Inject, Module, format_offset
from ttx.model.resolved import MselSlot, ResolvedScenario
from ttx.model.wording import zone_label
from ttx.msel.cells import (
    format_by_role,
    format_objectives,
    format_options,
    format_recipients,
    guard_formula,
)
from ttx.msel.columns import EXPORT_COLUMNS, Field
from ttx.msel.design import DESIGN_FIELD, design_cell

MselRow = dict[Field, Any]
EXERCISE_SHEET = "Exercise"
_WIDTHS = {Field.number: 7, Field.module: 22, Field.time: 17, Field.offset: 8,
           Field.inject_id: 26, Field.heading: 34, Field.body: 60, Field.sender: 22,
           Field.to: 14, Field.method: 10, Field.expected: 48, Field.objectives: 36,
           Field.options: 40, Field.contingency: 11, Field.notes: 36, Field.capability: 28,
           Field.questions: 44, Field.control_only: 9, Field.tags: 24}
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def headers(resolved: ResolvedScenario) -> list[str]:
    """The header row; the time column names the scenario's UTC offset."""
    zone = zone_label(resolved.scenario.start)
    return [f"{name} ({zone})" if column_field is Field.time else name
            for column_field, name in EXPORT_COLUMNS]


def msel_rows(resolved: ResolvedScenario) -> list[MselRow]:
    """Every planned inject in MSEL order, then every contingency inject, as cell values.

    The time is an aware datetime; everything else is text or the MSEL number.
    """
    rows: list[MselRow] = []
    for slot in resolved.msel_slots():
        module = resolved.scenario.module(slot.module_id)
        inject = resolved.inject(slot.inject_id)
        if module is not None and inject is not None:
            rows.append(_row(resolved, len(rows) + 1, module, inject, slot))
    return rows


def _row(resolved: ResolvedScenario, number: int, module: Module, inject: Inject,
         slot: MselSlot) -> MselRow:
    objectives = {o.id: o for o in resolved.scenario.objectives}
    capabilities = [objectives[oid].capability if oid in objectives else ""
                    for oid in inject.objectives]
    return {
        Field.number: number,
        Field.module: module.title,
        Field.time: resolved.scenario.game_time(slot.offset),
        Field.offset: format_offset(slot.offset),
        Field.inject_id: inject.id,
        Field.heading: inject.title,
        Field.body: inject.body.rstrip(),  # a trailing new line shows as an empty line
        Field.sender: inject.sender or "",
        Field.to: format_recipients(inject.to),
        Field.method: inject.method.value,
        Field.expected: format_by_role(inject.expected),
        Field.objectives: format_objectives(inject.objectives,
                                            {oid: o.text for oid, o in objectives.items()}),
        Field.options: format_options((o.id, o.label, o.leads_to, o.sets)
                                      for o in inject.options),
        Field.contingency: "yes" if slot.contingency else "",
        Field.notes: inject.notes.rstrip(),
        Field.capability: "\n".join(capabilities) if any(capabilities) else "",
        Field.questions: format_by_role(inject.questions),
        Field.control_only: "yes" if inject.control_only else "",
        Field.tags: ", ".join(inject.tags),
    }


def _csv_cell(column_field: Field, value: Any) -> Any:
    if column_field is Field.time:
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, str) and column_field is not Field.offset:
        return guard_formula(value)
    return value


def export_csv(resolved: ResolvedScenario) -> bytes:
    """The MSEL as CSV: UTF-8 with a byte-order mark (so spreadsheets read Hangul and
    Kanji), comma-separated, CRLF between rows, new lines kept inside quoted cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers(resolved))
    for row in msel_rows(resolved):
        writer.writerow([_csv_cell(f, row[f]) for f, _ in EXPORT_COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(resolved: ResolvedScenario) -> bytes:
    """The MSEL as an XLSX workbook: a styled, frozen, filterable header row, wrapped text,
    the classification marking in the printed header and footer, and an Exercise sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    scenario = resolved.scenario
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "MSEL"
    sheet.append(headers(resolved))
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1F3864")
    for cell in sheet[1]:
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    wrapped = Alignment(wrap_text=True, vertical="top")
    for row_number, row in enumerate(msel_rows(resolved), start=2):
        for column, (column_field, _) in enumerate(EXPORT_COLUMNS, start=1):
            value = row[column_field]
            cell = sheet.cell(row=row_number, column=column)
            if column_field is Field.time:
                cell.value = value.replace(tzinfo=None)
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, str):
                cell.value = _ILLEGAL.sub("", value)
                cell.data_type = "s"  # text that starts with '=' stays text
            else:
                cell.value = value
            cell.alignment = wrapped
    for column, (column_field, _) in enumerate(EXPORT_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = _WIDTHS[column_field]
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    _print_setup(sheet, scenario.classification, scenario.title)
    _exercise_sheet(workbook.create_sheet(EXERCISE_SHEET), resolved, header_font, header_fill)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _print_setup(sheet: Any, classification: str, title: str) -> None:
    marking = _header_text(classification)
    sheet.oddHeader.center.text = marking
    sheet.oddHeader.center.font = "Arial,Bold"
    sheet.oddHeader.left.text = _header_text(title)
    sheet.oddFooter.center.text = marking
    sheet.oddFooter.center.font = "Arial,Bold"
    sheet.oddFooter.right.text = "Page &P of &N"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _header_text(text: str) -> str:
    """Text for a printed header or footer: `&` is a code there, so it is doubled."""
    return _ILLEGAL.sub("", text).replace("&", "&&")


def _exercise_sheet(sheet: Any, resolved: ResolvedScenario, font: Any, fill: Any) -> None:
    from openpyxl.styles import Alignment, Font

    scenario = resolved.scenario
    rows: list[list[Any]] = [
        ["Title", scenario.title], ["Scenario ID", scenario.id],
        ["Classification", scenario.classification], ["Start", scenario.start.isoformat()],
        ["Sponsor", scenario.sponsor], ["Scope", scenario.scope],
        ["Summary", scenario.summary],
        *([[DESIGN_FIELD, design]] if (design := design_cell(scenario)) else []), [],
        ["Objective ID", "Objective", "Capability"],
        *[[o.id, o.text, o.capability] for o in scenario.objectives], [],
        ["Role ID", "Name", "Kind", "Members"],
        *[[r.id, r.name, r.kind.value, "\n".join(r.members)] for r in scenario.roles], [],
        ["Module ID", "Title", "Offset", "Situation"],
        *[[m.id, m.title, format_offset(m.at), m.situation] for m in scenario.modules],
    ]
    wrapped = Alignment(wrap_text=True, vertical="top")
    table_headers = {"Objective ID", "Role ID", "Module ID"}
    for row in rows:
        sheet.append([_ILLEGAL.sub("", v) if isinstance(v, str) else v for v in row])
        cells = sheet[sheet.max_row]
        for cell in cells:
            cell.alignment = wrapped
            if isinstance(cell.value, str):
                cell.data_type = "s"
        if row and row[0] in table_headers:
            for cell in cells:
                cell.font, cell.fill = font, fill
        elif row and len(row) == 2:
            cells[0].font = Font(bold=True)
    for letter, width in zip("ABCD", (16, 70, 30, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    _print_setup(sheet, scenario.classification, scenario.title)

