"""Identifier types shared by the models."""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
MODULE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9-]*$"
ROLE_PATTERN = r"^[A-Z][A-Z0-9_-]*$"
OBJECTIVE_PATTERN = r"^[A-Z][A-Z0-9]*-[0-9A-Za-z.-]+$"
RECIPIENT_PATTERN = r"^(all|[A-Z][A-Z0-9_-]*)$"

ALL_RECIPIENTS = "all"
"""The keyword that addresses every player role (`to: [all]`, `questions: {all: …}`)."""

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=120)]
"""Lower-case id: letters, digits and hyphens, starting with a letter or digit."""

ModuleId = Annotated[str, StringConstraints(pattern=MODULE_PATTERN, max_length=120)]
"""Module id: letters of either case, digits and hyphens, as planners write them (`M1`,
`m1-detection`)."""

RoleId = Annotated[str, StringConstraints(pattern=ROLE_PATTERN, max_length=40)]
"""Upper-case role id such as `US`, `JPN`, `ROK`, `WHITE`."""

ObjectiveId = Annotated[str, StringConstraints(pattern=OBJECTIVE_PATTERN, max_length=40)]
"""Objective id such as `OBJ-1`."""

Recipient = Annotated[str, StringConstraints(pattern=RECIPIENT_PATTERN, max_length=40)]
"""A role id, or `all` for every player role."""

TASK_PATTERN = r"^[A-Z][A-Z0-9]*-[0-9A-Za-z.-]+\.[0-9A-Za-z]+$"

CriticalTaskId = Annotated[str, StringConstraints(pattern=TASK_PATTERN, max_length=48)]
"""Critical task id: its objective's id, a dot and a number, e.g. `OBJ-1.2`."""
