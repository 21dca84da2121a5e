"""A follower of a session file is told of writes by the kernel, and never misses one."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from ttx.model.resolved import ResolvedScenario
from ttx.session import sqlite_journal
from ttx.session.events import NoteAdded
from ttx.session.file_watch import FolderWatch
from ttx.session.sqlite_journal import SqliteJournal

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="inotify is Linux's")


def note(journal: SqliteJournal, resolved: ResolvedScenario, text: str = "x") -> None:
    journal.append(NoteAdded(text=text), seat="facilitator", at_game=resolved.scenario.start)


@linux_only
def test_the_watch_reports_writes_to_the_file_and_not_to_its_neighbours(
        resolved: ResolvedScenario, tmp_path: Path) -> None:
    path = tmp_path / "play.ttx"
    with SqliteJournal.create(path, resolved) as writer:
        watch = FolderWatch.of(path)
        assert watch is not None
        try:
            (tmp_path / "other.txt").write_text("not the session")
            assert not watch.wait(0.05), "a neighbour's write is no news"
            note(writer, resolved)
            assert watch.wait(5), "a commit writes the file's log"
            assert not watch.broken
        finally:
            watch.close()
        assert not watch.wait(0.05), "a closed watch reports nothing"


@linux_only
def test_a_waiting_follower_does_not_poll_the_file(
        resolved: ResolvedScenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "play.ttx"
    with SqliteJournal.create(path, resolved), SqliteJournal.open(path) as follower:
        looks: list[int] = []
        read = follower._read_data_version

        def counted() -> int:
            looks.append(1)
            return read()
        monkeypatch.setattr(follower, "_read_data_version", counted)
        assert not follower.wait_for_change(0.3)
        assert len(looks) <= 2, "one look before the wait, one after: no 20 ms polling"


def test_a_write_seen_before_its_commit_is_visible_is_still_followed(
        resolved: ResolvedScenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The kernel reports the log written; the commit becomes visible a little later
    (after the sync), with no further report: the follower keeps looking meanwhile
    instead of waiting for a report that never comes."""
    path = tmp_path / "play.ttx"
    released = threading.Event()

    class EarlyWatch:
        broken = False
        reported = False

        def wait(self, timeout: float) -> bool:
            if not self.reported:  # the one report, before the commit
                self.reported = True
                return True
            if timeout > sqlite_journal.SETTLE_SECONDS:  # waiting for news: none comes
                released.wait()
            else:
                released.wait(timeout)
            return False

        def close(self) -> None:
            released.set()

    watch = EarlyWatch()
    monkeypatch.setattr(sqlite_journal.FolderWatch, "of", lambda _path: watch)
    with SqliteJournal.create(path, resolved) as writer, SqliteJournal.open(path) as follower:
        outcome: list[bool] = []
        waiter = threading.Thread(target=lambda: outcome.append(follower.wait_for_change(60)))
        waiter.start()
        try:
            while not watch.reported:
                released.wait(0.01)
            note(writer, resolved)  # visible after the report, and never reported
            waiter.join(timeout=30)
            assert outcome == [True], "the commit was followed without a further report"
        finally:
            released.set()
            waiter.join()


def test_without_a_watch_the_follower_polls(
        resolved: ResolvedScenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite_journal.FolderWatch, "of", lambda _path: None)
    path = tmp_path / "play.ttx"
    with SqliteJournal.create(path, resolved) as writer, SqliteJournal.open(path) as follower:
        assert not follower.wait_for_change(0.05)
        thread = threading.Thread(target=note, args=(writer, resolved))
        thread.start()
        assert follower.wait_for_change(30)
        thread.join()


@linux_only
def test_closing_the_journal_ends_a_wait_at_once(resolved: ResolvedScenario,
                                                 tmp_path: Path) -> None:
    path = tmp_path / "play.ttx"
    with SqliteJournal.create(path, resolved):
        follower = SqliteJournal.open(path)
        assert not follower.wait_for_change(0.01)  # the watch is set up
        outcome: list[object] = []

        def wait() -> None:
            try:
                outcome.append(follower.wait_for_change(60))
            except Exception as error:  # the closed connection, when it looks again
                outcome.append(error)
        waiter = threading.Thread(target=wait)
        waiter.start()
        follower.close()
        waiter.join(timeout=30)
        assert not waiter.is_alive(), "the wait ended when the journal closed"
        assert outcome and outcome[0] is not True
