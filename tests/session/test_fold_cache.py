"""Checkpoints of a session's state: the state from a checkpoint and the entries after it
is the state of a fold from the start, and a checkpoint that cannot be trusted is not
used (the session is folded from the start, with every refusal it always had)."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import pickle
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.session.conftest import DECISION, FIRST, PRESS, Backend
from tests.session.test_fold_properties import SETTINGS, act, action
from ttx.errors import TtxError
from ttx.model.resolved import ResolvedScenario
from ttx.session import disk_cache, fold_cache
from ttx.session.chain import verify
from ttx.session.fold import SessionState, fold
from ttx.session.journal import open_journal
from ttx.session.session import Session
from ttx.session.sqlite_journal import SqliteJournal


@pytest.fixture(autouse=True)
def _checkpoint_after_three(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fold_cache, "CHECKPOINT_AFTER", 3)


def _first_half(session: Session) -> dict[str, int]:
    """Play with an entry of every kind a later correction may name."""
    session.deliver(FIRST)
    session.deliver(DECISION)
    seqs = {
        "move": session.record_move("ROK", "decision", "Share the indicators",
                                    inject=DECISION, option="direct").seq,
        "observation": session.record_observation("OBJ-1", "strength", "Shared fast",
                                                  rating="P").seq,
        "note": session.add_note("first note").seq,
        "improvement": session.add_improvement("slow relay", "drill the relay").seq,
    }
    session.amend(seqs["note"], "first note, amended")
    session.pause()
    session.resume()
    session.announce("All delegations to the table")
    return seqs


def _second_half(session: Session, seqs: dict[str, int]) -> None:
    """Corrections of entries folded before the checkpoint, and play after it."""
    session.amend(seqs["move"], "Share the indicators directly")
    session.retract(seqs["observation"], "wrong objective")
    session.amend(seqs["note"], "first note, amended again")
    session.retract(seqs["improvement"])
    session.pause()
    session.start_module()
    session.resume()
    session.deliver(PRESS)
    session.record_move("US", "statement", "No comment")
    session.add_note("last note")
    session.end()


def _assert_folded_equal(state: SessionState, full: SessionState) -> None:
    for field in dataclasses.fields(SessionState):
        if field.name not in {"_not_taken", "_moves_about"}:
            assert getattr(state, field.name) == getattr(full, field.name), field.name
    assert state.branches_not_taken() == full.branches_not_taken()
    assert state.conditions == full.conditions
    assert list(state.entry_seqs_newest_first()) == list(full.entry_seqs_newest_first())
    for move in state.moves:  # the records are shared as a fold shares them
        assert state.entry(move.seq) is move


def _full_fold(location: str | Path) -> SessionState:
    with open_journal(location) as journal:
        return fold(journal.snapshot, journal.events(), journal.location)


def _checkpoint_files(cache: Path) -> list[Path]:
    return sorted((cache / fold_cache.FOLDER).glob("*.pickle"))


def test_a_checkpoint_and_the_entries_after_it_fold_to_the_full_state(
        backend: Backend, resolved: ResolvedScenario, _own_cache: Path) -> None:
    location = backend.location()
    with Session.start(resolved, location) as session:
        seqs = _first_half(session)
    with Session.open(location) as session:
        disk_cache.wait_for_writes()  # written by a forked copy while the session is open
        assert _checkpoint_files(_own_cache), "a fold of 3 entries or more keeps one"
        checkpoint_seq = session.state.last_seq
    with Session.open(location) as session:
        loaded = fold_cache.load_checkpoint(session.journal)
        assert loaded is not None and loaded.last_seq == checkpoint_seq
        _second_half(session, seqs)  # written through a state read from the checkpoint
        _assert_folded_equal(session.state, _full_fold(location))
    with Session.open(location) as session:
        _assert_folded_equal(session.state, _full_fold(location))
        assert session.state.ended and session.state.retractions


def test_a_checkpoint_holds_no_snapshot_and_is_replaced_by_a_newer_one(
        resolved: ResolvedScenario, tmp_path: Path, _own_cache: Path) -> None:
    path = tmp_path / "s.ttx"
    with Session.start(resolved, path) as session:
        seqs = _first_half(session)
    Session.open(path).close()
    [first] = _checkpoint_files(_own_cache)
    assert b"ResolvedScenario" not in first.read_bytes()
    with Session.open(path) as session:
        _second_half(session, seqs)
    Session.open(path).close()
    assert _checkpoint_files(_own_cache) == [first], "one checkpoint per session"
    assert f" {_full_fold(path).last_seq} " in first.read_bytes().split(b"\n")[0].decode()


def test_a_short_tail_makes_no_new_checkpoint_and_none_is_readable_by_others(
        resolved: ResolvedScenario, tmp_path: Path, _own_cache: Path) -> None:
    path = tmp_path / "s.ttx"
    with Session.start(resolved, path) as session:
        _first_half(session)
    Session.open(path).close()
    [file] = _checkpoint_files(_own_cache)
    kept = file.read_bytes()
    with Session.open(path) as session:
        session.add_note("one more")  # fewer than CHECKPOINT_AFTER (3) since the checkpoint
    Session.open(path).close()
    assert file.read_bytes() == kept, "not written again on every open"
    assert file.stat().st_mode & 0o077 == 0
    assert (_own_cache / fold_cache.FOLDER).stat().st_mode & 0o077 == 0


@pytest.fixture
def checkpointed(resolved: ResolvedScenario, tmp_path: Path, _own_cache: Path) -> Path:
    """A played session with a checkpoint at its last entry."""
    path = tmp_path / "s.ttx"
    with Session.start(resolved, path) as session:
        _first_half(session)
    Session.open(path).close()
    assert _checkpoint_files(_own_cache)
    return path


def _edit(path: Path, statement: str) -> None:
    raw = sqlite3.connect(path)
    with raw:
        raw.execute("DROP TRIGGER IF EXISTS events_never_updated")
        raw.execute(statement)
    raw.close()


def _loaded(path: Path) -> SessionState | None:
    with SqliteJournal.open(path) as journal:
        return fold_cache.load_checkpoint(journal)


def test_an_altered_entry_at_the_checkpoint_is_refused_as_always(checkpointed: Path) -> None:
    last = _full_fold(checkpointed).last_seq
    _edit(checkpointed, "UPDATE events SET payload = json_set(payload, '$.text', 'Forged') "
                        f"WHERE seq = {last}")
    assert _loaded(checkpointed) is None
    with pytest.raises(TtxError, match=f"altered at #{last}"):
        Session.open(checkpointed)


def test_an_altered_hash_at_the_checkpoint_makes_it_unused(checkpointed: Path) -> None:
    last = _full_fold(checkpointed).last_seq
    # another first two digits, whatever they were (a hash may well begin with 'ab')
    _edit(checkpointed, "UPDATE events SET hash = CASE WHEN hash LIKE 'ab%' THEN 'cd' "
                        f"ELSE 'ab' END || substr(hash, 3) WHERE seq = {last}")
    assert _loaded(checkpointed) is None
    with pytest.raises(TtxError, match=f"altered at #{last}"):
        Session.open(checkpointed)


def test_an_altered_entry_after_the_checkpoint_is_refused_as_always(
        checkpointed: Path) -> None:
    with Session.open(checkpointed) as session:
        seq = session.add_note("after the checkpoint").seq
        session.add_note("and one more")
    _edit(checkpointed, "UPDATE events SET payload = json_set(payload, '$.text', 'Forged') "
                        f"WHERE seq = {seq}")
    assert _loaded(checkpointed) is not None, "the checkpoint itself still holds"
    with pytest.raises(TtxError, match=f"altered at #{seq}"):
        Session.open(checkpointed)


def test_an_entry_before_the_checkpoint_altered_is_found_by_verify(
        checkpointed: Path) -> None:
    """The console checks from the checkpoint on; the whole chain is verify's (and the
    report's) to check, and they still find an entry altered before it."""
    move_seq = _full_fold(checkpointed).moves[0].seq
    _edit(checkpointed, "UPDATE events SET payload = json_set(payload, '$.text', 'Forged') "
                        f"WHERE seq = {move_seq}")
    with Session.open(checkpointed) as session:
        assert session.state.moves[0].text == "Share the indicators", "as checked then"
    with SqliteJournal.open(checkpointed) as journal:
        verdict = verify(journal.snapshot_text, journal.raw_rows())
    assert verdict.first_bad_seq == move_seq


