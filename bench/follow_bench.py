"""Follow latency: an entry appended in one process, seen by a seat in another.

Measured on both backends against the bare PostgreSQL NOTIFY round-trip (one process
sends `NOTIFY`, another LISTENing prints it), in the same run. The entry's time runs
from just before `add_note` (the append, committed) to the moment the follower's
`Session.refresh()` returned it, as a console's sync would after being woken.

PostgreSQL is a throwaway cluster (tests/session/pg_cluster.py) unless TTX_BENCH_PG_URL
names a database to use; without PostgreSQL installed the PostgreSQL figures are left out.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

FOLLOWER = str(Path(__file__).with_name("follower.py"))
PAUSE_SECONDS = 0.05
"""Between entries, so each is seen on its own (a seat is rarely written to faster)."""


class Follower:
    """A follower process; `seen(text)` blocks until it printed that text, and returns
    the monotonic time it printed."""

    def __init__(self, mode: str, target: str) -> None:
        self.process = subprocess.Popen([sys.executable, FOLLOWER, mode, target],
                                        stdout=subprocess.PIPE, text=True, bufsize=1)
        assert self.process.stdout is not None
        if self.process.stdout.readline().strip() != "ready":
            raise RuntimeError(f"the {mode} follower did not start")

    def seen(self, text: str) -> float:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            seen_text, _, at = line.strip().rpartition(" ")
            if seen_text == text:
                return float(at)
        raise RuntimeError(f"the follower stopped before it saw {text}")

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()


def latencies(follower: Follower, send: Callable[[str], None], count: int) -> list[float]:
    """Seconds from sending each of `count` texts to the follower having it."""
    found: list[float] = []
    for number in range(count):
        text = f"entry-{number}"
        time.sleep(PAUSE_SECONDS)
        started = time.monotonic()
        send(text)
        found.append(follower.seen(text) - started)
    return found


@contextmanager
def postgres_database() -> Iterator[str | None]:
    """A database URL to measure on, or None when there is no PostgreSQL to use."""
    given = os.environ.get("TTX_BENCH_PG_URL")
    if given:
        yield given
        return
    from tests.session.pg_cluster import Cluster, server_binaries

    binaries = server_binaries()
    if binaries is None:
        yield None
        return
    cluster = Cluster(binaries)
    try:
        cluster.start()
        cluster.create_database()
        os.environ["PGPASSFILE"] = str(cluster.passfile)
        yield cluster.url()
    finally:
        cluster.remove()


def follow(root: Path, count: int) -> dict[str, float]:
    """Median append→seen latency on each backend, over the bare NOTIFY round-trip."""
    from ttx.authoring.resolve import resolve_scenario
    from ttx.session.session import Session

    resolved = resolve_scenario("slbm-launch", cwd=Path(__file__).resolve().parents[1])
    figures: dict[str, float] = {}
    with postgres_database() as database:
        locations: dict[str, str] = {"sqlite": str(root / "follow.ttx")}
        if database is not None:
            locations["pg"] = f"{database}?session=follow-{os.getpid()}"
        for name, location in locations.items():
            Session.start(resolved, location if name == "pg" else Path(location)).close()
            with Session.open(location if name == "pg" else Path(location)) as writer:
                follower = Follower("session", location)
                try:
                    times = latencies(follower, lambda text: writer.add_note(text), count)
                finally:
                    follower.stop()
            figures[f"follow_{name}_ms"] = statistics.median(times) * 1000
        if database is not None:
            import psycopg

            with psycopg.connect(database, autocommit=True) as sender:
                follower = Follower("notify", database)
                try:
                    times = latencies(follower, lambda text: sender.execute(
                        "SELECT pg_notify('bench', %s)", (text,)), count)
                finally:
                    follower.stop()
            notify = statistics.median(times) * 1000
            figures["notify_roundtrip_ms"] = notify
            for name in locations:
                figures[f"follow_{name}_ratio"] = figures[f"follow_{name}_ms"] / notify
    return figures
