"""Several processes on one session: nothing acknowledged is lost, nothing is doubled."""

from __future__ import annotations

import random
import signal
import time

import pytest

from tests.session.conftest import FIRST, Backend, Writer, events_at
from ttx.errors import TtxError
from ttx.model.resolved import ResolvedScenario
from ttx.session.events import EventType, InjectDelivered, NoteAdded
from ttx.session.session import Session


def test_three_writers_at_once_lose_nothing_and_leave_no_gap(
        resolved: ResolvedScenario, backend: Backend) -> None:
    path = backend.location("shared")
    Session.start(resolved, path).close()
    count = 60
    names = ("Washington", "Tokyo", "Seoul")
    writers = [Writer("notes", str(path), name, str(count)) for name in names]
    for writer in writers:
        writer.go()
    acknowledged = {name: writer.finish() for name, writer in zip(names, writers, strict=True)}

    events = events_at(path)
    assert [event.seq for event in events] == list(range(1, 3 + 3 * count))
    texts = {event.seq: event.payload.text for event in events
             if isinstance(event.payload, NoteAdded)}
    for name, lines in acknowledged.items():
        assert len(lines) == count
        seqs = [int(line.split()[0]) for line in lines]
        assert seqs == sorted(seqs), "one writer's entries keep its order"
        for line in lines:
            seq, text = line.split()
            assert texts[int(seq)] == text
        mine = [text for text in texts.values() if text.startswith(f"{name}-")]
        assert mine == [f"{name}-{number}" for number in range(count)]


def test_a_writer_killed_at_random_moments_loses_no_acknowledged_entry(
        resolved: ResolvedScenario, backend: Backend) -> None:
    path = backend.location("killed")
    Session.start(resolved, path).close()
    chance = random.Random(20270510)
    acknowledged: dict[int, str] = {}
    for round_number in range(3):
        writer = Writer("notes", str(path), f"r{round_number}", "0")
        writer.go()
        time.sleep(chance.uniform(0.02, 0.25))
        writer.process.send_signal(signal.SIGKILL)
        for line in writer.finish():
            number, text = line.split()
            acknowledged[int(number)] = text
    assert len(acknowledged) > 4, "the writers never got going"

    events = events_at(path)
    assert [event.seq for event in events] == list(range(1, len(events) + 1))
    stored = {event.seq: getattr(event.payload, "text", None) for event in events}
    for seq, text in acknowledged.items():
        assert stored.get(seq) == text, f"acknowledged #{seq} {text} is missing"


def test_two_processes_cannot_both_deliver_one_inject(resolved: ResolvedScenario,
                                                      backend: Backend) -> None:
    path = backend.location("race")
    Session.start(resolved, path).close()
    racers = [Writer("deliver", str(path), FIRST) for _ in range(3)]
    for racer in racers:
        racer.go()
    results = [line for racer in racers for line in racer.finish()]
    assert sorted(line.split()[0] for line in results)[1:] == ["refused", "refused"]
    assert sum(line.endswith(" delivered") for line in results) == 1
    assert all("already delivered" in line for line in results if line.startswith("refused"))
    deliveries = [e for e in events_at(path) if e.type is EventType.inject_delivered]
    assert [e.payload.inject for e in deliveries
            if isinstance(e.payload, InjectDelivered)] == [FIRST]


def test_a_stale_session_rechecks_inside_the_write(resolved: ResolvedScenario,
                                                  backend: Backend) -> None:
    path = backend.location("stale")
    with Session.start(resolved, path) as first, Session.open(path) as second:
        first.deliver(FIRST)
        assert second.state.inject_status[FIRST] == "pending", "not refreshed yet"
        before = events_at(path)
        with pytest.raises(TtxError, match=r"already delivered \(#3\)"):
            second.deliver(FIRST)
        assert events_at(path) == before
        assert second.state.inject_status[FIRST] == "delivered", "caught up while refusing"


def test_a_follower_sees_each_acknowledged_entry_on_its_next_refresh(
        resolved: ResolvedScenario, backend: Backend) -> None:
    path = backend.location("followed")
    Session.start(resolved, path).close()
    with Session.open(path, seat="display") as follower:
        assert follower.refresh() == []
        writer = Writer("notes", str(path), "w", "20")
        writer.go()
        seen: list[int] = []
        deadline = time.monotonic() + 20
        while len(seen) < 20 and time.monotonic() < deadline:
            acknowledged = [int(line.split()[0]) for line in list(writer.lines)]
            seen += [event.seq for event in follower.refresh()]
            assert set(acknowledged) <= set(seen), "an acknowledged entry was not visible"
            time.sleep(0.005)
        writer.finish()
        seen += [event.seq for event in follower.refresh()]
        assert seen == list(range(3, 23))
        assert [note.text for note in follower.state.notes] == [f"w-{n}" for n in range(20)]
