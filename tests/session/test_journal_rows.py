"""Reading a journal's rows: the quick path (every row at once) makes exactly the events
the row-by-row one does, and a damaged row among sound ones is named as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.session.conftest import FIRST, insert_chained
from ttx.errors import TtxError
from ttx.session import journal_rows
from ttx.session.chain import Row
from ttx.session.journal_rows import event_from_row, events_from_rows
from ttx.session.session import Session
from ttx.session.sqlite_journal import SqliteJournal


def _played(session: Session) -> Path:
    session.deliver(FIRST)
    session.record_move("ROK", "communication", "Share the indicators 한미일", to=["JPN"])
    observation = session.record_observation("OBJ-1", "strength", "Fast relay", rating="P")
    session.amend(observation.seq, "Fast relay 弾道ミサイル")
    session.add_note("late")
    session.close()
    return Path(session.name)


def test_every_row_at_once_makes_the_events_row_by_row_does(
        session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _played(session)
    with SqliteJournal.open(path) as journal:
        rows = journal.raw_rows()
    expected = [event_from_row(path, row) for row in rows]
    monkeypatch.setattr(journal_rows, "event_from_row", _not_row_by_row)
    events = events_from_rows(path, rows)
    assert len(events) == len(rows) > 5
    assert events == expected
    assert [type(event.payload).__name__ for event in events][-3:] == \
        ["ObservationRecorded", "EntryAmended", "NoteAdded"]


def _not_row_by_row(source: object, row: Row) -> None:
    raise AssertionError("sound rows are read all at once, not one by one")


@pytest.mark.parametrize(("payload", "problem"), [
    ('{"text": 5}', "event #8 (note_added) is damaged: 'text': Input should be a valid string"),
    ('{"txt": "x"}', "event #8 (note_added) is damaged: no 'text'"),
])
def test_a_damaged_row_after_sound_ones_is_named(session: Session, payload: str,
                                                 problem: str) -> None:
    path = _played(session)
    assert insert_chained(path, "note_added", payload) == 8
    insert_chained(path, "note_added", '{"text": "after"}')
    with SqliteJournal.open(path) as journal, pytest.raises(TtxError) as refused:
        journal.events()
    assert str(refused.value) == f"{path}: {problem}"
