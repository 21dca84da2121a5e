"""Checks of what a person typed, refused in one line with a hint and the choices."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import NoReturn

from ttx.authoring.problems import did_you_mean
from ttx.errors import TtxError

_MAX_LISTED = 12


def unknown(what: str, word: str, choices: Sequence[str]) -> TtxError:
    """`no WHAT 'word' in this scenario (did you mean …?); known: a, b, c`."""
    message = f"no {what} '{word}' in this scenario{did_you_mean(word, choices)}"
    if 0 < len(choices) <= _MAX_LISTED:
        message += f"; choose from {', '.join(choices)}"
    return TtxError(message)


def checked_choice(what: str, word: str, choices: Sequence[str]) -> str:
    """`word` if it is one of `choices`, else a refusal that lists them."""
    if word in choices:
        return word
    hint = did_you_mean(word, choices)
    refuse(f"'{word}' is not a {what}{hint}; choose {', '.join(choices)}")


def checked_text(what: str, text: str) -> str:
    """`text` without surrounding blanks; refused when nothing is left."""
    stripped = text.strip()
    if not stripped:
        refuse(f"{what} cannot be empty")
    return stripped


def checked_due(text: str) -> str:
    """An ISO date `YYYY-MM-DD` (or empty), as written back by `date.isoformat`."""
    value = text.strip()
    if not value:
        return ""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        refuse(f"'{value}' is not a date: write it as YYYY-MM-DD, e.g. 2027-06-30")


def refuse(message: str) -> NoReturn:
    """Raise the one-line refusal `message`."""
    raise TtxError(message)
