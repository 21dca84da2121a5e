"""The PostgreSQL server stops in the middle of play: every seat says it is not saving
and refuses new entries, then reconnects by itself when the server is back and catches
up; nothing acknowledged is lost, no seq is given twice."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.session.conftest import Writer, events_at
from tests.session.pg_cluster import Cluster
from ttx.errors import TtxError
from ttx.model.resolved import ResolvedScenario
from ttx.session.events import NoteAdded
from ttx.session.session import Session

NAMES = ("Washington", "Tokyo", "Seoul")
PATIENCE = 60.0
"""How long to wait for something that must happen (never a timing under test)."""


def _until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + PATIENCE
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        time.sleep(0.02)


def test_a_server_stopped_during_play_loses_nothing_acknowledged(
        own_pg_cluster: Cluster, resolved: ResolvedScenario) -> None:
    cluster = own_pg_cluster
    url = cluster.url(session="outage")
    Session.start(resolved, url).close()
    writers = [Writer("persist", url, name, "0") for name in NAMES]
    with Session.open(url, seat="display") as follower, \
            Session.open(url, seat="facilitator") as facilitator:
        assert not follower.journal.wait_for_change(0.01)  # listening from here on
        for writer in writers:
            writer.go()
        _until(lambda: all(len(w.lines) >= 5 for w in writers), "every writer got going")

        cluster.stop("fast")
        _until(lambda: follower.journal.problem() is not None, "the follower says so")
        assert "cannot reach the PostgreSQL server" in str(follower.journal.problem())
        with pytest.raises(TtxError, match=r"^not saving: cannot reach the PostgreSQL") \
                as refused:
            facilitator.add_note("typed while the server was down")
        assert "\n" not in refused.value.message
        _until(lambda: all(any(line.startswith("refused ") for line in w.lines)
                           for w in writers), "every writer was refused")
        assert facilitator.journal.problem() is not None

        cluster.start()
        _until(lambda: all(not w.lines[-1].startswith("refused ") for w in writers),
               "every writer writes again")
        for writer in writers:
            writer.stop()
        acknowledged = {name: writer.finish() for name, writer in zip(NAMES, writers,
                                                                      strict=True)}
        _until(lambda: follower.journal.problem() is None, "the follower reconnected")
        facilitator.add_note("back")  # the facilitator's seat writes again by itself
        _until(lambda: bool(follower.refresh()) and follower.state.last_seq
               == len(events_at(url)), "the follower caught up")

    events = events_at(url)
    assert [event.seq for event in events] == list(range(1, len(events) + 1))
    stored = {event.seq: getattr(event.payload, "text", None) for event in events}
    texts = [event.payload.text for event in events if isinstance(event.payload, NoteAdded)]
    assert [note.text for note in follower.state.notes] == texts
    for name, lines in acknowledged.items():
        refusals = [line for line in lines if line.startswith("refused ")]
        assert refusals and all("not saving: " in line for line in refusals), refusals
        written = [line.split() for line in lines if not line.startswith("refused ")]
        assert [text for _, text in written] == [f"{name}-{n}" for n in range(len(written))]
        seqs = [int(seq) for seq, _ in written]
        assert seqs == sorted(seqs)
        ambiguous = any("while saving" in line for line in refusals)
        for seq, text in written:
            assert stored[int(seq)] == text, f"acknowledged #{seq} {text} is missing"
            assert texts.count(text) == 1 or ambiguous, f"{text} written twice"
    assert texts[-1] == "back" and "typed while the server was down" not in texts


def test_a_seat_opened_while_the_server_is_down_is_refused_in_one_line(
        own_pg_cluster: Cluster, resolved: ResolvedScenario, tmp_path: Path) -> None:
    cluster = own_pg_cluster
    url = cluster.url(session="closed")
    Session.start(resolved, url).close()
    cluster.stop("immediate")
    with pytest.raises(TtxError, match="cannot reach the PostgreSQL server") as refused:
        Session.open(url)
    assert "\n" not in refused.value.message
    cluster.start()
    with Session.open(url) as session:
        assert session.state.last_seq == 2
