"""Named conditions that choices set, and the `when:` expressions that read them.

An expression is a list of terms that must all hold; a term is a condition id (`x`, it
was set) or `not x` (it was not). Authors may write a single term as plain text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Annotated, Any

from pydantic import BeforeValidator, StringConstraints, WithJsonSchema

from ttx.model.ids import SLUG_PATTERN

NEGATION = "not "
TERM_PATTERN = r"^(not )?[a-z0-9][a-z0-9-]*$"
_TERM_RE = re.compile(TERM_PATTERN)

ConditionId = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
"""A condition's name: lower-case letters, digits and hyphens, e.g. `direct-link-restored`."""

Term = Annotated[str, StringConstraints(pattern=TERM_PATTERN, max_length=84)]
"""`x` (condition x was set) or `not x` (it was not)."""


def _listed(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


_TERM_SCHEMA = {"type": "string", "pattern": TERM_PATTERN,
                "description": "A condition id, or `not` and a condition id."}

When = Annotated[
    list[Term],
    BeforeValidator(_listed),
    WithJsonSchema({"anyOf": [_TERM_SCHEMA, {"type": "array", "items": _TERM_SCHEMA}]}),
]
"""A condition expression: one term, or a list of terms that must all hold."""


def split_term(term: str) -> tuple[str, bool]:
    """(condition id, wanted): `not x` gives `('x', False)`, `x` gives `('x', True)`."""
    if term.startswith(NEGATION):
        return term[len(NEGATION):].strip(), False
    return term.strip(), True


def condition_ids(when: Iterable[str]) -> list[str]:
    """The condition ids an expression reads, in order."""
    return [split_term(term)[0] for term in when]


def holds(when: Iterable[str], conditions: frozenset[str]) -> bool:
    """Whether every term of `when` holds given the set `conditions`; empty holds."""
    return all((name in conditions) is wanted for name, wanted in map(split_term, when))


def contradictory(when: Iterable[str]) -> str | None:
    """A condition both required and excluded by `when` (it can never hold), or None."""
    required: dict[str, bool] = {}
    for name, wanted in map(split_term, when):
        if required.get(name, wanted) is not wanted:
            return name
        required[name] = wanted
    return None


def covers(earlier: Iterable[str], later: Iterable[str]) -> bool:
    """Whether `earlier` holds whenever `later` does (its terms are a subset), so a variant
    listed after it can never be chosen."""
    return set(earlier) <= set(later)
