"""Pause Python's cyclic garbage collector while a burst of long-lived objects is built.

Reading a workspace or a journal allocates tens of thousands of objects that all stay
alive (composed YAML nodes, models, events). Each allocation burst sets off collections
that walk every one of them again and find nothing to free: a third of `ttx validate`
on 1,000 injects, an eighth of opening a 20,000-entry session. Reference counting still
frees everything as usual; cycles made inside the block are collected after it.
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
            gc.enable()


def pause_for_start_up() -> None:
    """Disable the collector while a program imports and builds what it keeps for its
    whole life (modules, models, its first screen): collections then would walk those
    again and again and free nothing (an eighth of a console's start-up). Pair with
    `start_up_done`."""
    gc.disable()


def start_up_done() -> None:
    """Move every object alive now to the permanent generation, which later collections
    never walk (so a keypress never waits for one to re-walk the start-up), and collect
    from here on."""
    gc.freeze()
    gc.enable()
