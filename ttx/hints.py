"""Hints for near misses, shared by every layer: `(did you mean 'ROK'?)`."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

_NUMBER = re.compile(r"[0-9]+")


def _numbers(word: str) -> list[int]:
    return [int(number) for number in _NUMBER.findall(word)]


def _words(word: str) -> str:
    return re.sub(r"[^a-z]+", "", word.casefold())


def _comparable(word: str, candidate: str) -> bool:
    """Whether `candidate` may be offered for `word`: their numbers agree, or the words
    around a mistyped number are long and the same (`slbm-20-sinpo-pier` for
    `slbm-02-sinpo-pier`)."""
    if _numbers(word) == _numbers(candidate):
        return True
    letters = _words(word)
    return len(letters) >= 6 and letters == _words(candidate)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A ` (did you mean 'x'?)` hint for a near miss, or an empty string.

    A short id whose number differs is never offered: `OBJ-9` is not a typo of `OBJ-6`,
    nor `m3` of `m2`, however alike they look.
    """
    choices = [c for c in candidates if c != word and _comparable(word, c)]
    lowered = {c.casefold(): c for c in choices}
    if word.casefold() in lowered:
        return f" (did you mean '{lowered[word.casefold()]}'?)"
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
