"""Read an MSEL spreadsheet (CSV or XLSX) into a header and numbered rows.

CSV: UTF-8 with or without a byte-order mark, else Windows-1252 (said in a warning);
the delimiter (comma, semicolon or tab) is the one the header line uses most. XLSX: the
sheet named `MSEL`, else the first sheet with a recognisable header; date and time cells
arrive as Python values. In both, the header is the first of the top ten rows that names
the most MSEL columns, so a title row or two above it is fine. Row numbers are the
spreadsheet's (the first row is 1). openpyxl is imported only for an XLSX.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ttx.msel.columns import recognised_count
from ttx.errors import TtxError

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
MAX_BYTES = 50 * 1024 * 1024
_HEADER_SEARCH_ROWS = 10


@dataclass
class SheetRow:
    """One row below the header: its spreadsheet row number and its cell values."""

    number: int
    cells: list[Any]

    def get(self, index: int | None) -> Any:
        if index is None or index >= len(self.cells):
            return None
        return self.cells[index]


@dataclass
class ExerciseInfo:
    """What an exported workbook's `Exercise` sheet says about the scenario."""

    fields: dict[str, str] = field(default_factory=dict)
    """`title`, `scenario id`, `classification`, `start`, `sponsor`, `scope`, `summary`."""
    objectives: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Objective id → (text, capability)."""
    roles: dict[str, tuple[str, str, list[str]]] = field(default_factory=dict)
    """Role id → (name, kind, members)."""
    modules: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    """Module title → (id, offset, situation)."""


@dataclass
class Table:
    """An MSEL read from a file."""

    path: Path
    headers: list[str]
    header_row: int
    rows: list[SheetRow]
    is_xlsx: bool
    warnings: list[str] = field(default_factory=list)
    exercise: ExerciseInfo | None = None


def read_table(path: Path) -> Table:
    """The MSEL in `path`; refused with one clear message if it cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in CSV_SUFFIXES + XLSX_SUFFIXES:
        raise TtxError(f"{path}: cannot import a '{suffix or 'suffix-less'}' file; save the "
                       "MSEL as .csv or .xlsx")
    try:
        if path.stat().st_size > MAX_BYTES:
            raise TtxError(f"{path}: file is larger than {MAX_BYTES // 1024 // 1024} MB")
        raw = path.read_bytes()
    except OSError as error:
        raise TtxError(f"cannot read {path}: {error.strerror}") from None
    if suffix in XLSX_SUFFIXES:
        return _read_xlsx(path, raw)
    return _read_csv(path, raw)


def cell_text(value: Any) -> str:
    """A cell as text: empty for nothing, whole numbers without `.0`."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table(path: Path, grid: list[list[Any]], is_xlsx: bool, warnings: list[str]) -> Table:
    header_index = 0
    best = 0
    for index, row in enumerate(grid[:_HEADER_SEARCH_ROWS]):
        count = recognised_count([cell_text(v) for v in row])
        if count > best:
            header_index, best = index, count
    if not grid:
        raise TtxError(f"{path}: the file is empty")
    headers = [cell_text(v).strip() for v in grid[header_index]]
    rows = [SheetRow(number, row)
            for number, row in enumerate(grid[header_index + 1:], start=header_index + 2)
            if any(cell_text(v).strip() for v in row)]
    return Table(path, headers, header_index + 1, rows, is_xlsx, warnings)


def _read_csv(path: Path, raw: bytes) -> Table:
    warnings: list[str] = []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as error:
            raise TtxError(f"{path}: the file is neither UTF-8 nor Windows-1252 text "
                           f"(byte 0x{raw[error.start]:02x}); save it as CSV UTF-8") from None
        warnings.append(f"{path}: warning: not UTF-8; read as Windows-1252 (cp1252)")
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        grid: list[list[Any]] = list(csv.reader(io.StringIO(text, newline=""),
                                                delimiter=delimiter))
    except csv.Error as error:
        raise TtxError(f"{path}: not readable as CSV: {error}") from None
    return _table(path, grid, False, warnings)


def _read_xlsx(path: Path, raw: bytes) -> Table:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as error:
        raise TtxError(f"{path}: not a readable XLSX workbook ({error})") from None
    try:
        grids = {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
                 for sheet in workbook.worksheets}
    finally:
        workbook.close()
    chosen = next((name for name in grids if name.strip().casefold() == "msel"), None)
    if chosen is None:
        scored = [(max((recognised_count([cell_text(v) for v in row])
                        for row in grid[:_HEADER_SEARCH_ROWS]), default=0), name)
                  for name, grid in grids.items()]
        chosen = max(scored, key=lambda item: item[0])[1] if scored else None
    if chosen is None:
        raise TtxError(f"{path}: the workbook has no sheets")
    table = _table(path, grids[chosen], True, [])
    exercise = next((grid for name, grid in grids.items()
                     if name.strip().casefold() == "exercise" and name != chosen), None)
    if exercise is not None:
        table.exercise = _exercise_info(exercise)
    return table


def _exercise_info(grid: list[list[Any]]) -> ExerciseInfo:
    info = ExerciseInfo()
    section = ""
    for row in grid:
        cells = [cell_text(v) for v in row] + ["", "", "", ""]
        key = cells[0].strip()
        if not any(c.strip() for c in cells):
            section = ""
            continue
        if key in ("Objective ID", "Role ID", "Module ID"):
            section = key
        elif section == "Objective ID":
            info.objectives[key] = (cells[1], cells[2])
        elif section == "Role ID":
            info.roles[key] = (cells[1], cells[2], [m for m in cells[3].splitlines() if m])
        elif section == "Module ID":
            info.modules[cells[1]] = (key, cells[2], cells[3])
        elif key:
            info.fields[key.casefold()] = cells[1]
    return info
