"""The design keys an MSEL has no column for, carried through a workbook in one cell.

A spreadsheet row is one inject; the scenario's overview and evaluation keys (threat,
points of contact, mission areas, glossary, conditions, handouts, and each objective's
core capability, critical tasks and time standard) travel as JSON in the `Design` row of
the `Exercise` sheet, so that export then import gives the scenario back.
"""

from __future__ import annotations

import json
from typing import Any

from ttx.model import Objective, Scenario

DESIGN_FIELD = "Design"
SCENARIO_KEYS = ("threat_hazard", "point_of_contact", "mission_areas", "glossary",
                 "conditions", "handouts")
OBJECTIVE_KEYS = ("core_capability", "mission_area", "critical_tasks", "within",
                  "measured_from")


def design_cell(scenario: Scenario) -> str | None:
    """The JSON text of the scenario's design keys, or None when it has none."""
    design: dict[str, Any] = scenario.model_dump(mode="json", include=set(SCENARIO_KEYS),
                                                 exclude_defaults=True)
    objectives = {objective.id: extra for objective in scenario.objectives
                  if (extra := objective.model_dump(mode="json", include=set(OBJECTIVE_KEYS),
                                                    exclude_defaults=True))}
    if objectives:
        design["objectives"] = objectives
    return json.dumps(design, ensure_ascii=False, indent=1) if design else None


def apply_design(data: dict[str, Any], text: str) -> str | None:
    """Merge the design keys of a `Design` cell into scenario `data` (whose objectives are
    models or mappings); a problem with the cell is returned as a message, not raised."""
    try:
        design = json.loads(text)
    except json.JSONDecodeError as error:
        return f"the Design cell is not JSON ({error.msg}); its keys were left out"
    if not isinstance(design, dict):
        return "the Design cell is not a JSON object; its keys were left out"
    for key in SCENARIO_KEYS:
        if key in design:
            data[key] = design[key]
    extras = design.get("objectives")
    if isinstance(extras, dict):
        merged = []
        for objective in data.get("objectives", []):
            plain = objective.model_dump() if isinstance(objective, Objective) else dict(objective)
            extra = extras.get(plain.get("id"))
            if isinstance(extra, dict):
                plain.update({k: v for k, v in extra.items() if k in OBJECTIVE_KEYS})
            merged.append(plain)
        data["objectives"] = merged
    return None
