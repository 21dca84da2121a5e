"""The nearest valid form of a mistyped id, for "did you mean" hints on the id's own field."""

from __future__ import annotations

import re
import unicodedata

from ttx.model.ids import (
    MODULE_PATTERN,
    OBJECTIVE_PATTERN,
    RECIPIENT_PATTERN,
    ROLE_PATTERN,
    SLUG_PATTERN,
)


def _ascii(text: str) -> str:
    """`Café` → `Cafe`: accents dropped, so the nearest form keeps the letter."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _joined(text: str, allowed: str) -> str:
    """Runs of characters outside `allowed` become one hyphen; none at either end."""
    return re.sub(f"[^{allowed}]+", "-", _ascii(text)).strip("-")


def nearest_valid_form(value: str, pattern: str) -> str | None:
    """An id close to `value` that matches `pattern`, or None if there is no obvious one.

    `M1` → `m1` for a slug, `Module 1` → `Module-1` for a module id, `jpn` → `JPN` for a
    role, `obj-1` → `OBJ-1` for an objective.
    """
    if pattern == SLUG_PATTERN:
        candidate = _joined(value.casefold(), "a-z0-9")
    elif pattern == MODULE_PATTERN:
        candidate = _joined(value, "A-Za-z0-9")
    elif pattern in (ROLE_PATTERN, RECIPIENT_PATTERN):
        candidate = _joined(value.upper(), "A-Z0-9_")
        if value.strip().casefold() == "all" and pattern == RECIPIENT_PATTERN:
            candidate = "all"
    elif pattern == OBJECTIVE_PATTERN:
        candidate = _joined(value.upper(), "A-Z0-9.")
        candidate = re.sub(r"^([A-Z][A-Z0-9]*?)([0-9.]+)$", r"\1-\2", candidate)
    else:
        return None
    if not candidate or candidate == value or len(candidate) > 120:
        return None
    return candidate if re.fullmatch(pattern, candidate) else None
