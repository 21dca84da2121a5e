"""A follower process for the follow-latency bench.

    python bench/follower.py session LOCATION    follow a session as a seat does
    python bench/follower.py notify CONNINFO     LISTEN on the bare `bench` channel

It prints `ready`, then `TEXT MONOTONIC` for each note (or notification) as soon as it
has it. CLOCK_MONOTONIC is one clock for every process on the machine, so the writer
can subtract the time it started the append from the time printed here.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

WAIT_SECONDS = 1.0


def follow_session(location: str) -> None:
    from ttx.session.events import EventType
    from ttx.session.journal import is_url
    from ttx.session.session import Session

    with Session.open(location if is_url(location) else Path(location),
                      seat="display") as session:
        session.journal.wait_for_change(0.01)  # listening before the writer starts
        print("ready", flush=True)
        while True:
            if not session.journal.wait_for_change(WAIT_SECONDS):
                continue
            for event in session.refresh():  # what the console's sync does when woken
                if event.type is EventType.note_added:
                    print(f"{event.payload.text} {time.monotonic()}", flush=True)


def follow_notify(conninfo: str) -> None:
    import psycopg

    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute("LISTEN bench")
        print("ready", flush=True)
        for notification in connection.notifies():
            print(f"{notification.payload} {time.monotonic()}", flush=True)


if __name__ == "__main__":
    mode, target = sys.argv[1], sys.argv[2]
    follow_session(target) if mode == "session" else follow_notify(target)
