"""A separate process that appends to a session, for the concurrency tests.

    python writer.py notes SESSION NAME COUNT   append COUNT notes (0: until killed)
    python writer.py deliver SESSION INJECT     try to deliver INJECT once
    python writer.py persist SESSION NAME COUNT append COUNT notes, printing a refusal
                                                and trying the same note again until it is
                                                written (a server that goes and comes back)
    python writer.py moves SESSION ROLE COUNT   the same with moves, from ROLE's player seat
    (COUNT 0 for persist and moves: until a second line arrives on stdin)

SESSION is a file or a PostgreSQL URL.

It prints `ready`, waits for a line on stdin, then prints one line per action
*after* the action returned (`SEQ TEXT`, or `refused MESSAGE`): a printed line is
an acknowledged entry.
"""

from __future__ import annotations

import itertools
import sys
import threading
import time
from pathlib import Path

from ttx.errors import TtxError
from ttx.session.journal import is_url
from ttx.session.session import Session


def main(argv: list[str]) -> int:
    mode, location = argv[0], argv[1] if is_url(argv[1]) else Path(argv[1])
    seat = f"player:{argv[2]}" if mode == "moves" else "cli"
    with Session.open(location, seat=seat) as session:
        print("ready", flush=True)
        sys.stdin.readline()
        if mode == "notes":
            name, count = argv[2], int(argv[3])
            numbers = itertools.count() if count == 0 else range(count)
            for number in numbers:
                text = f"{name}-{number}"
                event = session.add_note(text)
                print(f"{event.seq} {text}", flush=True)
        elif mode in ("persist", "moves"):
            name, count = argv[2], int(argv[3])
            told_to_stop = threading.Event()

            def stop_when_told() -> None:
                sys.stdin.readline()
                told_to_stop.set()

            threading.Thread(target=stop_when_told, daemon=True).start()
            for number in itertools.count() if count == 0 else range(count):
                if count == 0 and told_to_stop.is_set():
                    break
                text = f"{name}-{number}"
                while True:
                    try:
                        event = session.add_note(text) if mode == "persist" else \
                            session.record_move(name, "statement", text)
                    except TtxError as error:
                        print(f"refused {error.message}", flush=True)
                        time.sleep(0.05)
                        continue
                    print(f"{event.seq} {text}", flush=True)
                    break
        elif mode == "deliver":
            try:
                event = session.deliver(argv[2])
            except TtxError as error:
                print(f"refused {error.message}", flush=True)
            else:
                print(f"{event.seq} delivered", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
