"""Game-clock offsets written `+H:MM` (hours may exceed 24: `+36:00`)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

from ttx.model.wording import offset as format_offset

OFFSET_PATTERN = r"^\+\d{1,4}:[0-5]\d$"
_OFFSET_RE = re.compile(r"\+(\d{1,4}):([0-5]\d)")


def parse_offset(value: Any) -> timedelta:
    """Parse `+H:MM` into a duration; a `timedelta` passes through unchanged."""
    if isinstance(value, timedelta):
        if value < timedelta(0):
            raise ValueError("an offset cannot be negative")
        return value
    if not isinstance(value, str):
        raise ValueError(f"an offset is text like '+1:30', not {type(value).__name__}")
    match = _OFFSET_RE.fullmatch(value.strip())
    if match is None:
        raise ValueError(f"'{value}' is not an offset: write +H:MM, e.g. '+0:15' or '+36:00'")
    hours, minutes = int(match.group(1)), int(match.group(2))
    return timedelta(hours=hours, minutes=minutes)


Offset = Annotated[
    timedelta,
    BeforeValidator(parse_offset),
    PlainSerializer(format_offset, return_type=str),
    WithJsonSchema({"type": "string", "pattern": OFFSET_PATTERN, "examples": ["+0:15", "+36:00"]}),
]
"""A non-negative game-clock offset, `+H:MM` in files and a `timedelta` in code."""
