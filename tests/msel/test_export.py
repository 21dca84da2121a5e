"""`ttx msel export`: the HSEEP columns, every inject once, CJK intact in CSV and XLSX."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from tests.msel.conftest import CJK, REPO, Run, shipped_scenarios
from ttx.authoring.workspace import load_workspace
from ttx.msel.columns import EXPORT_COLUMNS

HSEEP = ["MSEL #", "Module", "Scenario Time (UTC+09:00)", "Offset", "Inject ID", "Title",
         "Inject", "From", "To", "Method", "Expected Player Action", "Objectives", "Options",
         "Contingency", "Notes"]


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 byte-order mark"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))




def test_csv_has_hseep_columns_rows_in_msel_order_and_cjk(example: Path, ttx: Run) -> None:
    result = ttx("msel", "export", "example-port-outage", "-o", "msel.csv", cwd=example)
    assert result.code == 0, result.err
    data = (example / "msel.csv").read_bytes()
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header[:len(HSEEP)] == HSEEP
    rows = read_csv(data)
    assert [r["Inject ID"] for r in rows] == [
        "example-01-ransom-note", "example-02-share-indicators", "example-05-press-query",
        "example-03-direct-exchange", "example-04-relay-through-us"]
    assert [r["MSEL #"] for r in rows] == ["1", "2", "3", "4", "5"]
    assert [r["Contingency"] for r in rows] == ["", "", "", "yes", "yes"]
    assert rows[2]["Scenario Time (UTC+09:00)"] == "2027-05-10 12:10"
    assert rows[2]["Offset"] == "+4:10"
    assert rows[3]["Module"] == "Module 1: The terminal stops"
    assert CJK in rows[2]["Inject"]
    assert rows[0]["Expected Player Action"].startswith("ROK: Notify the national cyber")
    assert rows[1]["Options"].splitlines() == [
        "direct: ROK shares the indicators directly with Japan -> example-03-direct-exchange",
        "through-us: ROK shares with the United States, which relays to Japan "
        "-> example-04-relay-through-us"]
    assert rows[1]["To"] == "All"


def test_csv_to_stdout_by_default(example: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "ttx", "msel", "export",
                             "scenarios/example-port-outage.yaml"],
                            cwd=example, capture_output=True, check=True)
    rows = read_csv(result.stdout)
    assert len(rows) == 5


def test_xlsx_reads_back_with_styles_and_markings(example: Path, ttx: Run) -> None:
    from openpyxl import load_workbook

    assert ttx("msel", "export", "example-port-outage", "-o", "msel.xlsx", cwd=example).code == 0
    workbook = load_workbook(example / "msel.xlsx")
    assert workbook.sheetnames == ["MSEL", "Exercise"]
    sheet = workbook["MSEL"]
    header = [c.value for c in sheet[1]]
    assert header == [name if name != "Scenario Time" else "Scenario Time (UTC+09:00)"
                      for _, name in EXPORT_COLUMNS]
    assert sheet.max_row == 6
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == sheet.dimensions
    assert sheet["A1"].font.bold
    assert sheet["G2"].alignment.wrap_text
    assert sheet.column_dimensions["G"].width >= 40
    assert "UNCLASSIFIED // FOR EXERCISE PURPOSES ONLY" in sheet.oddHeader.center.text
    assert "UNCLASSIFIED // FOR EXERCISE PURPOSES ONLY" in sheet.oddFooter.center.text
    time_cell = sheet["C4"]
    assert time_cell.is_date and time_cell.value.strftime("%Y-%m-%d %H:%M") == "2027-05-10 12:10"
    assert CJK in sheet["G4"].value
    exercise = workbook["Exercise"]
    assert exercise["B1"].value == "Example: Port logistics outage"
    assert exercise["B4"].value == "2027-05-10T08:00:00+09:00"


def test_format_option_wins_over_suffix(example: Path, ttx: Run) -> None:
    assert ttx("msel", "export", "example-port-outage", "--format", "xlsx", "-o", "out.dat",
               cwd=example).code == 0
    assert (example / "out.dat").read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("scenario_id", shipped_scenarios())
def test_shipped_scenarios_export(scenario_id: str, tmp_path: Path, ttx: Run) -> None:
    from openpyxl import load_workbook

    workspace = load_workspace(REPO)
    scenario = workspace.scenarios[scenario_id].scenario
    expected = sum(len(m.injects) + len(m.contingency) for m in scenario.modules)
    csv_path, xlsx_path = tmp_path / "m.csv", tmp_path / "m.xlsx"
    assert ttx("msel", "export", scenario_id, "-o", str(csv_path), cwd=REPO).code == 0
    assert ttx("msel", "export", scenario_id, "-o", str(xlsx_path), cwd=REPO).code == 0
    rows = read_csv(csv_path.read_bytes())
    assert len(rows) == expected
    sheet = load_workbook(xlsx_path)["MSEL"]
    assert sheet.max_row == expected + 1
    injects = {r["Inject ID"]: r for r in rows}
    for inject_id, row in injects.items():
        inject = workspace.injects[inject_id].inject
        assert row["Title"] == inject.title
        assert row["Inject"] == inject.body.rstrip()
    xlsx_bodies = {r[4].value: r[6].value or "" for r in sheet.iter_rows(min_row=2)}
    assert xlsx_bodies == {k: v["Inject"] for k, v in injects.items()}
