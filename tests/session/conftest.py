"""A fresh example workspace per test, sessions on it, and the real CLI to drive them."""

from __future__ import annotations

import itertools
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from ttx.authoring.resolve import resolve_scenario
from ttx.authoring.scaffold import init_workspace
from ttx.cli import main
from ttx.model.resolved import ResolvedScenario
from ttx.session.chain import row_hash
from ttx.session.events import Event, EventType, payload_of
from ttx.session.journal import open_journal
from ttx.session.session import Session
from ttx.session.sqlite_journal import SqliteJournal as Journal

SCENARIO_ID = "example-port-outage"
DECISION = "example-02-share-indicators"
DIRECT = "example-03-direct-exchange"
RELAY = "example-04-relay-through-us"
FIRST = "example-01-ransom-note"
PRESS = "example-05-press-query"


@pytest.fixture(scope="session")
def _template_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("template") / "ws"
    init_workspace(root)
    return root


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    init_workspace(root)
    return root


@pytest.fixture(scope="session")
def resolved(_template_workspace: Path) -> ResolvedScenario:
    return resolve_scenario(SCENARIO_ID, _template_workspace)


@pytest.fixture
def session(resolved: ResolvedScenario, tmp_path: Path) -> Iterator[Session]:
    with Session.start(resolved, tmp_path / "play.ttx") as started:
        yield started


def all_events(path: Path) -> list[Event]:
    """Every event in the file, read through a fresh connection."""
    with Journal.open(path) as journal:
        return journal.events()


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def ttx(workspace: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run `ttx ARGS…` in-process from the workspace folder; exit code and output."""
    monkeypatch.chdir(workspace)

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        try:
            code = main([str(arg) for arg in args])
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)
    return run


@pytest.fixture
def started(ttx: Callable[..., CliResult], workspace: Path) -> Path:
    """A session started through the CLI; its path (absolute)."""
    result = ttx("session", "start", SCENARIO_ID)
    assert result.code == 0, result.err
    return workspace / result.out.strip()


class EventFactory:
    """Events made by hand, for fold tests that need no file."""

    def __init__(self, snapshot: ResolvedScenario) -> None:
        self.snapshot = snapshot
        self.seq = 0
        self.wall = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)

    def __call__(self, type: EventType, payload: dict[str, Any] | None = None, *,
                 after: timedelta = timedelta(seconds=1), seat: str = "facilitator",
                 at_game: datetime | None = None) -> Event:
        self.seq += 1
        self.wall += after
        return Event(self.seq, self.wall, at_game or self.snapshot.scenario.start, type, seat,
                     payload_of(type, payload or {}))

    def opening(self) -> list[Event]:
        return [self(EventType.session_started, {"scenario": SCENARIO_ID}),
                self(EventType.module_started, {"module": "m1-outage"})]


@pytest.fixture
def make_event(resolved: ResolvedScenario) -> EventFactory:
    return EventFactory(resolved)


PYTHON = sys.executable


def insert_chained(path: Path, type_name: str, payload_text: str, *, seat: str = "facilitator"
                   ) -> int:
    """Append a raw row the way a buggy writer that still chains would; its seq."""
    raw = sqlite3.connect(path)
    with raw:
        seq, at_wall, at_game, previous = raw.execute(
            "SELECT seq + 1, at_wall, at_game, hash FROM events ORDER BY seq DESC").fetchone()
        row = (seq, at_wall, at_game, type_name, seat, payload_text)
        raw.execute("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (*row, row_hash(previous, *row)))
    raw.close()
    return int(seq)


# -- backends -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Any]:
    """A throwaway PostgreSQL server for the whole run (skipped without PostgreSQL,
    except in CI, which must run these tests: there a missing server fails them)."""
    from tests.session.pg_cluster import Cluster, server_binaries

    binaries = server_binaries()
    if binaries is None:
        reason = ("PostgreSQL is not installed (Debian: apt-get install postgresql; "
                  "'make test' does it)")
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"CI must run the PostgreSQL tests: {reason}")
        pytest.skip(reason)
    cluster = Cluster(binaries)
    try:
        cluster.start()
        cluster.create_database()
        # libpq reads the password from here, in this process and in every child
        os.environ["PGPASSFILE"] = str(cluster.passfile)
        yield cluster
    finally:
        cluster.remove()


@pytest.fixture
def own_pg_cluster(pg_cluster: Any) -> Iterator[Any]:
    """A server of its own, for a test that stops it (disturbing no other test)."""
    from tests.session.pg_cluster import Cluster

    own = Cluster(pg_cluster.binaries)
    try:
        own.start()
        own.create_database()
        yield own
    finally:
        own.remove()


_NAMES = itertools.count(1)


@dataclass
class Backend:
    """Where a test's sessions live: files in a folder, or sessions on the test server."""

    name: str
    folder: Path
    cluster: Any = None

    def location(self, stem: str = "play") -> str | Path:
        """A new, unused session location."""
        if self.cluster is None:
            return self.folder / f"{stem}.ttx"
        return self.cluster.url(session=f"{stem}-{os.getpid()}-{next(_NAMES)}")


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    if request.param == "sqlite":
        return Backend("sqlite", tmp_path)
    return Backend("postgres", tmp_path, request.getfixturevalue("pg_cluster"))


@pytest.fixture
def started_anywhere(ttx: Callable[..., CliResult], backend: Backend) -> str | Path:
    """A session started through the CLI on either backend; its file or URL."""
    location = backend.location("started")
    where = ("--journal", location) if backend.cluster else ("-o", location)
    result = ttx("session", "start", SCENARIO_ID, *where)
    assert result.code == 0, result.err
    return location


def events_at(location: str | Path) -> list[Event]:
    """Every event at a location of either backend, read through a fresh connection."""
    with open_journal(location) as journal:
        return journal.events()


WRITER = str(Path(__file__).with_name("writer.py"))


class Writer:
    """A writer process whose acknowledged lines are collected as they arrive."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen([PYTHON, WRITER, *args], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True, bufsize=1)
        assert self.process.stdout is not None and self.process.stderr is not None
        first = self.process.stdout.readline()
        assert first == "ready\n", first + self.process.stderr.read()
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def go(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("go\n")
        self.process.stdin.flush()

    def stop(self) -> None:
        """Tell a writer that runs until told (COUNT 0) to stop after its current entry."""
        assert self.process.stdin is not None
        self.process.stdin.write("stop\n")
        self.process.stdin.flush()

    def finish(self) -> list[str]:
        assert self.process.wait(timeout=30) in (0, -signal.SIGKILL)
        self._reader.join(timeout=10)
        return self.lines
