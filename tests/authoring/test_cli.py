"""`ttx init`, `validate`, `schema` and `new` through the real command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ttx.cli import main

REPO = Path(__file__).resolve().parents[2]


def ttx(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ttx", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_repository_workspace_validates() -> None:
    result = ttx("validate", cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_init_makes_a_workspace_that_validates(tmp_path: Path) -> None:
    result = ttx("init", "ws", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    workspace = tmp_path / "ws"
    assert (workspace / "scenarios" / "example-port-outage.yaml").is_file()
    assert (workspace / "schemas" / "inject.schema.json").is_file()
    checked = ttx("validate", cwd=workspace)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout == ""


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "keep.txt").write_text("mine")
    result = ttx("init", "ws", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1].startswith("error: ")
    assert (tmp_path / "ws" / "keep.txt").read_text() == "mine"


@pytest.mark.parametrize("kind", ["scenario", "inject"])
def test_new_scaffold_validates_and_is_never_overwritten(tmp_path: Path, kind: str) -> None:
    assert ttx("init", "ws", cwd=tmp_path).returncode == 0
    workspace = tmp_path / "ws"
    created = ttx("new", kind, "fresh-one", cwd=workspace)
    assert created.returncode == 0, created.stderr
    path = Path(created.stdout.strip())
    assert path.is_file()
    assert path.read_text().startswith("# yaml-language-server: $schema=../schemas/")
    checked = ttx("validate", "--format", "json", cwd=workspace)
    report = json.loads(checked.stdout)
    assert checked.returncode == 0 and report["errors"] == 0, checked.stdout
    again = ttx("new", kind, "fresh-one", cwd=workspace)
    assert again.returncode == 1
    assert again.stderr.startswith("error: ") and "already exists" in again.stderr


def test_new_refuses_a_bad_id(tmp_path: Path) -> None:
    result = ttx("new", "inject", "Bad Id", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")


def test_validate_reports_problems_and_exits_1(tmp_path: Path) -> None:
    assert ttx("init", "ws", cwd=tmp_path).returncode == 0
    inject = tmp_path / "ws" / "injects" / "example" / "example-01-ransom-note.yaml"
    inject.write_text(inject.read_text().replace("method: phone", "methd: phone"))
    result = ttx("validate", cwd=tmp_path / "ws")
    assert result.returncode == 1
    assert result.stdout == ("injects/example/example-01-ransom-note.yaml:7:1: error: "
                             "unknown key 'methd' (did you mean 'method'?)\n")
    one_file = ttx("validate", "injects/example/example-02-share-indicators.yaml",
                   cwd=tmp_path / "ws")
    assert one_file.returncode == 0, "problems in other files are not reported for a file"


def test_validate_json_format(tmp_path: Path) -> None:
    assert ttx("init", "ws", cwd=tmp_path).returncode == 0
    (tmp_path / "ws" / "injects" / "bad.yaml").write_text("id: bad\n")
    result = ttx("validate", "--format", "json", cwd=tmp_path / "ws")
    report = json.loads(result.stdout)
    assert result.returncode == 1
    assert report["problems"][0] == {"path": "injects/bad.yaml", "line": 1, "column": 1,
                                     "severity": "error",
                                     "message": "missing required key 'title'"}


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["schema", "nonsense"])
    assert exit_info.value.code == 2
    assert "error:" in capsys.readouterr().err


def test_validate_missing_path(tmp_path: Path) -> None:
    result = ttx("validate", "nowhere", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, "error: no such file or folder: nowhere\n")


def test_schema_to_file_and_stdout(tmp_path: Path) -> None:
    result = ttx("schema", "inject", cwd=tmp_path)
    assert json.loads(result.stdout)["title"] == "ttx inject"
    written = ttx("schema", "scenario", "-o", "s.json", cwd=tmp_path)
    assert written.returncode == 0
    assert json.loads((tmp_path / "s.json").read_text())["title"] == "ttx scenario"


def test_an_output_path_that_cannot_be_made_is_one_error_line(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file, not a folder\n")
    result = ttx("schema", "scenario", "-o", "taken/s.json", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("error: cannot write taken/s.json: ")
    assert result.stderr.count("\n") == 1
