"""The validated scenario snapshot is kept in the user's cache: a session opened again is
not validated again, and a cache entry that cannot be trusted is never used."""

from __future__ import annotations

import hashlib
import json
import pickle
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ttx.errors import TtxError
from ttx.model.resolved import ResolvedScenario
from ttx.session import snapshot_cache
from ttx.session.session import Session
from ttx.session.sqlite_journal import SqliteJournal


@pytest.fixture
def path(resolved: ResolvedScenario, tmp_path: Path) -> Path:
    path = tmp_path / "s.ttx"
    Session.start(resolved, path).close()
    return path


def _count_validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    validate = ResolvedScenario.model_validate_json

    def counting(text: str) -> ResolvedScenario:
        calls.append(text)
        return validate(text)

    monkeypatch.setattr(ResolvedScenario, "model_validate_json", counting)
    return calls


def _entries(cache: Path) -> list[Path]:
    return sorted((cache / snapshot_cache.FOLDER).glob("*.pickle"))


def test_a_snapshot_is_validated_once_and_then_read_from_the_cache(
        path: Path, resolved: ResolvedScenario, _own_cache: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    for entry in _entries(_own_cache):
        entry.unlink()
    calls = _count_validations(monkeypatch)
    with SqliteJournal.open(path) as journal:
        assert journal.snapshot == resolved
    assert len(calls) == 1 and len(_entries(_own_cache)) == 1
    with SqliteJournal.open(path) as journal:
        assert journal.snapshot == resolved
        assert journal.snapshot.planned() == resolved.planned()
    assert len(calls) == 1, "the second open read the cache"


def test_a_snapshot_from_the_cache_builds_no_validator(path: Path, _own_cache: Path) -> None:
    """The scenario models defer their schemas: a seat that reads the snapshot from the
    cache never builds them (a large part of start-up)."""
    program = ("import sys; from pathlib import Path\n"
               "from ttx.session.sqlite_journal import SqliteJournal\n"
               "from ttx.model.resolved import ResolvedScenario\n"
               "journal = SqliteJournal.open(Path(sys.argv[1]))\n"
               "print(journal.snapshot.scenario.id, ResolvedScenario.__pydantic_complete__)\n")
    shown = subprocess.run([sys.executable, "-c", program, str(path)], capture_output=True,
                           text=True, check=True).stdout.split()
    assert shown[1] == "False"
    assert shown[0] == SqliteJournal.open(path).snapshot.scenario.id


def test_a_cache_entry_holding_a_foreign_class_is_ignored(
        path: Path, _own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    [entry] = _entries(_own_cache)
    header = entry.read_bytes().split(b"\n", 1)[0]
    body = pickle.dumps(subprocess.Popen)
    digest = hashlib.sha256(body).digest()
    entry.write_bytes(header + b"\n" + digest + body)
    calls = _count_validations(monkeypatch)
    with SqliteJournal.open(path) as journal:
        assert isinstance(journal.snapshot, ResolvedScenario)
    assert len(calls) == 1, "validated again"


def test_a_truncated_cache_entry_is_ignored(path: Path, _own_cache: Path,
                                            resolved: ResolvedScenario) -> None:
    [entry] = _entries(_own_cache)
    entry.write_bytes(entry.read_bytes()[:-10])
    with SqliteJournal.open(path) as journal:
        assert journal.snapshot == resolved


def test_a_damaged_snapshot_is_refused_as_always(path: Path) -> None:
    raw = sqlite3.connect(path)
    with raw:
        raw.execute("DROP TRIGGER meta_never_updated")
        text = raw.execute("SELECT value FROM meta WHERE key = 'snapshot'").fetchone()[0]
        damaged = json.loads(text)
        del damaged["scenario"]
        raw.execute("UPDATE meta SET value = ? WHERE key = 'snapshot'", (json.dumps(damaged),))
    raw.close()
    with pytest.raises(TtxError, match="damaged ttx session file: bad snapshot"):
        SqliteJournal.open(path)
