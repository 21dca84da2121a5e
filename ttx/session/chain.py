"""The hash chain that makes a journal tamper-evident.

Each event row stores `hash = SHA-256(canonical row + previous hash)`; the first
event's previous hash is the SHA-256 of the stored scenario snapshot, so the snapshot
is covered too. Editing, deleting or inserting any row, or the snapshot, breaks the
chain at the first altered entry; the last hash (the chain head) printed in a report
lets a reader check that the copy they hold is the one reported on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

Row = tuple[int, str, str, str, str, str, str | None]
"""seq, at_wall, at_game, type, seat, payload text, hash."""


def snapshot_hash(snapshot_text: str) -> str:
    return hashlib.sha256(snapshot_text.encode("utf-8")).hexdigest()


def row_hash(previous: str, seq: int, at_wall: str, at_game: str, type: str, seat: str,
             payload: str) -> str:
    """The hash of one row chained to `previous`."""
    # Each field is prefixed with its length, so no choice of text can shift a boundary.
    # One f-string, not a join over the fields: opening a session hashes every row.
    number = str(seq)
    canonical = (f"{len(previous)}:{previous}{len(number)}:{number}"
                 f"{len(at_wall)}:{at_wall}{len(at_game)}:{at_game}{len(type)}:{type}"
                 f"{len(seat)}:{seat}{len(payload)}:{payload}")
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Verdict:
    """What checking a journal's chain found."""

    chained: bool
    """False for journals written before the chain existed: not verifiable."""
    first_bad_seq: int | None = None
    reason: str = ""
    head: str = ""
    """The last event's hash when the chain holds."""
    count: int = 0

    @property
    def ok(self) -> bool:
        return self.chained and self.first_bad_seq is None

    def describe(self) -> str:
        if not self.chained:
            return "not verifiable: written before ttx chained its entries"
        if self.first_bad_seq is not None:
            return f"broken at #{self.first_bad_seq}: {self.reason}"
        return f"verified: {self.count} entries, chain head {self.head}"


def verify(snapshot_text: str, rows: Iterable[Row]) -> Verdict:
    """Check every row's seq and hash in order against `snapshot_text`."""
    previous = snapshot_hash(snapshot_text)
    expected_seq = 1
    count = 0
    chained = True
    for seq, at_wall, at_game, type_name, seat, payload, stored in rows:
        if stored is None:
            if count == 0:
                chained = False
            if not chained:
                count += 1
                expected_seq = seq + 1
                continue
            return Verdict(True, seq, "the entry carries no hash", count=count)
        if not chained:
            return Verdict(True, seq, "a hashed entry after unhashed ones", count=count)
        if seq != expected_seq:
            missing = f"#{expected_seq}" if seq > expected_seq else f"a repeated #{seq}"
            return Verdict(True, expected_seq if seq > expected_seq else seq,
                           f"{missing} is missing" if seq > expected_seq else missing,
                           count=count)
        actual = row_hash(previous, seq, at_wall, at_game, type_name, seat, payload)
        if actual != stored:
            what = "the scenario snapshot or the entry was altered" if seq == 1 else \
                "the entry was altered"
            return Verdict(True, seq, what, count=count)
        previous = actual
        expected_seq = seq + 1
        count += 1
    if not chained:
        return Verdict(False, count=count)
    return Verdict(True, head=previous if count else snapshot_hash(snapshot_text), count=count)
