"""A tampered or damaged journal is noticed: `ttx session verify` names the first altered
entry (exit 1), and every other command refuses it in one line, never a traceback."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.session.conftest import DECISION, FIRST, CliResult, insert_chained
from ttx.model.resolved import ResolvedScenario
from ttx.session.session import Session

Ttx = Callable[..., CliResult]


@pytest.fixture
def played(resolved: ResolvedScenario, tmp_path: Path) -> Path:
    path = tmp_path / "sessions" / "played.ttx"
    with Session.start(resolved, path) as session:
        session.deliver(FIRST)
        session.record_move("ROK", "decision", "Share the indicators")  # seq 4
        session.deliver(DECISION)
        session.add_note("five")
    return path


def _edit(path: Path, *statements: str) -> None:
    raw = sqlite3.connect(path)
    with raw:
        for name in ("events_never_updated", "events_never_deleted", "meta_never_updated"):
            raw.execute(f"DROP TRIGGER IF EXISTS {name}")
        for statement in statements:
            raw.execute(statement)
    raw.close()


EDITS: dict[str, tuple[tuple[str, ...], int]] = {
    "move text edited": (("UPDATE events SET payload = json_set(payload, '$.text', 'Withhold')"
                          " WHERE seq = 4",), 4),
    "a row deleted": (("DELETE FROM events WHERE seq = 4",), 4),
    "seq renumbered": (("UPDATE events SET seq = 40 WHERE seq = 6",), 6),
    "seat forged": (("UPDATE events SET seat = 'player:ROK' WHERE seq = 4",), 4),
    "snapshot title forged": (
        ("UPDATE meta SET value = json_set(value, '$.scenario.title', 'Forged') "
         "WHERE key = 'snapshot'",), 1),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_verify_names_the_first_altered_entry(ttx: Ttx, played: Path, edit: str) -> None:
    assert ttx("session", "verify", str(played)).code == 0
    statements, first_bad = EDITS[edit]
    _edit(played, *statements)
    result = ttx("session", "verify", str(played))
    assert result.code == 1
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert f"broken at #{first_bad}" in result.err
    shown = ttx("session", "show", str(played))
    assert shown.code == 1 and shown.err.startswith("error: ") and shown.err.count("\n") == 1


def test_a_verified_journal_prints_its_chain_head(ttx: Ttx, played: Path) -> None:
    result = ttx("session", "verify", str(played))
    assert result.code == 0
    assert "verified: 6 entries, chain head " in result.out


DAMAGE: dict[str, Callable[[Path], object]] = {
    "naive timestamp": lambda path: _edit_then_rechain(path, "at_wall", "2027-05-10T01:00:00"),
    "900-deep payload": lambda path: insert_chained(  # SQLite itself refuses 1,000
        path, "note_added", '{"text": ' + "[" * 900 + "]" * 900 + "}"),
    "events table dropped": lambda path: _edit(path, "DROP TABLE events"),
    "a page overwritten": lambda path: _scribble(path),
    "unknown event type": lambda path: insert_chained(path, "coup_staged", "{}"),
}


def _edit_then_rechain(path: Path, column: str, value: str) -> None:
    seq = insert_chained(path, "note_added", json.dumps({"text": "late"}))
    _edit(path, f"UPDATE events SET {column} = '{value}' WHERE seq = {seq}")


def _scribble(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_journal_is_one_error_line(ttx: Ttx, played: Path, damage: str) -> None:
    raw = sqlite3.connect(played)
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    DAMAGE[damage](played)
    for verb in (("show", str(played)), ("note", str(played), "x"),
                 ("verify", str(played))):
        result = ttx("session", *verb)
        if damage == "a page overwritten" and result.code == 0:
            continue  # the page held nothing read by this verb
        assert result.code == 1, (verb, result)
        assert result.err.startswith("error: ") and result.err.count("\n") == 1, result.err
        assert "Traceback" not in result.err
