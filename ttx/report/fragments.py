"""Large HTML fragments of ours, spliced into the rendered report in one pass.

The charts (drawn meanwhile in their own process) and the long tables' rows
(`ttx.report.long_tables`: megabytes at 20,000 entries) reach the template as a short
comment each, `<!--ttx:slot:N-->`, and are put in place after rendering with one join:
printed through Jinja, each fragment would be copied again by autoescaping (its
`__html__`), 30 ms for the timeline alone, and a `str.replace` per chart copies the
whole report each time. No text of a user can make a slot: in the HTML every `<` of
theirs is escaped, and the fragments themselves are never searched for slots.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

_SLOT = re.compile(r"<!--ttx:slot:(\d+)-->")


class Fragments:
    """The fragments of one rendering, each held in a numbered slot."""

    def __init__(self) -> None:
        self._held: list[str] = []

    def hold(self, fragment: str = "") -> Markup:
        """A slot for `fragment` (which `fill` may set later), as the template prints it."""
        self._held.append(fragment)
        return Markup(f"<!--ttx:slot:{len(self._held) - 1}-->")

    def hold_all(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """`values` with every fragment in it (alone, in a list, or the values of a
        dict) held in a slot."""
        return {name: self._held_in(value) for name, value in values.items()}

    def fill(self, slot: Markup, fragment: str) -> None:
        """Set the fragment of `slot`, one that `hold` returned."""
        match = _SLOT.fullmatch(slot)
        if match is None:
            raise ValueError(f"not a slot: {slot!r}")
        self._held[int(match.group(1))] = fragment

    def splice(self, html: str) -> str:
        """`html` with each slot replaced by its fragment."""
        parts = _SLOT.split(html)  # text, slot number, text, slot number, …, text
        parts[1::2] = [self._held[int(number)] for number in parts[1::2]]
        return "".join(parts)

    def _held_in(self, value: Any) -> Any:
        if isinstance(value, Markup):
            return self.hold(value)
        if isinstance(value, list):
            return [self._held_in(item) for item in value]
        if isinstance(value, dict):
            return {key: self._held_in(item) for key, item in value.items()}
        return value
