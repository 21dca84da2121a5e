"""The promises every journal backend keeps, checked on a file and on PostgreSQL alike."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC

import pytest

from tests.session.conftest import SCENARIO_ID, Backend, events_at
from ttx.errors import TtxError
from ttx.model.resolved import ResolvedScenario
from ttx.session.chain import verify
from ttx.session.events import NoteAdded
from ttx.session.journal import SessionExists, create_journal, open_journal


def test_a_new_journal_holds_the_snapshot_and_appends_increasing_seqs(
        backend: Backend, resolved: ResolvedScenario) -> None:
    location = backend.location()
    with create_journal(location, resolved) as journal:
        assert journal.snapshot == resolved
        assert journal.events() == [] and journal.last_seq() == 0
        assert journal.meta()["scenario_id"] == SCENARIO_ID
        assert journal.chained
        game = resolved.scenario.start
        written = [journal.append(NoteAdded(text=f"n{i}"), seat="facilitator", at_game=game)
                   for i in range(5)]
        assert [event.seq for event in written] == [1, 2, 3, 4, 5]
        assert journal.events() == written
        assert journal.events(after_seq=3) == written[3:]
        assert written[0].at_wall.tzinfo is UTC
    assert events_at(location) == written, "committed: another connection reads them"
    with open_journal(location) as again:
        assert verify(again.snapshot_text, again.raw_rows()).ok


def test_a_failed_transaction_appends_nothing(backend: Backend,
                                              resolved: ResolvedScenario) -> None:
    with create_journal(backend.location(), resolved) as journal:
        with pytest.raises(TtxError), journal.write_transaction():
            journal.append(NoteAdded(text="x"), seat="facilitator",
                           at_game=resolved.scenario.start)
            raise TtxError("refused")
        assert journal.events() == [] and journal.last_seq() == 0
        event = journal.append(NoteAdded(text="y"), seat="facilitator",
                               at_game=resolved.scenario.start)
        assert event.seq == 1, "the refused entry took no seq"


def test_create_never_overwrites(backend: Backend, resolved: ResolvedScenario) -> None:
    location = backend.location()
    create_journal(location, resolved).close()
    with pytest.raises(SessionExists, match="already exists"):
        create_journal(location, resolved)
    with open_journal(location) as journal:
        assert journal.snapshot == resolved


def test_changed_and_wait_see_other_writers_only(backend: Backend,
                                                 resolved: ResolvedScenario) -> None:
    location = backend.location()
    game = resolved.scenario.start
    with create_journal(location, resolved) as writer, open_journal(location) as follower:
        assert not follower.changed()
        assert not follower.wait_for_change(0.05)
        writer.append(NoteAdded(text="x"), seat="facilitator", at_game=game)
        assert follower.changed(), "an acknowledged entry is seen by the next look"
        assert follower.wait_for_change(10)
        assert [event.seq for event in follower.events()] == [1]
        assert not follower.changed()
        assert not follower.wait_for_change(0.05)
        assert not writer.changed(), "its own entry is no change"


def test_a_waiting_follower_wakes_when_another_writer_appends(
        backend: Backend, resolved: ResolvedScenario) -> None:
    location = backend.location()
    with create_journal(location, resolved) as writer, open_journal(location) as follower:
        assert not follower.wait_for_change(0.01)  # starts listening
        woke = threading.Event()

        def wait() -> None:
            if follower.wait_for_change(30):
                woke.set()
        waiter = threading.Thread(target=wait)
        waiter.start()
        writer.append(NoteAdded(text="x"), seat="facilitator", at_game=resolved.scenario.start)
        waiter.join(timeout=30)
        assert woke.is_set()


def test_the_database_refuses_updates_and_deletes(backend: Backend,
                                                  resolved: ResolvedScenario) -> None:
    location = backend.location()
    with create_journal(location, resolved) as journal:
        journal.append(NoteAdded(text="x"), seat="facilitator", at_game=resolved.scenario.start)
    if backend.cluster is None:
        raw = sqlite3.connect(location)
        for statement in ("UPDATE events SET payload = '{}'", "DELETE FROM events"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                raw.execute(statement)
        raw.close()
        return
    import psycopg

    with psycopg.connect(backend.cluster.url(), autocommit=True) as server:
        for statement in ("UPDATE ttx.events SET payload = '{}'", "DELETE FROM ttx.events",
                          "TRUNCATE ttx.events CASCADE", "DELETE FROM ttx.session_meta",
                          "UPDATE ttx.sessions SET chained = false"):
            with pytest.raises(psycopg.Error, match="append-only"):
                server.execute(statement)
    assert [event.seq for event in events_at(location)] == [1]


def _insert_forged_row(backend: Backend, location: object, session_id: str, seq: int) -> None:
    """Another writer's row whose hash does not chain (written around ttx)."""
    row = (seq, "2027-03-14T00:00:00+00:00", "2027-03-14T09:00:00+09:00", "note_added",
           "facilitator", '{"text": "forged"}', "0" * 64)
    if backend.cluster is None:
        raw = sqlite3.connect(str(location))
        raw.execute("INSERT INTO events (seq, at_wall, at_game, type, seat, payload, hash) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)", row)
        raw.commit()
        raw.close()
        return
    import psycopg

    with psycopg.connect(backend.cluster.url(), autocommit=True) as server:
        server.execute("INSERT INTO ttx.events (session, seq, at_wall, at_game, type, seat, "
                       "payload, hash) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                       (session_id, *row))


def test_a_writer_still_checks_the_entries_others_append_after_its_own(
        backend: Backend, resolved: ResolvedScenario) -> None:
    location = backend.location()
    game = resolved.scenario.start
    with create_journal(location, resolved) as mine, open_journal(location) as theirs:
        session_id = getattr(mine, "session_id", "")
        own = mine.append(NoteAdded(text="mine"), seat="facilitator", at_game=game)
        honest = theirs.append(NoteAdded(text="theirs"), seat="facilitator", at_game=game)
        assert mine.events(own.seq) == [honest], "an honest entry after our own is read"
        _insert_forged_row(backend, location, session_id, honest.seq + 1)
        with pytest.raises(TtxError, match=f"altered at #{honest.seq + 1}"):
            mine.events(honest.seq)


def test_a_rolled_back_entry_is_not_taken_as_checked(backend: Backend,
                                                     resolved: ResolvedScenario) -> None:
    location = backend.location()
    game = resolved.scenario.start
    with create_journal(location, resolved) as mine, open_journal(location) as theirs:
        with pytest.raises(TtxError), mine.write_transaction():
            mine.append(NoteAdded(text="refused"), seat="facilitator", at_game=game)
            raise TtxError("refused")
        honest = theirs.append(NoteAdded(text="theirs"), seat="facilitator", at_game=game)
        assert mine.events() == [honest], "the seq the refused entry had is read as theirs"
        own = mine.append(NoteAdded(text="mine"), seat="facilitator", at_game=game)
        assert own.seq == 2 and mine.events(1) == [own]
