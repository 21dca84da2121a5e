"""Pause Python's cyclic garbage collector while a burst of long-lived objects is built.

Reading a workspace or a journal allocates tens of thousands of objects that all stay
alive (composed YAML nodes, models, events). Each allocation burst sets off collections
that walk every one of them again and find nothing to free: a third of `ttx validate`
on 1,000 injects, an eighth of opening a 20,000-entry session. Reference counting still
frees everything as usual; cycles made inside the block are collected by the next full
collection.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the cyclic collector inside the block; restore what it was after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            _resume()


@contextmanager
def paused_for_start_up() -> Iterator[None]:
    """Disable the collector while a program imports and builds what it keeps for its
    whole life (modules, models, its first screen): collections then would walk those
    again and again and free nothing (an eighth of a console's start-up). The program
    calls `start_up_done` once its first screen is up; if it never gets there (a refusal,
    an error), the end of the block turns the collector back on."""
    gc.disable()
    try:
        yield
    finally:
        if not gc.isenabled():
            _resume()


def start_up_done() -> None:
    """Collect from here on (inside `paused_for_start_up`)."""
    _resume()


_kept_for_good = False


def keep_for_good() -> None:
    """Whatever start-up or a `gc_paused` block built stays out of every later collection
    (the frozen generation): for a process that runs one command and ends, where it
    lives to the end anyway. Without this (a library, the tests), the next full
    collection walks it once, and frees any cycle in it."""
    global _kept_for_good
    _kept_for_good = True


ONE_COMMAND_THRESHOLD = 50_000
"""Allocations between young-generation collections in a program that runs one command
(Python's default is 700)."""


def collect_rarely() -> None:
    """For a program that runs one command and ends: collect the young generation every
    `ONE_COMMAND_THRESHOLD` allocations. Its imports and the files it reads are tens of
    thousands of objects that live to the end; at the default threshold the collector
    walks them hundreds of times and frees nothing (a tenth of `ttx validate` on 1,000
    injects). Cycles are still collected, only less often."""
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(ONE_COMMAND_THRESHOLD, middle, oldest)


def _resume() -> None:
    """Enable the collector with every object alive now in its oldest generation.

    Enabled as is, the collector would first walk everything made while it was off, as
    the youngest generation, then again as the middle one (a tenth of `ttx validate` on
    10,000 injects); freezing and unfreezing moves it all to the oldest generation without
    a walk. Nothing is kept from collection: the next full collection sees it all."""
    gc.freeze()
    if not _kept_for_good:
        gc.unfreeze()
    gc.enable()
