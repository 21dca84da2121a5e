"""Hostile and broken spreadsheets: one positioned problem each, exit 1, no traceback,
nothing written; and a CSV export that no spreadsheet runs as formulas."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.msel.conftest import Run, files_under
from ttx.authoring.resolve import resolve_scenario
from ttx.model.resolved import ResolvedScenario
from ttx.msel.read import MAX_ROWS, MAX_UNPACKED_BYTES

GOOD = "No.,Time,Title,To\n1,0600,First,US\n2,0615,Second,JPN\n"
SHEET = "xl/worksheets/sheet1.xml"


def refused(ttx: Run, source: Path, *extra: str) -> list[str]:
    """Import `source`; assert it is refused cleanly and return the problem lines."""
    into = source.parent / "ws"
    result = ttx("msel", "import", str(source), "--into", str(into), *extra, cwd=source.parent)
    assert result.code == 1, result.err
    assert "Traceback" not in result.err
    assert result.out == ""
    assert not into.exists() or files_under(into) == set()
    lines = result.err.rstrip().splitlines()
    assert lines[-1].startswith("error: nothing imported from ")
    return [line for line in lines[:-1] if ": error: " in line]


def one_problem(ttx: Run, source: Path, *extra: str) -> str:
    problems = refused(ttx, source, *extra)
    assert len(problems) == 1, problems
    return problems[0]


# --- CSV formula injection -------------------------------------------------------------

HOSTILE_TEXTS: dict[str, str] = {
    "title": "=HYPERLINK(\"http://evil.example/\",\"Click\")",
    "body": "-5 knots and falling\nsecond line",
    "notes": "@SUM(1+1)*cmd|' /C calc'!A0",
    "from": "+81 3 5253 2111 (Cabinet Office)",
}
"""Authored texts a spreadsheet would take for formulas (the tags are written below)."""


def hostile_workspace(example: Path) -> Path:
    inject = example / "injects" / "example" / "example-01-ransom-note.yaml"
    text = inject.read_text("utf-8")
    lines = [line for line in text.splitlines()
             if not line.startswith(("title:", "from:", "notes:", "tags:"))]
    lines += ['title: "=HYPERLINK(\\"http://evil.example/\\",\\"Click\\")"',
              'from: "+81 3 5253 2111 (Cabinet Office)"',
              "notes: \"@SUM(1+1)*cmd|' /C calc'!A0\"",
              "tags: [\"-tagged\", \"'quoted'\", plain]"]
    inject.write_text("\n".join(lines) + "\n", encoding="utf-8")
    body_inject = example / "injects" / "example" / "example-02-share-indicators.yaml"
    text = body_inject.read_text("utf-8")
    start = text.index("body:")
    end = text.index("\n", text.index("\n", start) + 1)
    while text[end + 1:end + 3] == "  ":
        end = text.index("\n", end + 1)
    body = 'body: "-5 knots and falling\\nsecond line"'
    body_inject.write_text(text[:start] + body + text[end:], encoding="utf-8")
    return example


def test_csv_export_guards_formula_cells_and_the_round_trip_is_exact(
        example: Path, tmp_path: Path, ttx: Run) -> None:
    hostile_workspace(example)
    result = ttx("msel", "export", "example-port-outage", "-o", "m.csv", cwd=example)
    assert result.code == 0, result.err
    data = (example / "m.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data, newline="")))
    first, second = rows[0], rows[1]
    assert first["Title"] == "'" + HOSTILE_TEXTS["title"]
    assert first["From"] == "'" + HOSTILE_TEXTS["from"]
    assert first["Notes"] == "'" + HOSTILE_TEXTS["notes"]
    assert second["Inject"] == "'" + HOSTILE_TEXTS["body"]
    formula_starts = ("=", "+", "-", "@", "\t", "\r")
    for row in rows:
        for column, value in row.items():
            if column != "Offset":
                assert not value.startswith(formula_starts), (column, value)
    assert all(row["Offset"].startswith("+") for row in rows), "offsets stay as typed"

    into = tmp_path / "imported"
    result = ttx("msel", "import", str(example / "m.csv"), "--scenario", "example-port-outage",
                 "--into", str(into), cwd=tmp_path)
    assert result.code == 0, result.err
    original = resolve_scenario("example-port-outage", example)
    imported = resolve_scenario("example-port-outage", into)
    ransom = imported.injects["example-01-ransom-note"]
    assert ransom.title == HOSTILE_TEXTS["title"]
    assert ransom.sender == HOSTILE_TEXTS["from"]
    assert ransom.notes.strip() == HOSTILE_TEXTS["notes"]
    assert ransom.tags == original.injects["example-01-ransom-note"].tags
    assert imported.injects["example-02-share-indicators"].body.strip() == HOSTILE_TEXTS["body"]
    def game_times(resolved: ResolvedScenario) -> list[datetime]:
        modules = {m.id: m for m in resolved.scenario.modules}
        return [resolved.game_time_of(modules[s.module_id], s.inject_id)
                for s in resolved.planned()]

    assert game_times(imported) == game_times(original)
    again = ttx("msel", "export", "example-port-outage", "-o", str(tmp_path / "again.csv"),
                cwd=into)
    assert again.code == 0
    assert (tmp_path / "again.csv").read_bytes() == (example / "m.csv").read_bytes()


def test_a_planners_guarded_csv_reads_as_text(tmp_path: Path, ttx: Run) -> None:
    source = tmp_path / "m.csv"
    source.write_text("Time,Title,Offset\n0600,'=1+1,'+0:30\n", encoding="utf-8")
    into = tmp_path / "ws"
    result = ttx("msel", "import", str(source), "--into", str(into), "--start",
                 "2027-01-01T06:00+09:00", cwd=tmp_path)
    assert result.code == 0, result.err
    inject = resolve_scenario("m", into).injects["m-01-1-1"]
    assert inject.title == "=1+1"


# --- bounds ------------------------------------------------------------------------------

def test_too_many_rows_is_one_problem(tmp_path: Path, ttx: Run) -> None:
    source = tmp_path / "m.csv"
    rows = "".join(f"{n},0600,Inject {n},US\n" for n in range(MAX_ROWS + 20))
    source.write_text("No.,Time,Title,To\n" + rows, encoding="utf-8")
    problem = one_problem(ttx, source)
    assert problem.startswith(f"m.csv:{MAX_ROWS + 11}:1: error: more than 10,000 rows")


def test_warnings_past_twenty_are_summarised(tmp_path: Path, ttx: Run) -> None:
    source = tmp_path / "m.csv"
    rows = "".join(f"{n},0600,Inject {n},US,Carrier pigeon\n" for n in range(1, 51))
    source.write_text("No.,Time,Title,To,Method\n" + rows, encoding="utf-8")
    result = ttx("msel", "import", str(source), "--into", str(tmp_path / "ws"), "--start",
                 "2027-01-01T06:00+09:00", cwd=tmp_path)
    assert result.code == 0, result.err
    warnings = [line for line in result.err.splitlines() if ": warning: " in line]
    assert len(warnings) == 20
    assert "… and 30 more warnings" in result.err.splitlines()


def test_header_only_csv(tmp_path: Path, ttx: Run) -> None:
    source = tmp_path / "m.csv"
    source.write_text("No.,Time,Title,To\n\n", encoding="utf-8")
    problem = one_problem(ttx, source)
    assert problem == ("m.csv:1:1: error: the MSEL has a header but no rows below it: "
                       "nothing to import")


def test_empty_csv(tmp_path: Path, ttx: Run) -> None:
    source = tmp_path / "m.csv"
    source.write_bytes(b"\xef\xbb\xbf\r\n")
    assert one_problem(ttx, source) == "m.csv:1:1: error: the MSEL is empty: no header, no rows"


def test_oversized_csv_cell(tmp_path: Path, ttx: Run) -> None:
    source = tmp_path / "m.csv"
    source.write_text(f"Time,Title,Inject\n0600,Big,\"{'x' * 40_000}\"\n", encoding="utf-8")
    problem = one_problem(ttx, source)
    assert problem.startswith("m.csv:2:3: error: the cell holds 40,000 characters")


# --- hostile workbooks -------------------------------------------------------------------

def workbook_bytes(fill: Callable[[Workbook], None] | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "MSEL"
    sheet.append(["Title", "To", "Time", "Module"])
    sheet.append(["First", "US", datetime(2027, 1, 1, 6, 0), "Module 1"])
    sheet.append(["Second", "JPN", datetime(2027, 1, 1, 6, 30), "Module 1"])
    if fill is not None:
        fill(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rewritten(original: bytes, replace: dict[str, bytes], *,
              encrypted: str | None = None, garbage: str | None = None) -> bytes:
    """The workbook with parts replaced or added; `encrypted` names a part whose headers
    say it is encrypted, `garbage` one whose headers say deflated over bytes that are not."""
    source = zipfile.ZipFile(io.BytesIO(original))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, replace.get(info.filename, source.read(info)))
        for name, data in replace.items():
            if name not in source.namelist():
                target.writestr(name, data, zipfile.ZIP_STORED if name == garbage else None)
    patched = bytearray(buffer.getvalue())
    if encrypted:
        _patch_headers(patched, encrypted, flag_bits=0x1)
    if garbage:
        _patch_headers(patched, garbage, method=zipfile.ZIP_DEFLATED)
    return bytes(patched)


def _patch_headers(data: bytearray, name: str, *, flag_bits: int = 0,
                   method: int | None = None) -> None:
    """Set flag bits or the compression method of a part, in its local header and in the
    central directory (zipfile itself never writes an encrypted part)."""
    encoded = name.encode()
    for marker, name_length_at, name_at, flags_at in ((b"PK\x03\x04", 26, 30, 6),
                                                      (b"PK\x01\x02", 28, 46, 8)):
        start = 0
        while (start := data.find(marker, start)) != -1:
            length = int.from_bytes(data[start + name_length_at:start + name_length_at + 2],
                                    "little")
            if data[start + name_at:start + name_at + length] == encoded:
                flags = int.from_bytes(data[start + flags_at:start + flags_at + 2], "little")
                data[start + flags_at:start + flags_at + 2] = (flags | flag_bits).to_bytes(
                    2, "little")
                if method is not None:
                    data[start + flags_at + 2:start + flags_at + 4] = method.to_bytes(2, "little")
            start += 4


def write_xlsx(tmp_path: Path, data: bytes, name: str = "m.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_malformed_sheet_xml(tmp_path: Path, ttx: Run) -> None:
    source = write_xlsx(tmp_path, rewritten(workbook_bytes(), {
        SHEET: b"<?xml version='1.0'?><worksheet><sheetData><row r='1'><c r='A1'"}))
    problem = one_problem(ttx, source)
    assert problem.startswith("m.xlsx:1:1: error: ")
    assert "cannot be read" in problem or "not a readable XLSX" in problem


def test_entity_bomb(tmp_path: Path, ttx: Run) -> None:
    entities = "".join(f'<!ENTITY e{n} "{f"&e{n - 1};" * 10}">' for n in range(1, 10))
    bomb = (f'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY e0 "ha">{entities}]>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Title</t></is></c></row>'
            '<row r="2"><c r="A2" t="inlineStr"><is><t>&e9;</t></is></c></row>'
            "</sheetData></worksheet>").encode()
    source = write_xlsx(tmp_path, rewritten(workbook_bytes(), {SHEET: bomb}))
    problem = one_problem(ttx, source)
    assert problem == (f"m.xlsx:1:1: error: part '{SHEET}' of the workbook "
                       "declares a DTD or entities, which no spreadsheet program writes; refused")


def test_encrypted_zip_entry(tmp_path: Path, ttx: Run) -> None:
    source = write_xlsx(tmp_path, rewritten(workbook_bytes(), {}, encrypted=SHEET))
    problem = one_problem(ttx, source)
    assert problem == (f"m.xlsx:1:1: error: part '{SHEET}' of the workbook is encrypted: "
                       "save it without a password")


def test_garbage_zip_entry(tmp_path: Path, ttx: Run) -> None:
    source = write_xlsx(tmp_path, rewritten(workbook_bytes(), {"xl/garbage.xml": b"\xff" * 64},
                                            garbage="xl/garbage.xml"))
    problem = one_problem(ttx, source)
    assert problem.startswith("m.xlsx:1:1: error: part 'xl/garbage.xml' of the workbook "
                              "cannot be unpacked")


def test_password_protected_workbook(tmp_path: Path, ttx: Run) -> None:
    source = write_xlsx(tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert "password-protected or old-format (.xls)" in one_problem(ttx, source)


def test_not_a_zip(tmp_path: Path, ttx: Run) -> None:
    source = write_xlsx(tmp_path, b"Title,Time\nnot really a workbook\n")
    assert one_problem(ttx, source).startswith(
        "m.xlsx:1:1: error: not an XLSX workbook: not a zip archive")


def test_unpacked_size_is_bounded(tmp_path: Path, ttx: Run) -> None:
    huge = b"<t>" + b"a" * (MAX_UNPACKED_BYTES + 1) + b"</t>"
    data = rewritten(workbook_bytes(), {"xl/padding.xml": huge})
    assert len(data) < 1_000_000, "a small file that unpacks past the bound"
    source = write_xlsx(tmp_path, data)
    assert "the workbook unpacks to" in one_problem(ttx, source)


@pytest.mark.parametrize(("section", "bad_id"), [("Module ID", "Module one!"),
                                                 ("Role ID", "us delegation"),
                                                 ("Objective ID", "objective 1")])
def test_invalid_ids_on_the_exercise_sheet(section: str, bad_id: str, tmp_path: Path,
                                           ttx: Run) -> None:
    def exercise(workbook: Workbook) -> None:
        sheet = workbook.create_sheet("Exercise")
        sheet.append(["Title", "Exercise"])
        sheet.append(["Start", "2027-01-01T06:00:00+09:00"])
        sheet.append([])
        if section == "Module ID":
            sheet.append(["Module ID", "Title", "Offset", "Situation"])
            sheet.append([bad_id, "Module 1", "+0:00", "Calm"])
        elif section == "Role ID":
            sheet.append(["Role ID", "Name", "Kind", "Members"])
            sheet.append([bad_id, "United States", "player", ""])
        else:
            sheet.append(["Objective ID", "Objective", "Capability"])
            sheet.append([bad_id, "Share the track", "Intelligence"])

    source = write_xlsx(tmp_path, workbook_bytes(exercise))
    problem = one_problem(ttx, source)
    kind = section.split()[0].lower()
    assert problem.startswith(f"m.xlsx:5:1: error: {kind} '")
    assert problem.endswith("(sheet 'Exercise', cell A5)")


def test_bad_start_on_the_exercise_sheet(tmp_path: Path, ttx: Run) -> None:
    def exercise(workbook: Workbook) -> None:
        sheet = workbook.create_sheet("Exercise")
        sheet.append(["Title", "Exercise"])
        sheet.append(["Start", "whenever"])

    problem = one_problem(ttx, write_xlsx(tmp_path, workbook_bytes(exercise)))
    assert problem.startswith("m.xlsx:2:1: error: Start: 'whenever' is not a date and time")
    assert problem.endswith("(sheet 'Exercise', cell A2)")
