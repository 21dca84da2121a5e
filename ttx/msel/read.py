"""Read an MSEL spreadsheet (CSV or XLSX) into a header and numbered rows, within bounds.

CSV: UTF-8 with or without a byte-order mark, else Windows-1252 (said in a warning);
the delimiter (comma, semicolon or tab) is the one the header line uses most. XLSX: the
sheet named `MSEL`, else the first sheet with a recognisable header; date and time cells
arrive as Python values. In both, the header is the first of the top ten rows that names
the most MSEL columns, so a title row or two above it is fine. Row numbers are the
spreadsheet's (the first row is 1). openpyxl is imported only for an XLSX.

A spreadsheet is untrusted input: the file, what an XLSX unpacks to, the rows and each
cell are bounded, and an XLSX is checked as a zip archive (no encrypted parts, no DTDs
or entities in its XML) before openpyxl reads it. Every fault is one `Problem`.
"""

from __future__ import annotations

import csv
import io
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ttx.authoring.problems import Problem, Severity
from ttx.errors import TtxError
from ttx.model.wording import one_line
from ttx.msel.cells import unguard_formula
from ttx.msel.columns import recognised_count
from ttx.msel.problems import MselRefused, Sheet

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
MAX_BYTES = 50 * 1024 * 1024
"""The largest file read at all."""
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
"""The most an XLSX may unpack to (a few hundred KB of zip can hold gigabytes)."""
MAX_ROWS = 10_000
"""MSEL rows (non-empty rows below the header) read; a real MSEL has a few hundred."""
MAX_COLUMNS = 256
MAX_CELL_CHARACTERS = 32_767
"""What a spreadsheet cell can hold (Excel's limit)."""
_HEADER_SEARCH_ROWS = 10
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


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

    sheet: Sheet | None = None
    fields: dict[str, str] = field(default_factory=dict)
    """`title`, `scenario id`, `classification`, `start`, `sponsor`, `scope`, `summary`."""
    objectives: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Objective id → (text, capability)."""
    roles: dict[str, tuple[str, str, list[str]]] = field(default_factory=dict)
    """Role id → (name, kind, members)."""
    modules: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    """Module title → (id, offset, situation)."""
    rows: dict[tuple[str, str], int] = field(default_factory=dict)
    """(`field`|`objective`|`role`|`module`, key) → the row that gives it."""

    def problem(self, kind: str, key: str, message: str, column: int = 1) -> Problem | None:
        """A problem at the Exercise-sheet row that gives `key`; None if no row does."""
        row = self.rows.get((kind, key))
        if self.sheet is None or row is None:
            return None
        return self.sheet.problem(row, column, message)


@dataclass
class Table:
    """An MSEL read from a file."""

    sheet: Sheet
    headers: list[str]
    header_row: int
    rows: list[SheetRow]
    warnings: list[Problem] = field(default_factory=list)
    exercise: ExerciseInfo | None = None

    @property
    def path(self) -> Path:
        return self.sheet.path


def read_table(path: Path) -> Table:
    """The MSEL in `path`; refused with one clear problem if it cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in CSV_SUFFIXES + XLSX_SUFFIXES:
        raise TtxError(f"{path}: cannot import a '{suffix or 'suffix-less'}' file; save the "
                       "MSEL as .csv or .xlsx")
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise TtxError(f"cannot read {path}: {error.strerror}") from None
    if len(raw) > MAX_BYTES:
        raise MselRefused.single(Sheet(path).file_problem(
            f"the file is larger than {MAX_BYTES // 1024 // 1024} MB"))
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


def _numbered_rows(sheet: Sheet, rows: Iterable[Iterable[Any]]) -> list[tuple[int, list[Any]]]:
    """The non-empty rows with their numbers, refused past `MAX_ROWS` and for cells
    longer than a spreadsheet cell can be."""
    kept: list[tuple[int, list[Any]]] = []
    for number, row in enumerate(rows, start=1):
        cells = list(row)
        if not any(cell_text(v).strip() for v in cells):
            continue
        if len(kept) >= MAX_ROWS + _HEADER_SEARCH_ROWS:
            raise MselRefused.single(sheet.problem(
                number, 1, f"more than {MAX_ROWS:,} rows; an MSEL this long is not one ttx "
                "imports (split it into several scenarios)"))
        for column, value in enumerate(cells, start=1):
            if isinstance(value, str) and len(value) > MAX_CELL_CHARACTERS:
                raise MselRefused.single(sheet.problem(
                    number, column, f"the cell holds {len(value):,} characters; a "
                    f"spreadsheet cell holds at most {MAX_CELL_CHARACTERS:,}"))
        kept.append((number, cells))
    return kept


def _table(sheet: Sheet, grid: list[tuple[int, list[Any]]],
           warnings: list[Problem]) -> Table:
    if not grid:
        raise MselRefused.single(sheet.file_problem("the MSEL is empty: no header, no rows"))
    header_index, best = 0, 0
    for index, (_, row) in enumerate(grid[:_HEADER_SEARCH_ROWS]):
        count = recognised_count([cell_text(v) for v in row])
        if count > best:
            header_index, best = index, count
    header_row, header_cells = grid[header_index]
    headers = [cell_text(v).strip() for v in header_cells]
    rows = [SheetRow(number, cells) for number, cells in grid[header_index + 1:]]
    if not rows:
        raise MselRefused.single(sheet.problem(
            header_row, 1, "the MSEL has a header but no rows below it: nothing to import"))
    return Table(sheet, headers, header_row, rows, warnings)


