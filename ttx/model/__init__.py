"""Pydantic models of authored content: scenarios, roles, objectives, modules, injects.

Pure: no I/O, no UI. Loading with file positions lives in `ttx.authoring`.
"""

from ttx.model.ids import ALL_RECIPIENTS, ModuleId, ObjectiveId, RoleId, Slug
from ttx.model.inject import Inject, Method, Option
from ttx.model.offsets import Offset, format_offset, parse_offset
from ttx.model.scenario import Module, ModuleInject, Objective, Role, RoleKind, Scenario

__all__ = [
    "ALL_RECIPIENTS",
    "Inject",
    "Method",
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
    "format_offset",
    "parse_offset",
]
