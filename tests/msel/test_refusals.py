"""Refused imports: one positioned line per problem, exit 1, and nothing written."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from tests.msel.conftest import Run, files_under

GOOD = "No.,Time,Title,To\n1,0600,First,US\n2,0615,Second,JPN\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def refused(ttx: Run, source: Path, into: Path, *extra: str) -> str:
    before = files_under(into) if into.exists() else set()
    result = ttx("msel", "import", str(source), "--into", str(into), *extra, cwd=source.parent)
    assert result.code == 1, result.err
    assert result.out == ""
    after = files_under(into) if into.exists() else set()
    assert after == before, "a refused import must write nothing"
    assert result.err.rstrip().splitlines()[-1].startswith("error: ")
    return result.err


def test_bad_time_names_file_and_row(tmp_path: Path, ttx: Run) -> None:
    source = write(tmp_path, "m.csv", GOOD + "3,half past six,Third,ROK\n4,25:99,Fourth,US\n")
    err = refused(ttx, source, tmp_path / "ws")
    assert f"{source.name}:4:2: error: 'half past six' is not a time" in err
    assert f"{source.name}:5:2: error: '25:99' is not a time" in err
    assert "error: no time" not in err  # one problem, said once


def test_empty_title(tmp_path: Path, ttx: Run) -> None:
    source = write(tmp_path, "m.csv", GOOD + "3,0630,,ROK\n")
    err = refused(ttx, source, tmp_path / "ws")
    assert f"{source.name}:4:3: error: empty title" in err
    assert err.count(f"{source.name}:4:") == 1


def test_xlsx_problems_name_row_and_column(tmp_path: Path, ttx: Run) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Title", "To", "Time"])
    sheet.append(["Fine", "US", datetime(2027, 1, 1, 6, 0)])
    sheet.append(["", "US", datetime(2027, 1, 1, 6, 30)])
    sheet.append(["Late", "US", "tomorrow-ish"])
    source = tmp_path / "m.xlsx"
    workbook.save(source)
    err = refused(ttx, source, tmp_path / "ws")
    assert f"{source.name}:3:1: error: empty title" in err
    assert f"{source.name}:4:3: error: 'tomorrow-ish' is not a time" in err


def test_existing_files_need_force(tmp_path: Path, ttx: Run) -> None:
    source = write(tmp_path, "m.csv", GOOD)
    into = tmp_path / "ws"
    assert ttx("msel", "import", str(source), "--into", str(into), cwd=tmp_path).code == 0
    scenario = into / "scenarios" / "m.yaml"
    scenario.write_text(scenario.read_text("utf-8") + "# edited by hand\n", encoding="utf-8")
    write(tmp_path, "m.csv", GOOD.replace("Second", "Second revised"))
    err = refused(ttx, source, into)
    assert f"{scenario.relative_to(tmp_path)}: exists" in err and "--force" in err
    assert scenario.read_text("utf-8").endswith("# edited by hand\n")
    result = ttx("msel", "import", str(source), "--into", str(into), "--force", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "# edited by hand" not in scenario.read_text("utf-8")
    assert (into / "injects" / "m" / "m-02-second-revised.yaml").is_file()


def test_ids_taken_by_other_files_are_refused(tmp_path: Path, ttx: Run) -> None:
    into = tmp_path / "ws"
    source = write(tmp_path, "m.csv", "ID,Time,Title\nshared-id,0600,First\n")
    assert ttx("msel", "import", str(source), "--into", str(into), cwd=tmp_path).code == 0
    err = refused(ttx, source, into, "--scenario", "other")
    assert "inject id 'shared-id' is taken" in err


@pytest.mark.parametrize("name", ["m.ods", "m.json", "m"])
def test_unknown_file_type(tmp_path: Path, ttx: Run, name: str) -> None:
    source = write(tmp_path, name, GOOD)
    err = refused(ttx, source, tmp_path / "ws")
    assert f"error: {source}: cannot import a" in err
    assert "save the MSEL as .csv or .xlsx" in err


def test_missing_required_columns(tmp_path: Path, ttx: Run) -> None:
    source = write(tmp_path, "m.csv", "No.,Description,Recipient\n1,Something,US\n")
    err = refused(ttx, source, tmp_path / "ws")
    assert f"{source.name}:1:1: error: missing required column(s): title, time (or offset)" in err


def test_option_leading_nowhere(tmp_path: Path, ttx: Run) -> None:
    source = write(tmp_path, "m.csv", "Time,Title,Options\n0600,Pick,a: Go -> nowhere\n")
    err = refused(ttx, source, tmp_path / "ws")
    assert f"{source.name}:2:3: error: option 'a' leads to 'nowhere'" in err


def test_bad_start(tmp_path: Path, ttx: Run) -> None:
    source = write(tmp_path, "m.csv", GOOD)
    err = refused(ttx, source, tmp_path / "ws", "--start", "soon")
    assert "error: --start: 'soon' is not a date and time" in err


def test_json_format_lists_every_problem_as_validate_does(tmp_path: Path, ttx: Run) -> None:
    source = write(tmp_path, "m.csv", GOOD + "3,half past six,Third,ROK\n4,0630,,US\n")
    into = tmp_path / "ws"
    result = ttx("msel", "import", str(source), "--into", str(into), "--format", "json",
                 cwd=tmp_path)
    assert result.code == 1
    assert not into.exists()
    report = json.loads(result.out)
    assert set(report) >= {"valid", "errors", "warnings", "scenarios", "injects", "problems"}
    assert report["valid"] is False and report["errors"] == 2
    errors = [p for p in report["problems"] if p["severity"] == "error"]
    assert [(p["path"], p["line"], p["column"]) for p in errors] == [
        ("m.csv", 4, 2), ("m.csv", 5, 3)]
    assert errors[0]["message"].startswith("'half past six' is not a time")
    assert result.err.rstrip().splitlines()[-1] == "error: nothing imported from m.csv: 2 problems"


def test_json_format_on_success_names_the_files_written(tmp_path: Path, ttx: Run) -> None:
    source = write(tmp_path, "m.csv", GOOD)
    result = ttx("msel", "import", str(source), "--into", str(tmp_path / "ws"),
                 "--start", "2027-01-01T06:00+09:00", "--format", "json", cwd=tmp_path)
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["valid"] is True and report["errors"] == 0
    assert report["scenario"] == "m" and report["injects"] == 2
    assert "ws/scenarios/m.yaml" in report["written"]
