"""MSEL columns: the ones ttx writes, and the header names real MSELs use for them.

A header is recognised case-, spacing- and punctuation-insensitively ("Recipient(s)",
"RECIPIENTS", "recipients" are one name); `#` reads as "number", so "Inject #" is the
MSEL number while "Inject" is the inject text. A parenthesised remark such as
"Scenario Time (UTC+09:00)" is ignored for matching; `ttx.msel.times` reads a time zone
from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class Field(StrEnum):
    """What a column holds."""

    number = "number"
    module = "module"
    time = "time"
    offset = "offset"
    inject_id = "inject_id"
    heading = "title"
    """The inject's title (`title` is taken by `str.title`)."""
    body = "body"
    sender = "from"
    to = "to"
    method = "method"
    expected = "expected"
    objectives = "objectives"
    options = "options"
    contingency = "contingency"
    notes = "notes"
    capability = "capability"
    questions = "questions"
    control_only = "control_only"
    tags = "tags"


EXPORT_COLUMNS: tuple[tuple[Field, str], ...] = (
    (Field.number, "MSEL #"),
    (Field.module, "Module"),
    (Field.time, "Scenario Time"),
    (Field.offset, "Offset"),
    (Field.inject_id, "Inject ID"),
    (Field.heading, "Title"),
    (Field.body, "Inject"),
    (Field.sender, "From"),
    (Field.to, "To"),
    (Field.method, "Method"),
    (Field.expected, "Expected Player Action"),
    (Field.objectives, "Objectives"),
    (Field.options, "Options"),
    (Field.contingency, "Contingency"),
    (Field.notes, "Notes"),
    (Field.capability, "Capability"),
    (Field.questions, "Questions"),
    (Field.control_only, "Control Only"),
    (Field.tags, "Tags"),
)
"""The exported columns: the HSEEP MSEL columns, then four that keep the file lossless."""

_SYNONYMS: dict[Field, tuple[str, ...]] = {
    Field.number: ("msel number", "msel no", "msel", "inject number", "inject no",
                   "event number", "event no", "seq", "sequence", "serial", "no", "number",
                   "item", "item number", "line"),
    Field.module: ("module", "move", "phase", "segment", "stage", "vignette"),
    Field.time: ("time", "scenario time", "date time", "date", "game time", "exercise time",
                 "inject time", "delivery time", "dtg", "clock", "scenario date time",
                 "time of delivery", "local time"),
    Field.offset: ("offset", "elapsed", "elapsed time", "relative time", "h hour",
                   "time offset", "startex offset", "t plus"),
    Field.inject_id: ("inject id", "id", "event id", "ref", "reference"),
    Field.heading: ("title", "event", "event synopsis", "synopsis", "subject", "event title",
                  "inject title", "headline", "summary", "event name", "inject name"),
    Field.body: ("inject", "inject text", "description", "details", "script", "body",
                 "message", "content", "inject description", "event description",
                 "event details", "text", "inject details"),
    Field.sender: ("from", "originator", "sender", "source", "simulated sender"),
    Field.to: ("to", "recipient", "recipients", "player", "players", "intended player",
               "intended players", "audience", "addressee", "addressees", "receiver"),
    Field.method: ("method", "delivery method", "mode", "means", "delivery mechanism",
                   "mechanism", "delivery", "format"),
    Field.expected: ("expected action", "expected actions", "expected player action",
                     "expected player actions", "expected response", "expected outcome",
                     "expected player response", "expected responses"),
    Field.objectives: ("objective", "objectives", "exercise objective",
                       "exercise objectives", "objectives addressed", "objective addressed"),
    Field.capability: ("capability", "capabilities", "core capability",
                       "core capabilities", "capability target"),
    Field.options: ("options", "decision options", "option", "decision point"),
    Field.contingency: ("contingency", "contingency inject", "optional", "on call"),
    Field.notes: ("notes", "note", "controller notes", "facilitator notes", "remarks",
                  "comments", "comment", "control notes"),
    Field.questions: ("questions", "discussion questions", "key questions", "question",
                      "prompts"),
    Field.control_only: ("control only", "controller only", "control cell only",
                         "restricted"),
    Field.tags: ("tags", "tag", "keywords", "labels"),
}


def header_key(header: str) -> str:
    """The matching key of a header: lower-case letters and digits only, `#` as 'number'."""
    without_remark = re.sub(r"\(([^)]*)\)", lambda m: "s" if m.group(1) == "s" else " ",
                            header)
    spelled = without_remark.replace("#", " number ").replace("№", " number ")
    return re.sub(r"[\W_]+", "", spelled.casefold())


_BY_KEY: dict[str, Field] = {
    header_key(name): column_field for column_field, names in _SYNONYMS.items()
    for name in names
}
REQUIRED = (Field.heading,)
"""Columns an import cannot do without (besides a time or an offset column)."""


def recognise(header: str) -> Field | None:
    """The field a header names, or None."""
    return _BY_KEY.get(header_key(header))


@dataclass
class ColumnMap:
    """Which spreadsheet column (0-based index) holds each field, and what was left over."""

    columns: dict[Field, int] = field(default_factory=dict)
    headers: dict[Field, str] = field(default_factory=dict)
    unmapped: list[tuple[int, str]] = field(default_factory=list)
    """(index, header) of columns nothing maps to, or that repeat a field."""

    def missing(self) -> list[str]:
        """Names of required columns the sheet does not have."""
        missing = [column_field.value for column_field in REQUIRED
                   if column_field not in self.columns]
        if Field.time not in self.columns and Field.offset not in self.columns:
            missing.append("time (or offset)")
        return missing


def map_columns(headers: list[str]) -> ColumnMap:
    """Map each header to a field; the first column naming a field wins."""
    column_map = ColumnMap()
    for index, header in enumerate(headers):
        text = header.strip()
        if not text:
            continue
        column_field = recognise(text)
        if column_field is None or column_field in column_map.columns:
            column_map.unmapped.append((index, text))
            continue
        column_map.columns[column_field] = index
        column_map.headers[column_field] = text
    return column_map


def recognised_count(headers: list[str]) -> int:
    """How many distinct fields a candidate header row names (to find the header row)."""
    return len({f for f in (recognise(h) for h in headers if h.strip()) if f is not None})
