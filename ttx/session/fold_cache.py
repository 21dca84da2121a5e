"""Checkpoints of a session's state, so a long session opens without folding it all.

Opening a session reads, checks and folds every entry: about 23 ms per thousand. After
a fold of `CHECKPOINT_AFTER` entries or more, the state is kept in the user's cache
(`ttx.session.disk_cache`) with the seq it stands at (N), the hash of entry N and of
the entry before. The next open of the same session loads it, checks that entry N
still hashes, from the entry before's hash, to the hash the checkpoint names, and
reads, checks (the chain from N on) and folds only the entries after N.

It can never give another state than a fold from the start:

* it was taken from a fold whose every entry this ttx had just checked, chain and all;
* its file is named by the ttx version, the source of the code that folds, the
  snapshot's hash and the session's first hash, and its header repeats them: another
  session, another scenario text, or other code never finds or reads it;
* entry N hashing to the checkpoint's hash from the previous one pins entry N and,
  through the chain, every entry before it as they were checked (an edit that rehashes
  the chain changes the hash at N, so the checkpoint is not used and everything is
  checked; one that does not is found by `ttx session verify` and the report, which
  always check the whole chain);
* the body is digested and unpickled with the state's own classes only; anything amiss
  with the file is no checkpoint, and the session is folded from the start.

The scenario snapshot is not in the checkpoint: the journal's own is attached. Journals
without a chain (format 1) get no checkpoint.
"""

from __future__ import annotations

import dataclasses
import operator
from datetime import date, datetime, timedelta, timezone
from typing import Any

from pydantic_core import TzInfo

import ttx.model
from ttx.errors import TtxError
from ttx.session import clock, entry_folding, events, fold, records, state_views, vocabulary
from ttx.session.chain import Row, snapshot_hash
from ttx.session.disk_cache import (
    Reducer,
    allowlist,
    code_fingerprint,
    entry_name,
    module_sources,
    read_entry,
    write_entry,
)
from ttx.session.fold import SessionState, apply_all
from ttx.session.journal import Journal
from ttx.session.journal_rows import check_chain

CHECKPOINT_AFTER = 5_000
"""Entries folded (from the start, or since the last checkpoint) that make a new one."""
FORMAT = 1
"""The layout of a checkpoint; bumped when it changes."""
FOLDER = "folds"

_DERIVED = frozenset({"snapshot", "_not_taken", "_moves_about"})
"""State fields not kept: the journal's snapshot, and caches of questions."""
_FIELDS = tuple(sorted(field.name for field in dataclasses.fields(SessionState)
                       if field.name not in _DERIVED))
_CLASSES = [cls for cls in vars(records).values()
            if isinstance(cls, type) and cls.__module__ == records.__name__
            and dataclasses.is_dataclass(cls)] + [clock.PauseInterval]


def open_state(journal: Journal) -> SessionState:
    """The state `journal` has come to: from its checkpoint and the entries after it
    when the cache holds a sound one, else folded from the start (and a checkpoint
    kept when `CHECKPOINT_AFTER` entries or more were folded)."""
    # a session shorter than a checkpoint's worth has none to look for
    state = load_checkpoint(journal) \
        if journal.chained and journal.last_seq() >= CHECKPOINT_AFTER else None
    folded_from = 0
    if state is None:
        state = fold.fold(journal.snapshot, journal.events(), journal.location)
    else:
        folded_from = state.last_seq
        apply_all(state, journal.events(folded_from), journal.location)
    if journal.chained and state.last_seq - folded_from >= CHECKPOINT_AFTER:
        store_checkpoint(journal, state)
    return state


def load_checkpoint(journal: Journal) -> SessionState | None:
    """The state of `journal`'s checkpoint, its chain taken as checked up to it; None
    when there is no sound one."""
    key = _key(journal)
    if key is None:
        return None
    stands_at: list[tuple[int, str]] = []

    def entry_still_hashes(line: str) -> bool:
        parts = line[len(key) + 1:].split(" ")
        if len(parts) != 3 or not parts[0].isdigit():
            return False
        seq, previous, chain_hash = int(parts[0]), parts[1], parts[2]
        if seq < 1 or not _hashes_to(journal, journal.row_at(seq), previous, chain_hash):
            return False
        stands_at.append((seq, chain_hash))
        return True

    entry = read_entry(FOLDER, entry_name(key), f"{key} ", _allowed(), entry_still_hashes)
    if entry is None or not stands_at:
        return None
    fields = entry[1]
    if not isinstance(fields, dict) or sorted(fields) != list(_FIELDS):
        return None
    seq, chain_hash = stands_at[0]
    state = SessionState.__new__(SessionState)
    vars(state).update(fields, snapshot=journal.snapshot, _not_taken=None, _moves_about=None)
    if state.last_seq != seq:
        return None
    journal.resume_chain(seq, chain_hash)
    return state


def store_checkpoint(journal: Journal, state: SessionState) -> None:
    """Keep `state` as `journal`'s checkpoint (its chain must have been checked up to
    `state.last_seq` by this process); nothing when it cannot be kept."""
    key = _key(journal)
    seq = state.last_seq
    if key is None or seq < 1:
        return
    row = journal.row_at(seq)
    before = journal.row_at(seq - 1) if seq > 1 else None
    previous = before[6] if before is not None else snapshot_hash(journal.snapshot_text)
    if row is None or previous is None or row[6] is None or \
            not _hashes_to(journal, row, previous, row[6]):
        return
    fields = {name: getattr(state, name) for name in _FIELDS}
    # pickling a long state takes a second: a forked copy does it while the seat opens
    write_entry(FOLDER, entry_name(key), f"{key} {seq} {previous} {row[6]}", fields,
                _reducers(), background=True)


def _key(journal: Journal) -> str | None:
    """What a checkpoint of `journal` is named by: the layout, the code, the snapshot
    and the session's first entry (None: no checkpoint can be kept)."""
    fingerprint = code_fingerprint(module_sources(
        records, state_views, entry_folding, fold, clock, events, vocabulary, ttx.model))
    first = journal.row_at(1) if journal.chained else None
    if fingerprint is None or first is None or first[6] is None:
        return None
    return (f"ttx-fold {FORMAT} {fingerprint} {snapshot_hash(journal.snapshot_text)} "
            f"{first[6]}")


def _hashes_to(journal: Journal, row: Row | None, previous: str, chain_hash: str) -> bool:
    """Whether `row` (an entry of `journal` as stored) hashes, after `previous`, to
    `chain_hash`."""
    if row is None:
        return False
    seq = row[0]
    try:
        return check_chain(journal.location, (seq - 1, previous), [row]) == (seq, chain_hash)
    except TtxError:
        return False


def _reducers() -> dict[type, Reducer]:
    """Each record kept as its class and its fields in order (smaller and faster to
    read back than the generic form of a slotted dataclass)."""
    def reducer(cls: type) -> Reducer:
        names = [field.name for field in dataclasses.fields(cls)]
        get = operator.attrgetter(*names)
        return lambda record: (cls, get(record))

    return {cls: reducer(cls) for cls in _CLASSES
            if all(field.init for field in dataclasses.fields(cls))}


def _allowed() -> dict[tuple[str, str], Any]:
    enums = [value for module in (records, vocabulary) for value in vars(module).values()
             if isinstance(value, type) and value.__module__ == module.__name__]
    return allowlist([*_CLASSES, *enums, date, datetime, timedelta, timezone, TzInfo])
