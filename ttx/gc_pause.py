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
