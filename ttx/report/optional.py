"""Reading fields that older journals, scenarios and session layers do not have.

The analysis layer (executive summary, final ratings, findings), the eight-column
improvement items and the HSEEP scenario fields (core capability, mission area,
critical tasks, `within`, threat/hazard, POC, glossary) are recent: a session recorded
before them, or a snapshot of an older scenario, has none of them. The report reads
each through `present`, so it says "not rated" or leaves a cell empty instead of failing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

LEGACY_SEATS = {"cli": "facilitator (cli)"}
"""Seats older journals wrote, as a reader should see them."""


def present(record: object, name: str, default: Any = None) -> Any:
    """`record.name`, or `default` when the record (of an older layer) has no such field
    or holds None there."""
    value = getattr(record, name, None)
    return default if value is None else value


def text_of(record: object, name: str) -> str:
    """A text field, empty when absent; an enum or number as its text."""
    value = present(record, name, "")
    return value if isinstance(value, str) else str(value)


def seat_label(seat: str) -> str:
    """`facilitator`, `evaluator:Kim`, `player:JPN`; legacy `cli` as `facilitator (cli)`."""
    return LEGACY_SEATS.get(seat, seat)


def glossary_entries(glossary: object) -> list[tuple[str, str]]:
    """A scenario's glossary, whether a mapping (term → meaning) or a list of
    `{term, meaning}` records, as (term, meaning) pairs."""
    if isinstance(glossary, Mapping):
        return [(str(term), str(meaning)) for term, meaning in glossary.items()]
    if isinstance(glossary, list):
        pairs = []
        for entry in glossary:
            term = text_of(entry, "term") or (entry.get("term", "") if isinstance(entry, dict)
                                                else "")
            meaning = text_of(entry, "meaning") or text_of(entry, "definition") or (
                entry.get("meaning", "") if isinstance(entry, dict) else "")
            if term:
                pairs.append((str(term), str(meaning)))
        return pairs
    return []


def contact_text(contact: object) -> str:
    """A point of contact given as text or as a record (name, organisation, email, phone)."""
    if isinstance(contact, str):
        return contact
    if isinstance(contact, list):
        return "; ".join(contact_text(each) for each in contact)
    fields = ("name", "title", "organisation", "organization", "email", "phone")
    return ", ".join(text for name in fields if (text := text_of(contact, name)))
