"""Session files written before typed events and the hash chain (format 1) still open,
fold and report exactly as the ttx that wrote them did; they append, and verify as
"not verifiable". The fixtures were written by that ttx (commit c98f019)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from ttx.cli import main
from ttx.session.session import Session
from ttx.session.sqlite_journal import SqliteJournal

FIXTURES = Path(__file__).parent / "fixtures"
NAME = "slbm-launch-v1"


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    folder = tmp_path / "sessions"
    folder.mkdir()
    return Path(shutil.copy(FIXTURES / f"{NAME}.ttx", folder / f"{NAME}.ttx"))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _contains(new: Any, old: Any) -> bool:
    """Whether `new` holds everything `old` held (new keys may have been added)."""
    if isinstance(old, dict):
        return isinstance(new, dict) and all(
            key in new and _contains(new[key], value) for key, value in old.items())
    if isinstance(old, list):
        return isinstance(new, list) and len(new) == len(old) and all(
            _contains(n, o) for n, o in zip(new, old, strict=True))
    return bool(new == old)


def test_an_old_file_shows_every_event_and_the_state_as_before(
        old_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "session", "show", str(old_file), "--json")
    assert code == 0
    new, old = json.loads(out), json.loads((FIXTURES / f"{NAME}.show.json").read_text())
    assert new["events"] == old["events"]  # every payload byte for byte, seats as written
    old["state"].pop("playing_seconds")
    assert _contains(new["state"], old["state"])


@pytest.mark.parametrize("report_format", ["md", "json"])
def test_an_old_file_reports_byte_identically(
        old_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        report_format: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Byte for byte as the fixture, which is the HSEEP AAR/IP (report format 2) of the
    old file: the report's structure changed with issue 19, the old file's content not.
    SOURCE_DATE_EPOCH fixes the report's generation time and publication date."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    output = tmp_path / f"report.{report_format}"
    code, _, err = run(capsys, "report", str(old_file), "--format", report_format,
                       "-o", str(output))
    assert code == 0, err
    assert output.read_text() == (FIXTURES / f"{NAME}.report.{report_format}").read_text()


def test_an_old_file_appends_unchained_and_verifies_as_not_verifiable(
        old_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with SqliteJournal.open(old_file) as journal:
        assert not journal.chained
        before = journal.last_seq()
    with Session.open(old_file) as session:
        session.write_summary("overview", "appended by a newer ttx after ENDEX")
    with SqliteJournal.open(old_file) as journal:
        assert journal.last_seq() == before + 1
        assert journal.raw_rows(before)[0][-1] is None
    code, out, _ = run(capsys, "session", "verify", str(old_file))
    assert code == 0
    assert "not verifiable" in out