def _read_csv(path: Path, raw: bytes) -> Table:
    sheet = Sheet(path)
    warnings: list[Problem] = []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as error:
            raise MselRefused.single(sheet.file_problem(
                f"the file is neither UTF-8 nor Windows-1252 text (byte 0x"
                f"{raw[error.start]:02x} at offset {error.start}); save it as CSV UTF-8"
            )) from None
        warnings.append(Problem(path, 1, 1, Severity.warning,
                                "not UTF-8; read as Windows-1252 (cp1252)"))
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        grid = _numbered_rows(sheet, ([unguard_formula(cell) for cell in row] for row in reader))
    except csv.Error as error:
        raise MselRefused.single(sheet.problem(
            reader.line_num or 1, 1, f"not readable as CSV: {error}")) from None
    return _table(sheet, grid, warnings)


def _read_xlsx(path: Path, raw: bytes) -> Table:
    _check_archive(Sheet(path), raw)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises what its parsers raise; all mean "unreadable"
        raise MselRefused.single(Sheet(path).file_problem(
            f"not a readable XLSX workbook ({_reason(error)})")) from None
    try:
        grids = {ws.title: _numbered_rows(Sheet(path, ws.title),
                                          ws.iter_rows(max_col=MAX_COLUMNS, values_only=True))
                 for ws in workbook.worksheets}
    except MselRefused:
        raise
    except Exception as error:  # malformed sheet XML, bad cell values, broken styles
        raise MselRefused.single(Sheet(path).file_problem(
            f"a sheet of the workbook cannot be read ({_reason(error)})")) from None
    finally:
        workbook.close()
    chosen = next((name for name in grids if name.strip().casefold() == "msel"), None)
    if chosen is None:
        scored = [(max((recognised_count([cell_text(v) for v in row])
                        for _, row in grid[:_HEADER_SEARCH_ROWS]), default=0), name)
                  for name, grid in grids.items()]
        chosen = max(scored, key=lambda item: item[0])[1] if scored else None
    if chosen is None:
        raise MselRefused.single(Sheet(path).file_problem("the workbook has no sheets"))
    table = _table(Sheet(path, chosen), grids[chosen], [])
    exercise = next((name for name in grids
                     if name.strip().casefold() == "exercise" and name != chosen), None)
    if exercise is not None:
        table.exercise = _exercise_info(Sheet(path, exercise), grids[exercise])
    return table


def _reason(error: BaseException) -> str:
    text = one_line(str(error), 160)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _check_archive(sheet: Sheet, raw: bytes) -> None:
    """Refuse what openpyxl should never be given: not a zip, encrypted parts, parts
    that unpack past the bound, XML with a DTD (entity expansion)."""
    from zipfile import BadZipFile, ZipFile

    if raw.startswith(_OLE_MAGIC):
        raise MselRefused.single(sheet.file_problem(
            "a password-protected or old-format (.xls) workbook: save it as .xlsx without "
            "a password"))
    try:
        archive = ZipFile(io.BytesIO(raw))
        parts = archive.infolist()
    except (BadZipFile, OSError, ValueError, EOFError) as error:
        raise MselRefused.single(sheet.file_problem(
            f"not an XLSX workbook: not a zip archive ({_reason(error)})")) from None
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        raise MselRefused.single(sheet.file_problem(
            f"the workbook unpacks to {unpacked:,} bytes; the limit is "
            f"{MAX_UNPACKED_BYTES:,}"))
    for part in parts:
        if part.flag_bits & 0x1:
            raise MselRefused.single(sheet.file_problem(
                f"part '{part.filename}' of the workbook is encrypted: save it without a "
                "password"))
        if not part.filename.endswith((".xml", ".rels", ".vml")):
            continue
        try:
            content = archive.read(part)
        except (BadZipFile, zlib.error, NotImplementedError, RuntimeError, OSError,
                EOFError, ValueError) as error:
            raise MselRefused.single(sheet.file_problem(
                f"part '{part.filename}' of the workbook cannot be unpacked "
                f"({_reason(error)})")) from None
        if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
            raise MselRefused.single(sheet.file_problem(
                f"part '{part.filename}' of the workbook declares a DTD or entities, which "
                "no spreadsheet program writes; refused"))


_SECTIONS = {"Objective ID": "objective", "Role ID": "role", "Module ID": "module"}


def _exercise_info(sheet: Sheet, grid: list[tuple[int, list[Any]]]) -> ExerciseInfo:
    info = ExerciseInfo(sheet=sheet)
    section = ""
    previous = 0
    for number, row in grid:
        cells = [cell_text(v) for v in row] + ["", "", "", ""]
        key = cells[0].strip()
        if number > previous + 1:
            section = ""  # an empty row ends a table
        previous = number
        if key in _SECTIONS:
            section = _SECTIONS[key]
        elif section == "objective":
            info.objectives[key] = (cells[1], cells[2])
            info.rows[("objective", key)] = number
        elif section == "role":
            info.roles[key] = (cells[1], cells[2], [m for m in cells[3].splitlines() if m])
            info.rows[("role", key)] = number
        elif section == "module":
            info.modules[cells[1]] = (key, cells[2], cells[3])
            info.rows[("module", cells[1])] = number
        elif key:
            info.fields[key.casefold()] = cells[1]
            info.rows[("field", key.casefold())] = number
    return info
