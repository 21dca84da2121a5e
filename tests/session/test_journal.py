"""The journal file: self-contained, append-only, recognisable, safe to share."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.session.conftest import SCENARIO_ID
from ttx.errors import TtxError
from ttx.model.resolved import ResolvedScenario
from ttx.session.events import NoteAdded
from ttx.session.journal import SessionExists, default_session_path
from ttx.session.sqlite_journal import APPLICATION_ID, SCHEMA_VERSION
from ttx.session.sqlite_journal import SqliteJournal as Journal


def test_new_file_is_wal_with_id_version_and_a_snapshot_equal_to_the_scenario(
        resolved: ResolvedScenario, tmp_path: Path) -> None:
    path = tmp_path / "s.ttx"
    with Journal.create(path, resolved) as journal:
        assert journal.snapshot == resolved
        assert journal.events() == []
        assert journal.last_seq() == 0
        assert journal.meta()["scenario_id"] == SCENARIO_ID
        pragma = journal._connection.execute  # the settings of the connection in use
        assert pragma("PRAGMA synchronous").fetchone()[0] == 2, "FULL"
        assert pragma("PRAGMA busy_timeout").fetchone()[0] >= 1000
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    raw.close()
    assert not list(tmp_path.glob(".*tmp")), "the file built aside was left behind"


def test_snapshot_survives_the_yaml_being_deleted(resolved: ResolvedScenario,
                                                  tmp_path: Path) -> None:
    path = tmp_path / "s.ttx"
    Journal.create(path, resolved).close()
    moved = tmp_path / "elsewhere" / "s.ttx"
    moved.parent.mkdir()
    path.rename(moved)
    with Journal.open(moved) as journal:
        assert journal.snapshot.injects.keys() == resolved.injects.keys()
        assert journal.snapshot.scenario.start == resolved.scenario.start


def test_append_gives_increasing_seqs_and_reads_back_equal(resolved: ResolvedScenario,
                                                           tmp_path: Path) -> None:
    with Journal.create(tmp_path / "s.ttx", resolved) as journal:
        game = resolved.scenario.start
        written = [journal.append(NoteAdded(text=f"n{i}"),
                                  seat="cli", at_game=game) for i in range(5)]
        assert [event.seq for event in written] == [1, 2, 3, 4, 5]
        assert journal.events() == written
        assert journal.events(after_seq=3) == written[3:]
        assert written[0].at_wall.tzinfo is UTC
        assert written[0].at_game.utcoffset() == game.utcoffset()


def test_updates_and_deletes_are_refused_by_the_file_itself(resolved: ResolvedScenario,
                                                            tmp_path: Path) -> None:
    path = tmp_path / "s.ttx"
    with Journal.create(path, resolved) as journal:
        journal.append(NoteAdded(text="x"), seat="cli",
                       at_game=resolved.scenario.start)
    raw = sqlite3.connect(path)
    for statement in ("UPDATE events SET payload = '{}'", "DELETE FROM events",
                      "UPDATE meta SET value = ''", "DELETE FROM meta"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            raw.execute(statement)
    raw.close()


def test_a_failed_transaction_appends_nothing(resolved: ResolvedScenario,
                                              tmp_path: Path) -> None:
    with Journal.create(tmp_path / "s.ttx", resolved) as journal:
        with pytest.raises(TtxError), journal.write_transaction():
            journal.append(NoteAdded(text="x"), seat="cli",
                           at_game=resolved.scenario.start)
            raise TtxError("refused")
        assert journal.events() == []


def test_create_never_overwrites(resolved: ResolvedScenario, tmp_path: Path) -> None:
    path = tmp_path / "s.ttx"
    path.write_text("precious")
    with pytest.raises(SessionExists, match="already exists"):
        Journal.create(path, resolved)
    assert path.read_text() == "precious"


def test_missing_foreign_and_newer_files_are_refused_in_one_line(
        resolved: ResolvedScenario, tmp_path: Path) -> None:
    with pytest.raises(TtxError, match="no session file"):
        Journal.open(tmp_path / "missing.ttx")
    with pytest.raises(TtxError, match="not a session file"):
        Journal.open(tmp_path)
    text = tmp_path / "text.ttx"
    text.write_text("hello, not a database\n" * 100)
    with pytest.raises(TtxError, match="not a ttx session"):
        Journal.open(text)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(TtxError, match="not a ttx session"):
        Journal.open(other)
    newer = tmp_path / "newer.ttx"
    Journal.create(newer, resolved).close()
    raw = sqlite3.connect(newer)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    with pytest.raises(TtxError, match="newer ttx") as refused:
        Journal.open(newer)
    assert "\n" not in refused.value.message


def test_default_path_names_scenario_and_time_and_avoids_taken_names(tmp_path: Path) -> None:
    now = datetime(2027, 5, 10, 8, 0, 5)
    first = default_session_path(tmp_path, SCENARIO_ID, now)
    assert first == tmp_path / "sessions" / f"{SCENARIO_ID}-20270510T080005.ttx"
    first.parent.mkdir()
    first.touch()
    second = default_session_path(tmp_path, SCENARIO_ID, now)
    assert second.name == f"{SCENARIO_ID}-20270510T080005-2.ttx"
    second.touch()
    assert default_session_path(tmp_path, SCENARIO_ID, now).name.endswith("-3.ttx")


def test_changed_sees_other_connections_only(resolved: ResolvedScenario,
                                             tmp_path: Path) -> None:
    path = tmp_path / "s.ttx"
    with Journal.create(path, resolved) as writer, Journal.open(path) as follower:
        assert not follower.changed()
        writer.append(NoteAdded(text="x"), seat="cli",
                      at_game=resolved.scenario.start)
        assert follower.changed()
        assert [event.seq for event in follower.events()] == [1]
        assert not follower.changed()
        assert not writer.changed()
