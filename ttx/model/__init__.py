"""Pydantic models of authored content: scenarios, roles, objectives, modules, injects.

Pure: no I/O, no UI. Loading with file positions lives in `ttx.authoring`.
"""

from ttx.model.capabilities import CORE_CAPABILITIES, MissionArea
from ttx.model.ids import ALL_RECIPIENTS, ModuleId, ObjectiveId, RoleId, Slug
from ttx.model.inject import Inject, InjectText, Method, Option, Variant
from ttx.model.offsets import Offset, format_offset, parse_offset
from ttx.model.scenario import (
    Condition,
    Contact,
    CriticalTask,
    Handout,
    HandoutKind,
    Module,
    ModuleInject,
    Objective,
    Role,
    RoleKind,
    Scenario,
)

__all__ = [
    "ALL_RECIPIENTS",
    "CORE_CAPABILITIES",
    "Condition",
    "Contact",
    "CriticalTask",
    "Handout",
    "HandoutKind",
    "Inject",
    "InjectText",
    "Method",
    "MissionArea",
    "Module",
    "ModuleId",
    "ModuleInject",
    "Objective",
    "ObjectiveId",
    "Offset",
    "Option",
    "Role",
    "RoleId",
    "RoleKind",
    "Scenario",
    "Slug",
    "Variant",
    "format_offset",
    "parse_offset",
]
