"""The resolved scenario a journal stores, validated once per text on this machine.

Validating the snapshot's JSON builds the schemas of every scenario model (they are
deferred) and then checks every field: a large part of a seat's start-up. The
validated `ResolvedScenario` is kept in the user's cache (`ttx.session.disk_cache`),
named by the SHA-256 of the snapshot text and the source of the models, so a seat
opened again on the same session (or another session of the same scenario) reads
it back without validating. It is read with the scenario models, their enums and
the date and time types as the only classes allowed.
"""

from __future__ import annotations

import enum
import hashlib
import sys
from datetime import date, datetime, timedelta, timezone

from pydantic import BaseModel
from pydantic_core import TzInfo

from ttx.model.resolved import ResolvedScenario
from ttx.session.disk_cache import (
    allowlist,
    code_fingerprint,
    entry_name,
    module_sources,
    read_entry,
    write_entry,
)

FORMAT = 1
"""The layout of a cached snapshot; bumped when it changes."""
FOLDER = "snapshots"


def snapshot_of(text: str) -> ResolvedScenario:
    """The resolved scenario stored as `text`: from the cache when it holds this text's,
    else validated (raising pydantic's ValidationError or ValueError when the text is
    damaged) and kept for the next time."""
    fingerprint = _fingerprint()
    if fingerprint is None:
        return ResolvedScenario.model_validate_json(text)
    text_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    header = f"ttx-snapshot {FORMAT} {fingerprint} {text_hash}"
    name = entry_name(header)
    cached = read_entry(FOLDER, name, header, _allowed())
    if cached is not None and isinstance(cached[1], ResolvedScenario):
        return cached[1]
    snapshot = ResolvedScenario.model_validate_json(text)
    write_entry(FOLDER, name, header, snapshot)  # before any cached_property is filled
    return snapshot


def _fingerprint() -> str | None:
    import ttx.model

    return code_fingerprint(module_sources(ttx.model))


def _model_modules() -> tuple[str, ...]:
    return tuple(sorted(name for name in sys.modules
                        if name == "ttx.model" or name.startswith("ttx.model.")))


def _allowed() -> dict[tuple[str, str], object]:
    """Every pydantic model and enum the loaded `ttx.model` modules define, and the
    date and time types."""
    classes: list[object] = [date, datetime, timedelta, timezone, TzInfo]
    for name in _model_modules():
        for value in vars(sys.modules[name]).values():
            if (isinstance(value, type) and value.__module__ == name
                    and issubclass(value, BaseModel | enum.Enum)):
                classes.append(value)
    return allowlist(classes)