def _rewrite_body(path: Path, body: bytes) -> None:
    header = path.read_bytes().split(b"\n", 1)[0]
    digest = hashlib.sha256(body).digest()
    path.write_bytes(header + b"\n" + digest + body)


class Foreign:
    """A class no checkpoint may hold."""


def test_a_checkpoint_holding_a_foreign_class_is_ignored(checkpointed: Path,
                                                         _own_cache: Path) -> None:
    [file] = _checkpoint_files(_own_cache)
    real = pickle.loads(file.read_bytes().split(b"\n", 1)[1][32:])
    _rewrite_body(file, pickle.dumps({**real, "notes": [Foreign()]}))
    assert _loaded(checkpointed) is None
    _rewrite_body(file, pickle.dumps({**real, "notes": [print]}))
    assert _loaded(checkpointed) is None
    _rewrite_body(file, pickle.dumps(real))
    assert _loaded(checkpointed) is not None, "the same body without them is read"


@pytest.mark.parametrize("damage", ["truncated", "flipped byte", "empty", "not a pickle"])
def test_a_damaged_checkpoint_is_ignored(checkpointed: Path, _own_cache: Path,
                                         damage: str) -> None:
    [file] = _checkpoint_files(_own_cache)
    data = file.read_bytes()
    file.write_bytes({"truncated": data[:len(data) // 2],
                      "flipped byte": data[:-20] + bytes([data[-20] ^ 1]) + data[-19:],
                      "empty": b"",
                      "not a pickle": data.split(b"\n")[0] + b"\n" + b"x" * 100}[damage])
    assert _loaded(checkpointed) is None
    with Session.open(checkpointed) as session:
        _assert_folded_equal(session.state, _full_fold(checkpointed))


def test_a_checkpoint_of_another_ttx_is_ignored(checkpointed: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    assert _loaded(checkpointed) is not None
    monkeypatch.setattr(disk_cache, "__version__", "99.0")
    disk_cache.code_fingerprint.cache_clear()
    try:
        assert _loaded(checkpointed) is None
    finally:
        disk_cache.code_fingerprint.cache_clear()


def test_a_checkpoint_of_another_session_is_never_found(
        checkpointed: Path, resolved: ResolvedScenario, tmp_path: Path) -> None:
    other = tmp_path / "other.ttx"
    with Session.start(resolved, other) as session:
        session.add_note("another session of the same scenario")
    assert _loaded(other) is None


def test_a_journal_without_a_chain_gets_no_checkpoint(
        checkpointed: Path, tmp_path: Path, _own_cache: Path) -> None:
    with SqliteJournal.open(checkpointed) as journal:
        meta, rows = journal.meta(), journal.raw_rows()
    old = tmp_path / "old.ttx"
    SqliteJournal.create_copy(old, meta, [(*row[:6], None) for row in rows],
                              chained=False).close()
    for file in _checkpoint_files(_own_cache):
        file.unlink()
    with Session.open(old) as session:
        assert session.state.last_seq == len(rows)
    assert _checkpoint_files(_own_cache) == []


def test_an_unwritable_cache_never_fails_the_open(
        resolved: ResolvedScenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(disk_cache.CACHE_DIR_VARIABLE, str(blocker / "cache"))
    path = tmp_path / "s.ttx"
    with Session.start(resolved, path) as session:
        _first_half(session)
    with Session.open(path) as session:
        _assert_folded_equal(session.state, _full_fold(path))
    monkeypatch.setenv(disk_cache.CACHE_DIR_VARIABLE, "")  # empty: no cache at all
    with Session.open(path) as session:
        _assert_folded_equal(session.state, _full_fold(path))


def test_the_cache_keeps_the_newest_entries_within_its_bounds(
        tmp_path: Path, _own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for number in range(disk_cache.MAX_ENTRIES + 5):
        disk_cache.write_entry("things", f"n{number:02}", "header", "x" * 1000)
    kept = sorted(path.stem for path in (_own_cache / "things").iterdir())
    assert len(kept) == disk_cache.MAX_ENTRIES
    assert "n24" in kept, "the newest stays"
    monkeypatch.setattr(disk_cache, "MAX_BYTES", 3500)
    disk_cache.write_entry("others", "big", "header", "y" * 1000)
    assert sum(path.stat().st_size for path in _own_cache.rglob("*")
               if path.is_file()) <= 3500
    assert (_own_cache / "others" / "big.pickle").exists()


@SETTINGS
@given(steps=st.lists(action, max_size=24), split=st.integers(0, 24))
def test_any_play_split_at_a_checkpoint_folds_to_the_full_state(
        resolved: ResolvedScenario, steps: list[tuple[Any, ...]], split: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.ttx"
        with Session.start(resolved, path) as session:
            _play(session, steps[:split])
        Session.open(path).close()  # keeps a checkpoint (3 entries or more)
        with Session.open(path) as session:
            if session.state.last_seq >= 3:
                assert fold_cache.load_checkpoint(session.journal) is not None
            _play(session, steps[split:])
            _assert_folded_equal(session.state, _full_fold(path))
        with Session.open(path) as session:
            _assert_folded_equal(session.state, _full_fold(path))


def _play(session: Session, steps: list[tuple[Any, ...]]) -> None:
    for step in steps:
        with contextlib.suppress(TtxError):
            act(session, step)


def test_the_checkpoint_written_in_the_background_is_the_state_at_the_open(
        resolved: ResolvedScenario, tmp_path: Path, _own_cache: Path) -> None:
    path = tmp_path / "s.ttx"
    with Session.start(resolved, path) as session:
        _first_half(session)
    with Session.open(path) as session:  # due a checkpoint: a forked copy writes it
        opened_at = session.state.last_seq
        session.add_note("written while the checkpoint is")
        assert session.state.last_seq == opened_at + 1
    [file] = _checkpoint_files(_own_cache)  # in place once the session is closed
    assert file.read_bytes().split(b"\n")[0].split(b" ")[-3] == str(opened_at).encode()
    with Session.open(path) as session:
        loaded = fold_cache.load_checkpoint(session.journal)
        assert loaded is not None and loaded.last_seq == opened_at
        _assert_folded_equal(session.state, _full_fold(path))
